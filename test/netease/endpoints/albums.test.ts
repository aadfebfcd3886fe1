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

describe('album', () => {
  it('gives the album with its songs in track order', async () => {
    const client = clientFor(fake);
    const { result, requests } = await recording(fake, () => client.anonymous.album(ALBUMS.yehuimei.id));
    expect(requests[0]).toMatchObject({ transport: 'weapi', path: `/api/v1/album/${ALBUMS.yehuimei.id}` });
    expect(result).toMatchObject({
      id: ALBUMS.yehuimei.id,
      name: ALBUMS.yehuimei.name,
      artists: [{ id: ARTISTS.jay.id, name: ARTISTS.jay.name }],
      publishedAt: ALBUMS.yehuimei.publishTime,
    });
    expect(result.coverUrl).toMatch(/^https:/);
    expect(result.songs.map((song) => song.id)).toContain(SONGS.qingtian.id);
    expect(result.trackCount).toBe(result.songs.length);
    await client.close();
  });

  it('an unknown album is NotFoundError', async () => {
    const client = clientFor(fake);
    await expect(client.anonymous.album(1)).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.anonymous.album(1)).rejects.toMatchObject({ what: 'album 1' });
    await client.close();
  });
});
