/**
 * Which settings record a chat uses: the guild's (Discord server, Telegram group), else the
 * chat's own (a private chat, the console). Keys carry the platform, as the store requires, so a
 * Discord guild and a Telegram chat with the same number never share settings. The playback
 * engine and the adapters must read settings under this same key.
 */
import type { Ctx } from '../services.ts';

export function settingsScopeKey(ctx: Pick<Ctx, 'user' | 'chat'>): string {
  // User keys are `<platform>:<id>` (context.ts), so the platform is the part before the colon.
  const platform = ctx.user.key.slice(0, ctx.user.key.indexOf(':')) || 'unknown';
  return `${platform}:${ctx.chat.guildId ?? ctx.chat.id}`;
}
