/**
 * Picks the playback backend the same way the stores do: Redis + BullMQ when the process has a
 * Redis connection (stores.redis, from REDIS_URL), memory + DATA_DIR otherwise.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import { EmbeddedPlaybackDriver } from './embedded-driver.ts';
import { openFileQueueStore } from './file-queue-store.ts';
import type { PlaybackDriver } from './playback-driver.ts';
import type { QueueStore } from './queue-store.ts';
import { RedisPlaybackDriver } from './redis-playback-driver.ts';
import { createRedisQueueStore } from './redis-queue-store.ts';

export interface PlaybackBackendOptions {
  /** stores.redis: set when REDIS_URL is. */
  redis?: Redis;
  /** Same prefix as the stores (DEFAULT_KEY_PREFIX unless configured). */
  keyPrefix: string;
  dataDir: string;
  /** This process' shard (Discord shard id; 0 when unsharded). */
  shardId?: number | string;
  /** Guilds one process may play at once (the BullMQ worker's concurrency). */
  concurrency?: number;
  logger: Logger;
  /** Redis only: another process took this shard over; the caller should shut playback down. */
  onLeaseLost?: () => void;
  /** Redis only: shard lease lifetime (default 6 s). */
  leaseTtlMs?: number;
}

export interface PlaybackBackend {
  store: QueueStore;
  driver: PlaybackDriver;
}

export async function openPlaybackBackend(options: PlaybackBackendOptions): Promise<PlaybackBackend> {
  const { redis, logger } = options;
  if (redis) {
    return {
      store: createRedisQueueStore({ redis, keyPrefix: options.keyPrefix, logger }),
      driver: new RedisPlaybackDriver({
        redis,
        keyPrefix: options.keyPrefix,
        shardId: options.shardId ?? 0,
        concurrency: options.concurrency,
        leaseTtlMs: options.leaseTtlMs,
        logger,
        onLeaseLost: options.onLeaseLost,
      }),
    };
  }
  const store = await openFileQueueStore({ dataDir: options.dataDir, logger });
  return { store, driver: new EmbeddedPlaybackDriver({ dataDir: options.dataDir, store, logger }) };
}
