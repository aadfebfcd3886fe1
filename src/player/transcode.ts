/**
 * One ffmpeg run: read a song (HTTP(S) URL or local file), write Ogg/Opus to stdout. Knows nothing
 * about retries or positions; resilient-stream.ts restarts it when it ends too early.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import os from 'node:os';
import type { Readable } from 'node:stream';
import type { FfmpegInfo, HttpInputOption } from './ffmpeg-locator.ts';

export interface TranscodeOptions {
  ffmpeg: FfmpegInfo;
  /** An http(s) URL or a local file path. */
  input: string;
  /** Where in the track to start. Applied on the output side, see buildTranscodeArgs. */
  startMs?: number;
  /** Linear gain, 1 = unchanged (the queue's percent / 100). */
  volume?: number;
  /** Opus bitrate; 128 kbps is transparent for music and Discord forwards our packets as they are. */
  bitrateKbps?: number;
  /** Niceness for ffmpeg; 10 lets Node's 20 ms voice send loop win the CPU (perf.md). 0 = as is. */
  niceness?: number;
  /** Aborting kills ffmpeg at once. */
  signal?: AbortSignal;
}

export interface TranscodeExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when the caller aborted: the end is wanted, not a failure. */
  aborted: boolean;
  /** Spawn failure (e.g. the binary vanished), if that is why it ended. */
  error?: Error;
  /** The start and the end of ffmpeg's log (bounded), for error messages. */
  stderr: string;
  /** The input's length as ffmpeg read it from the file headers, when it printed one. */
  inputDurationMs?: number;
}

export interface Transcode {
  /** Ogg/Opus bytes. */
  readonly stdout: Readable;
  /**
   * Settles (never rejects) once ffmpeg has exited or failed to start and its output has been
   * read to the end (stdout must be consumed or destroyed for this to happen).
   */
  readonly exited: Promise<TranscodeExit>;
  /** Resolves as soon as the process is gone, even while its last output still sits in the pipe. */
  readonly processEnded: Promise<void>;
  readonly pid: number | undefined;
}

const isHttp = (input: string) => /^https?:\/\//i.test(input);

/**
 * Input options for network sources, each only if this build knows it (an unknown option makes
 * ffmpeg refuse to start, and the bundled 2018 build lacks reconnect_on_network_error).
 */
const HTTP_INPUT_ARGS: ReadonlyArray<[HttpInputOption, string]> = [
  // A dropped connection is resumed by ffmpeg itself with a Range request at the byte it reached,
  // which heals CDN resets without a restart; we only restart when that fails (expired URL: 403).
  ['reconnect', '1'],
  // Also when the server did not advertise byte ranges.
  ['reconnect_streamed', '1'],
  // Give up after ~2 s instead of the default 120 s, so our fresh-URL recovery takes over quickly.
  ['reconnect_delay_max', '2'],
  // ffmpeg ≥ 4.4: also retry when the reconnect's TCP/TLS handshake itself fails.
  ['reconnect_on_network_error', '1'],
  // A CDN that stops sending without closing would hang ffmpeg forever; time out after 15 s of
  // silence (µs). It does not fire while paused: then ffmpeg is blocked writing, not reading.
  ['rw_timeout', '15000000'],
];

/** The ffmpeg argument list (without the binary), exported so tests can read it. */
export function buildTranscodeArgs(options: Omit<TranscodeOptions, 'signal' | 'niceness'>): string[] {
  const { ffmpeg, input, startMs = 0, volume = 1, bitrateKbps = 128 } = options;
  if (!Number.isFinite(startMs) || startMs < 0) throw new RangeError(`startMs must be ≥ 0, got ${startMs}`);
  if (!Number.isFinite(volume) || volume < 0) throw new RangeError(`volume must be ≥ 0, got ${volume}`);

  // -nostdin: ffmpeg would otherwise read keystrokes (q) from an inherited terminal.
  // -nostats: no progress line every half second. Info level stays on because the input's
  // "Duration:" line tells the resilient stream where the file really ends.
  const args = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info'];
  if (isHttp(input)) {
    for (const [option, value] of HTTP_INPUT_ARGS) {
      if (ffmpeg.httpOptions.has(option)) args.push(`-${option}`, value);
    }
  }
  args.push('-i', input);
  // -ss after -i (output side): ffmpeg decodes from the start and drops audio until the position.
  // Input-side seeking jumps by an estimated byte offset with a Range request, which NetEase's CDN
  // ignores (it answers from byte 0), so the song would silently restart. Decoding the skipped part
  // costs ~0.14 CPU-s per minute of MP3 (perf.md), which is acceptable.
  if (startMs > 0) args.push('-ss', (startMs / 1000).toFixed(3));
  // First audio stream only: MP3s often carry cover art as a video stream, which Ogg cannot hold.
  args.push('-map', '0:a:0', '-map_metadata', '-1', '-map_chapters', '-1');
  // Volume is applied here, once per start; inlineVolume would decode and re-encode every frame in JS.
  if (volume !== 1) args.push('-af', `volume=${volume.toFixed(3)}`);
  args.push(
    // Discord plays 48 kHz stereo Opus in 20 ms frames; libopus only takes 48 kHz-family rates anyway.
    '-ac',
    '2',
    '-ar',
    '48000',
    '-c:a',
    'libopus',
    '-b:a',
    `${bitrateKbps}k`,
    // 5 instead of 10 saves ~25% of the encode CPU (libopus is ~80% of a transcode) for a
    // difference nobody hears at 128 kbps.
    '-compression_level',
    '5',
    '-frame_duration',
    '20',
    // Ogg pages of 100 ms instead of 1 s: the first packet leaves sooner, and a page never reaches
    // 255 segments, so no packet is split across pages (prism's OggDemuxer cannot rejoin those).
    '-page_duration',
    '100000',
    '-f',
    'ogg',
    'pipe:1',
  );
  return args;
}

/** Keeps the start (where ffmpeg describes the input) and the end (where it says what went wrong). */
class LogCapture {
  private head = '';
  private tail = '';
  private dropped = false;

  constructor(
    private readonly headLimit = 4096,
    private readonly tailLimit = 4096,
  ) {}

  add(text: string): void {
    if (this.head.length < this.headLimit) {
      const room = this.headLimit - this.head.length;
      this.head += text.slice(0, room);
      text = text.slice(room);
    }
    if (!text) return;
    this.tail += text;
    if (this.tail.length > this.tailLimit * 2) {
      this.tail = this.tail.slice(-this.tailLimit);
      this.dropped = true;
    }
  }

  get headText(): string {
    return this.head;
  }

  toString(): string {
    return this.dropped ? `${this.head}\n[…]\n${this.tail.slice(-this.tailLimit)}` : this.head + this.tail;
  }
}

/** Reads ffmpeg's "Duration: 00:03:25.43" line for the (first) input. */
export function parseInputDurationMs(log: string): number | undefined {
  const match = /Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(log);
  if (!match) return undefined;
  return Math.round(((Number(match[1]) * 60 + Number(match[2])) * 60 + Number(match[3])) * 1000);
}

/** Starts ffmpeg at lower priority. The caller must consume or destroy `stdout`. */
export function startTranscode(options: TranscodeOptions): Transcode {
  const args = buildTranscodeArgs(options);
  const niceness = options.niceness ?? 10;
  const { ffmpeg, signal } = options;
  const useNice = niceness !== 0 && ffmpeg.nicePath !== null;
  // `nice` execs ffmpeg in place, so the pid (for kill and /proc) is still ffmpeg's own.
  const child: ChildProcess = useNice
    ? spawn(ffmpeg.nicePath!, ['-n', String(niceness), ffmpeg.path, ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      })
    : spawn(ffmpeg.path, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  if (!useNice && niceness !== 0 && child.pid !== undefined) {
    try {
      // Without `nice` (Windows, minimal images), lower it right after spawn: ffmpeg spends its
      // first milliseconds loading libraries, so little runs at normal priority.
      os.setPriority(child.pid, niceness);
    } catch {
      // Not permitted or already gone: playback still works, just without the priority drop.
    }
  }

  const log = new LogCapture();
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (text: string) => log.add(text));

  let aborted = false;
  const onAbort = () => {
    aborted = true;
    // SIGKILL: nothing in ffmpeg's output is worth finishing, and a process blocked on a full
    // pipe reacts to it at once.
    child.kill('SIGKILL');
    child.stdout!.destroy();
  };
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });

  const exited = new Promise<TranscodeExit>((resolve) => {
    let spawnError: Error | undefined;
    child.once('error', (error) => {
      spawnError = error;
      // 'close' does not follow when the spawn itself failed.
      if (child.pid === undefined) finish(null, null);
    });
    // 'close' waits for stdio to close too, so every byte of stderr has been captured by then.
    child.once('close', (code, sig) => finish(code, sig));
    const finish = (code: number | null, sig: NodeJS.Signals | null) => {
      signal?.removeEventListener('abort', onAbort);
      const stderr = log.toString();
      resolve({
        code,
        signal: sig,
        aborted,
        ...(spawnError ? { error: spawnError } : {}),
        stderr,
        inputDurationMs: parseInputDurationMs(log.headText),
      });
    };
  });

  const processEnded = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => {
      if (child.pid === undefined) resolve();
    });
  });

  return { stdout: child.stdout!, exited, processEnded, pid: child.pid };
}

/** One line for logs and errors: how ffmpeg ended and its last meaningful message. */
export function describeExit(exit: TranscodeExit): string {
  if (exit.error) return `ffmpeg could not start: ${exit.error.message}`;
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  // At info level the log ends with stream descriptions and a summary; the useful line is the last
  // one that reports a problem, e.g. "https://…: Server returned 403 Forbidden (access denied)".
  const problem = exit.stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => PROBLEM.test(line))
    .at(-1);
  return problem ? `ffmpeg ${how}: ${problem}` : `ffmpeg ${how}`;
}

const PROBLEM =
  /error|fail|invalid|denied|forbidden|refused|timed out|timeout|not found|prematurely|unable|no such|server returned/i;
