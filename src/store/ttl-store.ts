import type { Logger } from '../logger.ts';
import { assertCacheKey, normaliseTtl } from './keys.ts';
import type { KvStore, Parser, TtlStore } from './types.ts';

/**
 * JSON values with a TTL over any KvStore. Cache content is never trusted blindly: a value that
 * is not JSON or fails the caller's parser reads as a miss, because a cache miss is always safe.
 */
export function createTtlStore(kv: KvStore, logger: Logger, prefix = ''): TtlStore {
  return {
    async get<T>(key: string, parser?: Parser<T>): Promise<T | undefined> {
      assertCacheKey(key);
      const text = await kv.get(prefix + key);
      if (text === undefined) return undefined;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        logger.warn({ key: prefix + key }, 'cached value is not JSON; treating as a miss');
        return undefined;
      }
      if (!parser) return value as T;
      const parsed = parser.safeParse(value);
      return parsed.success ? parsed.data : undefined;
    },

    async set(key, value, ttlMs) {
      assertCacheKey(key);
      const ttl = normaliseTtl(ttlMs);
      const text = JSON.stringify(value);
      // JSON.stringify(undefined) and functions give undefined: refuse rather than store "undefined".
      if (text === undefined) throw new TypeError('cache values must be JSON');
      await kv.set(prefix + key, text, ttl);
    },

    async delete(key) {
      assertCacheKey(key);
      await kv.delete(prefix + key);
    },

    namespace(name) {
      if (!/^[a-z][a-z0-9-]{0,39}$/.test(name)) {
        throw new TypeError(`cache namespace must be lowercase letters, digits and dashes, got ${name}`);
      }
      return createTtlStore(kv, logger, `${prefix}${name}:`);
    },
  };
}
