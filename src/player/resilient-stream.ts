/**
 * One continuous stream of Opus packets for one track, however many ffmpeg runs it takes.
 *
 * NetEase song URLs expire (~20 min) and CDN connections drop; other bots then stop mid-song or
 * restart it from 0. Here every ffmpeg run is checked against where the track should end: when a
 * run ends short (403 after expiry, reset, crash), a fresh URL is resolved and ffmpeg restarts at
 * the exact position reached, so the listener hears the song continue.
 *
 * Output: an object-mode Readable of Opus packets, for
 * `createAudioResource(stream, { inputType: StreamType.Opus })`. Packets rather than Ogg because
 * every ffmpeg run starts a new Ogg logical stream (new serial, new OpusHead): a concatenation
 * would not be one valid Ogg stream, and the OggDemuxer in @discordjs/voice locks onto the first
 * serial and silently drops everything after the first restart. Demuxing here also gives us packet
 * boundaries, which is how the position is counted. The cost is the same demux the player would
 * have done, and the player then runs no transform at all.
 *
 * Pacing, pause and resume are the voice player's job: this stream is read as fast as its reader
 * pulls and keeps `highWaterMark` packets (~100 ms) ready. ffmpeg itself runs seconds ahead,
 * held back by the pipe; when it dies, what it left in the pipe (≤ ~100 KB) is read out at once
 * so the replacement can start while that audio still plays.
 */
import { pipeline, Readable } from 'node:stream';
import prism from 'prism-media';
import type { Logger } from '../logger.ts';
import type { FfmpegInfo } from './ffmpeg-locator.ts';
import { opusHeadPreSkip, opusPacketSamples, samplesToMs } from './opus-packet.ts';
import type { SpawnGate } from './spawn-gate.ts';
import { describeExit, startTranscode, type TranscodeExit } from './transcode.ts';

/**
 * @discordjs/voice stops a resource after `maxMissedFrames` (default 5, i.e. 100 ms) without a
 * packet. A recovery (fresh URL, new ffmpeg, decoding up to the position) takes longer, so players
 * fed by this stream should allow about 5 s: `createAudioPlayer({ behaviors: { maxMissedFrames } })`.
 */
export const RECOMMENDED_MAX_MISSED_FRAMES = 250;

/**
 * On a volume change, up to this much audio at the old volume keeps playing while ffmpeg restarts
 * with the new one, so the change is heard within a second and without a gap (a restart takes
 * ~100–350 ms, perf.md).
 */
const VOLUME_HANDOVER_MS = 800;

export interface RecoveryEvent {
  /** 1 for the first recovery since the last healthy stretch, up to `maxRecoveries`. */
  recovery: number;
  maxRecoveries: number;
  /** Where playback continues, in ms from the start of the track. */
  positionMs: number;
  /** Why the previous ffmpeg run fell short, e.g. "ffmpeg exited with code 0: … 403 Forbidden". */
  reason: string;
}

/** Receives the emitted packets to keep a copy (the Opus cache); see ResilientStreamOptions.recorder. */
export interface PacketRecorder {
  write(packet: Buffer): void;
  /** The copy is the whole track: keep it. Must not throw or reject. */
  commit(): void;
  /** The copy is not the plain track (seek, volume change, failure): drop it. */
  abort(): void;
}

export interface ResilientStreamOptions {
  ffmpeg: FfmpegInfo;
  /** Returns a playable URL; called at start and again after every failure for a fresh one. */
  resolveUrl: (signal: AbortSignal) => Promise<{ url: string }>;
  /** The track's length. Without it, only ffmpeg's own idea of the file length tells an early end. */
  durationMs?: number;
  startMs?: number;
  /** Linear gain, 1 = unchanged. */
  volume?: number;
  /** Shared across the process so start-ups are spaced out. */
  gate?: SpawnGate;
  /** Restarts allowed in a row before giving up. Default 3. */
  maxRecoveries?: number;
  /** A run that delivered this much audio was healthy: the recovery count starts over. Default 60 s. */
  healthyRunMs?: number;
  /** Ending this close to the end counts as finished (track lengths are approximate). Default 1 s. */
  endToleranceMs?: number;
  /** onPosition fires each time this much audio has been emitted. Default 1 s. */
  positionIntervalMs?: number;
  onPosition?: (positionMs: number) => void;
  onRecovery?: (event: RecoveryEvent) => void;
  /**
   * Gets a copy of the packets. Committed only if the track played from 0 to its end at volume 1
   * with no seek or volume change (recoveries are fine: the output is seamless); aborted otherwise.
   */
  recorder?: PacketRecorder;
  logger?: Logger;
  bitrateKbps?: number;
  niceness?: number;
  /** Packets buffered ahead of the reader. Default 5 (100 ms): a seek is heard that soon. */
  highWaterMark?: number;
}

/** The stream gave up: it names where it stopped, how often it retried and the last cause. */
export class StreamRecoveryError extends Error {
  override name = 'StreamRecoveryError';
  readonly code = 'stream_failed';

  constructor(
    readonly reason: string,
    readonly positionMs: number,
    readonly recoveries: number,
    options?: { cause?: unknown },
  ) {
    super(
      `Audio stream failed at ${formatTime(positionMs)} after ${recoveries} ${recoveries === 1 ? 'recovery' : 'recoveries'}: ${reason}`,
      options,
    );
  }
}

/** A packet already produced by ffmpeg but not yet handed to the reader. */
interface Pending {
  packet: Buffer;
  /** Audio it carries, in ms (encoder priming excluded). */
  ms: number;
}

export class ResilientOpusStream extends Readable {
  private readonly options: ResilientStreamOptions;
  private readonly maxRecoveries: number;
  private readonly tolerance: number;
  private readonly lifetime = new AbortController();
  /** Aborts the step in progress (ffmpeg run or backlog flush) on seek, volume change or destroy. */
  private current: AbortController | undefined;
  private started = false;
  private finished = false;
  private volume: number;
  /** Track position after the last packet handed to the reader. */
  private emittedMs: number;
  /**
   * Packets a finished ffmpeg left in the pipe. When ffmpeg dies early it has usually written
   * seconds ahead of the reader; the replacement is started at once and these play meanwhile,
   * so the listener hears no gap.
   */
  private backlog: Pending[] = [];
  private backlogMs = 0;
  /** setVolume() was called; the running step hands over at the next chance. */
  private volumeChanged = false;
  private lastReportedStep = -1;
  private wake: (() => void) | undefined;
  private recorder: PacketRecorder | undefined;

  constructor(options: ResilientStreamOptions) {
    super({ objectMode: true, highWaterMark: options.highWaterMark ?? 5 });
    this.options = options;
    this.maxRecoveries = options.maxRecoveries ?? 3;
    this.tolerance = options.endToleranceMs ?? 1000;
    this.emittedMs = Math.max(0, options.startMs ?? 0);
    this.volume = checkVolume(options.volume ?? 1);
    this.recorder = options.recorder;
    if (this.emittedMs !== 0 || this.volume !== 1) this.stopRecording();
  }

  /** Where the next packet handed to the reader sits in the track (ms). The reader buffers ≤ 100 ms. */
  get positionMs(): number {
    return this.emittedMs;
  }

  get currentVolume(): number {
    return this.volume;
  }

  /** Where everything produced so far ends: the next ffmpeg run starts here. */
  private get producedMs(): number {
    return this.emittedMs + this.backlogMs;
  }

  /** Continues from `positionMs` (ms from the start of the track). Ignored once the track has ended. */
  seek(positionMs: number): void {
    if (!Number.isFinite(positionMs)) throw new RangeError(`positionMs must be a number, got ${positionMs}`);
    this.restartAt(Math.max(0, positionMs));
  }

  /**
   * Restarts ffmpeg with the new gain (ffmpeg's volume filter) where the audio already buffered at
   * the old gain ends, keeping at most VOLUME_HANDOVER_MS of it to cover the restart.
   */
  setVolume(volume: number): void {
    if (checkVolume(volume) === this.volume) return;
    this.volume = volume;
    if (this.finished || this.destroyed) return;
    this.stopRecording();
    this.volumeChanged = true;
    // A step waiting for the reader must act now, not when the reader next asks.
    this.wake?.();
  }

  private restartAt(positionMs: number): void {
    if (this.finished || this.destroyed) return;
    this.stopRecording();
    // What is buffered is from the old position.
    this.backlog = [];
    this.backlogMs = 0;
    this.volumeChanged = false;
    this.emittedMs = positionMs;
    // The run loop sees the abort and starts again from here with the same URL.
    this.current?.abort();
  }

  override _read(): void {
    if (!this.started) {
      this.started = true;
      this.run().catch((error: unknown) => this.destroy(error as Error));
    }
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.stopRecording();
    this.lifetime.abort();
    this.current?.abort();
    this.wake?.();
    callback(error);
  }

  private async run(): Promise<void> {
    const healthyRunMs = this.options.healthyRunMs ?? 60_000;
    let url: string | undefined;
    let recoveries = 0;

    while (!this.destroyed) {
      if (url === undefined) {
        try {
          url = (await this.options.resolveUrl(this.lifetime.signal)).url;
        } catch (error) {
          if (this.destroyed) return;
          // The first resolve's error (VIP only, no copyright…) is the caller's to show as it is.
          if (recoveries === 0) throw error;
          throw new StreamRecoveryError(`no fresh URL: ${describe(error)}`, this.producedMs, recoveries, {
            cause: error,
          });
        }
        if (this.destroyed) return;
      }

      const runStartMs = this.producedMs;
      const exit = await this.runFfmpeg(url);
      if (this.destroyed) return;
      if (exit === 'interrupted') continue;

      const reachedMs = this.producedMs;
      const endMs = minDefined(this.options.durationMs, exit.inputDurationMs);
      const complete =
        endMs === undefined ? exit.code === 0 && !exit.error : reachedMs >= endMs - this.tolerance;
      if (complete) {
        if (!(await this.flushBacklog(this.nextStep().signal))) continue; // seeked during the last seconds
        this.end();
        return;
      }

      if (reachedMs - runStartMs >= healthyRunMs) recoveries = 0;
      const reason = `${describeExit(exit)} (reached ${formatTime(reachedMs)}${endMs === undefined ? '' : ` of ${formatTime(endMs)}`})`;
      if (recoveries >= this.maxRecoveries) {
        // Let the listener hear what did arrive before the error ends the stream.
        if (!(await this.flushBacklog(this.nextStep().signal))) continue;
        throw new StreamRecoveryError(reason, reachedMs, recoveries);
      }
      recoveries++;
      const event: RecoveryEvent = {
        recovery: recoveries,
        maxRecoveries: this.maxRecoveries,
        positionMs: reachedMs,
        reason,
      };
      this.options.logger?.warn(event, 'audio stream fell short; resuming with a fresh URL');
      this.options.onRecovery?.(event);
      url = undefined;
    }
  }

  private end(): void {
    this.finished = true;
    // A file shorter than the declared length (a trial clip) is not the song: do not keep it.
    const declared = this.options.durationMs;
    if (declared !== undefined && declared > 0 && this.emittedMs < declared - this.tolerance)
      this.stopRecording();
    this.recorder?.commit();
    this.recorder = undefined;
    this.options.onPosition?.(this.emittedMs);
    this.push(null);
  }

  private nextStep(): AbortController {
    const controller = new AbortController();
    this.current = controller;
    if (this.destroyed) controller.abort();
    return controller;
  }

  /**
   * One ffmpeg run from where the produced audio ends: hands the backlog to the reader while it
   * starts, then its own packets. Returns 'interrupted' if a command or destroy cut it short.
   */
  private async runFfmpeg(url: string): Promise<TranscodeExit | 'interrupted'> {
    const controller = this.nextStep();
    const { signal } = controller;

    let release = () => {};
    if (this.options.gate) {
      try {
        release = await this.options.gate.acquire(signal);
      } catch {
        return 'interrupted';
      }
    }

    if (this.volumeChanged) {
      // This run takes the new volume; of the old-volume audio, keep only enough to cover its start.
      this.volumeChanged = false;
      this.trimBacklog(VOLUME_HANDOVER_MS);
    }
    const transcode = startTranscode({
      ffmpeg: this.options.ffmpeg,
      input: url,
      startMs: this.producedMs,
      volume: this.volume,
      bitrateKbps: this.options.bitrateKbps,
      niceness: this.options.niceness,
      signal,
    });
    void transcode.processEnded.then(release);
    let processEnded = false;

    const demuxer = new prism.opus.OggDemuxer();
    // Each run starts with encoder priming (pre-skip) that is not part of the track.
    let primingLeft = 0;
    demuxer.once('head', (head: Buffer) => {
      primingLeft = opusHeadPreSkip(head);
    });
    // A cut leaves a partial page behind; the demuxer drops it, and the exit says what happened.
    pipeline(transcode.stdout, demuxer, () => {});

    try {
      if (!(await this.flushBacklog(signal))) {
        controller.abort();
        return 'interrupted';
      }
      void transcode.processEnded.then(() => {
        processEnded = true;
        // Stop waiting for the reader: collect the rest now so the next run can start at once.
        this.wake?.();
      });
      for await (const packet of demuxer as AsyncIterable<Buffer>) {
        release();
        if (signal.aborted) break;
        let samples = opusPacketSamples(packet);
        if (primingLeft > 0) {
          const priming = Math.min(primingLeft, samples);
          primingLeft -= priming;
          samples -= priming;
        }
        const ms = samplesToMs(samples);
        if (processEnded || this.backlog.length > 0 || this.volumeChanged) {
          this.backlog.push({ packet, ms });
          this.backlogMs += ms;
        } else {
          await this.deliver(packet, ms, signal);
        }
        if (signal.aborted) break;
        if (this.volumeChanged && !processEnded && this.backlogMs >= VOLUME_HANDOVER_MS) {
          // Enough old-volume audio is set aside to play while the next run starts.
          controller.abort();
          return 'interrupted';
        }
      }
    } catch {
      // Premature close after a kill or a crash: the exit status below tells which.
    } finally {
      demuxer.destroy();
    }

    const exit = await transcode.exited;
    return signal.aborted ? 'interrupted' : exit;
  }

  /**
   * Hands the backlog to the reader at its pace; false if interrupted by a command (the caller
   * then starts over from the run loop).
   */
  private async flushBacklog(signal: AbortSignal): Promise<boolean> {
    while (this.backlog.length > 0) {
      if (signal.aborted || this.volumeChanged) return false;
      const { packet, ms } = this.backlog.shift()!;
      this.backlogMs -= ms;
      await this.deliver(packet, ms, signal);
    }
    return !signal.aborted;
  }

  /** Keeps only the first `maxMs` of the backlog. */
  private trimBacklog(maxMs: number): void {
    let kept = 0;
    let keptMs = 0;
    while (kept < this.backlog.length && keptMs + this.backlog[kept]!.ms <= maxMs)
      keptMs += this.backlog[kept++]!.ms;
    this.backlog.length = kept;
    this.backlogMs = keptMs;
  }

  private async deliver(packet: Buffer, ms: number, signal: AbortSignal): Promise<void> {
    this.emittedMs += ms;
    this.reportPosition();
    this.recorder?.write(packet);
    if (!this.push(packet)) await this.demand(signal);
  }

  private stopRecording(): void {
    this.recorder?.abort();
    this.recorder = undefined;
  }

  /** Resolves when the reader wants more, when the run is aborted, or when `wake` is called. */
  private demand(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        signal.removeEventListener('abort', done);
        this.wake = undefined;
        resolve();
      };
      this.wake = done;
      signal.addEventListener('abort', done, { once: true });
    });
  }

  private reportPosition(): void {
    const onPosition = this.options.onPosition;
    if (!onPosition) return;
    const step = Math.floor(this.emittedMs / (this.options.positionIntervalMs ?? 1000));
    if (step !== this.lastReportedStep) {
      this.lastReportedStep = step;
      onPosition(this.emittedMs);
    }
  }
}

function checkVolume(volume: number): number {
  if (!Number.isFinite(volume) || volume < 0) throw new RangeError(`volume must be ≥ 0, got ${volume}`);
  return volume;
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined || a <= 0) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

function formatTime(ms: number): string {
  const total = Math.max(0, ms) / 1000;
  const minutes = Math.floor(total / 60);
  return `${minutes}:${(total - minutes * 60).toFixed(1).padStart(4, '0')}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
