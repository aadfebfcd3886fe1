import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../src/netease/errors.ts';
import { PLAYLISTS, USERS } from '../../fakes/netease/catalog.ts';
import { clientFor, type FakeNetease, recording, startFake } from '../helpers/fake.ts';

let fake: FakeNetease;
beforeAll(async () => {
  fake = await startFake();
});
afterAll(async () => {
  await fake.close();
});

describe('playlist', () => {
  it('gives every track to an anonymous caller although `tracks` is truncated', async () => {
    const client = clientFor(fake);
    const { result, requests } = await recording(fake, () => client.anonymous.playlist(PLAYLISTS.big.id));
    expect(requests[0]).toMatchObject({
      transport: 'eapi',
      path: '/api/v6/playlist/detail',
      payload: { id: PLAYLISTS.big.id },
    });
    expect(requests.slice(1).every((request) => request.path === '/api/v3/song/detail')).toBe(true);
    expect(result).toMatchObject({ id: PLAYLISTS.big.id, name: PLAYLISTS.big.name, trackCount: 28 });
    expect(result.trackIds).toEqual(PLAYLISTS.big.trackIds);
    expect(result.songs.map((song) => song.id)).toEqual(PLAYLISTS.big.trackIds);
    expect(result.creator?.nickname).toBeTruthy();
    expect(result.coverUrl).toMatch(/^https:/);
    await client.close();
  });

  it('fetches only as many track details as asked', async () => {
    const client = clientFor(fake);
    const playlist = await client.anonymous.playlist(PLAYLISTS.big.id, { maxTracks: 5 });
    expect(playlist.trackIds).toHaveLength(28);
    expect(playlist.songs.map((song) => song.id)).toEqual(PLAYLISTS.big.trackIds.slice(0, 5));
    await client.close();
  });

  it('is cached per identity (a logged-in user is not served the anonymous answer)', async () => {
    const client = clientFor(fake);
    const { requests } = await recording(fake, async () => {
      await client.anonymous.playlist(PLAYLISTS.jay.id);
      await client.anonymous.playlist(PLAYLISTS.jay.id);
      await client.as({ kind: 'user', cookie: `MUSIC_U=${USERS.vip.musicU}` }).playlist(PLAYLISTS.jay.id);
    });
    const details = requests.filter((request) => request.path === '/api/v6/playlist/detail');
    expect(details).toHaveLength(2);
    await client.close();
  });

  it('an unknown playlist is NotFoundError', async () => {
    const client = clientFor(fake);
    await expect(client.anonymous.playlist(1)).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.anonymous.playlist(1)).rejects.toMatchObject({ what: 'playlist 1' });
    await client.close();
  });
});
