import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../logger.ts';
import { StoreError } from './errors.ts';

/** The URL with any password masked, fit for logs and error messages. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '<unparseable REDIS_URL>';
  }
}

/**
 * Waits until `redis` is ready, connecting it if it was created lazily. Fails after
 * `timeoutMs` with one line naming where it tried (`where`: a password-masked URL), so a wrong
 * REDIS_URL stops the bot at start-up instead of leaving every command hanging on an offline queue.
 */
export async function waitForRedis(redis: Redis, where: string, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return;
  let lastError: Error | undefined;
  const onError = (error: Error) => {
    lastError = error;
  };
  redis.on('error', onError);
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => {
        const why = lastError ? ` (${lastError.message})` : '';
        reject(
          new StoreError(
            `Redis is not answering at ${where}${why}: start it, fix REDIS_URL, or unset REDIS_URL to use the embedded store`,
          ),
        );
      }, timeoutMs);
      redis.once('ready', () => resolve());
      if (redis.status === 'wait') redis.connect().catch(onError);
    });
  } finally {
    clearTimeout(timer);
    redis.off('error', onError);
  }
}

/**
 * Opens the process' Redis connection for the stores. Connection trouble after start-up is
 * logged once per outage (ioredis keeps reconnecting), not once per retry.
 */
export async function connectRedis(
  url: string,
  logger: Logger,
  options: { timeoutMs?: number; redisOptions?: RedisOptions } = {},
): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectionName: 'netease-music-bot',
    ...options.redisOptions,
  });
  let state: 'connecting' | 'up' | 'down' = 'connecting';
  redis.on('ready', () => {
    logger.info(
      { redis: redactRedisUrl(url) },
      state === 'down' ? 'Redis connection is back' : 'connected to Redis',
    );
    state = 'up';
  });
  // 'reconnecting' fires once per dropped connection (never after quit()); 'error' repeats on
  // every failed retry, so it only goes to debug, and having a listener keeps ioredis from
  // printing "Unhandled error event" to the console.
  redis.on('reconnecting', () => {
    if (state !== 'up') return;
    state = 'down';
    logger.warn({ redis: redactRedisUrl(url) }, 'lost the Redis connection; reconnecting');
  });
  redis.on('error', (error: Error) => logger.debug({ err: error }, 'Redis connection error'));
  try {
    await waitForRedis(redis, redactRedisUrl(url), options.timeoutMs ?? 5_000);
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  return redis;
}
