import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALBUMS, PLAYLISTS, SONGS } from '../../fakes/netease/catalog.ts';
import { clientFor, type FakeNetease, recording, startFake } from '../helpers/fake.ts';

let fake: FakeNetease;
beforeAll(async () => {
  fake = await startFake();
});
afterAll(async () => {
  await fake.close();
});

describe('comments', () => {
  it('pages through hot comments of a song by offset', async () => {
    const client = clientFor(fake);
    const { result: first, requests } = await recording(fake, () =>
      client.anonymous.comments('song', SONGS.qingtian.id, { limit: 5 }),
    );
    expect(requests[0]).toMatchObject({
      transport: 'weapi',
      path: `/api/v1/resource/hotcomments/R_SO_4_${SONGS.qingtian.id}`,
      payload: { rid: SONGS.qingtian.id, limit: 5, offset: 0 },
    });
    expect(first.comments).toHaveLength(5);
    expect(first.hasMore).toBe(true);
    expect(first.total).toBeGreaterThan(5);
    const comment = first.comments[0]!;
    expect(comment.user.nickname).not.toBe('');
    expect(comment.content).not.toBe('');
    const second = await client.anonymous.comments('song', SONGS.qingtian.id, { limit: 5, offset: 5 });
    const firstIds = new Set(first.comments.map((c) => c.id));
    expect(second.comments.some((c) => firstIds.has(c.id))).toBe(false);
    await client.close();
  });

  it('pages through newest comments with the cursor, newest first', async () => {
    const client = clientFor(fake);
    const { result: first, requests } = await recording(fake, () =>
      client.anonymous.comments('song', SONGS.qingtian.id, { sort: 'new', limit: 10 }),
    );
    expect(requests[0]).toMatchObject({
      transport: 'eapi',
      path: '/api/v2/resource/comments',
      payload: { threadId: `R_SO_4_${SONGS.qingtian.id}`, pageSize: 10, sortType: 3 },
    });
    expect(first.comments).toHaveLength(10);
    expect(first.cursor).toBeDefined();
    const times = first.comments.map((c) => c.time);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const second = await client.anonymous.comments('song', SONGS.qingtian.id, {
      sort: 'new',
      limit: 10,
      offset: 10,
      cursor: first.cursor,
    });
    expect(second.comments.length).toBeGreaterThan(0);
    expect(Math.max(...second.comments.map((c) => c.time))).toBeLessThanOrEqual(Math.min(...times));
    const firstIds = new Set(first.comments.map((c) => c.id));
    expect(second.comments.some((c) => firstIds.has(c.id))).toBe(false);
    await client.close();
  });

  it('reads album and playlist threads', async () => {
    const client = clientFor(fake);
    const { requests } = await recording(fake, async () => {
      await client.anonymous.comments('album', ALBUMS.yehuimei.id);
      await client.anonymous.comments('playlist', PLAYLISTS.big.id, { sort: 'new' });
    });
    expect(requests[0]?.path).toBe(`/api/v1/resource/hotcomments/R_AL_3_${ALBUMS.yehuimei.id}`);
    expect(requests[1]?.payload.threadId).toBe(`A_PL_0_${PLAYLISTS.big.id}`);
    await client.close();
  });
});
