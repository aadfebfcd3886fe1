/**
 * The playback engine as the Discord bot runs it: the backend the stores chose (Redis + BullMQ,
 * or memory + DATA_DIR), song URLs resolved as each requester, guild settings read under the
 * same key the settings command writes, and the adapter's voice hooks.
 */
import type { Services } from '../../commands/services.ts';
import type { Config } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import { locateFfmpeg } from '../../player/ffmpeg-locator.ts';
import { openPlaybackBackend } from '../../queue/backend.ts';
import { createPlaybackEngine, type PlaybackEngine } from '../../queue/engine.ts';
import { createNeteaseTrackResolver, sessionApiFor } from '../../queue/track-resolver.ts';
import { DEFAULT_KEY_PREFIX, type Stores } from '../../store/index.ts';
import type { PlaybackHooks } from './discord-bot.ts';

export interface DiscordEngineOptions {
  config: Pick<Config, 'dataDir' | 'ffmpegPath'>;
  stores: Pick<Stores, 'redis'>;
  services: Services;
  logger: Logger;
  hooks: PlaybackHooks;
  /** Another process took over this shard's playback (Redis): this one should stop. */
  onLeaseLost?: () => void;
}

export async function createDiscordPlaybackEngine(options: DiscordEngineOptions): Promise<PlaybackEngine> {
  const { config, services, logger, hooks } = options;
  const backend = await openPlaybackBackend({
    redis: options.stores.redis,
    keyPrefix: DEFAULT_KEY_PREFIX,
    dataDir: config.dataDir,
    shardId: 0,
    logger,
    onLeaseLost: options.onLeaseLost,
  });
  return createPlaybackEngine({
    ...backend,
    resolveTrack: createNeteaseTrackResolver({
      apiFor: sessionApiFor({ netease: services.netease, sessions: services.sessions, logger }),
      fallback: services.netease.operator,
      logger,
    }),
    openSink: hooks.openSink,
    leave: hooks.leave,
    announce: hooks.announce,
    // The settings command stores a guild's settings under `discord:<guildId>` (settings-scope.ts).
    settings: (guildId) => services.settings.get(`discord:${guildId}`),
    ffmpeg: () => locateFfmpeg({ ffmpegPath: config.ffmpegPath, logger }),
    logger,
  });
}
