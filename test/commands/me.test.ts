import { describe, expect, it } from 'vitest';
import { translate } from '../../src/commands/i18n/index.ts';
import { me } from '../../src/commands/me.ts';
import type { CardReply } from '../../src/commands/reply.ts';
import { formatDate } from '../../src/commands/support/format.ts';
import { USERS } from '../fakes/netease/catalog.ts';
import { musicUOf, textOf, useAccountWorlds } from '../helpers/account-world.ts';

const worlds = useAccountWorlds([me]);
const setup = worlds.setup.bind(worlds);

const LOGGED_IN_AT = Date.UTC(2026, 0, 15, 4);
const LAST_CHECKED = Date.UTC(2026, 2, 1, 4);

describe('me', () => {
  it('shows the account with its VIP level, and records that the login still works', async () => {
    const w = setup();
    await w.logIn('test:1', 'vip', { createdAt: LOGGED_IN_AT, checkedAt: LAST_CHECKED });
    const { ctx } = w.context({ private: true });
    const before = Date.now();
    const result = await w.dispatcher.runText(ctx, 'me', '');

    const card = result as CardReply;
    expect(card).toMatchObject({
      kind: 'card',
      private: true,
      url: `https://music.163.com/#/user/home?id=${USERS.vip.userId}`,
    });
    expect(card.thumbnailUrl).toMatch(/^https:\/\//);
    const text = textOf(card);
    expect(text).toContain(`Nickname: ${USERS.vip.nickname}`);
    expect(text).toContain(`VIP: ${translate('en', 'account.vip_black')}`);
    expect(text).toContain(`Logged in since: ${formatDate(LOGGED_IN_AT, 'en')}`);
    expect(text).toContain(translate('en', 'me.healthy'));

    const session = await w.services.sessions.get('test:1');
    expect(session?.checkedAt).toBeGreaterThanOrEqual(before);
    expect(session?.createdAt).toBe(LOGGED_IN_AT);
  });

  it('names a free account as such', async () => {
    const w = setup();
    await w.logIn('test:1', 'free');
    const { ctx } = w.context({ private: true, locale: 'zh' });
    const text = textOf(await w.dispatcher.runText(ctx, 'me', ''));
    expect(text).toContain(`昵称: ${USERS.free.nickname}`);
    expect(text).toContain('会员: 非会员');
  });

  it('says the login expired when NetEase no longer accepts it, and keeps the record', async () => {
    const w = setup();
    const cookie = await w.logIn('test:1', 'vip', { createdAt: LOGGED_IN_AT, checkedAt: LAST_CHECKED });
    worlds.fake.revokeCookie(musicUOf(cookie));
    const { ctx } = w.context({ private: true });
    const text = textOf(await w.dispatcher.runText(ctx, 'me', ''));

    expect(text).toContain(translate('en', 'me.expired', { date: formatDate(LAST_CHECKED, 'en') }));
    expect(text).toContain(`Nickname: ${USERS.vip.nickname}`);
    // Kept, unchanged: other commands keep saying "expired" rather than falling back silently.
    const session = await w.services.sessions.get('test:1');
    expect(session?.checkedAt).toBe(LAST_CHECKED);
  });

  it('says the user is not logged in', async () => {
    const w = setup();
    const start = worlds.fake.requests.length;
    const { ctx } = w.context({ private: true });
    const result = await w.dispatcher.runText(ctx, 'me', '');
    expect(result).toMatchObject({ kind: 'text', private: true });
    expect(textOf(result)).toBe(translate('en', 'me.not_logged_in'));
    expect(worlds.fake.requests.length).toBe(start);
  });

  it('keeps account details out of group chats', async () => {
    const w = setup();
    await w.logIn('test:1', 'vip');
    const { ctx } = w.context({ private: false });
    expect(textOf(await w.dispatcher.runText(ctx, 'me', ''))).toBe(translate('en', 'error.private_only'));
  });

  it('reports NetEase being unreachable as such, not as an expired login', async () => {
    const w = setup();
    await w.logIn('test:1', 'vip', { checkedAt: LAST_CHECKED });
    worlds.fake.failNext('/api/nuser/account/get', { httpStatus: 502 });
    const { ctx } = w.context({ private: true });
    expect(textOf(await w.dispatcher.runText(ctx, 'me', ''))).toBe(translate('en', 'error.netease_network'));
    expect((await w.services.sessions.get('test:1'))?.checkedAt).toBe(LAST_CHECKED);
  });
});
