import { describe, expect, it } from 'vitest';
import {
  CaptchaRequiredError,
  CheatingError,
  isNeteaseError,
  NeedsLoginError,
  NeteaseError,
  NetworkError,
  NoCopyrightError,
  NotFoundError,
  RateLimitedError,
  UnexpectedResponseError,
  VipOnlyError,
} from '../../src/netease/errors.ts';

describe('NetEase errors', () => {
  it('share one base class and carry stable codes', () => {
    const errors = [
      new NeedsLoginError('anonymous'),
      new CheatingError(),
      new RateLimitedError({ apiCode: 405 }),
      new CaptchaRequiredError(undefined, { apiCode: -462 }),
      new NotFoundError('song 1'),
      new NoCopyrightError(1),
      new VipOnlyError(1),
      new NetworkError('down'),
      new UnexpectedResponseError('odd'),
    ];
    expect(errors.map((error) => error.code)).toEqual([
      'needs_login',
      'cheating',
      'rate_limited',
      'captcha_required',
      'not_found',
      'no_copyright',
      'vip_only',
      'network',
      'unexpected_response',
    ]);
    for (const error of errors) {
      expect(error).toBeInstanceOf(NeteaseError);
      expect(error).toBeInstanceOf(Error);
      expect(isNeteaseError(error)).toBe(true);
    }
    expect(isNeteaseError(new Error('x'))).toBe(false);
  });

  it('tell an expired user login from a missing one and from a bad operator cookie', () => {
    expect(new NeedsLoginError('user').message).toMatch(/log in again/);
    expect(new NeedsLoginError('operator').message).toMatch(/NETEASE_COOKIE/);
    expect(new NeedsLoginError('anonymous').message).toMatch(/logged-in account/);
  });

  it('the cheating message names both cures', () => {
    expect(new CheatingError().message).toMatch(/NETEASE_REAL_IP.*NETEASE_PROXY/);
  });

  it('keep the details and the cause', () => {
    const cause = new Error('socket hang up');
    const error = new NetworkError('unreachable', { path: '/api/x', httpStatus: 502, cause });
    expect(error).toMatchObject({ path: '/api/x', httpStatus: 502, cause });
  });
});
