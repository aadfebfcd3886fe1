/**
 * `me`: the user's NetEase account and whether their login still works (the cookie-health check
 * none of the other bots has: users of those could not tell why only previews played).
 *
 * An expired login is reported, not deleted. Kept, it makes every command that needs it say
 * "your login expired, log in again"; deleted, those commands would quietly fall back to the
 * bot's own account and the user would not learn why their playlists or VIP quality vanished.
 * The record itself is the mark: its `checkedAt` stays at the last time NetEase accepted it.
 * `login` replaces it and `logout` removes it.
 */
import { isNeteaseError } from '../netease/errors.ts';
import { neteaseUrl } from '../netease/links.ts';
import type { Account } from '../netease/models.ts';
import type { NeteaseSession } from '../store/index.ts';
import { defineCommand } from './command.ts';
import type { OptionsSpec } from './options.ts';
import { type CardReply, type Reply, reply } from './reply.ts';
import { type Ctx, neteaseFor, type Services, sessionOf } from './services.ts';
import { formatDate } from './support/format.ts';
import { vipName } from './support/vip-level.ts';

const options = {} as const satisfies OptionsSpec;

/** The account behind the stored login, or undefined when NetEase no longer accepts it. */
async function liveAccount(ctx: Ctx): Promise<Account | undefined> {
  const api = await neteaseFor(ctx);
  try {
    const account = await api.account();
    return account && !account.anonymous ? account : undefined;
  } catch (error) {
    // 301 for our own login means exactly "expired"; anything else (network, captcha) is not an answer.
    if (isNeteaseError(error) && error.code === 'needs_login') return undefined;
    throw error;
  }
}

function card(ctx: Ctx, session: NeteaseSession, health: string, account?: Account): CardReply {
  const nickname = account?.nickname ?? session.nickname;
  return {
    kind: 'card',
    title: ctx.t('me.title'),
    url: neteaseUrl('user', account?.userId ?? session.userId),
    ...(account?.avatarUrl ? { thumbnailUrl: account.avatarUrl } : {}),
    fields: [
      { name: ctx.t('me.nickname'), value: nickname, inline: true },
      { name: ctx.t('me.vip'), value: vipName(ctx.t, account?.vipType ?? session.vipType), inline: true },
      { name: ctx.t('me.since'), value: formatDate(session.createdAt, ctx.locale), inline: true },
      { name: ctx.t('me.health'), value: health },
    ],
    // Nickname and VIP status are personal: shown only to the caller.
    private: true,
  };
}

async function showAccount(ctx: Ctx): Promise<Reply> {
  const session = await sessionOf(ctx);
  if (!session) return reply.text(ctx.t('me.not_logged_in'), { private: true });
  const account = await liveAccount(ctx);
  if (!account)
    return card(ctx, session, ctx.t('me.expired', { date: formatDate(session.checkedAt, ctx.locale) }));
  // Nickname and VIP level change (a subscription lapses): keep the record current while at it.
  const checked = await ctx.services.sessions.touch(ctx.user.key, {
    nickname: account.nickname,
    vipType: account.vipType,
  });
  return card(ctx, checked ?? session, ctx.t('me.healthy'), account);
}

export const me = defineCommand<Services, typeof options>({
  name: 'me',
  description: {
    en: 'Your NetEase account and whether your login still works',
    zh: '查看你的网易云音乐账号和登录状态',
  },
  help: {
    en: 'Shows the NetEase account you logged in with: nickname, VIP level, since when, and whether NetEase still accepts the login. When it has expired, run `login` again.',
    zh: '显示你登录的网易云音乐账号：昵称、会员等级、登录时间，以及网易云音乐是否仍接受这个登录。登录失效时请重新 `login`。',
  },
  options,
  // Account details are personal; the dispatcher moves this to a private chat or refuses it.
  needs: ['private'],
  run: (ctx) => showAccount(ctx),
});

export default me;
