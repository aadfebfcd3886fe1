import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALBUMS, ARTISTS, PLAYLISTS, SONGS } from '../../fakes/netease/catalog.ts';
import { clientFor, type FakeNetease, pathsSince, recording, startFake } from '../helpers/fake.ts';

let fake: FakeNetease;
beforeAll(async () => {
  fake = await startFake();
});
afterAll(async () => {
  await fake.close();
});

describe('search', () => {
  it('finds songs with cloudsearch over eapi and maps them to our model', async () => {
    const client = clientFor(fake);
    const { result, requests } = await recording(fake, () => client.anonymous.search('晴天'));
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      transport: 'eapi',
      path: '/api/cloudsearch/pc',
      payload: { s: '晴天', type: 1, limit: 20, offset: 0, total: true },
    });
    const song = result.items.find((item) => item.id === SONGS.qingtian.id);
    expect(song).toMatchObject({
      name: '晴天',
      artists: [{ id: ARTISTS.jay.id, name: ARTISTS.jay.name }],
      album: { id: ALBUMS.yehuimei.id, name: ALBUMS.yehuimei.name },
      durationMs: SONGS.qingtian.durationMs,
      playability: 'free',
      fee: 8,
    });
    expect(result.total).toBeGreaterThanOrEqual(1);
    await client.close();
  });

  it('pages through results', async () => {
    const client = clientFor(fake);
    const first = await client.anonymous.search(ARTISTS.jay.name, { limit: 3 });
    const second = await client.anonymous.search(ARTISTS.jay.name, { limit: 3, offset: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.hasMore).toBe(true);
    expect(second.offset).toBe(3);
    const firstIds = new Set(first.items.map((song) => song.id));
    expect(second.items.some((song) => firstIds.has(song.id))).toBe(false);
    expect(first.total).toBeGreaterThan(6);
    await client.close();
  });

  it('searches albums, artists, playlists and users', async () => {
    const client = clientFor(fake);
    const api = client.anonymous;
    const albums = await api.search(ALBUMS.yehuimei.name, { type: 'album' });
    expect(albums.items.map((album) => album.id)).toContain(ALBUMS.yehuimei.id);
    expect(albums.items[0]?.artists.length).toBeGreaterThan(0);
    const artists = await api.search(ARTISTS.jay.name, { type: 'artist' });
    expect(artists.items[0]).toMatchObject({ id: ARTISTS.jay.id, name: ARTISTS.jay.name });
    const playlists = await api.search('华语经典', { type: 'playlist' });
    expect(playlists.items.map((playlist) => playlist.id)).toContain(PLAYLISTS.big.id);
    const users = await api.search('阿哲', { type: 'user' });
    expect(Array.isArray(users.items)).toBe(true);
    await client.close();
  });

  it('returns an empty page for no hits, and does not call for an empty query', async () => {
    const client = clientFor(fake);
    const none = await client.anonymous.search('zzqqxx-nothing-matches');
    expect(none).toMatchObject({ items: [], total: 0, hasMore: false });
    const { result, requests } = await recording(fake, () => client.anonymous.search('   '));
    expect(result.items).toEqual([]);
    expect(requests).toHaveLength(0);
    await client.close();
  });

  it('falls back to search/get when cloudsearch answers garbage', async () => {
    const client = clientFor(fake);
    fake.failNext('/api/cloudsearch/pc', { malformed: true });
    const start = fake.requests.length;
    const page = await client.anonymous.search('晴天');
    expect(pathsSince(fake, start)).toEqual(['/api/cloudsearch/pc', '/api/search/get']);
    expect(page.items.map((song) => song.id)).toContain(SONGS.qingtian.id);
    await client.close();
  });

  it('does not fall back on errors a second call would repeat', async () => {
    const client = clientFor(fake);
    fake.failNext('/api/cloudsearch/pc', { code: -460, msg: 'Cheating' });
    const start = fake.requests.length;
    await expect(client.anonymous.search('晴天')).rejects.toMatchObject({ code: 'cheating' });
    expect(pathsSince(fake, start)).toEqual(['/api/cloudsearch/pc']);
    await client.close();
  });

  it('offers the legacy search directly (old song shape)', async () => {
    const client = clientFor(fake);
    const page = await client.anonymous.searchLegacy('晴天');
    expect(page.items.find((song) => song.id === SONGS.qingtian.id)).toMatchObject({
      name: '晴天',
      artists: [{ id: ARTISTS.jay.id }],
      album: { id: ALBUMS.yehuimei.id },
    });
    await client.close();
  });
});

describe('suggestions and hot searches', () => {
  it('suggests songs (with artists) and artists while typing', async () => {
    const client = clientFor(fake);
    const { result, requests } = await recording(fake, () => client.anonymous.suggest('晴天'));
    expect(requests[0]).toMatchObject({
      transport: 'weapi',
      path: '/api/search/suggest/web',
      payload: { s: '晴天' },
    });
    expect(result).toContainEqual({
      kind: 'song',
      id: SONGS.qingtian.id,
      keyword: `晴天 - ${ARTISTS.jay.name}`,
    });
    await client.close();
  });

  it('lists hot searches', async () => {
    const client = clientFor(fake);
    const hot = await client.anonymous.hotSearches();
    expect(hot.length).toBeGreaterThan(0);
    expect(typeof hot[0]?.keyword).toBe('string');
    expect(typeof hot[0]?.score).toBe('number');
    await client.close();
  });
});
