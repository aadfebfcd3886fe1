import { describe, expect, it } from 'vitest';
import { SpawnGate } from '../../src/player/spawn-gate.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SpawnGate', () => {
  it('spaces start-ups at least minIntervalMs apart, first come first served', async () => {
    const gate = new SpawnGate({ maxConcurrent: 10, minIntervalMs: 60 });
    const t0 = performance.now();
    const granted: Array<[number, number]> = [];
    await Promise.all(
      [0, 1, 2, 3].map(async (id) => {
        const release = await gate.acquire();
        granted.push([id, performance.now() - t0]);
        release();
      }),
    );
    expect(granted.map(([id]) => id)).toEqual([0, 1, 2, 3]);
    // The first goes at once; each later one waits for the interval.
    expect(granted[0]![1]).toBeLessThan(30);
    for (let i = 1; i < granted.length; i++) {
      expect(granted[i]![1] - granted[i - 1]![1]).toBeGreaterThanOrEqual(58);
    }
  });

  it('holds further start-ups while maxConcurrent are in progress', async () => {
    const gate = new SpawnGate({ maxConcurrent: 1, minIntervalMs: 0 });
    const first = await gate.acquire();
    let secondGranted = false;
    const second = gate.acquire().then((release) => {
      secondGranted = true;
      return release;
    });
    await sleep(50);
    expect(secondGranted).toBe(false);
    expect(gate.active).toBe(1);
    expect(gate.waiting).toBe(1);
    first();
    first(); // releasing twice must not free a second slot
    (await second)();
    expect(secondGranted).toBe(true);
    expect(gate.active).toBe(0);
  });

  it('takes a slot back from a holder that never releases it', async () => {
    const gate = new SpawnGate({ maxConcurrent: 1, minIntervalMs: 0, holdTimeoutMs: 80 });
    await gate.acquire(); // never released, like a start-up waiting on a silent CDN
    const t0 = performance.now();
    (await gate.acquire())();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(70);
  });

  it('drops a waiter whose signal aborts, without using a slot', async () => {
    const gate = new SpawnGate({ maxConcurrent: 1, minIntervalMs: 0 });
    const hold = await gate.acquire();
    const controller = new AbortController();
    const waiting = gate.acquire(controller.signal);
    controller.abort(new Error('seeked away'));
    await expect(waiting).rejects.toThrow('seeked away');
    expect(gate.waiting).toBe(0);
    hold();
    expect(gate.active).toBe(0);
    await expect(gate.acquire(controller.signal)).rejects.toThrow('seeked away');
  });
});
