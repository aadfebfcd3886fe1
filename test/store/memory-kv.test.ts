import { describe, expect, it } from 'vitest';
import { MemoryKv } from '../../src/store/memory-kv.ts';

describe('MemoryKv', () => {
  it('evicts the least recently used entry beyond its bound', async () => {
    const kv = new MemoryKv({ maxEntries: 3 });
    await kv.set('a', '1');
    await kv.set('b', '2');
    await kv.set('c', '3');
    await kv.get('a'); // now b is the least recently used
    await kv.set('d', '4');
    expect(await kv.get('b')).toBeUndefined();
    expect([await kv.get('a'), await kv.get('c'), await kv.get('d')]).toEqual(['1', '3', '4']);
  });

  it('bounds total size, and an oversized value never leaves an old one visible', async () => {
    const kv = new MemoryKv({ maxChars: 100 });
    await kv.set('k', 'small');
    await kv.set('k', 'x'.repeat(500));
    expect(await kv.get('k')).toBeUndefined();
    for (let i = 0; i < 20; i++) await kv.set(`key${i}`, 'y'.repeat(10));
    const kept = (await Promise.all(Array.from({ length: 20 }, (_, i) => kv.get(`key${i}`)))).filter(Boolean);
    expect(kept.length).toBeLessThanOrEqual(100 / 14);
    expect(await kv.get('key19')).toBe('y'.repeat(10));
  });

  it('expires entries with a TTL and keeps those without', async () => {
    const kv = new MemoryKv();
    await kv.set('t', 'v', 30);
    await kv.set('p', 'v');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await kv.get('t')).toBeUndefined();
    expect(await kv.get('p')).toBe('v');
  });
});
