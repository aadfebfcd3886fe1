/**
 * What only the Redis backend promises: a fixed number of connections per process however many
 * guilds play, shards that only take their own guilds' jobs, and the shard lease that makes
 * start-up recovery safe.
 */
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import { ShardLease } from '../../src/queue/shard-lease.ts';
import { connectTestRedis, deleteKeys, uniquePrefix } from '../helpers/redis.ts';
import { EventLog } from './helpers/event-log.ts';
import {
  type BackendPlace,
  type EngineHandle,
  makePlace,
  newGuild,
  openEngine,
  requester,
  sleep,
  startWorld,
  type World,
} from './helpers/world.ts';

let world: World;

beforeAll(async () => {
  world = await startWorld();
});

afterAll(() => world?.close());

/** Redis clients whose name starts with the prefix (ours all carry it). */
async function connectionsNamed(redis: Redis, prefix: string): Promise<number> {
  const list = (await redis.client('LIST')) as string;
  return list
    .split('\n')
    .filter((line) => new RegExp(` name=${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(line)).length;
}

describe('Redis playback driver', () => {
  let place: BackendPlace;
  const handles: EngineHandle[] = [];

  beforeAll(async () => {
    place = await makePlace('redis');
  });

  afterAll(async () => {
    for (const handle of handles) await handle.engine.close();
    await place?.cleanup();
  });

  it('uses the same few connections for one guild or many', async () => {
    const log = new EventLog();
    const handle = await openEngine(world, place, { log });
    handles.push(handle);
    const idle = await connectionsNamed(place.redis!, place.keyPrefix);
    // One duplicate for BullMQ (queue + worker) and the worker's blocking connection.
    expect(idle).toBe(2);

    const players = [1, 2, 3, 4, 5].map((n) => handle.engine.forGuild(newGuild(`conn${n}`)));
    for (const player of players) await player.enqueue([world.songs.qingtian], requester('alice'));
    for (const player of players) await log.waitFor(player.guildId, 'trackStarted');
    expect(await connectionsNamed(place.redis!, place.keyPrefix)).toBe(idle);
    await Promise.all(players.map((player) => player.stop()));
  });

  it('each shard process takes only its own queue', async () => {
    const log = new EventLog();
    const other: BackendPlace = { ...place, shardId: `${place.shardId}-b`, cleanup: async () => {} };
    const a = handles[0] ?? (await openEngine(world, place, { log }));
    const b = await openEngine(world, other, { log });
    handles.push(b);
    const onA = a.engine.forGuild(newGuild('shard-a'));
    const onB = b.engine.forGuild(newGuild('shard-b'));
    const aLog = a.log;
    await onA.enqueue([world.songs.qingtian], requester('alice'));
    await onB.enqueue([world.songs.paomo], requester('alice'));
    await aLog.waitFor(onA.guildId, 'trackStarted');
    await log.waitFor(onB.guildId, 'trackStarted');
    expect(a.sinks.has(onA.guildId)).toBe(true);
    expect(a.sinks.has(onB.guildId)).toBe(false);
    expect(b.sinks.has(onB.guildId)).toBe(true);
    expect(b.sinks.has(onA.guildId)).toBe(false);
    await Promise.all([onA.stop(), onB.stop()]);
  });
});

describe('shard lease', () => {
  let redis: Redis;
  const prefix = uniquePrefix('lease');

  beforeAll(async () => {
    redis = await connectTestRedis();
  });

  afterAll(async () => {
    await deleteKeys(redis, prefix);
    redis.disconnect();
  });

  const lease = (key: string, onLost = () => {}) =>
    new ShardLease({ redis, key: prefix + key, ttlMs: 600, logger: silentLogger(), onLost });

  it('waits for a live holder elsewhere to stop refreshing', async () => {
    await redis.set(`${prefix}a`, JSON.stringify({ host: 'another-host', pid: 1, token: 'x' }), 'PX', 600);
    const started = Date.now();
    const mine = lease('a');
    await mine.acquire();
    expect(Date.now() - started).toBeGreaterThan(450);
    await mine.release();
    expect(await redis.exists(`${prefix}a`)).toBe(0);
  });

  it('takes over at once from a holder on this host whose process is gone', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    await redis.set(`${prefix}b`, JSON.stringify({ host: hostname(), pid: dead, token: 'x' }), 'PX', 60_000);
    const started = Date.now();
    const mine = lease('b');
    await mine.acquire();
    expect(Date.now() - started).toBeLessThan(200);
    await mine.release();
  });

  it('keeps the lease alive while held, and reports when someone else took it', async () => {
    let lost = 0;
    const mine = lease('c', () => lost++);
    await mine.acquire();
    await sleep(900);
    expect(await redis.exists(`${prefix}c`)).toBe(1);
    await redis.set(`${prefix}c`, JSON.stringify({ host: 'intruder', pid: 1, token: 'y' }), 'PX', 60_000);
    await sleep(400);
    expect(lost).toBe(1);
    await mine.release();
    // Releasing must not delete the new holder's key.
    expect(await redis.exists(`${prefix}c`)).toBe(1);
  });
});
