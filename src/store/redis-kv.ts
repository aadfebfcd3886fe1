import type { Redis } from 'ioredis';
import type { KvStore } from './types.ts';

/**
 * A namespace in Redis: every key is `<prefix><namespace>:<key>`, so the bot can share a
 * Redis database with other software, and tests can use (and clean up) their own prefix.
 * The prefix is added here rather than with ioredis' `keyPrefix`, because the same connection
 * may be handed to BullMQ, which manages its own key names.
 */
export class RedisKv implements KvStore {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, keyPrefix: string, namespace: string) {
    this.#redis = redis;
    this.#prefix = `${keyPrefix}${namespace}:`;
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.#redis.get(this.#prefix + key)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    if (ttlMs === undefined) await this.#redis.set(this.#prefix + key, value);
    else await this.#redis.set(this.#prefix + key, value, 'PX', ttlMs);
  }

  async delete(key: string): Promise<void> {
    await this.#redis.del(this.#prefix + key);
  }
}
