import { describe, expect, it } from 'vitest';
import { translate } from '../../src/commands/i18n/index.ts';
import { playlists } from '../../src/commands/playlists.ts';
import type { ListReply } from '../../src/commands/reply.ts';
import { plainText } from '../../src/commands/rich-text.ts';
import { CREATORS, PLAYLISTS, USERS } from '../fakes/netease/catalog.ts';
import { musicUOf, textOf, useAccountWorlds } from '../helpers/account-world.ts';

const worlds = useAccountWorlds([playlists]);
const setup = worlds.setup.bind(worlds);

describe('playlists', () => {
  it("lists the user's playlists, liked songs first, each playable from the menu", async () => {
    const w = setup();
    await w.logIn('test:1', 'vip');
    const { ctx } = w.context();
    const list = (await w.dispatcher.runText(ctx, 'playlists', '')) as ListReply;

    expect(list).toMatchObject({
      kind: 'list',
      title: translate('en', 'playlists.title', { nickname: USERS.vip.nickname }),
      firstNumber: 1,
      page: 1,
      pageCount: 1,
      pager: { command: 'playlists', name: 'page', args: {} },
      private: true,
    });
    const lines = list.items.map((item) => plainText(item));
    expect(lines[0]).toBe(`${PLAYLISTS.vipLiked.name} · ${PLAYLISTS.vipLiked.trackIds.length} songs`);
    // Subscribed playlists say whose they are; the user's own do not.
    expect(lines.find((line) => line.startsWith(PLAYLISTS.big.name))).toContain(
      `by ${CREATORS.editor.nickname}`,
    );
    expect(lines.find((line) => line.startsWith(PLAYLISTS.vipCommute.name))).not.toContain('by ');

    expect(list.select?.options.map((option) => option.action)).toEqual([
      { command: 'play', name: 'collection', args: { type: 'playlist', id: PLAYLISTS.vipLiked.id } },
      { command: 'play', name: 'collection', args: { type: 'playlist', id: PLAYLISTS.vipCommute.id } },
      { command: 'play', name: 'collection', args: { type: 'playlist', id: PLAYLISTS.big.id } },
    ]);
    expect(list.select?.options[0]?.label).toBe(`1. ${PLAYLISTS.vipLiked.name}`);
  });

  it('pages through its buttons (a page past the end shows the last one)', async () => {
    const w = setup();
    await w.logIn('test:1', 'free');
    const { ctx } = w.context();
    const payload = await w.dispatcher.encodeAction({
      command: 'playlists',
      name: 'page',
      args: { page: 7 },
    });
    const list = (await w.dispatcher.runAction(ctx, payload)) as ListReply;
    expect(list.page).toBe(1);
    expect(list.items.map((item) => plainText(item))[0]).toContain(PLAYLISTS.freeLiked.name);
  });

  it('needs a login', async () => {
    const w = setup();
    const start = worlds.fake.requests.length;
    const { ctx } = w.context();
    expect(textOf(await w.dispatcher.runText(ctx, 'playlists', ''))).toBe(
      translate('en', 'error.needs_login'),
    );
    expect(worlds.fake.requests.length).toBe(start);
  });

  it('says the login expired when NetEase no longer accepts it', async () => {
    const w = setup();
    const cookie = await w.logIn('test:1', 'vip');
    worlds.fake.revokeCookie(musicUOf(cookie));
    const { ctx } = w.context();
    expect(textOf(await w.dispatcher.runText(ctx, 'playlists', ''))).toBe(
      translate('en', 'error.login_expired'),
    );
  });

  it('rejects a page number out of range', async () => {
    const w = setup();
    await w.logIn('test:1', 'vip');
    const { ctx } = w.context();
    expect(textOf(await w.dispatcher.runText(ctx, 'playlists', '0'))).toBe(
      translate('en', 'error.bad_number', { option: 'page', min: 1, max: 50 }),
    );
  });
});
