/**
 * Where a guild's audio goes. The engine hands it a stream of Opus packets per track and never
 * knows about voice connections; the Discord adapter implements it with @discordjs/voice (see
 * AudioPlayerSink, which is also what the tests play into).
 *
 * Per-play results come back as a promise instead of player-wide 'idle'/'error' events: the
 * engine replaces and stops streams all the time (skip, seek, volume), and an event that arrives
 * late for the previous stream must never be taken for the end of the current one.
 */
import type { Readable } from 'node:stream';

export type SinkEnd =
  /** The stream ended and everything in it was played out. */
  | { reason: 'finished' }
  /** stop() was called, or another play() replaced this stream. */
  | { reason: 'stopped' }
  /** The stream failed, or stopped delivering audio for too long. */
  | { reason: 'error'; error: Error };

export interface SinkPlayback {
  /** Settles once this stream is no longer played; never rejects. */
  readonly done: Promise<SinkEnd>;
  /** Milliseconds of this stream played out so far (paused time not counted). */
  playedMs(): number;
}

export interface VoiceSink {
  /**
   * Starts playing `stream` (object mode, one Opus packet of 20 ms per chunk, as
   * ResilientOpusStream emits), replacing and destroying whatever played. The sink paces it.
   */
  play(stream: Readable): SinkPlayback;
  pause(): void;
  resume(): void;
  /** Stops and destroys the current stream (its `done` settles as 'stopped'). */
  stop(): void;
}
