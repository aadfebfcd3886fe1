/** One contract for both queue stores: Redis (real server, unique prefix) and DATA_DIR files. */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import { openFileQueueStore } from '../../src/queue/file-queue-store.ts';
import * as Q from '../../src/queue/queue-state.ts';
import type { QueueStore } from '../../src/queue/queue-store.ts';
import { createRedisQueueStore } from '../../src/queue/redis-queue-store.ts';
import { connectTestRedis, deleteKeys, uniquePrefix } from '../helpers/redis.ts';
import { track } from './helpers/tracks.ts';

interface Backend {
  open(): Promise<QueueStore>;
  /** Stores something that is not a queue for the guild, as a bug or an old version might. */
  corrupt(guildId: string): Promise<void>;
}

let redis: Redis;
const prefix = uniquePrefix('queue-store');
let dataDir: string;

beforeAll(async () => {
  redis = await connectTestRedis();
  dataDir = await mkdtemp(path.join(tmpdir(), 'queue-store-'));
});

afterAll(async () => {
  await deleteKeys(redis, prefix);
  redis.disconnect();
  await rm(dataDir, { recursive: true, force: true });
});

const backends: Array<[string, () => Backend]> = [
  [
    'redis',
    () => ({
      open: async () => createRedisQueueStore({ redis, keyPrefix: prefix, logger: silentLogger() }),
      corrupt: async (guildId) =>
        void (await redis.hset(`${prefix}queue:${guildId}`, 'v', '3', 's', '{"nope":')),
    }),
  ],
  [
    'embedded',
    () => ({
      open: () => openFileQueueStore({ dataDir, logger: silentLogger() }),
      corrupt: (guildId) => writeFile(path.join(dataDir, 'queues', `${guildId}.json`), '{"guildId": 5}'),
    }),
  ],
];

let counter = 0;
const newGuild = () => `guild-${++counter}`;

function stateFor(guildId: string, version: number): Q.GuildQueueState {
  const base = Q.addTracks(Q.initialState(guildId, { volume: 80, fair: false }), [
    track('a1'),
    track('b2'),
  ]).state;
  return { ...base, version, updatedAt: 1000 + version, textChannelId: 'c1' };
}

describe.each(backends)('%s queue store', (_name, make) => {
  const backend = make();

  it('stores a state and gives it back unchanged', async () => {
    const store = await backend.open();
    const guildId = newGuild();
    expect(await store.get(guildId)).toBeUndefined();
    const state = stateFor(guildId, 1);
    expect(await store.put(state, 0)).toBe(true);
    expect(await store.get(guildId)).toEqual(state);
    expect(await store.guildIds()).toContain(guildId);
    await store.close();
  });

  it('writes only over the version it read (compare-and-set)', async () => {
    const store = await backend.open();
    const guildId = newGuild();
    expect(await store.put(stateFor(guildId, 1), 0)).toBe(true);
    expect(await store.put(stateFor(guildId, 2), 0)).toBe(false);
    expect(await store.put(stateFor(guildId, 2), 5)).toBe(false);
    expect(await store.put(stateFor(guildId, 2), 1)).toBe(true);
    expect((await store.get(guildId))?.version).toBe(2);
    await store.close();
  });

  it('keeps states across a reopen (a restart)', async () => {
    const guildId = newGuild();
    const first = await backend.open();
    await first.put(stateFor(guildId, 1), 0);
    await first.close();
    const second = await backend.open();
    expect(await second.get(guildId)).toEqual(stateFor(guildId, 1));
    await second.delete(guildId);
    expect(await second.get(guildId)).toBeUndefined();
    await second.close();
    const third = await backend.open();
    expect(await third.get(guildId)).toBeUndefined();
    expect(await third.guildIds()).not.toContain(guildId);
    await third.close();
  });

  it('sets an unreadable record aside and starts over', async () => {
    const guildId = newGuild();
    await backend.corrupt(guildId);
    const store = await backend.open();
    expect(await store.get(guildId)).toBeUndefined();
    expect(await store.put(stateFor(guildId, 1), 0)).toBe(true);
    expect(await store.get(guildId)).toEqual(stateFor(guildId, 1));
    await store.close();
  });

  it('rejects guild ids that could escape a key or a file name', async () => {
    const store = await backend.open();
    await expect(store.get('../etc')).rejects.toThrow(TypeError);
    await expect(store.get('')).rejects.toThrow(TypeError);
    await store.close();
  });
});

describe('embedded queue store files', () => {
  it('leaves no temporary files behind and names files by guild', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'queue-files-'));
    const store = await openFileQueueStore({ dataDir: dir, logger: silentLogger() });
    for (let v = 1; v <= 20; v++) await store.put(stateFor('discord:1', v), v - 1);
    await store.flush();
    expect(await readdir(path.join(dir, 'queues'))).toEqual([`${encodeURIComponent('discord:1')}.json`]);
    await store.close();
    const reopened = await openFileQueueStore({ dataDir: dir, logger: silentLogger() });
    expect((await reopened.get('discord:1'))?.version).toBe(20);
    await reopened.close();
    await rm(dir, { recursive: true, force: true });
  });
});
