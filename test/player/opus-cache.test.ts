import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { locateFfmpeg } from '../../src/player/ffmpeg-locator.ts';
import { OpusCache } from '../../src/player/opus-cache.ts';
import { ResilientOpusStream } from '../../src/player/resilient-stream.ts';
import { collect, makeStaircaseMp3 } from './helpers/audio.ts';
import { type AudioServer, startAudioServer } from './helpers/audio-server.ts';

/** `count` 20 ms packets whose bytes say which packet they are. */
function packets(count: number, size = 300): Buffer[] {
  return Array.from({ length: count }, (_, i) => {
    const packet = Buffer.alloc(size, i % 256);
    packet[0] = 31 << 3; // CELT fullband, 20 ms
    packet.writeUInt16BE(i, 1);
    return packet;
  });
}

async function store(cache: OpusCache, songId: number, content: Buffer[]): Promise<boolean> {
  const recorder = cache.record({ songId, quality: 'exhigh' });
  for (const packet of content) recorder.write(packet);
  recorder.commit();
  return recorder.done;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'opus-cache-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('OpusCache', () => {
  it('stores a recording and plays it back packet for packet, also from a position', async () => {
    const cache = await OpusCache.open({ dir, maxBytes: 10_000_000 });
    const song = packets(250); // 5 s
    expect(await cache.read({ songId: 1, quality: 'exhigh' })).toBeNull();
    expect(await store(cache, 1, song)).toBe(true);

    expect(cache.has({ songId: 1, quality: 'exhigh' })).toBe(true);
    expect(cache.has({ songId: 1, quality: 'lossless' })).toBe(false);
    expect(await collect((await cache.read({ songId: 1, quality: 'exhigh' }))!)).toEqual(song);
    const fromTwoSeconds = await collect(
      (await cache.read({ songId: 1, quality: 'exhigh' }, { startMs: 2000 }))!,
    );
    expect(fromTwoSeconds).toEqual(song.slice(100));
  });

  it('keeps nothing of an aborted recording', async () => {
    const cache = await OpusCache.open({ dir, maxBytes: 10_000_000 });
    const recorder = cache.record({ songId: 2, quality: 'exhigh' });
    for (const packet of packets(50)) recorder.write(packet);
    recorder.abort();
    expect(await recorder.done).toBe(false);
    expect(cache.has({ songId: 2, quality: 'exhigh' })).toBe(false);
    expect(await readdir(dir)).toEqual([]);
  });

  it('evicts the least recently played songs when over its size', async () => {
    const song = packets(100);
    const probe = await OpusCache.open({ dir: path.join(dir, 'probe'), maxBytes: 10_000_000 });
    await store(probe, 0, song);
    const fileSize = probe.size;

    const cache = await OpusCache.open({ dir, maxBytes: Math.floor(fileSize * 2.5) });
    await store(cache, 1, song);
    await store(cache, 2, song);
    (await cache.read({ songId: 1, quality: 'exhigh' }))!.destroy(); // 1 is now more recent than 2
    await store(cache, 3, song);

    expect(cache.has({ songId: 1, quality: 'exhigh' })).toBe(true);
    expect(cache.has({ songId: 2, quality: 'exhigh' })).toBe(false);
    expect(cache.has({ songId: 3, quality: 'exhigh' })).toBe(true);
    expect(cache.size).toBeLessThanOrEqual(fileSize * 2.5);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await readdir(dir)).sort()).toEqual(['1-exhigh.opus', '3-exhigh.opus', 'probe']);
  });

  it('finds its files again after a restart and clears half-written ones', async () => {
    const first = await OpusCache.open({ dir, maxBytes: 10_000_000 });
    await store(first, 7, packets(50));
    await writeFile(path.join(dir, '8-exhigh.opus.123-abcdef01.tmp'), 'partial');

    const again = await OpusCache.open({ dir, maxBytes: 10_000_000 });
    expect(again.has({ songId: 7, quality: 'exhigh' })).toBe(true);
    expect(again.size).toBe(first.size);
    expect(await readdir(dir)).toEqual(['7-exhigh.opus']);
  });

  it('never lets a key name a file outside its directory', async () => {
    const cache = await OpusCache.open({ dir, maxBytes: 10_000_000 });
    await store(cache, '../../etc/passwd' as unknown as number, packets(5));
    expect(await readdir(dir)).toEqual(['______etc_passwd-exhigh.opus']);
  });
});

describe('OpusCache with ResilientOpusStream', () => {
  let server: AudioServer;
  let url: string;
  beforeAll(async () => {
    const ffmpeg = await locateFfmpeg();
    server = await startAudioServer();
    url = server.route('/cache/song.mp3', { kind: 'file', data: await makeStaircaseMp3(ffmpeg.path, 3) });
  });
  afterAll(() => server?.close());

  it('keeps a track that played through untouched, and not one that was seeked', async () => {
    const ffmpeg = await locateFfmpeg();
    const cache = await OpusCache.open({ dir, maxBytes: 10_000_000 });
    const key = { songId: 42, quality: 'standard' };

    const recorder = cache.record(key);
    const played = await collect(
      new ResilientOpusStream({ ffmpeg, durationMs: 3000, resolveUrl: async () => ({ url }), recorder }),
    );
    expect(await recorder.done).toBe(true);
    expect(await collect((await cache.read(key))!)).toEqual(played);

    const seekKey = { songId: 43, quality: 'standard' };
    const seekRecorder = cache.record(seekKey);
    const seeked = new ResilientOpusStream({
      ffmpeg,
      durationMs: 3000,
      resolveUrl: async () => ({ url }),
      recorder: seekRecorder,
    });
    let first = true;
    for await (const _ of seeked) {
      if (first) seeked.seek(2000);
      first = false;
    }
    expect(await seekRecorder.done).toBe(false);
    expect(cache.has(seekKey)).toBe(false);
  });
});
