import { describe, expect, it } from 'vitest';
import { ACTION_PAYLOAD_LIMIT, decodeAction, encodeAction } from '../../src/commands/action-codec.ts';

function memoryStore() {
  const map = new Map<string, unknown>();
  return {
    map,
    get: async (key: string) => map.get(key),
    set: async (key: string, value: unknown) => void map.set(key, value),
  };
}

describe('action codec', () => {
  it('keeps small actions inline and round-trips them', async () => {
    const store = memoryStore();
    const ref = { command: 'top', name: 'page', args: { chart: 3778678, page: 2 } };
    const payload = await encodeAction(ref, store);
    expect(payload).toBe('top|page|{"chart":3778678,"page":2}');
    expect(store.map.size).toBe(0);
    expect(await decodeAction(payload, store)).toEqual(ref);
  });

  it('parks long actions (measured in bytes, as Telegram counts) and restores them', async () => {
    const store = memoryStore();
    const ref = {
      command: 'search',
      name: 'page',
      args: { q: '周杰伦 晴天 七里香 稻香 夜曲', type: 'song', page: 4 },
    };
    const payload = await encodeAction(ref, store);
    expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(ACTION_PAYLOAD_LIMIT);
    expect(payload.startsWith('~')).toBe(true);
    expect(await decodeAction(payload, store)).toEqual(ref);
  });

  it('returns undefined for garbage and for expired parked state', async () => {
    const store = memoryStore();
    expect(await decodeAction('nonsense', store)).toBeUndefined();
    expect(await decodeAction('a|b|{not json', store)).toBeUndefined();
    expect(await decodeAction('~missingkey', store)).toBeUndefined();
  });
});
