/**
 * VoiceSink on @discordjs/voice's AudioPlayer. The Discord adapter subscribes a voice connection
 * to `sink.player`; with no connection and `NoSubscriberBehavior.Play` the player still reads one
 * packet every 20 ms and drops it, which makes it a faithful real-time sink for tests.
 *
 * Streams are played as `StreamType.Opus` (packets, no transformers: no demuxer, no inline
 * volume), since ResilientOpusStream already emits bare packets and volume is an ffmpeg filter.
 */
import type { Readable } from 'node:stream';
import {
  type AudioPlayer,
  type AudioPlayerState,
  AudioPlayerStatus,
  type AudioResource,
  createAudioPlayer,
  createAudioResource,
  NoSubscriberBehavior,
  StreamType,
} from '@discordjs/voice';
import { RECOMMENDED_MAX_MISSED_FRAMES } from '../player/resilient-stream.ts';
import type { SinkEnd, SinkPlayback, VoiceSink } from './voice-sink.ts';

export interface AudioPlayerSinkOptions {
  /**
   * What to do with nobody listening. Pause (the default) suits a real voice connection: a
   * reconnecting connection loses no audio. Play consumes in real time anyway (tests, previews).
   */
  noSubscriber?: NoSubscriberBehavior;
  /**
   * Missed 20 ms frames before the player gives up on a stream. A recovery (fresh URL, new ffmpeg
   * decoding up to the position) takes seconds, so the player's default of 5 (100 ms) would end
   * every recovering track; the resilient stream recommends 250 (5 s).
   */
  maxMissedFrames?: number;
}

interface Active {
  resource: AudioResource;
  stream: Readable;
  error?: Error;
  settle: (end: SinkEnd) => void;
}

export class AudioPlayerSink implements VoiceSink {
  readonly player: AudioPlayer;
  private active: Active | undefined;
  /**
   * The player only pauses while Playing; a pause asked for during Buffering (the first ~100 ms
   * of a track) or AutoPaused would be lost, so it is re-applied when the player gets there.
   */
  private wantPaused = false;

  constructor(options: AudioPlayerSinkOptions = {}) {
    this.player = createAudioPlayer({
      behaviors: {
        noSubscriber: options.noSubscriber ?? NoSubscriberBehavior.Pause,
        maxMissedFrames: options.maxMissedFrames ?? RECOMMENDED_MAX_MISSED_FRAMES,
      },
      // Debug strings are built on every state change; nobody reads them in production.
      debug: false,
    });
    // The player re-emits stream errors; without a listener an EventEmitter 'error' would throw.
    // The error itself is taken from the stream (below), where it keeps its type.
    this.player.on('error', () => {});
    this.player.on('stateChange', (oldState, newState) => this.onStateChange(oldState, newState));
  }

  play(stream: Readable): SinkPlayback {
    // The player destroys a replaced resource without going idle, so settle it here.
    this.finish({ reason: 'stopped' });
    this.wantPaused = false;
    let settle!: (end: SinkEnd) => void;
    const done = new Promise<SinkEnd>((resolve) => {
      settle = resolve;
    });
    const resource = createAudioResource(stream, { inputType: StreamType.Opus });
    const active: Active = { resource, stream, settle };
    // Registered before the player's own listener, so the cause is known when it goes idle.
    stream.once('error', (error: Error) => {
      active.error = error;
    });
    this.active = active;
    try {
      this.player.play(resource);
    } catch (error) {
      this.finish({ reason: 'error', error: error as Error });
      stream.destroy();
    }
    return { done, playedMs: () => resource.playbackDuration };
  }

  pause(): void {
    this.wantPaused = true;
    this.player.pause();
  }

  resume(): void {
    this.wantPaused = false;
    this.player.unpause();
  }

  stop(): void {
    this.finish({ reason: 'stopped' });
    this.player.stop(true);
  }

  /** Stops playing; the player can still be used (the adapter decides when it is thrown away). */
  destroy(): void {
    this.stop();
    this.player.removeAllListeners('stateChange');
  }

  private finish(end: SinkEnd): void {
    const active = this.active;
    if (!active) return;
    this.active = undefined;
    active.settle(end);
  }

  private onStateChange(oldState: AudioPlayerState, newState: AudioPlayerState): void {
    if (newState.status === AudioPlayerStatus.Playing && this.wantPaused) {
      this.player.pause();
      return;
    }
    const active = this.active;
    if (!active || newState.status !== AudioPlayerStatus.Idle) return;
    if (oldState.status === AudioPlayerStatus.Idle || oldState.resource !== active.resource) return;
    if (active.error) {
      this.finish({ reason: 'error', error: active.error });
    } else if (!active.stream.readableEnded) {
      // Idle without the stream having ended: the player gave up after maxMissedFrames of silence.
      this.finish({ reason: 'error', error: new Error('the audio stream stopped delivering packets') });
    } else {
      this.finish({ reason: 'finished' });
    }
  }
}
