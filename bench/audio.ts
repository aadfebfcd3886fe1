/**
 * Audio pipeline benchmark: how long from starting a track to its first Opus packet, and how much
 * CPU a transcode costs per second of audio. Returns numbers; the benchmark runner formats them.
 * Run alone with `npx tsx bench/audio.ts` (prints JSON).
 */
import { execFile, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { locateFfmpeg } from '../src/player/ffmpeg-locator.ts';
import { ResilientOpusStream } from '../src/player/resilient-stream.ts';
import { startTranscode } from '../src/player/transcode.ts';

export interface AudioBenchOptions {
  /** Start-ups measured for time to first packet. */
  firstPacketRuns?: number;
  /** Whole transcodes measured for CPU. */
  transcodeRuns?: number;
  /** Length of the test song. */
  audioSeconds?: number;
  ffmpegPath?: string;
}

export interface AudioBenchResult {
  ffmpeg: { path: string; source: string; version: string; niced: boolean };
  input: string;
  /** Creating the stream until its first Opus packet (ffmpeg spawn, HTTP fetch, decode, encode, demux). */
  firstPacketMs: { median: number; p95: number; min: number; max: number; runs: number };
  /** ffmpeg user+system CPU seconds per second of audio, unpaced (median of runs); null off Linux. */
  cpuSecondsPerAudioSecond: number | null;
  /** Seconds of audio transcoded per wall-clock second, unpaced (median of runs). */
  realtimeFactor: number;
  transcodeRuns: number;
}

export async function benchAudio(options: AudioBenchOptions = {}): Promise<AudioBenchResult> {
  const firstPacketRuns = options.firstPacketRuns ?? 10;
  const transcodeRuns = options.transcodeRuns ?? 3;
  const audioSeconds = options.audioSeconds ?? 60;
  const ffmpeg = await locateFfmpeg({ ffmpegPath: options.ffmpegPath });

  const dir = await mkdtemp(path.join(tmpdir(), 'bench-audio-'));
  const server = http.createServer();
  try {
    // Like perf.md: a 320 kbps 44.1 kHz stereo MP3 of pink noise plus a sine, served over loopback HTTP.
    const file = path.join(dir, 'song.mp3');
    await run(ffmpeg.path, [
      '-hide_banner',
      '-nostdin',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      `anoisesrc=color=pink:amplitude=0.2:duration=${audioSeconds}:sample_rate=44100`,
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=440:duration=${audioSeconds}:sample_rate=44100`,
      '-filter_complex',
      'amix=inputs=2,aformat=channel_layouts=stereo',
      '-c:a',
      'libmp3lame',
      '-b:a',
      '320k',
      file,
    ]);
    const song = await readFile(file);
    server.on('request', (_req, res) => {
      res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': song.length }).end(song);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/song.mp3`;

    const firstPacket: number[] = [];
    for (let i = 0; i < firstPacketRuns; i++) {
      const started = performance.now();
      const stream = new ResilientOpusStream({
        ffmpeg,
        durationMs: audioSeconds * 1000,
        resolveUrl: async () => ({ url }),
      });
      await once(stream, 'data');
      firstPacket.push(performance.now() - started);
      stream.destroy();
      await once(stream, 'close');
    }

    const cpu: number[] = [];
    const speed: number[] = [];
    for (let i = 0; i < transcodeRuns; i++) {
      const before = childCpuSeconds();
      const started = performance.now();
      const transcode = startTranscode({ ffmpeg, input: url });
      transcode.stdout.resume();
      const exit = await transcode.exited;
      if (exit.code !== 0) throw new Error(`benchmark transcode failed: ${exit.stderr.slice(-500)}`);
      speed.push(audioSeconds / ((performance.now() - started) / 1000));
      const after = childCpuSeconds();
      if (before !== null && after !== null) cpu.push((after - before) / audioSeconds);
    }

    const sorted = [...firstPacket].sort((a, b) => a - b);
    return {
      ffmpeg: {
        path: ffmpeg.path,
        source: ffmpeg.source,
        version: ffmpeg.version,
        niced: ffmpeg.nicePath !== null,
      },
      input: `${audioSeconds} s MP3, 320 kbps, 44.1 kHz stereo, loopback HTTP`,
      firstPacketMs: {
        median: round(percentile(sorted, 0.5)),
        p95: round(percentile(sorted, 0.95)),
        min: round(sorted[0]!),
        max: round(sorted.at(-1)!),
        runs: sorted.length,
      },
      cpuSecondsPerAudioSecond: cpu.length ? round(median(cpu), 5) : null,
      realtimeFactor: round(median(speed), 1),
      transcodeRuns,
    };
  } finally {
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * CPU time of this process's reaped children (cutime + cstime in /proc/self/stat). Node reaps
 * ffmpeg before emitting 'close', so the difference around one transcode is exactly its cost,
 * including the last milliseconds that polling /proc/<pid>/stat would miss.
 */
function childCpuSeconds(): number | null {
  if (process.platform !== 'linux') return null;
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // Fields after "(comm) " start at field 3 (state); cutime and cstime are fields 16 and 17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / clockTicks();
}

let ticks: number | undefined;
function clockTicks(): number {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticks = 100; // the Linux default
    }
  }
  return ticks;
}

function run(binary: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(binary, args, (error, _stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(),
    );
  });
}

function percentile(sorted: number[], p: number): number {
  // Nearest rank: with 10 runs the p95 is the slowest run.
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchAudio(), null, 2));
}
