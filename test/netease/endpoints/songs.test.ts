import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../src/netease/errors.ts';
import { SONGS } from '../../fakes/netease/catalog.ts';
import { clientFor, type FakeNetease, recording, startFake, vip } from '../helpers/fake.ts';

let fake: FakeNetease;
beforeAll(async () => {
  fake = await startFake();
});
afterAll(async () => {
  await fake.close();
});

describe('song details', () => {
  it('fetches one song over weapi with the `c` id list', async () => {
    const client = clientFor(fake);
    const { result, requests } = await recording(fake, () => client.anonymous.song(SONGS.qingtian.id));
    expect(requests[0]).toMatchObject({
      transport: 'weapi',
      path: '/api/v3/song/detail',
      payload: { c: `[{"id":${SONGS.qingtian.id}}]` },
    });
    expect(result).toMatchObject({
      id: SONGS.qingtian.id,
      name: '晴天',
      aliases: ['Sunny Day'],
      playability: 'free',
    });
    await client.close();
  });

  it('keeps the asked order, drops unknown ids and fetches duplicates once', async () => {
    const client = clientFor(fake);
    const ids = [SONGS.daoxiang.id, 999_999_999, SONGS.qingtian.id, SONGS.daoxiang.id];
    const songs = await client.anonymous.songs(ids);
    expect(songs.map((song) => song.id)).toEqual([SONGS.daoxiang.id, SONGS.qingtian.id, SONGS.daoxiang.id]);
    await client.close();
  });

  it('splits large batches into chunks of 500', async () => {
    const client = clientFor(fake);
    const ids = [SONGS.qingtian.id, ...Array.from({ length: 1_100 }, (_, i) => 900_000_000 + i)];
    const { result, requests } = await recording(fake, () => client.anonymous.songs(ids));
    expect(result.map((song) => song.id)).toEqual([SONGS.qingtian.id]);
    const sizes = requests.map((request) => (JSON.parse(String(request.payload.c)) as unknown[]).length);
    expect(sizes).toEqual([500, 500, 101]);
    await client.close();
  });

  it('a missing song is NotFoundError', async () => {
    const client = clientFor(fake);
    await expect(client.anonymous.song(999_999_998)).rejects.toBeInstanceOf(NotFoundError);
    await client.close();
  });

  it('marks grey, VIP and paid songs', async () => {
    const client = clientFor(fake);
    const songs = await client.anonymous.songs([SONGS.grey.id, SONGS.vipOnly.id, SONGS.albumPaid.id]);
    expect(songs.map((song) => song.playability)).toEqual(['unavailable', 'vip', 'paid']);
    await client.close();
  });
});

describe('playability check', () => {
  it('tells free, trial-only and grey apart without asking for a URL', async () => {
    const client = clientFor(fake);
    const anonymous = client.anonymous;
    const { result, requests } = await recording(fake, () =>
      Promise.all([
        anonymous.checkPlayable(SONGS.qingtian.id),
        anonymous.checkPlayable(SONGS.vipOnly.id),
        anonymous.checkPlayable(SONGS.grey.id),
        anonymous.checkPlayable(SONGS.albumPaid.id),
      ]),
    );
    expect(result.map(({ playability, fullAccess }) => ({ playability, fullAccess }))).toEqual([
      { playability: 'free', fullAccess: true },
      { playability: 'vip', fullAccess: false },
      { playability: 'unavailable', fullAccess: false },
      { playability: 'paid', fullAccess: false },
    ]);
    expect(requests.every((request) => request.path === '/api/v3/song/detail')).toBe(true);
    await client.close();
  });

  it('a VIP listener gets the VIP song in full', async () => {
    const client = clientFor(fake);
    expect(await client.as(vip).checkPlayable(SONGS.vipOnly.id)).toMatchObject({
      playability: 'vip',
      fullAccess: true,
    });
    await client.close();
  });

  it('tells the level the song exists in from the level this listener may stream', async () => {
    const client = clientFor(fake);
    // 晴天 (fee 8) exists in lossless, but a non-VIP may only stream up to exhigh.
    expect(await client.anonymous.checkPlayable(SONGS.qingtian.id)).toMatchObject({
      maxLevel: 'lossless',
      listenerLevel: 'exhigh',
    });
    expect(await client.as(vip).checkPlayable(SONGS.qingtian.id)).toMatchObject({
      listenerLevel: 'lossless',
    });
    expect((await client.anonymous.checkPlayable(SONGS.vipOnly.id)).listenerLevel).toBeUndefined();
    await client.close();
  });

  it('shares the cached detail with song()', async () => {
    const client = clientFor(fake);
    const { requests } = await recording(fake, async () => {
      await client.anonymous.song(SONGS.qingtian.id);
      await client.anonymous.checkPlayable(SONGS.qingtian.id);
    });
    expect(requests).toHaveLength(1);
    await client.close();
  });
});
