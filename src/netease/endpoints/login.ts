/**
 * QR-code login and the account behind a cookie. Never cached. QR calls run in a throwaway jar:
 * the cookie of the account being logged in must not leak into the shared anonymous (or the
 * operator's) jar; it is handed back to the caller, who stores it and later calls `as(user)`.
 */
import { CookieJar, parseCookieString } from '../cookie-jar.ts';
import { NeedsLoginError, UnexpectedResponseError } from '../errors.ts';
import { httpsUrl } from '../mappers.ts';
import type { Account, LoginStatus, QrLogin, QrStatus } from '../models.ts';
import { accountResponse, parseRaw, qrCheckResponse, qrKeyResponse } from '../raw-schemas.ts';
import type { EndpointContext } from './context.ts';

const QR_KEY = '/api/login/qrcode/unikey';
const QR_CHECK = '/api/login/qrcode/client/login';
/** Older clients' path; the service still answers it when the new one demands a newer client (8821). */
const QR_CHECK_FALLBACK = '/api/login/qrcode/client/check';
const ACCOUNT = '/api/nuser/account/get';
const LOGIN_STATUS = '/api/w/nuser/account/get';
const LOGOUT = '/api/logout';
const REFRESH = '/api/login/token/refresh';
/**
 * What the QR code holds. It is read by the NetEase phone app, not by us, so it names the real
 * site even when NETEASE_BASE_URL points our calls elsewhere.
 */
export const QR_CONTENT_BASE = 'https://music.163.com/login?codekey=';

const QR_STATES = [800, 801, 802, 803] as const;
const CLIENT_TOO_OLD = 8821;
/** type 3: the desktop/app flavour of QR login (the web page uses 1). */
const QR_TYPE = 3;

export async function qrStart(ctx: EndpointContext): Promise<QrLogin> {
  const body = await ctx.call(QR_KEY, 'eapi', { type: QR_TYPE }, { jar: new CookieJar() });
  const { unikey } = parseRaw(qrKeyResponse, body, QR_KEY);
  return { key: unikey, url: `${QR_CONTENT_BASE}${encodeURIComponent(unikey)}` };
}

/** One poll. Call every 2 s or so: faster polling is a known way to get blocked. */
export async function qrCheck(ctx: EndpointContext, key: string): Promise<QrStatus> {
  const jar = new CookieJar();
  let path = QR_CHECK;
  let body = await ctx.call(
    path,
    'eapi',
    { key, type: QR_TYPE },
    { jar, acceptCodes: [...QR_STATES, CLIENT_TOO_OLD] },
  );
  if (body.code === CLIENT_TOO_OLD) {
    // A second 8821 here is a real captcha demand, which the transport turns into its error.
    path = QR_CHECK_FALLBACK;
    body = await ctx.call(path, 'eapi', { key, type: QR_TYPE }, { jar, acceptCodes: QR_STATES });
  }
  const raw = parseRaw(qrCheckResponse, body, path);
  switch (raw.code) {
    case 800:
      return { state: 'expired' };
    case 801:
      return { state: 'waiting' };
    case 802: {
      const avatarUrl = httpsUrl(raw.avatarUrl);
      return {
        state: 'scanned',
        ...(raw.nickname ? { nickname: raw.nickname } : {}),
        ...(avatarUrl ? { avatarUrl } : {}),
      };
    }
    default: {
      // Some gateways copy the Set-Cookie lines into the body instead of sending them; attributes
      // (Path, Max-Age...) are dropped by the parser, whatever joined the lines.
      if (!jar.has('MUSIC_U') && raw.cookie) {
        jar.applySetCookie(
          [...parseCookieString(raw.cookie)].map(([name, value]) => `${name}=${encodeURIComponent(value)}`),
        );
      }
      if (!jar.has('MUSIC_U')) {
        throw new UnexpectedResponseError('NetEase confirmed the QR login (803) but sent no MUSIC_U cookie', {
          path,
          apiCode: 803,
        });
      }
      return {
        state: 'confirmed',
        cookie: jar.toString(),
        ...(raw.nickname ? { nickname: raw.nickname } : {}),
      };
    }
  }
}

function toAccount(body: unknown, path: string): Account | null {
  const raw = parseRaw(accountResponse, body, path);
  const { account, profile } = raw;
  if (!account && !profile) return null;
  const userId = profile?.userId ?? account?.id ?? 0;
  const avatarUrl = httpsUrl(profile?.avatarUrl);
  return {
    userId,
    nickname: profile?.nickname ?? account?.userName ?? '',
    ...(avatarUrl ? { avatarUrl } : {}),
    vipType: account?.vipType || profile?.vipType || 0,
    // An anonymous visitor has an `account` (flagged) but no `profile`.
    anonymous: account?.anonimousUser ?? !profile,
  };
}

/** The account behind the identity's cookie; null when there is none. */
export async function account(ctx: EndpointContext): Promise<Account | null> {
  return toAccount(await ctx.call(ACCOUNT, 'weapi', {}), ACCOUNT);
}

/** Whether the identity's cookie is still a live login (the cookie-health check). */
export async function loginStatus(ctx: EndpointContext): Promise<LoginStatus> {
  const found = toAccount(await ctx.call(LOGIN_STATUS, 'weapi', {}), LOGIN_STATUS);
  return found && !found.anonymous ? { loggedIn: true, account: found } : { loggedIn: false };
}

/** Ends the login at NetEase and empties the jar (the listener hears an empty cookie). */
export async function logout(ctx: EndpointContext): Promise<void> {
  try {
    await ctx.call(LOGOUT, 'weapi', {});
  } catch (error) {
    // Already logged out (or revoked) at NetEase: that is what the caller wanted.
    if (!(error instanceof NeedsLoginError)) throw error;
  } finally {
    // Even if NetEase could not be told, the bot must forget the cookie.
    ctx.jar.clear();
  }
}

/**
 * Asks NetEase to extend the login; the renewed cookie arrives as Set-Cookie in the identity's jar
 * (and so reaches `onCookieChange`). Worth calling now and then for stored logins, which
 * otherwise lapse after months.
 */
export async function refreshLogin(ctx: EndpointContext): Promise<void> {
  await ctx.call(REFRESH, 'weapi', {});
}
