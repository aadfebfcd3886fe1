/**
 * A loopback stand-in for music.163.com and interface.music.163.com that speaks the real wire
 * protocol (weapi / eapi / plain api, netease-protocol.md), so our NetEase client is tested
 * unmodified over real HTTP. One base URL replaces both hosts. This file is the routing and the
 * test controls; decoding is in transports.ts, data in catalog.ts, answers in the area handlers.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomSecKey, weapiEncSecKey } from '../../../src/netease/crypto.ts';
import { routes as albumRoutes } from './albums.ts';
import { AUDIO_PATH, serveAudio } from './audio.ts';
import { routes as chartRoutes } from './charts.ts';
import { routes as commentRoutes } from './comments.ts';
import { routes as loginRoutes, qrControls } from './login.ts';
import { routes as lyricRoutes } from './lyrics.ts';
import { routes as playlistRoutes } from './playlists.ts';
import { routes as searchRoutes } from './search.ts';
import { routes as songRoutes } from './songs.ts';
import { type ApiAnswer, type ApiCall, createState, type FakeState, type Route } from './state.ts';
import { CHEATING, decodeRequest, encodeAnswer, musicUOf, parseCookies, transportOf } from './transports.ts';
import { routes as userRoutes } from './user.ts';

export interface FakeNetease {
  /** 'http://127.0.0.1:PORT': replaces both https://music.163.com and https://interface.music.163.com. */
  baseUrl: string;
  /** Hand to the client as its weapi key source; every key it returns is registered for decryption. */
  weapiKeySource: () => string;
  /** Registers a fixed key, e.g. one a child process was given via NETEASE_WEAPI_KEY. */
  registerWeapiKey(key: string): void;
  /** Every API call, decoded (audio downloads are counted by `audio.hits` instead). */
  requests: RecordedRequest[];
  /** The next `times` (default 1) calls of a logical path ('/api/cloudsearch/pc', '/_audio/186016') fail. */
  failNext(path: string, failure: Failure, times?: number): void;
  qr: {
    lastKey(): string | undefined;
    scan(key: string): void;
    confirm(key: string, userCookie?: string): void;
    expire(key: string): void;
    auto(steps: { scanAfterPolls: number; confirmAfterPolls: number; user?: string }): void;
  };
  audio: { cutAfterBytes(songId: number, bytes: number, times?: number): void; hits(songId: number): number };
  /** Extra: invalidates a MUSIC_U in this instance, as the service's risk control does. */
  revokeCookie(musicU: string): void;
  close(): Promise<void>;
}

export interface RecordedRequest {
  transport: 'weapi' | 'eapi' | 'api';
  /** Logical path, `/api/...`. */
  path: string;
  payload: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  cookies: Record<string, string>;
}

export type Failure =
  | { code: number; msg?: string; extra?: object }
  | { httpStatus: number }
  | { reset: true }
  | { delayMs: number }
  | { malformed: true };

/** The service's usual wording, so an injected code reads like the real one. */
const DEFAULT_MESSAGES: Record<number, string> = {
  [-460]: 'Cheating',
  [-462]: '绑定手机号或短信验证成功后，可进行下一步操作哦~',
  301: '需要登录',
  400: '参数错误',
  404: '资源不存在',
  405: '操作频繁，请稍候再试',
  500: '服务器错误',
  8821: '需要行为验证码验证',
};

/** -462 without `extra` carries a captcha page like the real one, so clients can surface it. */
function defaultExtra(code: number): object {
  if (code !== -462) return {};
  return {
    data: {
      actionCode: null,
      verifyToken: '00.fake.verify.token',
      verifyId: 9_517_535,
      verifyType: 8,
      verifyUrl: 'https://st.music.163.com/encrypt-pages?qrCode=fake&verifyToken=00.fake.verify.token',
      blockText: '网络环境存在风险，请完成验证',
      extInfo: {},
    },
  };
}

const STATUS_TEXT: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 4 * 1024 * 1024) req.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** `/weapi/x` and `/eapi/x` name the same logical call as `/api/x`; failNext accepts any of them. */
function normalizeFailurePath(path: string): string {
  const clean = path.split('?')[0]!;
  return transportOf(clean)?.path ?? clean;
}

export async function startFakeNetease(options: { ttlMs?: number } = {}): Promise<FakeNetease> {
  const weapiKeys = new Map<string, string>();
  const registerWeapiKey = (key: string): void => {
    weapiKeys.set(weapiEncSecKey(key), key);
  };
  // The well-known fixed key many scripts use: the real service reads it like any other.
  registerWeapiKey('FFFFFFFFFFFFFFFF');

  const requests: RecordedRequest[] = [];
  const failures = new Map<string, Failure[]>();
  const exact = new Map<string, Route>();
  const patterns: Route[] = [];
  for (const route of [
    ...searchRoutes,
    ...songRoutes,
    ...lyricRoutes,
    ...commentRoutes,
    ...chartRoutes,
    ...playlistRoutes,
    ...albumRoutes,
    ...loginRoutes,
    ...userRoutes,
  ]) {
    if (typeof route.path === 'string') exact.set(route.path, route);
    else patterns.push(route);
  }

  function findRoute(path: string): { route: Route; params: string[] } | undefined {
    const route = exact.get(path);
    if (route) return { route, params: [] };
    for (const candidate of patterns) {
      const match = (candidate.path as RegExp).exec(path);
      if (match) return { route: candidate, params: match.slice(1) };
    }
    return undefined;
  }

  function takeFailure(path: string): Failure | undefined {
    const queue = failures.get(path);
    const failure = queue?.shift();
    if (queue && queue.length === 0) failures.delete(path);
    return failure;
  }

  function send(
    res: ServerResponse,
    status: number,
    contentType: string,
    data: Buffer,
    setCookies?: string[],
  ): void {
    const headers: Record<string, string | string[] | number> = {
      'content-type': contentType,
      'content-length': data.length,
      server: 'nginx',
    };
    if (setCookies && setCookies.length > 0) headers['set-cookie'] = setCookies;
    res.writeHead(status, headers);
    res.end(data);
  }

  /** Applies an injected failure; returns true when the request is fully answered by it. */
  async function applyFailure(
    failure: Failure,
    req: IncomingMessage,
    res: ServerResponse,
    answerJson: (body: unknown) => void,
  ): Promise<boolean> {
    if ('delayMs' in failure) {
      await sleep(failure.delayMs);
      return false;
    }
    if ('reset' in failure) {
      req.socket.destroy();
      return true;
    }
    if ('httpStatus' in failure) {
      const title = `${failure.httpStatus} ${STATUS_TEXT[failure.httpStatus] ?? 'Error'}`;
      const html = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
      send(res, failure.httpStatus, 'text/html', Buffer.from(html));
      return true;
    }
    if ('malformed' in failure) {
      // A captive-portal/WAF page with a JSON content type: the classic "200 but not JSON".
      send(
        res,
        200,
        'application/json;charset=UTF-8',
        Buffer.from('<html><body><h1>访问受限</h1><p>请稍后再试</p></body></html>'),
      );
      return true;
    }
    const msg = failure.msg ?? DEFAULT_MESSAGES[failure.code] ?? '未知错误';
    answerJson({
      code: failure.code,
      msg,
      ...(failure.code === -460 ? {} : { message: msg }),
      ...(failure.extra ?? defaultExtra(failure.code)),
    });
    return true;
  }

  let state: FakeState;

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const route = transportOf(url.pathname);
    if (!route) {
      send(
        res,
        404,
        'application/json;charset=UTF-8',
        Buffer.from(JSON.stringify({ code: 404, msg: 'Not Found' })),
      );
      return;
    }
    const body = await readBody(req);
    if (route.transport !== 'api' && req.method !== 'POST') {
      send(res, 405, 'text/plain', Buffer.from('Method Not Allowed'));
      return;
    }
    const decoded = decodeRequest(
      route.transport,
      route.path,
      new URLSearchParams(body),
      url.searchParams,
      weapiKeys,
    );
    const cookies = parseCookies(req.headers.cookie);
    requests.push({
      transport: decoded.transport,
      path: decoded.path,
      payload: decoded.payload,
      headers: { ...req.headers },
      cookies,
    });
    const answerJson = (answer: unknown, setCookies?: string[], status = 200): void => {
      const encoded = encodeAnswer(answer, decoded.encryptResponse, req.headers);
      send(res, status, encoded.contentType, encoded.data, setCookies);
    };
    if (decoded.rejected) {
      // Deliberately plain JSON even for e_r: the service could not read the request at all.
      send(res, 200, 'application/json;charset=UTF-8', Buffer.from(JSON.stringify(CHEATING)));
      return;
    }
    const failure = takeFailure(decoded.path);
    if (failure && (await applyFailure(failure, req, res, answerJson))) return;

    const found = findRoute(decoded.path);
    if (!found) {
      answerJson({ code: 404, msg: `fake NetEase has no route for ${decoded.path}` }, undefined, 404);
      return;
    }
    const musicU = musicUOf(cookies, decoded.payload);
    const call: ApiCall = {
      transport: decoded.transport,
      path: decoded.path,
      params: found.params,
      payload: decoded.payload,
      headers: req.headers,
      cookies,
      musicU,
      user: musicU && !state.revoked.has(musicU) ? state.sessions.get(musicU) : undefined,
    };
    let answer: ApiAnswer;
    try {
      answer = found.route.handle(call, state);
    } catch (error) {
      // A bug in the fake must be loud in the test output, not look like a service error code.
      console.error('fake NetEase handler failed', decoded.path, error);
      answer = { body: { code: 500, msg: String(error) }, status: 500 };
    }
    answerJson(answer.body, answer.setCookies, answer.status ?? 200);
  }

  async function handleAudio(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const match = AUDIO_PATH.exec(url.pathname);
    const failure = match ? takeFailure(`/_audio/${match[1]}`) : undefined;
    if (failure) {
      const answered = await applyFailure(failure, req, res, (body) =>
        send(res, 200, 'application/json', Buffer.from(JSON.stringify(body))),
      );
      if (answered) return;
    }
    serveAudio(state, req, res, url);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const work = url.pathname.startsWith('/_audio/') ? handleAudio(req, res, url) : handleApi(req, res, url);
    work.catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain', Buffer.from(String(error)));
      else res.destroy();
    });
  });
  // A client's keep-alive sockets must not keep close() waiting.
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  state = createState(baseUrl, options.ttlMs ?? 20 * 60_000);

  return {
    baseUrl,
    weapiKeySource: () => {
      const key = randomSecKey();
      registerWeapiKey(key);
      return key;
    },
    registerWeapiKey,
    requests,
    failNext(path, failure, times = 1) {
      const key = normalizeFailurePath(path);
      const queue = failures.get(key) ?? [];
      for (let i = 0; i < times; i++) queue.push(failure);
      failures.set(key, queue);
    },
    qr: qrControls(state),
    audio: {
      cutAfterBytes(songId, bytes, times = 1) {
        state.audio.cuts.set(songId, { bytes, times });
      },
      hits: (songId) => state.audio.hits.get(songId) ?? 0,
    },
    revokeCookie(musicU) {
      state.revoked.add(musicU);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
