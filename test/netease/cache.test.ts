import { describe, expect, it, vi } from 'vitest';
import { ResponseCache } from '../../src/netease/cache.ts';

describe('ResponseCache', () => {
  it('answers a repeated key from memory', async () => {
    const cache = new ResponseCache();
    const load = vi.fn(async () => ({ n: 1 }));
    expect(await cache.getOrLoad('k', load)).toEqual({ n: 1 });
    expect(await cache.getOrLoad('k', load)).toEqual({ n: 1 });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('caches null answers too', async () => {
    const cache = new ResponseCache();
    const load = vi.fn(async () => null);
    await cache.getOrLoad('k', load);
    await cache.getOrLoad('k', load);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('shares one load between concurrent identical calls', async () => {
    const cache = new ResponseCache({ ttlMs: 0 });
    let resolve!: (value: number) => void;
    const load = vi.fn(() => new Promise<number>((r) => (resolve = r)));
    const a = cache.getOrLoad('k', load);
    const b = cache.getOrLoad('k', load);
    resolve(7);
    expect(await Promise.all([a, b])).toEqual([7, 7]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('never caches failures', async () => {
    const cache = new ResponseCache();
    const load = vi.fn().mockRejectedValueOnce(new Error('boom')).mockResolvedValueOnce('ok');
    await expect(cache.getOrLoad('k', load)).rejects.toThrow('boom');
    expect(await cache.getOrLoad('k', load)).toBe('ok');
  });

  it('forgets answers after the ttl', async () => {
    const cache = new ResponseCache({ ttlMs: 30 });
    const load = vi.fn(async () => 'v');
    await cache.getOrLoad('k', load);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await cache.getOrLoad('k', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('with ttl 0 keeps nothing', async () => {
    const cache = new ResponseCache({ ttlMs: 0 });
    const load = vi.fn(async () => 'v');
    await cache.getOrLoad('k', load);
    await cache.getOrLoad('k', load);
    expect(load).toHaveBeenCalledTimes(2);
    expect(cache.size).toBe(0);
  });
});
