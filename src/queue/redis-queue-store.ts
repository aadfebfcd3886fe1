/**
 * Guild queues in Redis: one hash per guild, `<prefix>queue:<guildId>` = { v: version, s: JSON }.
 * The version check and the write run in one Lua script, so a compare-and-set costs one round
 * trip on the process' shared connection (no per-guild connections, no WATCH/MULTI).
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import type { GuildQueueState } from './queue-state.ts';
import { assertGuildId, parseState, type QueueStore, serializeState } from './queue-store.ts';

/** A queue nobody touched for this long is dropped (the guild removed the bot long ago). */
const IDLE_EXPIRY_MS = 30 * 24 * 3600_000;

const PUT = `
local stored = redis.call('HGET', KEYS[1], 'v')
if stored == false then stored = '0' end
if stored ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 's', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`;

export interface RedisQueueStoreOptions {
  redis: Redis;
  /** Key prefix shared with the other stores, e.g. `nmb:`. */
  keyPrefix: string;
  logger: Logger;
}

export function createRedisQueueStore(options: RedisQueueStoreOptions): QueueStore {
  const { redis, keyPrefix, logger } = options;
  const base = `${keyPrefix}queue:`;
  const keyOf = (guildId: string) => {
    assertGuildId(guildId);
    return base + guildId;
  };

  return {
    kind: 'redis',

    async get(guildId) {
      const key = keyOf(guildId);
      const text = await redis.hget(key, 's');
      if (text === null) return undefined;
      const state = parseState(text, guildId, logger);
      if (!state) {
        // Set it aside rather than delete: an operator may want to see what went wrong.
        await redis.rename(key, `${key}:unreadable`).catch(() => undefined);
      }
      return state;
    },

    async put(state: GuildQueueState, expectedVersion) {
      const written = await redis.eval(
        PUT,
        1,
        keyOf(state.guildId),
        String(expectedVersion),
        String(state.version),
        serializeState(state),
        String(IDLE_EXPIRY_MS),
      );
      return written === 1;
    },

    async delete(guildId) {
      await redis.unlink(keyOf(guildId));
    },

    async guildIds() {
      const pattern = `${base.replace(/[*?[\]\\]/g, '\\$&')}*`;
      const ids = new Set<string>();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
        cursor = next;
        for (const key of keys) {
          const id = key.slice(base.length);
          if (!id.endsWith(':unreadable')) ids.add(id);
        }
      } while (cursor !== '0');
      return [...ids].sort();
    },

    // Every write is acknowledged by Redis before put() resolves; the connection is the store's owner's.
    flush: async () => {},
    close: async () => {},
  };
}
