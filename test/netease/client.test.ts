/**
 * Cross-cutting behaviour of the client against the fake NetEase over real HTTP: identities and
 * their cookies, the weapi key source, every typed error, retries, the cache and the rate limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/logger.ts';
import { createNeteaseClient } from '../../src/netease/client.ts';
import {
  CaptchaRequiredError,
  CheatingError,
  NeedsLoginError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  UnexpectedResponseError,
} from '../../src/netease/errors.ts';
import { SONGS, USERS } from '../fakes/netease/catalog.ts';
import { clientFor, type FakeNetease, free, pathsSince, recording, startFake, vip } from './helpers/fake.ts';

let fake: FakeNetease;
beforeAll(async () => {
  fake = await startFake();
});
afterAll(async () => {
  await fake.close();
});

describe('identities', () => {
  it('sends no login when anonymous, the operator cookie as operator, the user cookie as user', async () => {
    const client = clientFor(fake, { cookie: `MUSIC_U=${USERS.free.musicU}` });
    const { requests } = await recording(fake, async () => {
      await client.anonymous.hotSearches();
      await client.operator.song(SONGS.qingtian.id);
      await client.as(vip).song(SONGS.qingtian.id);
    });
    expect(requests.map((request) => request.cookies.MUSIC_U)).toEqual([
      undefined,
      USERS.free.musicU,
      USERS.vip.musicU,
    ]);
    expect(requests[0]?.cookies.os).toBe('pc');
    await client.close();
  });

  it('sends X-Real-IP when configured', async () => {
    const client = clientFor(fake, { realIp: '116.25.146.177' });
    const { requests } = await recording(fake, () => client.anonymous.lyrics(SONGS.daoxiang.id));
    expect(requests[0]?.headers['x-real-ip']).toBe('116.25.146.177');
    expect(requests[0]?.headers['x-forwarded-for']).toBe('116.25.146.177');
    await client.close();
  });
});

describe('weapi key source', () => {
  it('uses the injected source, so the fake can read what was sent', async () => {
    const client = clientFor(fake);
    const { requests } = await recording(fake, () => client.anonymous.suggest('稻香'));
    expect(requests[0]).toMatchObject({ transport: 'weapi', payload: { s: '稻香', csrf_token: '' } });
    await client.close();
  });

  it('a fixed key from the config works once the fake knows it', async () => {
    fake.registerWeapiKey('FixedKey12345678');
    const client = clientFor(fake, { weapiKeySource: undefined, weapiKey: 'FixedKey12345678' });
    const { requests } = await recording(fake, () => client.anonymous.suggest('晴天'));
    expect(requests[0]?.payload.s).toBe('晴天');
    await client.close();
  });
});

describe('encrypted answers (e_r)', () => {
  for (const mode of ['plain', 'gzip'] as const) {
    it(`asks for and decrypts ${mode} e_r answers`, async () => {
      const client = clientFor(fake, { encryptedResponses: mode });
      const { result, requests } = await recording(fake, () => client.anonymous.search('晴天'));
      expect(result.items.map((song) => song.id)).toContain(SONGS.qingtian.id);
      expect(requests[0]?.payload.e_r).toBe(true);
      expect(requests[0]?.headers['x-aeapi']).toBe(mode === 'gzip' ? 'true' : undefined);
      await client.close();
    });
  }
});

describe('configuration', () => {
  it('builds from the loaded config (base URL, real IP, fixed weapi key)', async () => {
    const config = loadConfig({
      NETEASE_BASE_URL: fake.baseUrl,
      NETEASE_REAL_IP: '36.110.0.1',
      NETEASE_WEAPI_KEY: 'FFFFFFFFFFFFFFFF',
      NETEASE_COOKIE: `MUSIC_U=${USERS.free.musicU}`,
    });
    const client = createNeteaseClient({ ...config.netease, logger: silentLogger() });
    const { requests } = await recording(fake, () => client.operator.suggest('七里香'));
    expect(requests[0]).toMatchObject({ transport: 'weapi', payload: { s: '七里香' } });
    expect(requests[0]?.headers['x-real-ip']).toBe('36.110.0.1');
    expect(requests[0]?.cookies.MUSIC_U).toBe(USERS.free.musicU);
    await client.close();
  });

  it('a weapi key the service cannot read gets -460, as from the real one', async () => {
    const client = clientFor(fake, { weapiKeySource: () => 'UnknownKey123456' });
    await expect(client.anonymous.suggest('晴天')).rejects.toBeInstanceOf(CheatingError);
    await client.close();
  });
});

describe('typed errors', () => {
  const cases = [
    [{ code: 301, msg: '需要登录' }, NeedsLoginError, 'needs_login'],
    [{ code: -460, msg: 'Cheating' }, CheatingError, 'cheating'],
    [{ code: 405, msg: '操作频繁，请稍候再试' }, RateLimitedError, 'rate_limited'],
    [{ code: 406, msg: '操作频繁' }, RateLimitedError, 'rate_limited'],
    [{ code: -447, msg: '服务器忙碌' }, RateLimitedError, 'rate_limited'],
    [
      { code: -462, msg: '需要验证', extra: { data: { url: 'https://verify.example/x' } } },
      CaptchaRequiredError,
      'captcha_required',
    ],
    [{ code: 8821, msg: '需要行为验证码验证' }, CaptchaRequiredError, 'captcha_required'],
    [{ code: 404, msg: '资源不存在' }, NotFoundError, 'not_found'],
    [{ code: 500, msg: '未知错误' }, UnexpectedResponseError, 'unexpected_response'],
  ] as const;

  for (const [failure, type, code] of cases) {
    it(`NetEase code ${failure.code} → ${type.name} (${code}), not retried`, async () => {
      const client = clientFor(fake, { rateLimitCooldownMs: 0 });
      // Song detail: a weapi read with no fallback, so the error reaches the caller as is.
      fake.failNext('/api/v3/song/detail', failure);
      const start = fake.requests.length;
      const error = await client.anonymous.song(SONGS.qingtian.id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(type);
      expect(error).toMatchObject({ code, apiCode: failure.code, path: '/api/v3/song/detail' });
      expect(pathsSince(fake, start)).toEqual(['/api/v3/song/detail']);
      await client.close();
    });
  }

  it('the cheating message tells the operator what to set', async () => {
    const client = clientFor(fake);
    fake.failNext('/api/song/lyric', { code: -460, msg: 'Cheating' });
    const error = await client.anonymous.lyrics(SONGS.daoxiang.id).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/NETEASE_REAL_IP/);
    expect((error as Error).message).toMatch(/NETEASE_PROXY/);
    await client.close();
  });

  it('the captcha error carries the verify URL when NetEase sends one', async () => {
    const client = clientFor(fake);
    fake.failNext('/api/song/lyric', { code: -462, extra: { data: { url: 'https://verify.example/x' } } });
    await expect(client.anonymous.lyrics(SONGS.daoxiang.id)).rejects.toMatchObject({
      verifyUrl: 'https://verify.example/x',
    });
    await client.close();
  });

  it('301 for a user says their login stopped working', async () => {
    const client = clientFor(fake);
    fake.failNext('/api/v3/song/detail', { code: 301 });
    await expect(client.as(vip).song(SONGS.qingtian.id)).rejects.toMatchObject({
      code: 'needs_login',
      identity: 'user',
    });
    await client.close();
  });

  it('a malformed body is UnexpectedResponseError, not a crash', async () => {
    const client = clientFor(fake);
    fake.failNext('/api/song/lyric', { malformed: true });
    await expect(client.anonymous.lyrics(SONGS.daoxiang.id)).rejects.toBeInstanceOf(UnexpectedResponseError);
    await client.close();
  });
});

describe('retries', () => {
  it('retries 5xx and then succeeds', async () => {
    const client = clientFor(fake);
    fake.failNext('/api/song/lyric', { httpStatus: 503 }, 2);
    const start = fake.requests.length;
    const lyrics = await client.anonymous.lyrics(SONGS.qingtian.id);
    expect(lyrics.lines.length).toBeGreaterThan(0);
    expect(
      pathsSince(fake, start).filter((path) => path === '/api/song/lyric').length,
    ).toBeGreaterThanOrEqual(1);
    await client.close();
  });

  it('gives up after the retries with NetworkError', async () => {
    const client = clientFor(fake, { retries: 2 });
    fake.failNext('/api/song/lyric', { httpStatus: 502 }, 3);
    await expect(client.anonymous.lyrics(SONGS.qingtian.id)).rejects.toMatchObject({
      code: 'network',
      httpStatus: 502,
    });
    await client.close();
  });

  it('never retries a 4xx', async () => {
    const client = clientFor(fake);
    fake.failNext('/api/song/lyric', { httpStatus: 403 }, 1);
    await expect(client.anonymous.lyrics(SONGS.qingtian.id)).rejects.toMatchObject({ httpStatus: 403 });
    // The next call is served normally: the injected failure was used exactly once.
    await expect(client.anonymous.lyrics(SONGS.qingtian.id)).resolves.toMatchObject({ instrumental: false });
    await client.close();
  });

  it('retries a connection reset', async () => {
    const client = clientFor(fake);
    fake.failNext('/api/song/lyric', { reset: true });
    await expect(client.anonymous.lyrics(SONGS.qingtian.id)).resolves.toMatchObject({
      songId: SONGS.qingtian.id,
    });
    await client.close();
  });

  it('a slow answer times out as NetworkError', async () => {
    const client = clientFor(fake, { timeoutMs: 150, retries: 0 });
    fake.failNext('/api/song/lyric', { delayMs: 1_000 });
    await expect(client.anonymous.lyrics(SONGS.qingtian.id)).rejects.toBeInstanceOf(NetworkError);
    await client.close();
  });
});

describe('cache', () => {
  it('a second identical search makes no request', async () => {
    const client = clientFor(fake);
    const { requests } = await recording(fake, async () => {
      const first = await client.anonymous.search('稻香');
      const second = await client.anonymous.search('稻香');
      expect(second).toEqual(first);
    });
    expect(requests).toHaveLength(1);
    await client.close();
  });

  it('identical calls in flight together share one request', async () => {
    const client = clientFor(fake);
    const { requests } = await recording(fake, () =>
      Promise.all([client.anonymous.search('夜曲'), client.anonymous.search('夜曲')]),
    );
    expect(requests).toHaveLength(1);
    await client.close();
  });

  it('is separated by identity where answers depend on it', async () => {
    const client = clientFor(fake);
    const { requests } = await recording(fake, async () => {
      await client.anonymous.search('七里香');
      await client.as(vip).search('七里香');
      await client.as(free).search('七里香');
      await client.as(vip).search('七里香');
    });
    expect(requests.map((request) => request.cookies.MUSIC_U)).toEqual([
      undefined,
      USERS.vip.musicU,
      USERS.free.musicU,
    ]);
    await client.close();
  });

  it('never caches song URLs, login or account calls', async () => {
    const client = clientFor(fake);
    const { requests } = await recording(fake, async () => {
      await client.as(vip).songUrl(SONGS.qingtian.id);
      await client.as(vip).songUrl(SONGS.qingtian.id);
      await client.as(vip).account();
      await client.as(vip).account();
      await client.as(vip).loginStatus();
      await client.as(vip).loginStatus();
      await client.anonymous.qrStart();
      await client.anonymous.qrStart();
    });
    expect(requests).toHaveLength(8);
    await client.close();
  });

  it('does not keep failures', async () => {
    const client = clientFor(fake);
    fake.failNext('/api/cloudsearch/pc', { code: -460 });
    await expect(client.anonymous.search('彩虹')).rejects.toBeInstanceOf(CheatingError);
    await expect(client.anonymous.search('彩虹')).resolves.toMatchObject({ total: expect.any(Number) });
    await client.close();
  });
});

describe('rate limiter', () => {
  it('spaces out calls beyond the burst (20/s, burst 2: 10 calls take ≥ 0.4 s)', async () => {
    const client = clientFor(fake, { requestsPerSecond: 20, burst: 2, cacheTtlMs: 0 });
    const started = performance.now();
    await Promise.all(Array.from({ length: 10 }, (_, i) => client.anonymous.search(`稻香 ${i}`)));
    expect(performance.now() - started).toBeGreaterThanOrEqual(380);
    await client.close();
  });

  it('is shared by every identity of a client', async () => {
    const client = clientFor(fake, { requestsPerSecond: 20, burst: 2, cacheTtlMs: 0 });
    const started = performance.now();
    await Promise.all([
      ...Array.from({ length: 4 }, (_, i) => client.anonymous.search(`晴天 ${i}`)),
      ...Array.from({ length: 4 }, (_, i) => client.as(vip).search(`晴天 ${i}`)),
    ]);
    // 8 calls, 2 at once, then 20/s: at least 6 × 50 ms.
    expect(performance.now() - started).toBeGreaterThanOrEqual(280);
    await client.close();
  });

  it('a rate-limit answer slows everyone down for the cooldown', async () => {
    const client = clientFor(fake, { rateLimitCooldownMs: 300 });
    fake.failNext('/api/cloudsearch/pc', { code: 405, msg: '操作频繁' });
    await expect(client.anonymous.search('泡沫')).rejects.toBeInstanceOf(RateLimitedError);
    const started = performance.now();
    await client.as(vip).lyrics(SONGS.paomo.id);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    await client.close();
  });
});
