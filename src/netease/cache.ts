/**
 * A short-lived cache of idempotent reads (search, details, lyrics, comments, charts...). Chat
 * users repeat themselves (paging back and forth, the same chart in several chats, autocomplete
 * firing on every keystroke), and every avoided call is one less step towards NetEase's throttle.
 * Two minutes is short enough that nothing visibly goes stale. Identical calls made while the
 * first is still on the wire share its result instead of going out twice. Failures are never
 * cached. Song URLs, login and account calls never come here (the endpoints decide).
 */
import { LRUCache } from 'lru-cache';

export interface CacheOptions {
  /** How long an answer is reused; 0 disables the cache (in-flight sharing stays). */
  ttlMs?: number;
  maxEntries?: number;
}

export class ResponseCache {
  readonly ttlMs: number;
  // Wrapped because lru-cache values must be non-nullish and an answer may legitimately be null.
  private readonly entries: LRUCache<string, { value: unknown }> | undefined;
  private readonly inflight = new Map<string, Promise<unknown>>();

  constructor(options: CacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 120_000;
    this.entries =
      this.ttlMs > 0 ? new LRUCache({ max: options.maxEntries ?? 500, ttl: this.ttlMs }) : undefined;
  }

  async getOrLoad<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries?.get(key);
    if (hit) return hit.value as T;
    const pending = this.inflight.get(key);
    if (pending) return pending as Promise<T>;
    const loading = load().then((value) => {
      this.entries?.set(key, { value });
      return value;
    });
    this.inflight.set(key, loading);
    try {
      return await loading;
    } finally {
      this.inflight.delete(key);
    }
  }

  has(key: string): boolean {
    return this.entries?.has(key) ?? false;
  }

  clear(): void {
    this.entries?.clear();
  }

  get size(): number {
    return this.entries?.size ?? 0;
  }
}
