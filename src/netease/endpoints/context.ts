/**
 * What an endpoint function gets from the client: a way to call NetEase as the current identity
 * and a way to cache. Endpoints are plain functions over this, so each file holds one family of
 * calls and tests can drive them through the real client.
 */
import type { CookieJar } from '../cookie-jar.ts';
import type { IdentityKind } from '../errors.ts';
import type { Transport } from '../headers.ts';
import type { RawBody } from '../http.ts';

export interface CallExtras {
  /** NetEase codes that are answers here, not errors. */
  acceptCodes?: readonly number[];
  /** Use this jar instead of the identity's (QR login must not touch a shared jar). */
  jar?: CookieJar;
  /** What the call looks up (`album 123`); a not-found answer names it. */
  subject?: string;
}

/**
 * `shared`: the answer is the same for every caller (lyrics, comments, hot searches).
 * `identity`: it depends on who asks (VIP rights in song privileges, truncated playlists).
 */
export type CacheScope = 'shared' | 'identity';

export interface EndpointContext {
  readonly identity: IdentityKind;
  readonly jar: CookieJar;
  call(
    path: string,
    transport: Transport,
    payload?: Record<string, unknown>,
    extras?: CallExtras,
  ): Promise<RawBody>;
  cached<T>(scope: CacheScope, name: string, args: unknown, load: () => Promise<T>): Promise<T>;
  /** Wall-clock ms, for expiry times (injectable for tests). */
  now(): number;
}
