/**
 * What a request looks like to NetEase besides its body: cookies and headers per transport,
 * following netease-protocol.md §2 (the 4.32 reference) and §7 (the desktop-client flavour).
 * Pure functions over a device profile and a cookie jar, so the transport stays small and these
 * rules are testable without a server.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { CookieJar } from './cookie-jar.ts';

export type Transport = 'weapi' | 'eapi' | 'api';

/**
 * The NetEase PC client's identity. `os=pc` cookies go with both UAs, as in the reference: the
 * web endpoints check for a NetEase desktop UA (a plain browser UA gets "please upgrade" on some
 * paths), the interface host expects the mobile app's UA.
 */
export const APP_PROFILE = {
  os: 'pc',
  appver: '3.1.17.204416',
  osver: 'Microsoft-Windows-10-Professional-build-19045-64bit',
  channel: 'netease',
} as const;

export const DESKTOP_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/91.0.4472.164 NeteaseMusicDesktop/3.1.17.204416 Safari/537.36';
export const MOBILE_USER_AGENT = 'NeteaseMusic 9.0.90/5038 (iPhone; iOS 16.2; zh_CN)';

/** Stable per client instance, like one installed app: a fresh deviceId per request looks like a bot farm. */
export interface DeviceProfile {
  deviceId: string;
  nuid: string;
  nnidTimeMs: number;
  wnmcid: string;
  nmtid: string;
}

export function createDeviceProfile(now = Date.now()): DeviceProfile {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let wnmcidPrefix = '';
  for (let i = 0; i < 6; i++) wnmcidPrefix += letters[randomInt(letters.length)];
  return {
    deviceId: randomBytes(16).toString('hex').toUpperCase(),
    nuid: randomBytes(16).toString('hex'),
    nnidTimeMs: now,
    wnmcid: `${wnmcidPrefix}.${now}.01.0`,
    nmtid: randomBytes(16).toString('hex'),
  };
}

/** `requestId` as the apps send it: milliseconds, underscore, four digits. */
function requestId(now: number): string {
  return `${now}_${String(randomInt(10_000)).padStart(4, '0')}`;
}

/**
 * The cookie object of a weapi call: the browser-ish defaults, then the jar on top (the caller's
 * cookies win). `NMTID` is left out of login calls, as the reference does, and the anonymous
 * token only goes when there is no login.
 */
export function weapiCookies(
  device: DeviceProfile,
  jar: CookieJar,
  path: string,
  anonymousToken: string | undefined,
): Record<string, string> {
  const cookies: Record<string, string> = {
    __remember_me: 'true',
    ntes_kaola_ad: '1',
    _ntes_nuid: device.nuid,
    _ntes_nnid: `${device.nuid},${device.nnidTimeMs}`,
    WNMCID: device.wnmcid,
    WEVNSM: '1.0.0',
    osver: APP_PROFILE.osver,
    deviceId: device.deviceId,
    os: APP_PROFILE.os,
    channel: APP_PROFILE.channel,
    appver: APP_PROFILE.appver,
  };
  if (!path.includes('login')) cookies.NMTID = device.nmtid;
  for (const [name, value] of jar.entries()) cookies[name] = value;
  if (!cookies.MUSIC_U && !cookies.MUSIC_A && anonymousToken) cookies.MUSIC_A = anonymousToken;
  return cookies;
}

/**
 * The "header" object of eapi/api calls. It replaces the whole Cookie header there, and eapi
 * also carries it inside the encrypted payload, so the server sees the same identity twice.
 */
export function appHeaderObject(
  device: DeviceProfile,
  jar: CookieJar,
  anonymousToken: string | undefined,
  now = Date.now(),
): Record<string, string> {
  const header: Record<string, string> = {
    osver: APP_PROFILE.osver,
    deviceId: device.deviceId,
    os: APP_PROFILE.os,
    appver: APP_PROFILE.appver,
    versioncode: '140',
    mobilename: '',
    buildver: String(Math.floor(now / 1000)),
    resolution: '1920x1080',
    __csrf: jar.get('__csrf') ?? '',
    channel: APP_PROFILE.channel,
    requestId: requestId(now),
  };
  const musicU = jar.get('MUSIC_U');
  const musicA = jar.get('MUSIC_A') ?? anonymousToken;
  if (musicU) header.MUSIC_U = musicU;
  else if (musicA) header.MUSIC_A = musicA;
  return header;
}

/** Keys and values URI-encoded and joined with `; `, as the reference serialises its cookie object. */
export function serializeCookies(cookies: Record<string, string>): string {
  return Object.entries(cookies)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('; ');
}

export interface HeaderOptions {
  transport: Transport;
  cookie: string;
  /** A mainland-China IP: sent as X-Real-IP and X-Forwarded-For, the cure for -460 abroad. */
  realIp?: string;
  /** Ask for gzip inside encrypted eapi responses (`x-aeapi`). */
  gzipEncryptedResponse?: boolean;
}

export function requestHeaders(options: HeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    cookie: options.cookie,
  };
  if (options.transport === 'weapi') {
    headers['user-agent'] = DESKTOP_USER_AGENT;
    headers.referer = 'https://music.163.com';
    headers.origin = 'https://music.163.com';
  } else {
    headers['user-agent'] = MOBILE_USER_AGENT;
  }
  if (options.gzipEncryptedResponse) headers['x-aeapi'] = 'true';
  if (options.realIp) {
    headers['x-real-ip'] = options.realIp;
    headers['x-forwarded-for'] = options.realIp;
  }
  return headers;
}
