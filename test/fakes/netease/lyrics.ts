/**
 * Lyrics: `/api/song/lyric` (old: the `lv/tv/rv/kv` flags choose what comes back, as on the real
 * endpoint, so a client that forgets `lv` gets no lrc) and `/api/song/lyric/v1` (adds word-timed
 * `yrc` when `yv` is sent, and `pureMusic`). Instrumental songs answer `nolyric: true`; songs
 * nobody transcribed answer `uncollected: true`.
 */
import type { FakeSong } from './catalog.ts';
import { songById } from './catalog.ts';
import { ARTISTS } from './fixtures/artists.ts';
import { type LyricFixture, lyricsOf } from './fixtures/lyrics.ts';
import { imageUrl } from './shapes.ts';
import type { ApiAnswer, ApiCall, Route } from './state.ts';
import { json } from './state.ts';
import { num } from './util.ts';

function contributor(nickname: string | undefined, id: number): Record<string, unknown> | undefined {
  if (!nickname) return undefined;
  return { id, status: 99, demand: 0, userid: 40_000_000 + id, nickname, uptime: 1_602_512_345_678 };
}

function has(call: ApiCall, flag: string): boolean {
  return call.payload[flag] !== undefined && call.payload[flag] !== '';
}

/** Expands `[t1][t2]text` lines into (time, text) pairs, skipping tags like `[ar:]`. */
function timedLines(lrc: string): { time: number; text: string }[] {
  const lines: { time: number; text: string }[] = [];
  for (const raw of lrc.split('\n')) {
    const stamps = [...raw.matchAll(/\[(\d+):(\d+(?:\.\d+)?)\]/g)];
    if (stamps.length === 0) continue;
    const text = raw.replace(/\[\d+:\d+(?:\.\d+)?\]/g, '').trim();
    for (const stamp of stamps)
      lines.push({ time: Math.round((Number(stamp[1]) * 60 + Number(stamp[2])) * 1000), text });
  }
  return lines.sort((a, b) => a.time - b.time);
}

/**
 * A word-timed `yrc` derived from the LRC: credits become the JSON lines the service uses for
 * them, every other line `[start,duration](wordStart,wordDuration,0)char...`.
 */
function yrcOf(lrc: string): string {
  const lines = timedLines(lrc).filter((line) => line.text !== '');
  const out: string[] = [];
  lines.forEach((line, index) => {
    const credit = /^(作词|作曲|编曲|制作人)\s*:\s*(.+)$/.exec(line.text);
    if (credit) {
      // Credited names that are catalogue artists link to the artist page, as in real yrc.
      const artist = Object.values(ARTISTS).find((a) => a.name === credit[2]);
      const link = artist
        ? { li: imageUrl(artist.picId), or: `orpheus://nm/artist/home?id=${artist.id}&type=artist` }
        : {};
      out.push(JSON.stringify({ t: line.time, c: [{ tx: `${credit[1]}: ` }, { tx: credit[2], ...link }] }));
      return;
    }
    const next = lines[index + 1]?.time ?? line.time + 3000;
    const duration = Math.max(200, next - line.time);
    const chars = [...line.text];
    const each = Math.floor(duration / Math.max(1, chars.length));
    const words = chars.map((ch, i) => `(${line.time + i * each},${each},0)${ch}`).join('');
    out.push(`[${line.time},${duration}]${words}`);
  });
  return `${out.join('\n')}\n`;
}

function base(): Record<string, unknown> {
  return { sgc: false, sfy: false, qfy: false };
}

function withText(
  call: ApiCall,
  song: FakeSong,
  fixture: LyricFixture,
  v1: boolean,
): Record<string, unknown> {
  const body: Record<string, unknown> = base();
  const lyricUser = contributor(fixture.lyricUser, 1);
  const transUser = contributor(fixture.transUser, 2);
  if (transUser) body.transUser = transUser;
  if (lyricUser) body.lyricUser = lyricUser;
  if (has(call, 'lv')) body.lrc = { version: 18, lyric: fixture.lrc };
  if (has(call, 'kv')) body.klyric = { version: 0, lyric: '' };
  if (has(call, 'tv')) body.tlyric = { version: fixture.tlyric ? 6 : 0, lyric: fixture.tlyric ?? '' };
  if (has(call, 'rv')) body.romalrc = { version: fixture.romalrc ? 3 : 0, lyric: fixture.romalrc ?? '' };
  if (v1 && has(call, 'yv') && song.lyric === 'timed') {
    body.yrc = { version: 5, lyric: yrcOf(fixture.lrc) };
    if (has(call, 'ytv')) body.ytlrc = { version: 0, lyric: '' };
    if (has(call, 'yrv')) body.yromalrc = { version: 0, lyric: '' };
  }
  if (v1) body.pureMusic = false;
  body.code = 200;
  return body;
}

function lyric(call: ApiCall, v1: boolean): ApiAnswer {
  const song = songById(num(call.payload.id, 0));
  if (!song || song.lyric === 'uncollected') {
    return json({ ...base(), sgc: true, uncollected: true, needDesc: true, briefDesc: null, code: 200 });
  }
  if (song.lyric === 'instrumental') {
    const body: Record<string, unknown> = { ...base(), nolyric: true };
    if (v1) {
      // lyric/v1 also marks pure music and still ships a one-line "please enjoy" lrc.
      body.pureMusic = true;
      body.lrc = { version: 1, lyric: '[99:00.00]纯音乐，请欣赏\n' };
    }
    body.code = 200;
    return json(body);
  }
  const fixture = lyricsOf(song);
  if (!fixture) return json({ ...base(), uncollected: true, code: 200 });
  return json(withText(call, song, fixture, v1));
}

export const routes: Route[] = [
  { path: '/api/song/lyric', handle: (call) => lyric(call, false) },
  { path: '/api/song/lyric/v1', handle: (call) => lyric(call, true) },
];
