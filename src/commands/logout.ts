/**
 * `logout`: the bot forgets the user's NetEase login, and NetEase is asked to end it too.
 *
 * The local record goes first: "forget my login" must hold even when NetEase is slow or down, or
 * the process stops while it waits. Telling NetEase is best effort: a cookie the bot no longer
 * has cannot be used by it anyway, and the user can end sessions in the NetEase app.
 */
import { defineCommand } from './command.ts';
import type { OptionsSpec } from './options.ts';
import { type Reply, reply } from './reply.ts';
import { type Ctx, type Services, sessionOf } from './services.ts';

const options = {} as const satisfies OptionsSpec;

async function forgetLogin(ctx: Ctx): Promise<Reply> {
  const session = await sessionOf(ctx);
  if (!session) return reply.text(ctx.t('logout.not_logged_in'), { private: true });
  await ctx.services.sessions.delete(ctx.user.key);
  try {
    // No onCookieChange: the emptied jar must not be written back as a "refreshed" login.
    await ctx.services.netease.as({ kind: 'user', cookie: session.cookie }).logout();
  } catch (error) {
    ctx.logger.warn(
      { err: error, user: ctx.user.key },
      'NetEase logout failed; the login is deleted here anyway',
    );
  }
  return reply.text(ctx.t('logout.done', { nickname: session.nickname }), { private: true });
}

export const logout = defineCommand<Services, typeof options>({
  name: 'logout',
  description: { en: 'Forget your NetEase login', zh: '退出并删除你的网易云音乐登录' },
  help: {
    en: 'Deletes the NetEase login the bot stored for you and ends it at NetEase. Commands then use the bot’s own account again.',
    zh: '删除机器人为你保存的网易云音乐登录，并在网易云音乐端退出。之后命令将重新使用机器人自己的账号。',
  },
  options,
  run: (ctx) => forgetLogin(ctx),
});

export default logout;
