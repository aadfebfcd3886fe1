/**
 * QR login (netease-protocol.md §3 and §7): a unikey, then polls answering 800 expired /
 * 801 waiting / 802 scanned / 803 success. On 803 the cookies come as `Set-Cookie` with the
 * service's Domain attribute and, as wrappers do, joined into `body.cookie`. Tests drive the
 * phone side with `qr.scan/confirm/expire`, or `qr.auto` when the poller is another process.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { FakeUser } from './catalog.ts';
import { resolveUser, USERS } from './catalog.ts';
import { imageUrl } from './shapes.ts';
import type { ApiAnswer, ApiCall, FakeState, QrSession, Route } from './state.ts';
import { json } from './state.ts';
import { setCookieLine, str } from './util.ts';

/** How long a code stays valid; the write-up says about three minutes. */
const QR_LIFETIME_MS = 3 * 60_000;
const LOGIN_COOKIE_MAX_AGE = 180 * 24 * 3600;

function unikey(_call: ApiCall, state: FakeState): ApiAnswer {
  const key = randomUUID();
  state.qr.sessions.set(key, { key, createdAt: Date.now(), polls: 0, state: 'waiting' });
  state.qr.lastKey = key;
  return json({ code: 200, unikey: key });
}

/** A new login session token for `user`, registered so account calls recognise it. */
function freshMusicU(state: FakeState, user: FakeUser): string {
  const token = `00${randomBytes(107).toString('hex').toUpperCase()}`;
  state.sessions.set(token, user);
  return token;
}

/**
 * Who a confirmation logs in: no argument → USERS.vip with a fresh token; a USERS MUSIC_U →
 * exactly that token; 'vip' / 'free' / a userId / a nickname → that user with a fresh token;
 * any other string → handed out verbatim but unknown to the account endpoints (a dud cookie).
 */
function resolveLogin(state: FakeState, ref: string | undefined): { musicU: string; user?: FakeUser } {
  if (ref === undefined) return { musicU: freshMusicU(state, USERS.vip), user: USERS.vip };
  const user = resolveUser(ref);
  if (!user) return { musicU: ref };
  return { musicU: ref === user.musicU ? ref : freshMusicU(state, user), user };
}

/** The state a session is in after this poll, with `qr.auto` applied on top of manual steps. */
function advance(state: FakeState, session: QrSession): QrSession['state'] {
  if (session.state === 'consumed' || session.state === 'expired') return session.state;
  if (Date.now() - session.createdAt > QR_LIFETIME_MS) {
    session.state = 'expired';
    return session.state;
  }
  const auto = state.qr.auto;
  if (auto) {
    if (session.polls > auto.confirmAfterPolls && session.state !== 'confirmed') {
      const login = resolveLogin(state, auto.user);
      session.musicU = login.musicU;
      session.user = login.user;
      session.state = 'confirmed';
    } else if (session.polls > auto.scanAfterPolls && session.state === 'waiting') {
      session.state = 'scanned';
    }
  }
  return session.state;
}

function poll(call: ApiCall, state: FakeState): ApiAnswer {
  const session = state.qr.sessions.get(str(call.payload.key));
  if (!session) return json({ code: 800, message: '二维码不存在或已过期' });
  session.polls += 1;
  const now = advance(state, session);
  // Before confirmation the phone already shows who is scanning; auto mode names that user.
  const autoUser = state.qr.auto?.user === undefined ? undefined : resolveUser(state.qr.auto.user);
  const shownUser = session.user ?? autoUser ?? USERS.vip;
  switch (now) {
    case 'waiting':
      return json({ code: 801, message: '等待扫码' });
    case 'scanned':
      return json({
        code: 802,
        message: '授权中',
        nickname: shownUser.nickname,
        avatarUrl: imageUrl(shownUser.avatarImgId),
      });
    case 'confirmed': {
      session.state = 'consumed';
      const csrf = randomBytes(16).toString('hex');
      const setCookies = [
        setCookieLine('MUSIC_U', session.musicU ?? '', LOGIN_COOKIE_MAX_AGE),
        setCookieLine('__csrf', csrf, LOGIN_COOKIE_MAX_AGE, false),
        setCookieLine(
          'MUSIC_R_U',
          `00${randomBytes(40).toString('hex').toUpperCase()}`,
          LOGIN_COOKIE_MAX_AGE,
        ),
      ];
      return json(
        {
          code: 803,
          message: '授权登陆成功',
          nickname: shownUser.nickname,
          avatarUrl: imageUrl(shownUser.avatarImgId),
          cookie: setCookies.join(';'),
        },
        setCookies,
      );
    }
    default:
      return json({ code: 800, message: '二维码不存在或已过期' });
  }
}

/** Renews the login cookie; the service refuses without a valid one. */
function refresh(call: ApiCall): ApiAnswer {
  if (!call.user || !call.musicU) return json({ code: 301, msg: '需要登录' });
  return json({ code: 200 }, [setCookieLine('MUSIC_U', call.musicU, LOGIN_COOKIE_MAX_AGE)]);
}

export const routes: Route[] = [
  { path: '/api/login/qrcode/unikey', handle: unikey },
  { path: '/api/login/qrcode/client/login', handle: poll },
  // The write-up's fallback when client/login answers 8821.
  { path: '/api/login/qrcode/client/check', handle: poll },
  { path: '/api/login/token/refresh', handle: refresh },
];

export interface QrControls {
  lastKey(): string | undefined;
  scan(key: string): void;
  confirm(key: string, userCookie?: string): void;
  expire(key: string): void;
  auto(steps: { scanAfterPolls: number; confirmAfterPolls: number; user?: string }): void;
}

export function qrControls(state: FakeState): QrControls {
  const sessionOf = (key: string): QrSession => {
    const session = state.qr.sessions.get(key);
    // A typo in a test should fail at the call, not as a mysterious 800 later.
    if (!session) throw new Error(`fake NetEase: no QR session for key ${key}`);
    return session;
  };
  return {
    lastKey: () => state.qr.lastKey,
    scan(key) {
      const session = sessionOf(key);
      if (session.state === 'waiting') session.state = 'scanned';
    },
    confirm(key, userCookie) {
      const session = sessionOf(key);
      const login = resolveLogin(state, userCookie);
      session.musicU = login.musicU;
      session.user = login.user;
      session.state = 'confirmed';
    },
    expire(key) {
      sessionOf(key).state = 'expired';
    },
    auto(steps) {
      state.qr.auto = { ...steps };
    },
  };
}
