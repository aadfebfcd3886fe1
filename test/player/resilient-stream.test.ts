import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FfmpegInfo, locateFfmpeg } from '../../src/player/ffmpeg-locator.ts';
import {
  type RecoveryEvent,
  ResilientOpusStream,
  type ResilientStreamOptions,
  StreamRecoveryError,
} from '../../src/player/resilient-stream.ts';
import { SpawnGate } from '../../src/player/spawn-gate.ts';
import {
  collect,
  decodePackets,
  makeStaircaseMp3,
  pitchMismatches,
  pitchOf,
  rmsOf,
  SAMPLE_RATE,
  slice,
} from './helpers/audio.ts';
import { type AudioServer, startAudioServer } from './helpers/audio-server.ts';

const TRACK_MS = 6000;
/** 20 ms Opus frames. */
const PACKETS_PER_SECOND = 50;

/**
 * Runs on the system ffmpeg when there is one and always on the bundled 2018 build (found with an
 * empty PATH, which also leaves no `nice`, so the os.setPriority path runs): users get either.
 */
const binaries: Array<[string, () => Promise<FfmpegInfo>]> = [
  ['first ffmpeg found', () => locateFfmpeg()],
  ['bundled ffmpeg', () => locateFfmpeg({ searchPath: '' })],
];

let server: AudioServer;
let track: Buffer;
let short: Buffer;

beforeAll(async () => {
  const ffmpeg = await locateFfmpeg();
  [track, short] = await Promise.all([makeStaircaseMp3(ffmpeg.path, 6), makeStaircaseMp3(ffmpeg.path, 3)]);
  server = await startAudioServer();
});

afterAll(() => server?.close());

let nextId = 0;
const freshPath = (name: string) => `/${name}/${++nextId}.mp3`;

describe.each(binaries)('ResilientOpusStream with the %s', (_label, getFfmpeg) => {
  let ffmpeg: FfmpegInfo;
  beforeAll(async () => {
    ffmpeg = await getFfmpeg();
  });

  /** A resolver that hands out the given routes in turn (the last one repeats), counting calls. */
  function resolver(...urls: Array<() => string>) {
    const calls: string[] = [];
    const resolveUrl = async () => {
      const url = urls[Math.min(calls.length, urls.length - 1)]!();
      calls.push(url);
      return { url };
    };
    return { resolveUrl, calls };
  }

  function stream(options: Partial<ResilientStreamOptions> & Pick<ResilientStreamOptions, 'resolveUrl'>) {
    return new ResilientOpusStream({ ffmpeg, durationMs: TRACK_MS, ...options });
  }

  const ok = () => server.route(freshPath('ok'), { kind: 'file', data: track });

  it('plays a track through: packet count and position match its duration', async () => {
    const positions: number[] = [];
    const s = stream({ ...resolver(ok), onPosition: (ms) => positions.push(ms) });
    const packets = await collect(s);

    expect(Math.abs(packets.length - (TRACK_MS / 1000) * PACKETS_PER_SECOND)).toBeLessThanOrEqual(2);
    expect(Math.abs(s.positionMs - TRACK_MS)).toBeLessThanOrEqual(40);
    // One progress report per second of audio, plus the final one.
    expect(positions.length).toBeGreaterThanOrEqual(6);
    expect(positions.at(-1)).toBe(s.positionMs);

    const pcm = await decodePackets(ffmpeg.path, packets);
    expect(pitchMismatches(pcm, 0)).toEqual([]);
  });

  it('starts at startMs (output-side seek lands on the right second)', async () => {
    const s = stream({ ...resolver(ok), startMs: 3000 });
    const packets = await collect(s);

    expect(Math.abs(packets.length - 3 * PACKETS_PER_SECOND)).toBeLessThanOrEqual(2);
    const pcm = await decodePackets(ffmpeg.path, packets);
    expect(pitchOf(slice(pcm, 0.1, 0.4))).toBeCloseTo(900, -2);
    expect(pitchMismatches(pcm, 3)).toEqual([]);
  });

  it('applies volume with ffmpeg (half gain gives half the amplitude)', async () => {
    const [full, half] = await Promise.all([
      collect(stream({ ...resolver(ok), durationMs: 3000, volume: 1 })),
      collect(stream({ ...resolver(ok), durationMs: 3000, volume: 0.5 })),
    ]);
    const [fullPcm, halfPcm] = await Promise.all([
      decodePackets(ffmpeg.path, full),
      decodePackets(ffmpeg.path, half),
    ]);
    const ratio = rmsOf(slice(halfPcm, 0.5, 2.5)) / rmsOf(slice(fullPcm, 0.5, 2.5));
    expect(ratio).toBeGreaterThan(0.45);
    expect(ratio).toBeLessThan(0.55);
  });

  it('resumes at the position reached with a fresh URL when the URL expires mid-song', async () => {
    const recoveries: RecoveryEvent[] = [];
    const { resolveUrl, calls } = resolver(
      () => server.route(freshPath('expiring'), { kind: 'expiring', data: track, cutAt: track.length / 2 }),
      ok,
    );
    const s = stream({ resolveUrl, onRecovery: (event) => recoveries.push(event) });
    const packets = await collect(s);

    expect(calls).toHaveLength(2);
    expect(recoveries).toHaveLength(1);
    // Half the bytes of a constant-bitrate MP3 is about half the track.
    expect(recoveries[0]!.positionMs).toBeGreaterThan(2500);
    expect(recoveries[0]!.positionMs).toBeLessThan(3500);
    expect(recoveries[0]!.reason).toMatch(/reached 0:0\d\.\d of 0:06\.0/);
    // Neither restarted from 0 (~9 s emitted) nor skipped: about the track's length in total.
    expect(Math.abs(packets.length - (TRACK_MS / 1000) * PACKETS_PER_SECOND)).toBeLessThanOrEqual(3);
    const pcm = await decodePackets(ffmpeg.path, packets);
    expect(pcm.length / SAMPLE_RATE).toBeCloseTo(TRACK_MS / 1000, 1);
    expect(pitchMismatches(pcm, 0)).toEqual([]);
  });

  it("starts the replacement while the reader still has the dead run's audio to play (no gap)", async () => {
    const positionsAtResolve: number[] = [];
    const urls = [
      () => server.route(freshPath('expiring'), { kind: 'expiring', data: track, cutAt: track.length / 2 }),
      ok,
    ];
    const s: ResilientOpusStream = stream({
      resolveUrl: async () => {
        positionsAtResolve.push(s.positionMs);
        return { url: urls[Math.min(positionsAtResolve.length - 1, 1)]!() };
      },
    });
    // Read half a second, then stop like a paced player would; ffmpeg runs ahead into the pipe,
    // hits the cut and dies while the reader is still at 0.5 s.
    const packets: Buffer[] = [];
    while (s.positionMs < 500) {
      const packet = s.read() as Buffer | null;
      if (packet) packets.push(packet);
      else await once(s, 'readable');
    }
    await vi.waitFor(() => expect(positionsAtResolve).toHaveLength(2), { timeout: 8000, interval: 20 });
    expect(positionsAtResolve[1]).toBeLessThan(1000);

    packets.push(...((await s.toArray()) as Buffer[]));
    const pcm = await decodePackets(ffmpeg.path, packets);
    expect(pcm.length / SAMPLE_RATE).toBeCloseTo(TRACK_MS / 1000, 1);
    expect(pitchMismatches(pcm, 0)).toEqual([]);
  });

  it('gives up after maxRecoveries with a typed error that says why', async () => {
    const recoveries: RecoveryEvent[] = [];
    const { resolveUrl, calls } = resolver(() => server.route(freshPath('gone'), { kind: 'forbidden' }));
    const s = stream({ resolveUrl, maxRecoveries: 3, onRecovery: (event) => recoveries.push(event) });

    const error = await collect(s).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StreamRecoveryError);
    const failure = error as StreamRecoveryError;
    expect(failure.recoveries).toBe(3);
    expect(failure.positionMs).toBe(0);
    expect(failure.message).toMatch(/failed at 0:00\.0 after 3 recoveries: .*403/);
    expect(calls).toHaveLength(4);
    expect(recoveries.map((r) => r.recovery)).toEqual([1, 2, 3]);
  });

  it('counts a CDN that keeps cutting at the same byte as failures, not as the end of the song', async () => {
    const cutting = () =>
      server.route(freshPath('cutting'), { kind: 'expiring', data: track, cutAt: track.length / 2 });
    const s = stream({ ...resolver(cutting), maxRecoveries: 1 });
    await expect(collect(s)).rejects.toThrow(StreamRecoveryError);
  });

  it('ends cleanly where the file really ends when it is shorter than the declared duration', async () => {
    // NetEase trial clips: the metadata says the full song, the URL serves 30 s.
    const recoveries: RecoveryEvent[] = [];
    const clip = () => server.route(freshPath('clip'), { kind: 'file', data: short });
    const s = stream({ ...resolver(clip), durationMs: 240_000, onRecovery: (e) => recoveries.push(e) });
    const packets = await collect(s);
    expect(recoveries).toEqual([]);
    expect(Math.abs(packets.length - 3 * PACKETS_PER_SECOND)).toBeLessThanOrEqual(2);
  });
});

describe('ResilientOpusStream commands', () => {
  let ffmpeg: FfmpegInfo;
  beforeAll(async () => {
    ffmpeg = await locateFfmpeg();
  });

  /** Reads packets until `positionMs` passes `ms`, then runs `act`, then reads the rest. */
  async function readWith(s: ResilientOpusStream, ms: number, act: () => void): Promise<Buffer[]> {
    const packets: Buffer[] = [];
    let acted = false;
    for await (const packet of s) {
      packets.push(packet as Buffer);
      if (!acted && s.positionMs >= ms) {
        acted = true;
        act();
      }
    }
    return packets;
  }

  it('seek() continues from the new position', async () => {
    const url = server.route(freshPath('seek'), { kind: 'file', data: track });
    const s = new ResilientOpusStream({ ffmpeg, durationMs: TRACK_MS, resolveUrl: async () => ({ url }) });
    const packets = await readWith(s, 1000, () => s.seek(4000));
    const pcm = await decodePackets(ffmpeg.path, packets);
    // ~1 s before the seek (+ up to 100 ms already buffered), then 4 s → 6 s.
    expect(pcm.length / SAMPLE_RATE).toBeGreaterThan(2.9);
    expect(pcm.length / SAMPLE_RATE).toBeLessThan(3.3);
    const tail = slice(pcm, pcm.length / SAMPLE_RATE - 1.8, pcm.length / SAMPLE_RATE - 1.2);
    expect(pitchOf(tail)).toBeCloseTo(1100, -2);
  });

  it('setVolume() switches within a second, playing old-volume audio while ffmpeg restarts', async () => {
    const url = server.route(freshPath('volume'), { kind: 'file', data: track });
    const s = new ResilientOpusStream({ ffmpeg, durationMs: TRACK_MS, resolveUrl: async () => ({ url }) });
    const packets = await readWith(s, 2000, () => s.setVolume(0.25));
    expect(s.currentVolume).toBe(0.25);
    const pcm = await decodePackets(ffmpeg.path, packets);
    // Continuous: nothing skipped or repeated across the restart.
    expect(pcm.length / SAMPLE_RATE).toBeCloseTo(TRACK_MS / 1000, 1);
    expect(pitchMismatches(pcm, 0)).toEqual([]);

    const loud = rmsOf(slice(pcm, 0.2, 1.8));
    const ratio = rmsOf(slice(pcm, 3.2, 5.8)) / loud;
    expect(ratio).toBeGreaterThan(0.2);
    expect(ratio).toBeLessThan(0.3);
    // Where the change is heard: after the ~0.8 s handover (not at once, which would have meant a
    // gap while ffmpeg restarted) and within a second of the request.
    let switchedAt = 2;
    while (rmsOf(slice(pcm, switchedAt, switchedAt + 0.04)) > loud * 0.6) switchedAt += 0.02;
    expect(switchedAt).toBeGreaterThan(2.5);
    expect(switchedAt).toBeLessThan(3.15);
  });

  it('starts through the spawn gate and leaves no ffmpeg behind when destroyed', async () => {
    const gate = new SpawnGate({ maxConcurrent: 1, minIntervalMs: 50 });
    const url = server.route(freshPath('destroy'), { kind: 'file', data: track });
    const s = new ResilientOpusStream({
      ffmpeg,
      gate,
      durationMs: TRACK_MS,
      resolveUrl: async () => ({ url }),
    });
    const first = await new Promise<Buffer>((resolve) => s.once('data', resolve));
    expect(first.length).toBeGreaterThan(0);
    s.destroy();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await ffmpegChildren()).toEqual([]);
    expect(gate.active).toBe(0);
  });
});

/** ffmpeg processes whose parent is this test process (Linux /proc). */
async function ffmpegChildren(): Promise<number[]> {
  const { readdir, readFile } = await import('node:fs/promises');
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const match = /^\d+ \((.*)\) (\S) (\d+)/.exec(stat);
    if (match && match[1] === 'ffmpeg' && match[2] !== 'Z' && Number(match[3]) === process.pid)
      found.push(Number(entry));
  }
  return found;
}
