/**
 * The fake CDN: song URLs point back at the fake (`/_audio/<id>/<level>.<ext>?expires&sig`), are
 * signed and expire like the real m*.music.126.net links (403 afterwards), support Range (seeking
 * players and resumable downloads use it), and can be told to drop the connection mid-file.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeSong, Level } from './catalog.ts';
import { songById } from './catalog.ts';
import { type AudioFileKey, type LoadedAudio, loadAudio } from './fixtures/audio.ts';
import type { FakeState } from './state.ts';

export function isLosslessLevel(level: Level): boolean {
  return level === 'lossless' || level === 'hires';
}

export function audioFileKey(song: FakeSong, level: Level, trial: boolean): AudioFileKey {
  if (trial) return 'trial2Mp3';
  if (song.audio === 'tone6') return 'tone6Mp3';
  return isLosslessLevel(level) ? 'tone4Flac' : 'tone4Mp3';
}

export function audioFile(song: FakeSong, level: Level, trial = false): LoadedAudio {
  return loadAudio()[audioFileKey(song, level, trial)];
}

/** What the service claims the file weighs: the served file's size unless the song overrides it. */
export function reportedSize(song: FakeSong, level: Level): number {
  return song.reportedSize?.[level] ?? audioFile(song, level).data.length;
}

const md5Cache = new Map<AudioFileKey, string>();

export function audioMd5(song: FakeSong, level: Level, trial = false): string {
  const key = audioFileKey(song, level, trial);
  let md5 = md5Cache.get(key);
  if (!md5) {
    md5 = createHash('md5').update(loadAudio()[key].data).digest('hex');
    md5Cache.set(key, md5);
  }
  return md5;
}

function sign(state: FakeState, pathAndQuery: string): string {
  return createHmac('sha256', state.audioSecret).update(pathAndQuery).digest('hex').slice(0, 32);
}

export function signedAudioUrl(state: FakeState, song: FakeSong, level: Level, trial: boolean): string {
  const ext = audioFileKey(song, level, trial).endsWith('Flac') ? 'flac' : 'mp3';
  const expires = Date.now() + state.ttlMs;
  const unsigned = `/_audio/${song.id}/${level}.${ext}?expires=${expires}${trial ? '&trial=1' : ''}`;
  return `${state.baseUrl}${unsigned}&sig=${sign(state, unsigned)}`;
}

/** The logical path failNext uses for a song's audio, e.g. `/_audio/186016`. */
export const AUDIO_PATH = /^\/_audio\/(\d+)\/(standard|higher|exhigh|lossless|hires)\.(mp3|flac)$/;

function deny(res: ServerResponse, status: number, message: string): void {
  // The CDN answers denials with a small XML/HTML body, never JSON.
  const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${message}</Code></Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function verify(state: FakeState, url: URL): boolean {
  const sig = url.searchParams.get('sig') ?? '';
  const trial = url.searchParams.get('trial') === '1';
  const unsigned = `${url.pathname}?expires=${url.searchParams.get('expires') ?? ''}${trial ? '&trial=1' : ''}`;
  const expected = Buffer.from(sign(state, unsigned));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Parses a single `bytes=` range; undefined = whole file, null = unsatisfiable. */
function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | undefined | null {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return null;
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return null;
  return { start, end };
}

export function serveAudio(state: FakeState, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const match = AUDIO_PATH.exec(url.pathname);
  const song = match ? songById(Number(match[1])) : undefined;
  if (!match || !song || song.grey) {
    deny(res, 404, 'NoSuchKey');
    return;
  }
  const expires = Number(url.searchParams.get('expires'));
  if (!verify(state, url)) {
    deny(res, 403, 'SignatureDoesNotMatch');
    return;
  }
  if (!Number.isFinite(expires) || Date.now() > expires) {
    deny(res, 403, 'RequestExpired');
    return;
  }

  const file = audioFile(song, match[2] as Level, url.searchParams.get('trial') === '1');
  state.audio.hits.set(song.id, (state.audio.hits.get(song.id) ?? 0) + 1);

  const size = file.data.length;
  const range = parseRange(req.headers.range, size);
  if (range === null) {
    res.writeHead(416, { 'content-range': `bytes */${size}`, 'content-length': 0 });
    res.end();
    return;
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  const headers: Record<string, string | number> = {
    'content-type': file.contentType,
    'content-length': end - start + 1,
    'accept-ranges': 'bytes',
    'cache-control': 'max-age=31536000',
  };
  if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`;
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }

  const body = file.data.subarray(start, end + 1);
  const cut = state.audio.cuts.get(song.id);
  if (cut && cut.times > 0) {
    cut.times -= 1;
    if (cut.times === 0) state.audio.cuts.delete(song.id);
    // Send part of the promised body, then drop the connection like a flaky CDN edge.
    res.write(body.subarray(0, Math.min(cut.bytes, body.length)), () => {
      setTimeout(() => req.socket.destroy(), 20);
    });
    return;
  }
  res.end(body);
}
