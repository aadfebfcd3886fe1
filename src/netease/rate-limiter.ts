/**
 * The one gate every outgoing NetEase call passes through. A token bucket: `burst` calls may go
 * at once (a search followed by a song detail should not feel slow), after which calls leave at
 * `ratePerSecond`. NetEase's throttles are per IP and unforgiving (perf.md A: ~3 req/s is the
 * observed ceiling, a burst of hundreds earns a block of many minutes), so this is shared by every
 * identity and every endpoint of a client. Waiters are served in arrival order.
 *
 * No installed library fits (p-limit bounds concurrency, not rate), and this is 60 lines.
 */
import { setTimeout as sleepTimer } from 'node:timers/promises';

/** Time source, injectable so tests can drive the limiter without real waiting. */
export interface Clock {
  /** Monotonic milliseconds. */
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) => sleepTimer(ms, undefined, signal ? { signal } : undefined),
};

export interface RateLimiterOptions {
  ratePerSecond: number;
  /** Calls allowed back to back after a quiet period; at least 1. */
  burst?: number;
  clock?: Clock;
}

export class TokenBucket {
  readonly ratePerSecond: number;
  readonly burst: number;
  private readonly clock: Clock;
  private tokens: number;
  private refilledAt: number;
  private pausedUntil = Number.NEGATIVE_INFINITY;
  /** The queue: each acquirer waits for the previous one to get its token. */
  private tail: Promise<void> = Promise.resolve();

  constructor(options: RateLimiterOptions) {
    if (!(options.ratePerSecond > 0)) throw new RangeError('ratePerSecond must be positive');
    this.ratePerSecond = options.ratePerSecond;
    this.burst = Math.max(1, Math.floor(options.burst ?? 1));
    this.clock = options.clock ?? systemClock;
    this.tokens = this.burst;
    this.refilledAt = this.clock.now();
  }

  /** Resolves when the caller may send one request. */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.tail.then(() => this.takeToken(signal));
    // A waiter that gave up (aborted) must not block the ones behind it.
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  /**
   * NetEase said "too often": spend the burst and send nothing for `ms`. Everyone slows down,
   * since the block is per IP and hammering through it makes it longer.
   */
  penalize(ms: number): void {
    this.refill();
    this.tokens = 0;
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
    // No tokens accrue while paused, so the end of a pause is not followed by a burst.
    this.refilledAt = Math.max(this.refilledAt, this.pausedUntil);
  }

  private refill(): void {
    const now = this.clock.now();
    if (now <= this.refilledAt) return;
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) * this.ratePerSecond) / 1000);
    this.refilledAt = now;
  }

  private async takeToken(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      this.refill();
      const now = this.clock.now();
      if (now < this.pausedUntil) {
        await this.clock.sleep(this.pausedUntil - now, signal);
        continue;
      }
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil(((1 - this.tokens) * 1000) / this.ratePerSecond), signal);
    }
  }
}
