import type { Redis } from 'ioredis';
import { RedisKv } from './redis-kv.ts';
import type { KvStore, StorageBackend } from './types.ts';

export interface RedisBackendOptions {
  redis: Redis;
  /** Every key starts with this, e.g. `nmb:`. */
  keyPrefix: string;
  /** Quit the connection on close; false when the caller owns it and shares it elsewhere. */
  ownsConnection: boolean;
}

/**
 * Everything in Redis: with persistence configured there (AOF/RDB), durable and volatile only
 * differ in that volatile entries always carry a TTL. Writes are acknowledged by Redis, so there
 * is nothing to flush.
 */
export function createRedisBackend(options: RedisBackendOptions): StorageBackend {
  const { redis, keyPrefix } = options;
  const namespaces = new Map<string, KvStore>();
  const open = (namespace: string): KvStore => {
    let kv = namespaces.get(namespace);
    if (!kv) {
      kv = new RedisKv(redis, keyPrefix, namespace);
      namespaces.set(namespace, kv);
    }
    return kv;
  };
  let closing: Promise<void> | undefined;
  return {
    kind: 'redis',
    durable: open,
    volatile: open,
    async flush() {},
    close() {
      closing ??= (async () => {
        if (!options.ownsConnection) return;
        // quit() lets in-flight commands finish; while Redis is unreachable it would wait for a
        // reconnect, so then just drop the connection.
        if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
        else redis.disconnect();
      })();
      return closing;
    },
  };
}
