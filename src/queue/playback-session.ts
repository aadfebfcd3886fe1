/**
 * One track being played into a sink: a ResilientOpusStream (ffmpeg, restarts at the position
 * reached when the CDN fails) plus the sink's handle on it. Seek and volume change the running
 * stream in place while its URL is fresh, which keeps the sink's buffer and costs no NetEase
 * call; with an old URL they report `false` and the guild player restarts the track with a
 * fresh one, because the stream would reuse its current URL for the new ffmpeg run.
 */
import type { Logger } from '../logger.ts';
import type { FfmpegInfo } from '../player/ffmpeg-locator.ts';
import { ResilientOpusStream } from '../player/resilient-stream.ts';
import type { SpawnGate } from '../player/spawn-gate.ts';
import type { ResolvedTrack } from './track-resolver.ts';
import type { QueuedTrack } from './types.ts';
import type { SinkEnd, VoiceSink } from './voice-sink.ts';

export interface PlaybackSessionOptions {
  track: QueuedTrack;
  resolved: ResolvedTrack;
  resolvedAt: number;
  startMs: number;
  volumePercent: number;
  ffmpeg: FfmpegInfo;
  gate?: SpawnGate;
  sink: VoiceSink;
  /** A new URL after a stream failure (the old one probably expired). */
  refresh: (signal: AbortSignal) => Promise<{ resolved: ResolvedTrack; resolvedAt: number }>;
  isFresh: (resolved: ResolvedTrack, resolvedAt: number) => boolean;
  /** Called each time this much audio has been emitted, and right after a seek. */
  positionIntervalMs: number;
  onPosition: (positionMs: number) => void;
  logger: Logger;
}

export class PlaybackSession {
  readonly entryId: string;
  readonly done: Promise<SinkEnd>;
  private readonly stream: ResilientOpusStream;
  private readonly sink: VoiceSink;
  private readonly isFresh: PlaybackSessionOptions['isFresh'];
  private resolved: ResolvedTrack;
  private resolvedAt: number;

  constructor(options: PlaybackSessionOptions) {
    const { track, resolved } = options;
    this.entryId = track.entryId;
    this.sink = options.sink;
    this.isFresh = options.isFresh;
    this.resolved = resolved;
    this.resolvedAt = options.resolvedAt;
    // A preview is a separate, shorter file: its own length decides where it ends.
    const durationMs = resolved.trial ? resolved.trial.endMs - resolved.trial.startMs : track.song.durationMs;
    let first = true;
    this.stream = new ResilientOpusStream({
      ffmpeg: options.ffmpeg,
      gate: options.gate,
      durationMs: durationMs > 0 ? durationMs : undefined,
      startMs: options.startMs,
      volume: options.volumePercent / 100,
      resolveUrl: async (signal) => {
        // The first run uses the URL resolved just before (it told us grey/VIP/preview);
        // every later call means the previous URL failed, so ask for a new one.
        if (first && this.isFresh(this.resolved, this.resolvedAt)) {
          first = false;
          return this.resolved;
        }
        first = false;
        const fresh = await options.refresh(signal);
        this.resolved = fresh.resolved;
        this.resolvedAt = fresh.resolvedAt;
        return fresh.resolved;
      },
      positionIntervalMs: options.positionIntervalMs,
      onPosition: options.onPosition,
      onRecovery: (event) => options.logger.warn({ entryId: track.entryId, ...event }, 'stream recovering'),
    });
    this.done = this.sink.play(this.stream).done;
  }

  /** Where in the track the audio now leaving for the sink is (ms). */
  get positionMs(): number {
    return Math.round(this.stream.positionMs);
  }

  get preview(): ResolvedTrack['trial'] {
    return this.resolved.trial;
  }

  /** Seeks in place; false when the URL is too old to reuse (the caller restarts instead). */
  seek(positionMs: number): boolean {
    if (!this.isFresh(this.resolved, this.resolvedAt)) return false;
    this.stream.seek(positionMs);
    return true;
  }

  /** Changes the gain in place (ffmpeg restarts at the position); false when the URL is too old. */
  setVolume(percent: number): boolean {
    if (!this.isFresh(this.resolved, this.resolvedAt)) return false;
    this.stream.setVolume(percent / 100);
    return true;
  }

  pause(): void {
    this.sink.pause();
  }

  resume(): void {
    this.sink.resume();
  }

  stop(): void {
    this.sink.stop();
    this.stream.destroy();
  }
}
