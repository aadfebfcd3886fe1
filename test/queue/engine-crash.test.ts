/**
 * The bot process playing a guild is killed with SIGKILL mid-track; a new process on the same
 * storage must resume that guild at the saved position, queue intact, within 15 s of its start
 * (without waiting for BullMQ's 30 s stalled-job check on the Redis backend).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Progress, parseProgress } from '../../src/queue/playback-driver.ts';
import { TEST_REDIS_URL } from '../helpers/redis.ts';
import { ChildEngine } from './helpers/child-engine.ts';
import {
  type BackendKind,
  type BackendPlace,
  makePlace,
  requester,
  sleep,
  startWorld,
  type World,
} from './helpers/world.ts';

const RESUME_BUDGET_MS = 15_000;

describe.each<BackendKind>(['redis', 'embedded'])('after kill -9 (%s backend)', (kind) => {
  let world: World;
  let place: BackendPlace;
  const children: ChildEngine[] = [];

  beforeAll(async () => {
    world = await startWorld();
    place = await makePlace(kind);
  });

  afterAll(async () => {
    for (const child of children) child.destroy();
    await place?.cleanup();
    await world?.close();
  });

  function startChild(): ChildEngine {
    const child = new ChildEngine({
      BACKEND: kind,
      REDIS_URL: TEST_REDIS_URL,
      KEY_PREFIX: place.keyPrefix,
      SHARD_ID: place.shardId,
      DATA_DIR: place.dataDir,
      NETEASE_BASE_URL: world.fake.baseUrl,
    });
    children.push(child);
    return child;
  }

  /** What the dead process recorded, read straight from its storage. */
  async function savedProgress(): Promise<Progress | undefined> {
    if (kind === 'embedded') {
      const raw = JSON.parse(await readFile(path.join(place.dataDir, 'playback-progress.json'), 'utf8'));
      return parseProgress(Object.values(raw)[0]);
    }
    const connection = place.redis!.duplicate({ maxRetriesPerRequest: null });
    const queue = new Queue(`playback-${place.shardId}`, { connection, prefix: `${place.keyPrefix}bull` });
    try {
      const [job] = await queue.getJobs(['active']);
      return parseProgress(job?.progress);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  }

  it('a new process resumes the guild at the saved position with the rest of the queue', async () => {
    const guildId = `crash-${kind}-${process.pid}`;
    const { haikuo, paomo, qingtian } = world.songs;

    const first = startChild();
    await first.ready();
    first.send({ cmd: 'enqueue', guildId, songs: [haikuo, paomo, qingtian], requester: requester('alice') });
    const audio = await first.waitFor('audio', (m) => m.type === 'audio' && m.guildId === guildId);
    // Mid-track: about 3 s into the 6 s song.
    await sleep(3000 - (Date.now() - audio.at));
    await first.kill9();
    expect(await first.exited).not.toBe(0);
    const saved = await savedProgress();
    expect(saved?.positionMs).toBeGreaterThan(1500);

    const second = startChild();
    const resumed = await second.waitFor(
      'resumed trackStarted',
      (m) => m.type === 'event' && m.guildId === guildId && m.event.type === 'trackStarted',
      RESUME_BUDGET_MS + 5000,
    );
    const heard = await second.waitFor('audio', (m) => m.type === 'audio' && m.guildId === guildId);
    expect(heard.at - second.startedAt).toBeLessThan(RESUME_BUDGET_MS);

    expect(resumed.event.track.song.id).toBe(haikuo.id);
    expect(resumed.event.resumed).toBe(true);
    expect(resumed.event.track.entryId).toBe(saved!.entryId);
    expect(Math.abs(resumed.event.positionMs - saved!.positionMs)).toBeLessThan(250);

    second.send({ cmd: 'snapshot', guildId });
    const { snapshot } = await second.waitFor('snapshot', (m) => m.type === 'snapshot');
    expect(snapshot.current.track.song.id).toBe(haikuo.id);
    expect(snapshot.upcoming.map((t: { song: { id: number } }) => t.song.id)).toEqual([
      paomo.id,
      qingtian.id,
    ]);

    // And it carries on with the rest of the queue.
    await second.waitFor(
      'next track',
      (m) => m.type === 'event' && m.event.type === 'trackStarted' && m.event.track.song.id === paomo.id,
      10_000,
    );
    await sleep(1000);
    second.send({ cmd: 'snapshot', guildId });
    const late = await second.waitFor(
      'snapshot',
      (m) => m.type === 'snapshot' && m.snapshot.current?.track.song.id === paomo.id,
    );
    second.send({ cmd: 'close' });
    const closed = await Promise.race([second.exited, sleep(5000).then(() => 'still running')]);
    expect(closed).toBe(0);

    // A clean restart hands over too, and the first process' orphaned job (still marked active
    // on Redis) must not drag the guild back to where that process died.
    const third = startChild();
    const again = await third.waitFor(
      'trackStarted after a clean restart',
      (m) => m.type === 'event' && m.guildId === guildId && m.event.type === 'trackStarted',
      RESUME_BUDGET_MS,
    );
    expect(again.event.track.song.id).toBe(paomo.id);
    expect(again.event.resumed).toBe(true);
    expect(Math.abs(again.event.positionMs - late.snapshot.current.positionMs)).toBeLessThan(300);
    third.send({ cmd: 'snapshot', guildId });
    const last = await third.waitFor('snapshot', (m) => m.type === 'snapshot');
    expect(last.snapshot.upcoming.map((t: { song: { id: number } }) => t.song.id)).toEqual([qingtian.id]);
    third.send({ cmd: 'close' });
    expect(await Promise.race([third.exited, sleep(5000).then(() => 'still running')])).toBe(0);
  }, 60_000);
});
