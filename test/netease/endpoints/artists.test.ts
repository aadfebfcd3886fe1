import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../src/netease/errors.ts';
import { ALBUMS, ARTISTS, SONGS } from '../../fakes/netease/catalog.ts';
import { clientFor, type FakeNetease, recording, startFake } from '../helpers/fake.ts';

let fake: FakeNetease;
beforeAll(async () => {
  fake = await startFake();
});
afterAll(async () => {
  await fake.close();
});

describe('artist', () => {
  it('gives the artist, top songs and albums', async () => {
    const client = clientFor(fake);
    const { result, requests } = await recording(fake, () => client.anonymous.artist(ARTISTS.jay.id));
    expect(requests.map((request) => request.path)).toEqual([
      `/api/v1/artist/${ARTISTS.jay.id}`,
      `/api/artist/albums/${ARTISTS.jay.id}`,
    ]);
    expect(result.artist).toMatchObject({ id: ARTISTS.jay.id, name: ARTISTS.jay.name });
    expect(result.artist.aliases).toEqual(expect.arrayContaining(ARTISTS.jay.alias));
    expect(result.topSongs.map((song) => song.id)).toContain(SONGS.qingtian.id);
    expect(result.albums.map((album) => album.id)).toContain(ALBUMS.yehuimei.id);
    await client.close();
  });

  it('an unknown artist is NotFoundError', async () => {
    const client = clientFor(fake);
    await expect(client.anonymous.artist(1)).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.anonymous.artist(1)).rejects.toMatchObject({ what: 'artist 1' });
    await client.close();
  });
});
