import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptchaRequiredError } from '../../../src/netease/errors.ts';
import { USERS } from '../../fakes/netease/catalog.ts';
import { clientFor, type FakeNetease, pathsSince, startFake } from '../helpers/fake.ts';

let fake: FakeNetease;
beforeAll(async () => {
  fake = await startFake();
});
afterAll(async () => {
  await fake.close();
});

describe('QR login', () => {
  it('walks from key to waiting, scanned and confirmed, and hands back the new cookie', async () => {
    const client = clientFor(fake);
    const api = client.anonymous;
    const login = await api.qrStart();
    expect(login.key).toBe(fake.qr.lastKey());
    expect(login.url).toBe(`https://music.163.com/login?codekey=${login.key}`);
    expect(fake.requests.at(-1)).toMatchObject({ path: '/api/login/qrcode/unikey', payload: { type: 3 } });

    expect(await api.qrCheck(login.key)).toEqual({ state: 'waiting' });
    fake.qr.scan(login.key);
    expect(await api.qrCheck(login.key)).toMatchObject({ state: 'scanned' });
    fake.qr.confirm(login.key, 'vip');
    const confirmed = await api.qrCheck(login.key);
    expect(confirmed.state).toBe('confirmed');
    if (confirmed.state !== 'confirmed') return;
    expect(confirmed.cookie).toMatch(/MUSIC_U=/);

    // The login went to the caller, not into the shared anonymous jar.
    expect(api.cookie()).not.toContain('MUSIC_U');
    const account = await client.as({ kind: 'user', cookie: confirmed.cookie }).account();
    expect(account).toMatchObject({
      userId: USERS.vip.userId,
      nickname: USERS.vip.nickname,
      vipType: 11,
      anonymous: false,
    });
    await client.close();
  });

  it("keeps the login's Set-Cookie lines, attributes stripped, and sends __csrf back", async () => {
    const client = clientFor(fake);
    const { key } = await client.anonymous.qrStart();
    fake.qr.confirm(key, 'free');
    const confirmed = await client.anonymous.qrCheck(key);
    if (confirmed.state !== 'confirmed') throw new Error(`expected confirmed, got ${confirmed.state}`);
    expect(confirmed.cookie).toMatch(/^MUSIC_U=[^;]+; __csrf=[^;]+; MUSIC_R_U=[^;]+$/);
    const csrf = /__csrf=([^;]+)/.exec(confirmed.cookie)![1];
    const user = client.as({ kind: 'user', cookie: confirmed.cookie });
    await user.refreshLogin();
    expect(fake.requests.at(-1)).toMatchObject({
      path: '/api/login/token/refresh',
      payload: { csrf_token: csrf },
    });
    expect(user.cookie()).toContain('MUSIC_U=');
    await client.close();
  });

  it('reports an expired code', async () => {
    const client = clientFor(fake);
    const { key } = await client.anonymous.qrStart();
    fake.qr.expire(key);
    expect(await client.anonymous.qrCheck(key)).toEqual({ state: 'expired' });
    await client.close();
  });

  it('falls back to client/check when client/login says 8821', async () => {
    const client = clientFor(fake);
    const { key } = await client.anonymous.qrStart();
    fake.failNext('/api/login/qrcode/client/login', { code: 8821, msg: '需要行为验证码验证' });
    const start = fake.requests.length;
    expect(await client.anonymous.qrCheck(key)).toEqual({ state: 'waiting' });
    expect(pathsSince(fake, start)).toEqual([
      '/api/login/qrcode/client/login',
      '/api/login/qrcode/client/check',
    ]);
    await client.close();
  });

  it('a second 8821 is a captcha demand', async () => {
    const client = clientFor(fake);
    const { key } = await client.anonymous.qrStart();
    fake.failNext('/api/login/qrcode/client/login', { code: 8821 });
    fake.failNext('/api/login/qrcode/client/check', { code: 8821 });
    await expect(client.anonymous.qrCheck(key)).rejects.toBeInstanceOf(CaptchaRequiredError);
    await client.close();
  });
});

describe('account, status and logout', () => {
  const vipCookie = `MUSIC_U=${USERS.vip.musicU}`;

  it('knows who is logged in and their VIP type', async () => {
    const client = clientFor(fake);
    const free = await client.as({ kind: 'user', cookie: `MUSIC_U=${USERS.free.musicU}` }).account();
    expect(free).toMatchObject({ userId: USERS.free.userId, vipType: 0, anonymous: false });
    expect(await client.as({ kind: 'user', cookie: vipCookie }).loginStatus()).toMatchObject({
      loggedIn: true,
      account: { userId: USERS.vip.userId, vipType: 11 },
    });
    expect(await client.anonymous.loginStatus()).toEqual({ loggedIn: false });
    const anonymous = await client.anonymous.account();
    expect(anonymous === null || anonymous.anonymous).toBe(true);
    await client.close();
  });

  it('logs a user out and empties their jar', async () => {
    const client = clientFor(fake);
    // A fresh QR login, so logging it out does not revoke the catalogue user for other tests.
    const { key } = await client.anonymous.qrStart();
    fake.qr.confirm(key, 'free');
    const confirmed = await client.anonymous.qrCheck(key);
    if (confirmed.state !== 'confirmed') throw new Error(`expected confirmed, got ${confirmed.state}`);
    const changes: string[] = [];
    const user = client.as({
      kind: 'user',
      cookie: confirmed.cookie,
      onCookieChange: (c) => changes.push(c),
    });
    expect((await user.loginStatus()).loggedIn).toBe(true);
    await user.logout();
    expect(user.cookie()).toBe('');
    expect(changes.at(-1)).toBe('');
    expect(fake.requests.at(-1)?.path).toBe('/api/logout');
    // The old cookie no longer works at NetEase either.
    expect((await client.as({ kind: 'user', cookie: confirmed.cookie }).loginStatus()).loggedIn).toBe(false);
    await client.close();
  });

  it('refuses to log out the operator', async () => {
    const client = clientFor(fake, { cookie: vipCookie });
    await expect(client.operator.logout()).rejects.toThrow(TypeError);
    await client.close();
  });
});
