/**
 * `login`: the user's own NetEase login by QR code, in a private chat. The command sends the code
 * and a status message, then returns at once; polling runs as background work, so the user (and
 * everybody else) can keep using the bot while the phone is fetched. The status message is
 * edited as the login moves on: waiting → scanned → logged in, or expired / cancelled / failed.
 *
 * The cookie NetEase hands over goes straight into the encrypted session store: it is never put
 * in a reply or a log line.
 */
import QRCode from 'qrcode';
import type { NeteaseApi } from '../netease/client.ts';
import { isNeteaseError } from '../netease/errors.ts';
import type { QrLogin } from '../netease/models.ts';
import { defineCommand } from './command.ts';
import type { MessageHandle } from './context.ts';
import { UserError } from './errors.ts';
import type { OptionsSpec } from './options.ts';
import { type Reply, reply } from './reply.ts';
import type { Ctx, Services } from './services.ts';
import { failureText } from './support/failure-text.ts';
import { pollQrLogin, type QrOutcome, type QrProgress } from './support/qr-login-flow.ts';
import { loginsOf, type QrLoginTicket } from './support/qr-login-registry.ts';
import { vipName } from './support/vip-level.ts';

const options = {} as const satisfies OptionsSpec;

interface LoginMessages {
  qr: MessageHandle;
  status: MessageHandle;
}

function statusReply(text: string): Reply {
  return reply.text(text, { private: true });
}

function progressText(ctx: Ctx, progress: QrProgress): string {
  switch (progress.state) {
    case 'waiting':
      return ctx.t('login.waiting');
    case 'scanned':
      return progress.nickname
        ? ctx.t('login.scanned', { nickname: progress.nickname })
        : ctx.t('login.scanned_unnamed');
    case 'retrying':
      return ctx.t('login.retrying');
  }
}

/** A failed edit or delete (message removed by the user, DMs closed) must not stop the login. */
async function quietly(ctx: Ctx, what: string, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    ctx.logger.warn({ err: error, what, user: ctx.user.key }, 'could not update a login message');
  }
}

function failedText(ctx: Ctx, error: unknown): string {
  if (isNeteaseError(error)) {
    // Risk control (8821 / -462): retrying at once only makes it stricter, so say what helps.
    if (error.code === 'captcha_required') return ctx.t('login.captcha');
    if (error.code === 'network' || error.code === 'rate_limited') return ctx.t('login.network');
  }
  return ctx.t('login.failed', { reason: failureText(ctx, error, 'QR login') });
}

/** Turns the confirmed cookie into a stored session; the text to show says who is logged in. */
async function storeLogin(ctx: Ctx, cookie: string): Promise<string> {
  const api = ctx.services.netease.as({ kind: 'user', cookie });
  const account = await api.account();
  if (!account || account.anonymous) return ctx.t('login.no_account');
  await ctx.services.sessions.set(ctx.user.key, {
    // The jar's view, so a cookie NetEase refreshed during the account call is the one kept.
    cookie: api.cookie(),
    userId: account.userId,
    nickname: account.nickname,
    vipType: account.vipType,
  });
  ctx.logger.info({ user: ctx.user.key }, 'NetEase login stored');
  return ctx.t('login.success', { nickname: account.nickname, vip: vipName(ctx.t, account.vipType) });
}

async function outcomeText(ctx: Ctx, outcome: QrOutcome): Promise<string> {
  switch (outcome.kind) {
    case 'confirmed':
      try {
        return await storeLogin(ctx, outcome.cookie);
      } catch (error) {
        return failedText(ctx, error);
      }
    case 'expired':
    case 'timed_out':
      return ctx.t('login.expired');
    case 'cancelled':
      return ctx.t(outcome.reason === 'superseded' ? 'login.superseded' : 'login.interrupted');
    case 'failed':
      return failedText(ctx, outcome.error);
  }
}

/** The background half: poll until the login ends, then leave a final status and no stale code. */
async function followLogin(
  ctx: Ctx,
  api: NeteaseApi,
  qr: QrLogin,
  messages: LoginMessages,
  ticket: QrLoginTicket,
): Promise<void> {
  let text: string;
  try {
    const outcome = await pollQrLogin({
      check: () => api.qrCheck(qr.key),
      ticket,
      settings: loginsOf(ctx.services).settings,
      initial: { state: 'waiting' },
      onProgress: (progress) =>
        quietly(ctx, 'edit login status', () =>
          messages.status.edit(statusReply(progressText(ctx, progress))),
        ),
    });
    text = await outcomeText(ctx, outcome);
  } catch (error) {
    text = failedText(ctx, error);
  } finally {
    ticket.release();
  }
  // A finished code is useless, and scanning it would only confuse: remove it whatever the outcome.
  await quietly(ctx, 'delete login QR code', () => messages.qr.delete());
  await quietly(ctx, 'edit login status', () => messages.status.edit(statusReply(text)));
}

async function startLogin(ctx: Ctx): Promise<Reply | undefined> {
  const ticket = loginsOf(ctx.services).begin(ctx.user.key, ctx.signal);
  if (!ticket) throw new UserError('login.busy');
  // QR calls run in throwaway cookie jars whatever the identity; anonymous keeps the operator out of it.
  const api = ctx.services.netease.anonymous;
  let qr: QrLogin;
  let qrMessage: MessageHandle | undefined;
  let status: MessageHandle;
  try {
    qr = await api.qrStart();
    const image = await QRCode.toBuffer(qr.url, {
      type: 'png',
      width: 360,
      margin: 2,
      errorCorrectionLevel: 'M',
    });
    qrMessage = await ctx.send({
      kind: 'image',
      image,
      filename: 'netease-login.png',
      caption: ctx.t('login.scan'),
      qrContent: qr.url,
      private: true,
    });
    status = await ctx.send(statusReply(ctx.t('login.waiting')));
  } catch (error) {
    ticket.release();
    const sent = qrMessage;
    if (sent) await quietly(ctx, 'delete login QR code', () => sent.delete());
    throw error;
  }
  const messages = { qr: qrMessage, status };
  ctx.background('netease-qr-login', () => followLogin(ctx, api, qr, messages, ticket));
  // In a group (Discord opens a DM for private commands) the caller needs a pointer to the DM.
  return ctx.chat.private ? undefined : reply.text(ctx.t('login.sent_privately'), { private: true });
}

export const login = defineCommand<Services, typeof options>({
  name: 'login',
  description: {
    en: 'Log in with your own NetEase account by scanning a QR code',
    zh: '扫码登录你自己的网易云音乐账号',
  },
  help: {
    en: 'Sends a QR code in a private chat. Scan it with the NetEase Cloud Music app and confirm on your phone; then your playlists, daily recommendations, FM, likes and VIP quality work for you. Your login is stored encrypted; `logout` deletes it.',
    zh: '在私聊中发送一个二维码。用网易云音乐 App 扫码并在手机上确认后，你的歌单、每日推荐、私人 FM、红心和 VIP 音质就都可以使用了。登录信息加密保存；`logout` 可随时删除。',
  },
  options,
  needs: ['private'],
  run: (ctx) => startLogin(ctx),
});

export default login;
