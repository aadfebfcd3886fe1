import type { Config } from '../config.ts';
import type { NeteaseApi, NeteaseClient } from '../netease/client.ts';
import type { ResolveOptions } from '../netease/links.ts';
import type { NeteaseSession, SessionStore, SettingsStore, TtlStore } from '../store/index.ts';
import type { CommandContext } from './context.ts';
import type { QrLoginRegistry } from './support/qr-login-registry.ts';

/** Everything commands use besides the context: built once in main.ts, faked nowhere. */
export interface Services {
  netease: NeteaseClient;
  sessions: SessionStore;
  settings: SettingsStore;
  cache: TtlStore;
  config: Pick<Config, 'defaultLanguage'>;
  /** How short links are followed (tests point it at a loopback server). */
  shortLinks?: ResolveOptions;
  /**
   * The QR logins in progress (one per user, cancelled by a newer one) and their poll timing.
   * Optional: without it `loginsOf(services)` keeps one registry per Services object, which is
   * one per process in main; tests set it to poll every few milliseconds.
   */
  logins?: QrLoginRegistry;
}

export type Ctx = CommandContext<Services>;

/** The caller's stored NetEase login, if any. */
export function sessionOf(ctx: Ctx): Promise<NeteaseSession | undefined> {
  return ctx.services.sessions.get(ctx.user.key);
}

/**
 * The NetEase API as this user: their own login when they have one (keeping refreshed
 * cookies), else the operator's cookie, else anonymous.
 */
export async function neteaseFor(ctx: Ctx): Promise<NeteaseApi> {
  const session = await sessionOf(ctx);
  if (!session) return ctx.services.netease.operator;
  const { sessions } = ctx.services;
  const userKey = ctx.user.key;
  return ctx.services.netease.as({
    kind: 'user',
    cookie: session.cookie,
    onCookieChange: (cookie) => {
      // NetEase refreshes cookies now and then; keep the newest so the login lasts. Re-read the
      // record so a check that finished meanwhile (checkedAt, VIP level) is not overwritten.
      const save = async () => {
        const current = await sessions.get(userKey);
        if (current) await sessions.set(userKey, { ...current, cookie });
      };
      save().catch((error: unknown) => {
        ctx.logger.warn({ err: error, user: userKey }, 'could not save a refreshed NetEase cookie');
      });
    },
  });
}
