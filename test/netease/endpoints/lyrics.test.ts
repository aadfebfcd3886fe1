import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SONGS, USERS } from '../../fakes/netease/catalog.ts';
import { clientFor, type FakeNetease, recording, startFake } from '../helpers/fake.ts';

let fake: FakeNetease;
beforeAll(async () => {
  fake = await startFake();
});
afterAll(async () => {
  await fake.close();
});

describe('lyrics', () => {
  it('merges original, translation and romanisation into timed lines', async () => {
    const client = clientFor(fake);
    const { result, requests } = await recording(fake, () => client.anonymous.lyrics(SONGS.qingtian.id));
    expect(requests[0]).toMatchObject({
      transport: 'eapi',
      path: '/api/song/lyric',
      payload: { id: SONGS.qingtian.id },
    });
    expect(result.songId).toBe(SONGS.qingtian.id);
    expect(result.instrumental).toBe(false);
    expect(result.lines.length).toBeGreaterThan(5);
    expect(result.lines.some((line) => line.translation)).toBe(true);
    expect(result.lrc).toContain('[');
    expect(result.translatedLrc).toBeDefined();
    const times = result.lines.map((line) => line.timeMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    await client.close();
  });

  it('knows instrumental, untimed and uncollected songs', async () => {
    const client = clientFor(fake);
    const instrumental = await client.anonymous.lyrics(SONGS.instrumental.id);
    expect(instrumental).toMatchObject({ instrumental: true, lines: [] });
    const untimed = await client.anonymous.lyrics(SONGS.paperBoats.id);
    expect(untimed.lines).toEqual([]);
    expect(untimed.plainText?.length).toBeGreaterThan(0);
    const uncollected = await client.anonymous.lyrics(SONGS.northernLights.id);
    expect(uncollected).toMatchObject({ instrumental: false, lines: [] });
    expect(uncollected.plainText).toBeUndefined();
    await client.close();
  });

  it('is cached for everyone: a logged-in user reuses what an anonymous call fetched', async () => {
    const client = clientFor(fake);
    const { requests } = await recording(fake, async () => {
      await client.anonymous.lyrics(SONGS.english.id);
      await client.as({ kind: 'user', cookie: `MUSIC_U=${USERS.vip.musicU}` }).lyrics(SONGS.english.id);
    });
    expect(requests).toHaveLength(1);
    await client.close();
  });
});
