import { describe, expect, it } from 'vitest';
import { translate } from '../../src/commands/i18n/index.ts';
import { logout } from '../../src/commands/logout.ts';
import { USERS } from '../fakes/netease/catalog.ts';
import { musicUOf, textOf, useAccountWorlds } from '../helpers/account-world.ts';

const worlds = useAccountWorlds([logout]);
const setup = worlds.setup.bind(worlds);

describe('logout', () => {
  it('ends the login at NetEase, forgets it here and confirms', async () => {
    const w = setup();
    const cookie = await w.logIn('test:1', 'vip');
    const start = worlds.fake.requests.length;
    const { ctx } = w.context();
    const result = await w.dispatcher.runText(ctx, 'logout', '');

    expect(result).toMatchObject({ kind: 'text', private: true });
    expect(textOf(result)).toBe(translate('en', 'logout.done', { nickname: USERS.vip.nickname }));
    expect(await w.services.sessions.get('test:1')).toBeUndefined();
    expect(await w.sessionKv.get('test:1')).toBeUndefined();
    const call = worlds.fake.requests.slice(start).find((request) => request.path === '/api/logout');
    expect(call?.cookies.MUSIC_U).toBe(musicUOf(cookie));
    // NetEase no longer accepts the token either.
    expect(await w.netease.as({ kind: 'user', cookie }).account()).toBeNull();
    expect(JSON.stringify(w.logLines)).not.toContain(musicUOf(cookie));
  });

  it('says so when there is nothing to forget, without calling NetEase', async () => {
    const w = setup();
    const start = worlds.fake.requests.length;
    const { ctx } = w.context();
    const result = await w.dispatcher.runText(ctx, 'logout', '');
    expect(textOf(result)).toBe(translate('en', 'logout.not_logged_in'));
    expect(worlds.fake.requests.length).toBe(start);
  });

  it('forgets the login even when NetEase cannot be told', async () => {
    const w = setup();
    await w.logIn('test:1', 'free');
    worlds.fake.failNext('/api/logout', { httpStatus: 502 });
    const { ctx } = w.context();
    const result = await w.dispatcher.runText(ctx, 'logout', '');
    expect(textOf(result)).toBe(translate('en', 'logout.done', { nickname: USERS.free.nickname }));
    expect(await w.services.sessions.get('test:1')).toBeUndefined();
    expect(
      w.logLines.some((line) => line.level === 40 && String(line.msg).includes('NetEase logout failed')),
    ).toBe(true);
  });

  it("leaves other users' logins alone", async () => {
    const w = setup();
    await w.logIn('test:1', 'vip');
    await w.logIn('test:2', 'free');
    const { ctx } = w.context({ userKey: 'test:1' });
    await w.dispatcher.runText(ctx, 'logout', '');
    expect((await w.services.sessions.get('test:2'))?.userId).toBe(USERS.free.userId);
  });
});
