/**
 * The playback engine: one GuildPlayer per guild, all sharing the store, the driver (BullMQ or
 * embedded), the spawn gate and the adapter's callbacks.
 *
 *   const engine = createPlaybackEngine({ ...openPlaybackBackend(...), resolveTrack, openSink, ... });
 *   await engine.start();                    // resumes what was playing before the restart
 *   await engine.forGuild(id).enqueue(songs, requester, { textChannelId, voiceChannelId });
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.ts';
import type { FfmpegInfo } from '../player/ffmpeg-locator.ts';
import { SpawnGate } from '../player/spawn-gate.ts';
import type { Announce } from './events.ts';
import {
  DEFAULT_TUNING,
  GuildPlayer,
  type PlaybackSettings,
  type PlayerTuning,
  type SinkRequest,
} from './guild-player.ts';
import type { PlaybackDriver, RunHost } from './playback-driver.ts';
import { assertGuildId, type QueueStore } from './queue-store.ts';
import type { ResolveTrack } from './track-resolver.ts';
import type { VoiceSink } from './voice-sink.ts';

export interface PlaybackEngineOptions {
  store: QueueStore;
  driver: PlaybackDriver;
  /** URL for a track, as its requester (see createNeteaseTrackResolver). */
  resolveTrack: ResolveTrack;
  /**
   * The guild's audio output, opened when its first track is about to play (joining the voice
   * channel is the adapter's job). Called again after `leave`; may return the same sink.
   */
  openSink: (guildId: string, request: SinkRequest) => Promise<VoiceSink>;
  /** Called after the idle timeout with nothing to play (not with 24/7 on). */
  leave?: (guildId: string) => void | Promise<void>;
  announce?: Announce;
  /** The guild's settings (allowTrialClips, defaultVolume, idleTimeoutSeconds, stay247, fairQueue). */
  settings: (guildId: string) => Promise<PlaybackSettings>;
  /** The ffmpeg to use, or how to find it (locateFfmpeg caches its answer). */
  ffmpeg: FfmpegInfo | (() => Promise<FfmpegInfo>);
  /** Shared start-up pacing for every ffmpeg of the process (default: a new SpawnGate). */
  gate?: SpawnGate;
  logger: Logger;
  tuning?: Partial<PlayerTuning>;
  /** Shuffle's random source (tests pass a seeded one). */
  random?: () => number;
  now?: () => number;
}

export interface PlaybackEngine {
  readonly kind: 'redis' | 'embedded';
  /** The guild's player (created on first use); commands get it as their GuildPlayback. */
  forGuild(guildId: string): GuildPlayer;
  /** Resumes the guilds that were playing before the restart, then starts taking runs. */
  start(): Promise<void>;
  /** Stops every run here, saving positions so the next start resumes them; closes the backend. */
  close(): Promise<void>;
}

export function createPlaybackEngine(options: PlaybackEngineOptions): PlaybackEngine {
  const logger = options.logger.child({ module: 'playback' });
  const players = new Map<string, GuildPlayer>();
  const tuning: PlayerTuning = { ...DEFAULT_TUNING, ...options.tuning };
  const gate = options.gate ?? new SpawnGate();
  const ffmpegOption = options.ffmpeg;
  const ffmpeg = typeof ffmpegOption === 'function' ? ffmpegOption : async () => ffmpegOption;
  const { driver, store } = options;
  let closing: Promise<void> | undefined;

  function forGuild(guildId: string): GuildPlayer {
    assertGuildId(guildId);
    let player = players.get(guildId);
    if (!player) {
      player = new GuildPlayer(guildId, {
        store,
        requestRun: (id) => {
          if (closing) return Promise.reject(new Error('playback is shutting down'));
          return driver.requestRun(id);
        },
        resolveTrack: options.resolveTrack,
        settings: options.settings,
        openSink: options.openSink,
        leave: options.leave ?? (() => {}),
        announce: options.announce ?? (() => {}),
        ffmpeg,
        gate,
        logger,
        tuning,
        random: options.random ?? Math.random,
        now: options.now ?? Date.now,
        newId: () => randomUUID(),
      });
      players.set(guildId, player);
    }
    return player;
  }

  const host: RunHost = {
    runGuild: (guildId, context) => forGuild(guildId).runGuild(context),
    recover: (guildId, progress, runId) => forGuild(guildId).recover(progress, runId),
  };
  driver.attach(host);

  return {
    kind: driver.kind,
    forGuild,
    start: () => driver.start(),
    close() {
      closing ??= (async () => {
        for (const player of players.values()) player.dispose();
        await driver.close();
        await store.close();
      })();
      return closing;
    },
  };
}
