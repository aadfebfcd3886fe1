import { describe, expect, it } from 'vitest';
import { daily } from '../../src/commands/daily.ts';
import { translate } from '../../src/commands/i18n/index.ts';
import type { ListReply } from '../../src/commands/reply.ts';
import { plainText } from '../../src/commands/rich-text.ts';
import { songById, USERS } from '../fakes/netease/catalog.ts';
import { textOf, useAccountWorlds } from '../helpers/account-world.ts';

const worlds = useAccountWorlds([daily]);
const setup = worlds.setup.bind(worlds);

describe('daily', () => {
  it("lists today's recommendations with a button that plays them all", async () => {
    const w = setup();
    await w.logIn('test:1', 'vip');
    const { ctx } = w.context();
    const list = (await w.dispatcher.runText(ctx, 'daily', '')) as ListReply;

    expect(list).toMatchObject({
      kind: 'list',
      title: translate('en', 'daily.title', { nickname: USERS.vip.nickname }),
      page: 1,
      pageCount: 1,
      pager: { command: 'daily', name: 'page', args: {} },
      private: true,
    });
    expect(list.buttons?.flat().map((button) => button.action)).toEqual([
      { command: 'play', name: 'daily', args: {} },
    ]);
    expect(list.items.length).toBeGreaterThan(0);
    const options = list.select?.options ?? [];
    expect(options).toHaveLength(list.items.length);
    // Each line and menu entry is a real song of the catalogue, playable on its own.
    for (const [i, option] of options.entries()) {
      expect(option.action).toMatchObject({ command: 'play', name: 'song' });
      const song = songById(Number(option.action.args.id));
      expect(song).toBeDefined();
      expect(plainText(list.items[i] ?? '')).toContain(song?.name);
    }
    const call = worlds.fake.requests.findLast(
      (request) => request.path === '/api/v3/discovery/recommend/songs',
    );
    expect(call?.transport).toBe('weapi');
  });

  it('asks a logged-out user to log in, without calling NetEase', async () => {
    const w = setup();
    const start = worlds.fake.requests.length;
    const { ctx } = w.context();
    expect(textOf(await w.dispatcher.runText(ctx, 'daily', ''))).toBe(translate('en', 'error.needs_login'));
    expect(worlds.fake.requests.length).toBe(start);
  });
});
