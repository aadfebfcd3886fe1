import { describe, expect, it } from 'vitest';
import { translate } from '../../src/commands/i18n/index.ts';
import { like } from '../../src/commands/like.ts';
import type { Song } from '../../src/netease/models.ts';
import type { GuildPlayback } from '../../src/queue/types.ts';
import { PLAYLISTS, SONGS } from '../fakes/netease/catalog.ts';
import { textOf, useAccountWorlds } from '../helpers/account-world.ts';

const worlds = useAccountWorlds([like]);
const setup = worlds.setup.bind(worlds);

const likeCalls = (start: number) =>
  worlds.fake.requests.slice(start).filter((request) => request.path === '/api/radio/like');

/** A player that only knows what is playing: all `like` asks of it. */
function playing(song: Song): GuildPlayback {
  const snapshot = {
    current: {
      track: { entryId: 'e1', song, requester: { userKey: 'test:2', displayName: 'Other' }, addedAt: 0 },
      positionMs: 1_000,
      paused: false,
    },
    upcoming: [],
    loop: 'off' as const,
    volume: 100,
    fair: false,
  };
  return { snapshot: async () => snapshot } as unknown as GuildPlayback;
}

describe('like', () => {
  it('sends the like for the named song, as the app does', async () => {
    const w = setup();
    await w.logIn('test:1', 'free');
    const start = worlds.fake.requests.length;
    const { ctx } = w.context();
    await w.dispatcher.runText(ctx, 'like', String(SONGS.daoxiang.id));
    expect(likeCalls(start)).toEqual([
      expect.objectContaining({
        transport: 'weapi',
        payload: expect.objectContaining({ trackId: SONGS.daoxiang.id, like: true }),
      }),
    ]);
  });

  it('confirms with the song name and the song lands in the liked-songs playlist', async () => {
    const w = setup();
    const cookie = await w.logIn('test:1', 'free');
    const { ctx } = w.context();
    const result = await w.dispatcher.runText(ctx, 'like', String(SONGS.daoxiang.id));
    expect(textOf(result)).toBe(
      translate('en', 'like.done', { song: SONGS.daoxiang.name, artists: '周杰伦' }),
    );
    const liked = await w.netease.as({ kind: 'user', cookie }).playlist(PLAYLISTS.freeLiked.id);
    expect(liked.trackIds).toContain(SONGS.daoxiang.id);
  });

  it('likes the song playing now when none is named', async () => {
    const w = setup();
    await w.logIn('test:1', 'vip');
    const song = await w.netease.anonymous.song(SONGS.qingtian.id);
    const start = worlds.fake.requests.length;
    const { ctx } = w.context({ playback: playing(song) });
    await w.dispatcher.runText(ctx, 'like', '');
    expect(likeCalls(start).map((call) => call.payload.trackId)).toEqual([SONGS.qingtian.id]);
  });

  it('asks for a song when nothing is playing', async () => {
    const w = setup();
    await w.logIn('test:1', 'vip');
    const { ctx } = w.context();
    expect(textOf(await w.dispatcher.runText(ctx, 'like', ''))).toBe(
      translate('en', 'error.no_current_song', { example: 'like 晴天' }),
    );
  });

  it('says there is no such song for an unknown id, and likes nothing', async () => {
    const w = setup();
    await w.logIn('test:1', 'vip');
    const start = worlds.fake.requests.length;
    const { ctx } = w.context();
    expect(textOf(await w.dispatcher.runText(ctx, 'like', '999999999'))).toBe(
      translate('en', 'error.netease_not_found', { what: 'song' }),
    );
    expect(likeCalls(start)).toEqual([]);
  });

  it('needs a login', async () => {
    const w = setup();
    const start = worlds.fake.requests.length;
    const { ctx } = w.context();
    expect(textOf(await w.dispatcher.runText(ctx, 'like', '晴天'))).toBe(
      translate('en', 'error.needs_login'),
    );
    expect(worlds.fake.requests.length).toBe(start);
  });
});
