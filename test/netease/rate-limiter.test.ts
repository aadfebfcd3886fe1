import { describe, expect, it } from 'vitest';
import { type Clock, TokenBucket } from '../../src/netease/rate-limiter.ts';

/** A clock that only moves when the test says so; sleepers wake in time order. */
function manualClock() {
  let time = 0;
  const sleepers: { until: number; wake: () => void }[] = [];
  const clock: Clock = {
    now: () => time,
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        sleepers.push({ until: time + ms, wake: resolve });
      }),
  };
  async function advance(ms: number): Promise<void> {
    const target = time + ms;
    for (;;) {
      await flush();
      sleepers.sort((a, b) => a.until - b.until);
      const next = sleepers[0];
      if (!next || next.until > target) break;
      sleepers.shift();
      time = next.until;
      next.wake();
    }
    time = target;
    await flush();
  }
  return { clock, advance };
}

async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

function track(limiter: TokenBucket, count: number): boolean[] {
  const granted = Array.from({ length: count }, () => false);
  for (let i = 0; i < count; i++) {
    void limiter.acquire().then(() => {
      granted[i] = true;
    });
  }
  return granted;
}

describe('TokenBucket', () => {
  it('lets a burst through at once, then one call per 1/rate seconds, in order', async () => {
    const { clock, advance } = manualClock();
    const limiter = new TokenBucket({ ratePerSecond: 2, burst: 3, clock });
    const granted = track(limiter, 6);
    await advance(0);
    expect(granted).toEqual([true, true, true, false, false, false]);
    await advance(499);
    expect(granted.filter(Boolean)).toHaveLength(3);
    await advance(1);
    expect(granted).toEqual([true, true, true, true, false, false]);
    await advance(1000);
    expect(granted.every(Boolean)).toBe(true);
  });

  it('refills up to the burst after a quiet period, not beyond', async () => {
    const { clock, advance } = manualClock();
    const limiter = new TokenBucket({ ratePerSecond: 10, burst: 2, clock });
    await advance(60_000);
    const granted = track(limiter, 3);
    await advance(0);
    expect(granted).toEqual([true, true, false]);
  });

  it('sends nothing while penalised and does not burst afterwards', async () => {
    const { clock, advance } = manualClock();
    const limiter = new TokenBucket({ ratePerSecond: 2, burst: 5, clock });
    limiter.penalize(5_000);
    const granted = track(limiter, 2);
    await advance(5_000);
    expect(granted).toEqual([false, false]);
    await advance(500);
    expect(granted).toEqual([true, false]);
    await advance(500);
    expect(granted).toEqual([true, true]);
  });

  it('an aborted waiter does not hold up the queue', async () => {
    const { clock, advance } = manualClock();
    const limiter = new TokenBucket({ ratePerSecond: 1, burst: 1, clock });
    await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal);
    const after = track(limiter, 1);
    controller.abort(new Error('gave up'));
    await expect(aborted).rejects.toThrow();
    await advance(1000);
    expect(after).toEqual([true]);
  });

  it('limits real time too: at 50/s with burst 5, about 15 calls start within 200 ms', async () => {
    const limiter = new TokenBucket({ ratePerSecond: 50, burst: 5 });
    const started = performance.now();
    let within = 0;
    await Promise.all(
      Array.from({ length: 30 }, () =>
        limiter.acquire().then(() => {
          if (performance.now() - started < 200) within++;
        }),
      ),
    );
    // 5 at once + 10 more in 200 ms; generous bounds because CI machines are busy.
    expect(within).toBeGreaterThanOrEqual(5);
    expect(within).toBeLessThanOrEqual(16);
  });

  it('rejects a non-positive rate', () => {
    expect(() => new TokenBucket({ ratePerSecond: 0 })).toThrow(RangeError);
  });
});
