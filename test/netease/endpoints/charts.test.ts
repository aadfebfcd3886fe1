import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAYLISTS, TOPLISTS } from '../../fakes/netease/catalog.ts';
import { clientFor, type FakeNetease, recording, startFake } from '../helpers/fake.ts';

let fake: FakeNetease;
beforeAll(async () => {
  fake = await startFake();
});
afterAll(async () => {
  await fake.close();
});

describe('charts', () => {
  it('lists the toplists', async () => {
    const client = clientFor(fake);
    const { result, requests } = await recording(fake, () => client.anonymous.toplists());
    expect(requests[0]).toMatchObject({ transport: 'eapi', path: '/api/toplist' });
    const soaring = result.find((toplist) => toplist.id === TOPLISTS.soaring.playlistId);
    expect(soaring).toMatchObject({ name: PLAYLISTS.soaring.name, updateFrequency: '每天更新' });
    expect(result).toHaveLength(Object.keys(TOPLISTS).length);
    await client.close();
  });

  it("gives a toplist's tracks in chart order", async () => {
    const client = clientFor(fake);
    const chart = await client.anonymous.toplist(TOPLISTS.hot.playlistId);
    expect(chart.trackIds).toEqual(PLAYLISTS.hot.trackIds);
    expect(chart.songs.map((song) => song.id)).toEqual(PLAYLISTS.hot.trackIds);
    await client.close();
  });
});
