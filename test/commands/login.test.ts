import { describe, expect, it, vi } from 'vitest';
import { translate } from '../../src/commands/i18n/index.ts';
import { login } from '../../src/commands/login.ts';
import type { ImageReply, Reply } from '../../src/commands/reply.ts';
import { USERS } from '../fakes/netease/catalog.ts';
import { type AccountWorld, textOf, useAccountWorlds } from '../helpers/account-world.ts';

const QR_POLL = '/api/login/qrcode/client/login';
const QR_CHECK_FALLBACK = '/api/login/qrcode/client/check';
const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate('en', key, params);

const worlds = useAccountWorlds([login]);
const setup = worlds.setup.bind(worlds);

function pollsSince(start: number): number {
  return worlds.fake.requests.slice(start).filter((r) => r.path === QR_POLL || r.path === QR_CHECK_FALLBACK)
    .length;
}

/** Starts `login` in a DM and returns the key, the two messages it sent and its background work. */
async function startLogin(w: AccountWorld, userKey = 'test:1') {
  const context = w.context({ private: true, userKey });
  const result = await w.dispatcher.runText(context.ctx, 'login', '');
  expect(context.sent).toHaveLength(2);
  const [qr, status] = context.sent as [(typeof context.sent)[0], (typeof context.sent)[0]];
  const key = worlds.fake.qr.lastKey();
  if (!key) throw new Error('no QR key was created');
  return { ...context, result, key, qr, status, done: () => Promise.all(context.background) };
}

const editTexts = (message: { edits: Reply[] }) => message.edits.map((edit) => textOf(edit));

describe('login', () => {
  it('sends a QR code and walks the status message through scan and confirm to a stored session', async () => {
    const w = setup();
    const run = await startLogin(w);
    expect(run.result).toBeUndefined();

    const image = run.qr.reply as ImageReply;
    expect(image.kind).toBe('image');
    expect(image.qrContent).toBe(`https://music.163.com/login?codekey=${run.key}`);
    expect(image.image.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(textOf({ kind: 'text', text: image.caption ?? '' })).toContain('NetEase Cloud Music app');
    expect(textOf(run.status.reply)).toBe(t('login.waiting'));

    // Several polls in "waiting" must not produce edits: only changes are shown.
    const start = worlds.fake.requests.length;
    await vi.waitFor(() => expect(pollsSince(start)).toBeGreaterThanOrEqual(3));
    expect(run.status.edits).toHaveLength(0);

    worlds.fake.qr.scan(run.key);
    await vi.waitFor(() => expect(run.status.edits).toHaveLength(1));
    worlds.fake.qr.confirm(run.key, USERS.vip.musicU);
    await run.done();

    expect(editTexts(run.status)).toEqual([
      t('login.scanned', { nickname: USERS.vip.nickname }),
      t('login.success', { nickname: USERS.vip.nickname, vip: t('account.vip_black') }),
    ]);
    expect(run.qr.deleted).toBe(true);
    expect(run.status.deleted).toBe(false);

    const session = await w.services.sessions.get('test:1');
    expect(session).toMatchObject({ userId: USERS.vip.userId, nickname: USERS.vip.nickname, vipType: 11 });
    expect(session?.cookie).toContain(`MUSIC_U=${USERS.vip.musicU}`);
    expect(w.logins.size).toBe(0);
  });

  it('never lets the cookie out: not in replies, not in logs, not readable in the stored bytes', async () => {
    const w = setup();
    const run = await startLogin(w);
    worlds.fake.qr.confirm(run.key, USERS.free.musicU);
    await run.done();
    expect(textOf(run.status.edits.at(-1))).toBe(
      t('login.success', { nickname: USERS.free.nickname, vip: t('account.vip_none') }),
    );

    const secret = USERS.free.musicU;
    const raw = await w.sessionKv.get('test:1');
    expect(raw).toBeDefined();
    expect(raw).not.toContain(secret);
    expect(raw).not.toContain(secret.slice(0, 32));
    expect(raw).not.toContain('MUSIC_U');
    const everythingSent = JSON.stringify(run.sent.map((m) => [m.reply, m.edits]));
    expect(everythingSent).not.toContain(secret);
    expect(JSON.stringify(w.logLines)).not.toContain(secret);
  });

  it('says when the code expired, deletes it and stops polling', async () => {
    const w = setup();
    const run = await startLogin(w);
    worlds.fake.qr.expire(run.key);
    await run.done();
    expect(editTexts(run.status)).toEqual([t('login.expired')]);
    expect(run.qr.deleted).toBe(true);
    expect(await w.services.sessions.get('test:1')).toBeUndefined();

    const start = worlds.fake.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(pollsSince(start)).toBe(0);
  });

  it('gives up after its own time cap even when NetEase keeps saying "waiting"', async () => {
    const w = setup({ maxDurationMs: 60 });
    const run = await startLogin(w);
    await run.done();
    expect(editTexts(run.status)).toEqual([t('login.expired')]);
    expect(run.qr.deleted).toBe(true);
  });

  it('cancels the older login when the same user starts a new one', async () => {
    const w = setup();
    const first = await startLogin(w);
    const second = await startLogin(w);
    expect(second.key).not.toBe(first.key);

    await first.done();
    expect(editTexts(first.status)).toEqual([t('login.superseded')]);
    expect(first.qr.deleted).toBe(true);

    // The older code now does nothing even if scanned; the newer one logs in.
    worlds.fake.qr.confirm(first.key, USERS.free.musicU);
    worlds.fake.qr.confirm(second.key, USERS.vip.musicU);
    await second.done();
    expect(textOf(second.status.edits.at(-1))).toContain(USERS.vip.nickname);
    expect((await w.services.sessions.get('test:1'))?.userId).toBe(USERS.vip.userId);
  });

  it('keeps logins of different users apart', async () => {
    const w = setup();
    const alice = await startLogin(w, 'test:alice');
    const bob = await startLogin(w, 'test:bob');
    worlds.fake.qr.confirm(alice.key, USERS.vip.musicU);
    worlds.fake.qr.confirm(bob.key, USERS.free.musicU);
    await Promise.all([alice.done(), bob.done()]);
    expect((await w.services.sessions.get('test:alice'))?.userId).toBe(USERS.vip.userId);
    expect((await w.services.sessions.get('test:bob'))?.userId).toBe(USERS.free.userId);
  });

  it('refuses new logins beyond the process-wide cap', async () => {
    const w = setup({ maxConcurrent: 1 });
    const first = await startLogin(w, 'test:alice');
    const other = w.context({ private: true, userKey: 'test:bob' });
    const refused = await w.dispatcher.runText(other.ctx, 'login', '');
    expect(textOf(refused)).toBe(t('login.busy'));
    expect(other.sent).toHaveLength(0);
    first.abort();
    await first.done();
  });

  it('stops polling at shutdown and says so', async () => {
    const w = setup();
    const before = worlds.fake.requests.length;
    const run = await startLogin(w);
    await vi.waitFor(() => expect(pollsSince(before)).toBeGreaterThan(0));
    run.abort();
    await run.done();
    expect(editTexts(run.status)).toEqual([t('login.interrupted')]);
    expect(run.qr.deleted).toBe(true);
    expect(w.logins.size).toBe(0);

    // A check already on the wire is abandoned rather than awaited, so it may still arrive; no new ones follow.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const start = worlds.fake.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(pollsSince(start)).toBe(0);
  });

  it('is refused in a group chat when the platform cannot open a private chat', async () => {
    const w = setup();
    const start = worlds.fake.requests.length;
    const group = w.context({ private: false, openPrivateChat: false });
    const result = await w.dispatcher.runText(group.ctx, 'login', '');
    expect(textOf(result)).toBe(t('error.private_only'));
    expect(group.sent).toHaveLength(0);
    expect(worlds.fake.requests.length).toBe(start);
  });

  it('works from a group where the platform opens a DM, and points the user there', async () => {
    const w = setup();
    const group = w.context({ private: false, openPrivateChat: true });
    const result = await w.dispatcher.runText(group.ctx, 'login', '');
    expect(result).toMatchObject({ kind: 'text', private: true });
    expect(textOf(result)).toBe(t('login.sent_privately'));
    expect(group.sent.map((m) => m.reply.kind)).toEqual(['image', 'text']);
    group.abort();
    await Promise.all(group.background);
  });

  it('turns a captcha demand (-462) while polling into a clear status instead of a crash', async () => {
    const w = setup();
    const run = await startLogin(w);
    worlds.fake.failNext(QR_POLL, { code: -462 });
    await run.done();
    expect(editTexts(run.status)).toEqual([t('login.captcha')]);
    expect(run.qr.deleted).toBe(true);
    expect(w.logLines.filter((line) => line.level === 50)).toEqual([]);
  });

  it('turns 8821 on both check paths into the captcha status, but rides out a single 8821', async () => {
    const w = setup();
    const run = await startLogin(w);
    // One 8821: the client falls back to the older check path and the login goes on.
    worlds.fake.failNext(QR_POLL, { code: 8821 });
    const start = worlds.fake.requests.length;
    await vi.waitFor(() =>
      expect(worlds.fake.requests.slice(start).some((request) => request.path === QR_CHECK_FALLBACK)).toBe(
        true,
      ),
    );
    expect(run.status.edits).toHaveLength(0);
    // 8821 on both paths is risk control for real.
    worlds.fake.failNext(QR_POLL, { code: 8821 });
    worlds.fake.failNext(QR_CHECK_FALLBACK, { code: 8821 });
    await run.done();
    expect(editTexts(run.status)).toEqual([t('login.captcha')]);
  });

  it('shows "still trying" while NetEase is unreachable and recovers when it answers again', async () => {
    const w = setup();
    const run = await startLogin(w);
    worlds.fake.failNext(QR_POLL, { reset: true });
    await vi.waitFor(() => expect(run.status.edits).toHaveLength(2));
    expect(editTexts(run.status)).toEqual([t('login.retrying'), t('login.waiting')]);
    worlds.fake.qr.confirm(run.key, USERS.vip.musicU);
    await run.done();
    expect(textOf(run.status.edits.at(-1))).toContain(USERS.vip.nickname);
  });

  it('stops with a network message after several failed checks in a row', async () => {
    const w = setup();
    const run = await startLogin(w);
    worlds.fake.failNext(QR_POLL, { httpStatus: 502 }, 3);
    await run.done();
    expect(editTexts(run.status)).toEqual([t('login.retrying'), t('login.network')]);
    expect(run.qr.deleted).toBe(true);
  });

  it('reports an unusable confirmation (a cookie NetEase does not know) without storing it', async () => {
    const w = setup();
    const run = await startLogin(w);
    worlds.fake.qr.confirm(run.key, 'not-a-real-token');
    await run.done();
    expect(editTexts(run.status)).toEqual([t('login.no_account')]);
    expect(await w.services.sessions.get('test:1')).toBeUndefined();
  });

  it('speaks Chinese to Chinese users', async () => {
    const w = setup();
    const context = w.context({ private: true, locale: 'zh' });
    await w.dispatcher.runText(context.ctx, 'login', '');
    const key = worlds.fake.qr.lastKey() ?? '';
    worlds.fake.qr.confirm(key, USERS.vip.musicU);
    await Promise.all(context.background);
    expect(textOf(context.sent[1]?.edits.at(-1))).toBe(
      `✅ 已登录为 ${USERS.vip.nickname}（黑胶VIP）。你的歌单、每日推荐、私人 FM 和红心现在都可以使用了。`,
    );
  });
});
