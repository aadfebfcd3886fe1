/**
 * Everything the NetEase client throws. One base class with a stable `code` string, so the
 * command layer maps errors to messages with a switch (or a lookup table) instead of parsing
 * text, and logs can be grouped by code. Messages are for operators and logs (English, no
 * secrets); users see the translated text the command layer picks from `code`.
 */
import type { SongId } from './models.ts';

export type NeteaseErrorCode =
  | 'needs_login'
  | 'cheating'
  | 'rate_limited'
  | 'captcha_required'
  | 'not_found'
  | 'no_copyright'
  | 'vip_only'
  | 'network'
  | 'unexpected_response';

/** Which jar a call ran with; lets the bot say "log in" vs "your login expired". */
export type IdentityKind = 'anonymous' | 'operator' | 'user';

export interface NeteaseErrorDetails {
  /** The logical path (`/api/...`) of the call that failed, for logs. */
  path?: string;
  /** The `code` in NetEase's JSON body, when the service gave one. */
  apiCode?: number;
  /** The HTTP status, when the failure was at the HTTP level. */
  httpStatus?: number;
  cause?: unknown;
}

export abstract class NeteaseError extends Error {
  abstract readonly code: NeteaseErrorCode;
  readonly path?: string;
  readonly apiCode?: number;
  readonly httpStatus?: number;

  constructor(message: string, details: NeteaseErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.path = details.path;
    this.apiCode = details.apiCode;
    this.httpStatus = details.httpStatus;
  }
}

/** 301: the call needs a logged-in account, or the account's cookie is no longer valid. */
export class NeedsLoginError extends NeteaseError {
  override name = 'NeedsLoginError';
  readonly code = 'needs_login';
  constructor(
    /** `user` means a stored login stopped working (expired or revoked), not "never logged in". */
    readonly identity: IdentityKind,
    details: NeteaseErrorDetails = {},
  ) {
    super(
      identity === 'user'
        ? 'NetEase no longer accepts this login (301); the user must log in again'
        : identity === 'operator'
          ? 'NetEase rejected the operator cookie (301); renew NETEASE_COOKIE'
          : 'NetEase requires a logged-in account for this call (301)',
      details,
    );
  }
}

/** -460: the anti-crawler refused us, almost always because the server is outside mainland China. */
export class CheatingError extends NeteaseError {
  override name = 'CheatingError';
  readonly code = 'cheating';
  constructor(details: NeteaseErrorDetails = {}) {
    super(
      'NetEase refused the request as "Cheating" (-460): this server looks like it is outside mainland China. ' +
        'Set NETEASE_REAL_IP to a mainland-China IP address or route NetEase calls through NETEASE_PROXY.',
      details,
    );
  }
}

/** 405/406/-447 ("操作频繁"): NetEase throttles us; the block lasts from ~20 s to minutes. */
export class RateLimitedError extends NeteaseError {
  override name = 'RateLimitedError';
  readonly code = 'rate_limited';
  constructor(details: NeteaseErrorDetails = {}) {
    super(`NetEase says we are calling too often (${details.apiCode ?? details.httpStatus ?? '?'})`, details);
  }
}

/** -462 / 8821: risk control demands a human check (captcha) before it answers this account/IP. */
export class CaptchaRequiredError extends NeteaseError {
  override name = 'CaptchaRequiredError';
  readonly code = 'captcha_required';
  constructor(
    /** Where a human can solve the check, when NetEase sent one. */
    readonly verifyUrl: string | undefined,
    details: NeteaseErrorDetails = {},
  ) {
    super(`NetEase demands a captcha check (${details.apiCode ?? '?'})`, details);
  }
}

export class NotFoundError extends NeteaseError {
  override name = 'NotFoundError';
  readonly code = 'not_found';
  constructor(
    readonly what: string,
    details: NeteaseErrorDetails = {},
  ) {
    super(`NetEase has no ${what}`, details);
  }
}

/** A "grey" song: it exists, but NetEase has no rights to stream it (here). */
export class NoCopyrightError extends NeteaseError {
  override name = 'NoCopyrightError';
  readonly code = 'no_copyright';
  constructor(
    readonly songId: SongId,
    details: NeteaseErrorDetails = {},
  ) {
    super(`Song ${songId} has no copyright on NetEase`, details);
  }
}

/** Only a trial clip (or nothing) is served to this listener; the full song needs VIP or a purchase. */
export class VipOnlyError extends NeteaseError {
  override name = 'VipOnlyError';
  readonly code = 'vip_only';
  constructor(
    readonly songId: SongId,
    details: NeteaseErrorDetails = {},
  ) {
    super(`Song ${songId} needs a NetEase VIP account (or a purchase) to play in full`, details);
  }
}

/** NetEase could not be reached (DNS, reset, timeout, proxy) or kept answering 5xx after retries. */
export class NetworkError extends NeteaseError {
  override name = 'NetworkError';
  readonly code = 'network';
}

/** A body we cannot use: not JSON, the wrong shape, or a NetEase error code we do not know. */
export class UnexpectedResponseError extends NeteaseError {
  override name = 'UnexpectedResponseError';
  readonly code = 'unexpected_response';
}

export function isNeteaseError(error: unknown): error is NeteaseError {
  return error instanceof NeteaseError;
}
