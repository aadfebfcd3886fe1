/**
 * Per-user token buckets, so one user cannot flood NetEase (and with it the shared rate limit)
 * for everybody else. Buckets of idle users are dropped to keep memory flat.
 */
export interface UserRateLimitOptions {
  /** Commands a user may fire in a burst. */
  burst: number;
  /** Tokens regained per second after the burst is spent. */
  perSecond: number;
  now?: () => number;
}

export class UserRateLimit {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly now: () => number;

  constructor(private readonly options: UserRateLimitOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Takes a token; returns 0 when allowed, else the seconds to wait. */
  take(userKey: string): number {
    const now = this.now();
    const { burst, perSecond } = this.options;
    const bucket = this.buckets.get(userKey) ?? { tokens: burst, at: now };
    const tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    if (tokens < 1) {
      this.buckets.set(userKey, { tokens, at: now });
      return Math.ceil((1 - tokens) / perSecond);
    }
    this.buckets.set(userKey, { tokens: tokens - 1, at: now });
    if (this.buckets.size > 10_000) this.prune(now);
    return 0;
  }

  private prune(now: number): void {
    const full = (this.options.burst / this.options.perSecond) * 1000;
    for (const [key, bucket] of this.buckets) if (now - bucket.at > full) this.buckets.delete(key);
  }
}
