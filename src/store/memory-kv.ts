import { LRUCache } from 'lru-cache';
import { StoreClosedError } from './errors.ts';
import type { KvStore } from './types.ts';

export interface MemoryKvOptions {
  /** Most entries kept; the least recently used go first. */
  maxEntries?: number;
  /** Most characters of values kept in total, so a few huge values cannot exhaust memory. */
  maxChars?: number;
}

export const MEMORY_KV_DEFAULTS = { maxEntries: 10_000, maxChars: 16 * 1024 * 1024 } as const;

/**
 * The embedded backend's volatile namespace: a bounded LRU that honours per-entry TTLs.
 * Nothing here survives a restart, which is the point: caches rebuild themselves.
 */
export class MemoryKv implements KvStore {
  readonly #cache: LRUCache<string, string>;
  #closed = false;

  constructor(options: MemoryKvOptions = {}) {
    this.#cache = new LRUCache<string, string>({
      max: options.maxEntries ?? MEMORY_KV_DEFAULTS.maxEntries,
      maxSize: options.maxChars ?? MEMORY_KV_DEFAULTS.maxChars,
      // Count the key too: a flood of tiny values with long keys is still memory.
      sizeCalculation: (value, key) => Math.max(1, value.length + key.length),
    });
  }

  async get(key: string): Promise<string | undefined> {
    this.#assertOpen();
    return this.#cache.get(key);
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.#assertOpen();
    // A value larger than the whole budget would be silently dropped by the LRU; dropping it is
    // fine for a cache, but a stale older value must not stay visible in its place.
    this.#cache.delete(key);
    this.#cache.set(key, value, ttlMs === undefined ? undefined : { ttl: ttlMs });
  }

  async delete(key: string): Promise<void> {
    this.#assertOpen();
    this.#cache.delete(key);
  }

  close(): void {
    this.#closed = true;
    this.#cache.clear();
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreClosedError('memory cache');
  }
}
