/**
 * Real Redis for tests. A missing Redis fails the suite with one line that says how to fix it,
 * never a silent skip: skipped storage tests would let a broken Redis backend ship unnoticed.
 *
 *   const redis = await connectTestRedis();          // in beforeAll
 *   const prefix = uniquePrefix('queue');            // keys of this file only
 *   await deleteKeys(redis, prefix); redis.disconnect();   // in afterAll
 */
import { randomBytes } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const PROBE_TIMEOUT_MS = 2_000;

/** Thrown when nothing answers; its stack is just the message, so the report shows one line. */
export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
  constructor(url: string) {
    super(
      `Redis is not answering at ${url}: start it with \`redis-server --daemonize yes\` or set REDIS_URL`,
    );
    this.stack = this.message;
  }
}

let probed: Promise<void> | undefined;

/** Checks once per test worker that Redis answers PING within ~2 s. */
export function requireRedis(): Promise<void> {
  probed ??= probe();
  return probed;
}

async function probe(): Promise<void> {
  // No retries and no offline queue: the probe must fail fast instead of waiting for Redis.
  const redis = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    connectTimeout: PROBE_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RedisUnavailableError(TEST_REDIS_URL)), PROBE_TIMEOUT_MS);
    });
    await Promise.race([redis.connect().then(() => redis.ping()), timeout]);
  } catch {
    throw new RedisUnavailableError(TEST_REDIS_URL);
  } finally {
    clearTimeout(timer);
    redis.disconnect();
  }
}

/**
 * A ready connection to the test Redis. Pass options such as `{ maxRetriesPerRequest: null }`
 * (BullMQ workers need it). The caller disconnects it in afterAll.
 */
export async function connectTestRedis(options: RedisOptions = {}): Promise<Redis> {
  await requireRedis();
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, ...options });
  try {
    await redis.connect();
  } catch {
    redis.disconnect();
    throw new RedisUnavailableError(TEST_REDIS_URL);
  }
  return redis;
}

/**
 * A key prefix no other test file or run shares, e.g. `nmbtest:store:4711-a1b2c3:`, so parallel
 * workers never see each other's keys and cleanup cannot touch real data.
 */
export function uniquePrefix(label = 'test'): string {
  return `nmbtest:${label}:${process.pid}-${randomBytes(3).toString('hex')}:`;
}

/** All keys starting with `prefix`, sorted (SCAN, not KEYS, so a big Redis is not blocked). */
export async function listKeys(redis: Redis, prefix: string): Promise<string[]> {
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    cursor = next;
    found.push(...keys);
  } while (cursor !== '0');
  return found.sort();
}

/** Deletes every key starting with `prefix`; returns how many there were. */
export async function deleteKeys(redis: Redis, prefix: string): Promise<number> {
  if (!prefix) throw new Error('refusing to delete keys without a prefix');
  const keys = await listKeys(redis, prefix);
  for (let start = 0; start < keys.length; start += 500)
    await redis.unlink(...keys.slice(start, start + 500));
  return keys.length;
}
