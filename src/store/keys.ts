/**
 * Scope keys name a platform user or chat: `discord:123`, `telegram:-1001234`, `console:local`.
 * Checking the shape here catches a caller passing a bare id (which would mix platforms) or an
 * empty string (which would share one record between everyone).
 */
const SCOPE_KEY = /^[a-z][a-z0-9-]*:\S{1,200}$/;

export function assertScopeKey(key: string, what: string): void {
  if (typeof key !== 'string' || !SCOPE_KEY.test(key)) {
    throw new TypeError(
      `${what} must look like "platform:id", got ${JSON.stringify(String(key)).slice(0, 80)}`,
    );
  }
}

/** Cache keys are free-form, but must be non-empty and short enough to index cheaply. */
export function assertCacheKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > 512) {
    throw new TypeError('cache key must be a non-empty string of at most 512 characters');
  }
}

/** A TTL Redis and the memory cache can both honour: a whole, positive number of milliseconds. */
export function normaliseTtl(ttlMs: number): number {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new RangeError(`ttlMs must be a positive number of milliseconds, got ${ttlMs}`);
  }
  return Math.ceil(ttlMs);
}
