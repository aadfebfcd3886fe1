/**
 * Test audio: a "staircase" tone whose pitch tells where in the track a sound comes from
 * (300 Hz in second 0, 500 Hz in second 1, … 300 + 200·k Hz in second k), and tools to decode
 * emitted Opus packets back to PCM with the real ffmpeg and measure pitch and loudness.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { OggOpusMuxer } from '../../../src/player/ogg-opus-muxer.ts';

export const SAMPLE_RATE = 48_000;

/** The staircase's pitch at a point in the track. */
export function toneAt(seconds: number): number {
  return 300 + 200 * Math.floor(seconds);
}

function ffmpegOutput(ffmpeg: string, args: string[], input?: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      ffmpeg,
      ['-hide_banner', '-nostdin', '-loglevel', 'error', ...args],
      { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
    );
    if (input) child.stdin!.end(input);
  });
}

/**
 * An MP3 (44.1 kHz stereo, like NetEase's) of the staircase tone. The phase is continuous at each
 * step because 2π·f·t is a whole number of turns at whole seconds.
 */
export async function makeStaircaseMp3(ffmpeg: string, seconds: number): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'player-fixture-'));
  try {
    const file = path.join(dir, 'tone.mp3');
    const expr = '0.5*sin(2*PI*(300+200*floor(t))*t)';
    await ffmpegOutput(ffmpeg, [
      '-f',
      'lavfi',
      '-i',
      `aevalsrc=${expr}|${expr}:s=44100:d=${seconds}`,
      '-c:a',
      'libmp3lame',
      '-b:a',
      '128k',
      file,
    ]);
    return await readFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Decodes Opus packets (as the voice player would receive them) to mono 48 kHz samples in [-1, 1]. */
export async function decodePackets(ffmpeg: string, packets: Buffer[]): Promise<Float32Array> {
  const ogg = Buffer.concat(await Readable.from(packets).pipe(new OggOpusMuxer()).toArray());
  const pcm = await ffmpegOutput(
    ffmpeg,
    ['-f', 'ogg', '-i', 'pipe:0', '-ac', '1', '-ar', '48000', '-f', 'f32le', 'pipe:1'],
    ogg,
  );
  return new Float32Array(pcm.buffer, pcm.byteOffset, pcm.byteLength / 4);
}

/** Pitch of a pure tone from its zero crossings (a sine crosses zero twice per period). */
export function pitchOf(samples: Float32Array): number {
  let crossings = 0;
  for (let i = 1; i < samples.length; i++) {
    if (samples[i - 1]! < 0 !== samples[i]! < 0) crossings++;
  }
  return crossings / 2 / (samples.length / SAMPLE_RATE);
}

export function rmsOf(samples: Float32Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / Math.max(1, samples.length));
}

/** The samples between two points of the decoded output, in seconds. */
export function slice(samples: Float32Array, fromSeconds: number, toSeconds: number): Float32Array {
  return samples.subarray(Math.round(fromSeconds * SAMPLE_RATE), Math.round(toSeconds * SAMPLE_RATE));
}

/**
 * Checks that output second by second carries the pitch the track has at `startSeconds + t`:
 * a resumed stream that restarted from 0, skipped ahead or repeated would fail here. The middle
 * of each second is compared (windows away from the pitch steps and possible splice points).
 */
export function pitchMismatches(samples: Float32Array, startSeconds: number): string[] {
  const problems: string[] = [];
  const seconds = samples.length / SAMPLE_RATE;
  for (let t = Math.ceil(startSeconds) - startSeconds; t + 1 <= seconds + 0.05; t += 1) {
    for (let w = 0.15; w < 0.85; w += 0.1) {
      const from = t + w;
      const expected = toneAt(startSeconds + from + 0.05);
      const actual = pitchOf(slice(samples, from, from + 0.1));
      if (Math.abs(actual - expected) > 40) {
        problems.push(`at ${from.toFixed(2)} s: ${actual.toFixed(0)} Hz, expected ${expected} Hz`);
      }
    }
  }
  return problems;
}

/** Reads a whole object-mode stream, rejecting with its error. */
export async function collect(stream: Readable): Promise<Buffer[]> {
  return (await stream.toArray()) as Buffer[];
}
