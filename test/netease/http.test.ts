import type { AddressInfo } from 'node:net';
import { connect, createServer as createTcpServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import { createNeteaseClient, type NeteaseClientOptions } from '../../src/netease/client.ts';
import { CookieJar } from '../../src/netease/cookie-jar.ts';
import {
  eapiDecryptRequest,
  eapiEncryptResponse,
  weapiDecrypt,
  weapiEncSecKey,
} from '../../src/netease/crypto.ts';
import { createDeviceProfile } from '../../src/netease/headers.ts';
import { NeteaseHttp } from '../../src/netease/http.ts';
import { TokenBucket } from '../../src/netease/rate-limiter.ts';
import { json, type MiniHandler, startMiniServer } from './helpers/mini-server.ts';

const KEY = 'testkey123456789';
const LYRIC_BODY = { code: 200, lrc: { lyric: '[00:01.00]hello' } };
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(handler: MiniHandler, options: NeteaseClientOptions = {}) {
  const server = await startMiniServer(handler);
  const client = createNeteaseClient({
    baseUrl: server.baseUrl,
    weapiKeySource: () => KEY,
    requestsPerSecond: 1000,
    retryBaseDelayMs: 1,
    ...options,
  });
  cleanups.push(
    () => server.close(),
    () => client.close(),
  );
  return { server, client };
}

function formOf(body: string): URLSearchParams {
  return new URLSearchParams(body);
}

describe('weapi transport', () => {
  it('posts params/encSecKey that decrypt with the injected key, with desktop headers', async () => {
    const { server, client } = await setup((_req, res) => json(res, { code: 200, data: [] }));
    await client.anonymous.hotSearches();
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/weapi/hotsearchlist/get');
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers.referer).toBe('https://music.163.com');
    expect(request?.headers['user-agent']).toContain('NeteaseMusicDesktop');
    const form = formOf(request!.body);
    expect(form.get('encSecKey')).toBe(weapiEncSecKey(KEY));
    expect(JSON.parse(weapiDecrypt(form.get('params')!, KEY))).toEqual({ csrf_token: '' });
    expect(request?.headers.cookie).toContain('os=pc');
    expect(request?.headers.cookie).toContain('deviceId=');
  });

  it('uses config.weapiKey when no key source is injected', async () => {
    const server = await startMiniServer((_req, res) => json(res, { code: 200, data: [] }));
    const client = createNeteaseClient({ baseUrl: server.baseUrl, weapiKey: 'FFFFFFFFFFFFFFFF' });
    cleanups.push(
      () => server.close(),
      () => client.close(),
    );
    await client.anonymous.hotSearches();
    const params = formOf(server.requests[0]!.body).get('params')!;
    expect(JSON.parse(weapiDecrypt(params, 'FFFFFFFFFFFFFFFF'))).toEqual({ csrf_token: '' });
  });

  it('sends the login csrf token in the payload', async () => {
    const { server, client } = await setup((_req, res) => json(res, { code: 200, data: [] }));
    await client.as({ kind: 'user', cookie: 'MUSIC_U=u1; __csrf=tok' }).hotSearches();
    const params = formOf(server.requests[0]!.body).get('params')!;
    expect(JSON.parse(weapiDecrypt(params, KEY)).csrf_token).toBe('tok');
    expect(server.requests[0]?.headers.cookie).toContain('MUSIC_U=u1');
  });
});

describe('eapi transport', () => {
  it('encrypts url, payload with header object, and a valid digest', async () => {
    const { server, client } = await setup((_req, res) => json(res, LYRIC_BODY));
    await client.as({ kind: 'user', cookie: 'MUSIC_U=u1; __csrf=c' }).lyrics(186016);
    const [request] = server.requests;
    expect(request?.url).toBe('/eapi/song/lyric');
    expect(request?.headers['user-agent']).toContain('NeteaseMusic 9.0.90');
    const decrypted = eapiDecryptRequest(formOf(request!.body).get('params')!);
    expect(decrypted.url).toBe('/api/song/lyric');
    expect(decrypted.digestValid).toBe(true);
    const payload = JSON.parse(decrypted.text);
    expect(payload).toMatchObject({
      id: 186016,
      e_r: false,
      header: { os: 'pc', MUSIC_U: 'u1', __csrf: 'c' },
    });
    // The cookie header is the same header object.
    expect(request?.headers.cookie).toContain('MUSIC_U=u1');
    expect(request?.headers.cookie).toContain(`requestId=${payload.header.requestId}`);
  });

  for (const mode of ['plain', 'gzip'] as const) {
    it(`decrypts e_r answers (${mode})`, async () => {
      const { server, client } = await setup(
        (req, res) => {
          const gzip = req.headers['x-aeapi'] === 'true';
          res.writeHead(200, { 'content-type': 'application/octet-stream' });
          res.end(eapiEncryptResponse(JSON.stringify(LYRIC_BODY), gzip));
        },
        { encryptedResponses: mode },
      );
      const lyrics = await client.anonymous.lyrics(186016);
      expect(lyrics.lrc).toBe('[00:01.00]hello');
      const payload = JSON.parse(eapiDecryptRequest(formOf(server.requests[0]!.body).get('params')!).text);
      expect(payload.e_r).toBe(true);
      expect(server.requests[0]?.headers['x-aeapi']).toBe(mode === 'gzip' ? 'true' : undefined);
    });
  }

  it('reads a plain JSON error even when an encrypted answer was asked for', async () => {
    const { client } = await setup((_req, res) => json(res, { code: -460, msg: 'Cheating' }), {
      encryptedResponses: 'plain',
    });
    await expect(client.anonymous.lyrics(1)).rejects.toMatchObject({ code: 'cheating', apiCode: -460 });
  });

  it('turns undecryptable bytes into UnexpectedResponseError', async () => {
    const { client } = await setup(
      (_req, res) => {
        res.writeHead(200);
        res.end(Buffer.from('not encrypted at all'));
      },
      { encryptedResponses: 'plain' },
    );
    await expect(client.anonymous.lyrics(1)).rejects.toMatchObject({ code: 'unexpected_response' });
  });
});

describe('api (plain) transport', () => {
  it('posts the payload fields as they are, objects as JSON, plus e_r=false', async () => {
    const server = await startMiniServer((_req, res) => json(res, { code: 200, ok: 1 }));
    const http = new NeteaseHttp({
      baseUrl: server.baseUrl,
      timeoutMs: 2_000,
      weapiKeySource: () => KEY,
      limiter: new TokenBucket({ ratePerSecond: 100, burst: 10 }),
      device: createDeviceProfile(),
      logger: silentLogger(),
    });
    cleanups.push(
      () => server.close(),
      () => http.close(),
    );
    const body = await http.call({
      path: '/api/song/lyric',
      transport: 'api',
      payload: { id: 186016, ids: [1, 2], flag: true },
      jar: new CookieJar('MUSIC_U=u'),
      identity: 'user',
    });
    expect(body).toEqual({ code: 200, ok: 1 });
    const request = server.requests[0]!;
    expect(request.url).toBe('/api/song/lyric');
    expect(Object.fromEntries(formOf(request.body))).toEqual({
      id: '186016',
      ids: '[1,2]',
      flag: 'true',
      e_r: 'false',
    });
    expect(request.headers.cookie).toContain('MUSIC_U=u');
  });

  it('refuses a logical path without /api/', async () => {
    const http = new NeteaseHttp({
      timeoutMs: 1_000,
      weapiKeySource: () => KEY,
      limiter: new TokenBucket({ ratePerSecond: 100 }),
      device: createDeviceProfile(),
      logger: silentLogger(),
    });
    cleanups.push(() => http.close());
    await expect(
      http.call({ path: '/weapi/x', transport: 'api', jar: new CookieJar(), identity: 'anonymous' }),
    ).rejects.toThrow(TypeError);
  });
});

describe('headers, failures and retries', () => {
  it('sends X-Real-IP and X-Forwarded-For when configured', async () => {
    const { server, client } = await setup((_req, res) => json(res, { code: 200, data: [] }), {
      realIp: '116.25.146.177',
    });
    await client.anonymous.hotSearches();
    expect(server.requests[0]?.headers['x-real-ip']).toBe('116.25.146.177');
    expect(server.requests[0]?.headers['x-forwarded-for']).toBe('116.25.146.177');
  });

  it('retries 5xx with backoff, then succeeds', async () => {
    let calls = 0;
    const { server, client } = await setup((_req, res) => {
      calls++;
      if (calls < 3) json(res, { code: 503 }, 503);
      else json(res, { code: 200, data: [{ searchWord: 'x' }] });
    });
    expect(await client.anonymous.hotSearches()).toEqual([{ keyword: 'x', score: 0 }]);
    expect(server.requests).toHaveLength(3);
  });

  it('gives up after the configured retries with NetworkError carrying the status', async () => {
    const { server, client } = await setup((_req, res) => json(res, {}, 502), { retries: 1 });
    await expect(client.anonymous.hotSearches()).rejects.toMatchObject({ code: 'network', httpStatus: 502 });
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry 4xx: an HTML 403 is UnexpectedResponseError, a bare 404 NotFoundError', async () => {
    const { server, client } = await setup((req, res) => {
      res.writeHead(req.url?.includes('hotsearch') ? 403 : 404, { 'content-type': 'text/html' });
      res.end('<html>no</html>');
    });
    await expect(client.anonymous.hotSearches()).rejects.toMatchObject({
      code: 'unexpected_response',
      httpStatus: 403,
    });
    await expect(client.anonymous.lyrics(1)).rejects.toMatchObject({ code: 'not_found', httpStatus: 404 });
    expect(server.requests).toHaveLength(2);
  });

  it('maps HTTP 429 to RateLimitedError', async () => {
    const { client } = await setup((_req, res) => {
      res.writeHead(429);
      res.end();
    });
    await expect(client.anonymous.hotSearches()).rejects.toMatchObject({
      code: 'rate_limited',
      httpStatus: 429,
    });
  });

  it('a body that is not JSON is UnexpectedResponseError, not a crash', async () => {
    const { client } = await setup((_req, res) => {
      res.writeHead(200);
      res.end('{"code":200,');
    });
    await expect(client.anonymous.hotSearches()).rejects.toMatchObject({ code: 'unexpected_response' });
  });

  it('a JSON body without a numeric code is UnexpectedResponseError', async () => {
    const { client } = await setup((_req, res) => json(res, { data: [] }));
    await expect(client.anonymous.hotSearches()).rejects.toMatchObject({ code: 'unexpected_response' });
  });

  it('times out a silent server and retries it', async () => {
    const { server, client } = await setup(() => undefined, { timeoutMs: 200, retries: 1 });
    const started = performance.now();
    await expect(client.anonymous.hotSearches()).rejects.toMatchObject({
      code: 'network',
      message: expect.stringContaining('timed out after 200 ms'),
    });
    expect(server.requests).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('retries a connection reset', async () => {
    let calls = 0;
    const { client } = await setup((_req, res) => {
      calls++;
      if (calls === 1) res.socket?.destroy();
      else json(res, { code: 200, data: [] });
    });
    await expect(client.anonymous.hotSearches()).resolves.toEqual([]);
    expect(calls).toBe(2);
  });

  it('a rate-limit answer pauses the whole client for the cooldown', async () => {
    let calls = 0;
    const { client } = await setup(
      (_req, res) => {
        calls++;
        json(res, calls === 1 ? { code: 405, msg: '操作频繁' } : { code: 200, data: [] });
      },
      { rateLimitCooldownMs: 300, requestsPerSecond: 50 },
    );
    await expect(client.anonymous.hotSearches()).rejects.toMatchObject({ code: 'rate_limited' });
    expect(calls).toBe(1);
    const started = performance.now();
    await client.anonymous.lyrics(1).catch(() => undefined);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
  });
});

describe('cookie jars', () => {
  it("keeps a user's Set-Cookie (attributes stripped) and reports the new cookie", async () => {
    const { server, client } = await setup((_req, res) =>
      json(res, { code: 200, data: [] }, 200, {
        'set-cookie': [
          '__csrf=fresh; Max-Age=1296000; Path=/; Domain=.music.163.com',
          'MUSIC_U=u2; Path=/; HTTPOnly',
        ],
      }),
    );
    const changes: string[] = [];
    const user = client.as({
      kind: 'user',
      cookie: 'MUSIC_U=u1',
      onCookieChange: (cookie) => changes.push(cookie),
    });
    await user.hotSearches();
    expect(changes).toEqual(['MUSIC_U=u2; __csrf=fresh']);
    expect(user.cookie()).toBe('MUSIC_U=u2; __csrf=fresh');
    // The jar outlives the scoped API: the next as() with the stored cookie finds it again.
    client.clearCache();
    await client
      .as({ kind: 'user', cookie: 'MUSIC_U=u2; __csrf=fresh' })
      .lyrics(1)
      .catch(() => undefined);
    const payload = JSON.parse(eapiDecryptRequest(formOf(server.requests[1]!.body).get('params')!).text);
    expect(payload.header).toMatchObject({ MUSIC_U: 'u2', __csrf: 'fresh' });
  });

  it('keeps identities apart: anonymous, operator and users never share a jar', async () => {
    const { server, client } = await setup(
      (req, res) =>
        json(
          res,
          { code: 200, data: [] },
          200,
          req.headers.cookie?.includes('MUSIC_U=op') ? {} : { 'set-cookie': 'NMTID=n1' },
        ),
      { cookie: 'MUSIC_U=op' },
    );
    await client.anonymous.hotSearches();
    client.clearCache();
    await client.operator.hotSearches();
    client.clearCache();
    await client.as({ kind: 'user', cookie: 'MUSIC_U=u1' }).hotSearches();
    const cookies = server.requests.map((request) => request.headers.cookie ?? '');
    expect(cookies[0]).not.toContain('MUSIC_U');
    expect(cookies[1]).toContain('MUSIC_U=op');
    expect(cookies[2]).toContain('MUSIC_U=u1');
    expect(client.anonymous.cookie()).toBe('NMTID=n1');
    expect(client.operator.cookie()).toBe('MUSIC_U=op');
  });

  it('refuses a user identity without a cookie', async () => {
    const { client } = await setup((_req, res) => json(res, { code: 200, data: [] }));
    expect(() => client.as({ kind: 'user', cookie: ' ' })).toThrow(TypeError);
  });

  it('the operator without NETEASE_COOKIE is anonymous', async () => {
    const { client } = await setup((_req, res) => json(res, { code: 200, data: [] }));
    expect(client.operator.identity).toBe('anonymous');
    expect(client.as({ kind: 'operator' })).toBe(client.anonymous);
  });
});

describe('proxy', () => {
  it('tunnels every call through NETEASE_PROXY', async () => {
    const { server } = await setup((_req, res) => json(res, { code: 200, data: [] }));
    const seen: string[] = [];
    // A minimal CONNECT proxy: enough to prove the client goes through it.
    const proxy = createTcpServer((client: Socket) => {
      client.once('data', (head: Buffer) => {
        const line = head.toString('latin1').split('\r\n')[0] ?? '';
        seen.push(line);
        const [, target = ''] = line.split(' ');
        const [host = '', port = ''] = target.split(':');
        const upstream = connect(Number(port), host, () => {
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          upstream.pipe(client);
          client.pipe(upstream);
        });
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          proxy.close(() => resolve());
        }),
    );
    const client = createNeteaseClient({
      baseUrl: server.baseUrl,
      proxy: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    });
    cleanups.push(() => client.close());
    await client.anonymous.hotSearches();
    expect(seen).toEqual([`CONNECT ${server.baseUrl.replace('http://', '')} HTTP/1.1`]);
    expect(server.requests).toHaveLength(1);
  });
});
