import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores, StoreError } from '../../src/store/index.ts';
import { connectTestRedis, deleteKeys, listKeys, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.ts';
import { baseConfig, removeDir, storeOpener, tempDataDir } from './harness-common.ts';
import { captureLogs } from './log-capture.ts';
import { alice, COOKIE, describeStoreContract, type StoreHarness } from './store-contract.ts';

let redis: Redis;
const filePrefix = uniquePrefix('store');

beforeAll(async () => {
  redis = await connectTestRedis();
});

afterAll(async () => {
  if (!redis) return;
  await deleteKeys(redis, filePrefix);
  redis.disconnect();
});

/** Each harness gets its own prefix under this file's, and its own DATA_DIR for session.key. */
async function makeRedisHarness(): Promise<StoreHarness & { prefix: string }> {
  const prefix = `${filePrefix}${Math.random().toString(36).slice(2, 8)}:`;
  const dataDir = await tempDataDir();
  const opener = storeOpener(() => ({
    config: { ...baseConfig(dataDir), redisUrl: TEST_REDIS_URL },
    keyPrefix: prefix,
  }));
  return {
    prefix,
    open: opener.open,
    async persisted() {
      const keys = await listKeys(redis, prefix);
      const values = keys.length > 0 ? await redis.mget(...keys) : [];
      return [...keys, ...values].join('\n');
    },
    async readRaw(namespace, key) {
      return (await redis.get(`${prefix}${namespace}:${key}`)) ?? undefined;
    },
    async writeRaw(namespace, key, value) {
      await redis.set(`${prefix}${namespace}:${key}`, value);
    },
    async dispose() {
      await opener.closeAll();
      await deleteKeys(redis, prefix);
      await removeDir(dataDir);
    },
  };
}

describeStoreContract('redis', makeRedisHarness);

describe('redis backend specifics', () => {
  it('keeps every key under the prefix and namespace, with TTLs set by PX', async () => {
    const harness = await makeRedisHarness();
    try {
      const { stores } = await harness.open();
      await stores.sessions.set('discord:1', alice);
      await stores.settings.update('discord:1', { fairQueue: true });
      await stores.cache.namespace('buttons').set('x', { a: 1 }, 30_000);
      expect(await listKeys(redis, harness.prefix)).toEqual([
        `${harness.prefix}cache:buttons:x`,
        `${harness.prefix}sessions:discord:1`,
        `${harness.prefix}settings:discord:1`,
      ]);
      const ttl = await redis.pttl(`${harness.prefix}cache:buttons:x`);
      expect(ttl).toBeGreaterThan(25_000);
      expect(ttl).toBeLessThanOrEqual(30_000);
      expect(await redis.pttl(`${harness.prefix}sessions:discord:1`)).toBe(-1);
      const raw = await redis.get(`${harness.prefix}sessions:discord:1`);
      expect(raw).not.toContain('MUSIC_U');
      expect(raw).not.toContain(COOKIE.slice(8, 30));
      expect(await redis.get(`${harness.prefix}settings:discord:1`)).toBe('{"fairQueue":true}');
    } finally {
      await harness.dispose();
    }
  });

  it('keeps the cache across a restart too', async () => {
    const harness = await makeRedisHarness();
    try {
      const first = await harness.open();
      await first.stores.cache.set('k', [1, 2], 60_000);
      await first.stores.close();
      const second = await harness.open();
      expect(await second.stores.cache.get('k')).toEqual([1, 2]);
    } finally {
      await harness.dispose();
    }
  });

  it('uses a given connection and leaves it open on close', async () => {
    const dataDir = await tempDataDir();
    const prefix = `${filePrefix}given:`;
    try {
      const stores = await createStores({
        config: baseConfig(dataDir),
        logger: captureLogs().logger,
        redis,
        keyPrefix: prefix,
      });
      expect(stores.kind).toBe('redis');
      expect(stores.redis).toBe(redis);
      await stores.settings.update('discord:5', { stay247: true });
      await stores.close();
      expect(redis.status).toBe('ready');
      expect(await redis.get(`${prefix}settings:discord:5`)).toBe('{"stay247":true}');
    } finally {
      await removeDir(dataDir);
    }
  });

  it('fails start-up with one clear line when Redis does not answer, hiding the password', async () => {
    const dataDir = await tempDataDir();
    try {
      const started = Date.now();
      const error = await createStores({
        config: { ...baseConfig(dataDir), redisUrl: 'redis://:hunter2hunter2@127.0.0.1:1' },
        logger: captureLogs().logger,
        redisTimeoutMs: 500,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      const message = (error as Error).message;
      expect(message).toMatch(/^Redis is not answering at redis:\/\/:\*\*\*@127\.0\.0\.1:1 .*REDIS_URL/);
      expect(message).not.toContain('hunter2');
      expect(message).not.toContain('\n');
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await removeDir(dataDir);
    }
  });
});
