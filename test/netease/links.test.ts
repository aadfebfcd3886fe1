import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LinkError,
  type NeteaseEntityKind,
  type NeteaseRef,
  neteaseUrl,
  parseNeteaseRef,
  resolveShortLink,
} from '../../src/netease/links.ts';

const song = (id: number): NeteaseRef => ({ kind: 'song', id });
const playlist = (id: number): NeteaseRef => ({ kind: 'playlist', id });
const album = (id: number): NeteaseRef => ({ kind: 'album', id });
const artist = (id: number): NeteaseRef => ({ kind: 'artist', id });

describe('parseNeteaseRef: accepted shapes', () => {
  const cases: [string, NeteaseRef][] = [
    ['186016', song(186016)],
    ['  2714278531 \n', song(2714278531)],
    ['https://music.163.com/#/song?id=186016', song(186016)],
    ['https://music.163.com/song?id=186016', song(186016)],
    ['https://music.163.com/song?id=186016&userid=1', song(186016)],
    ['https://y.music.163.com/m/song?id=186016', song(186016)],
    ['https://music.163.com/m/song?id=186016', song(186016)],
    ['https://music.163.com/song/186016/', song(186016)],
    ['https://music.163.com/song/186016/?userid=12345', song(186016)],
    ['https://music.163.com/song/186016', song(186016)],
    ['https://music.163.com/#/playlist?id=2884035', playlist(2884035)],
    ['https://music.163.com/playlist?id=2884035', playlist(2884035)],
    ['https://music.163.com/#/my/m/music/playlist?id=2884035', playlist(2884035)],
    ['https://music.163.com/album?id=18905', album(18905)],
    ['https://music.163.com/#/album?id=18905', album(18905)],
    ['https://music.163.com/artist?id=6452', artist(6452)],
    ['https://music.163.com/#/artist?id=6452', artist(6452)],
    // An artist's sub-page: the id is still the artist's, not an album's.
    ['https://music.163.com/#/artist/album?id=6452', artist(6452)],
    ['https://music.163.com/#/discover/toplist?id=3778678', { kind: 'toplist', id: 3778678 }],
    ['https://music.163.com/#/user/home?id=48353', { kind: 'user', id: 48353 }],
    ['http://music.163.com/song?id=186016', song(186016)],
    ['music.163.com/#/song?id=186016', song(186016)],
    ['y.music.163.com/m/playlist?id=2884035', playlist(2884035)],
    ['HTTPS://MUSIC.163.COM/#/SONG?id=186016', song(186016)],
    [
      'https://y.music.163.com/m/song?id=186016&uct2=U2FsdGVkX1%2BabcDEF%2Bghi%3D&dlt=0846&app_version=9.1.65&sc=wm&tn=',
      song(186016),
    ],
    [
      'https://y.music.163.com/m/song?app_version=8.9.20&id=186016&uct2=U2FsdGVkX1+Ab/Cd==&dlt=0846',
      song(186016),
    ],
    ['https://music.163.com/playlist?app_version=8.9.20&id=2884035&userid=1&dlt=0846', playlist(2884035)],
    [
      'https://music.163.com/#/song?fx-wechatnew=t1&fx-wxqd=c&fx-wordtest=&id=2714278531&PlayerStyles_SynchronousSharing=t3',
      song(2714278531),
    ],
    // Fragments in unusual places.
    ['https://music.163.com/song?id=186016#comments', song(186016)],
    ['https://music.163.com/#/song?id=186016#comment-box', song(186016)],
    ['https://y.music.163.com/m/song?id=186016&uct2=abc#/', song(186016)],
    ['https://music.163.com/?from=share#/album?id=18905', album(18905)],
    ['https://music.163.com#/song?id=186016', song(186016)],
    ['https://y.music.163.com/m/song#?id=186016', song(186016)],
    ['https://music.163.com/song?id=186016&amp;userid=1', song(186016)],
    ['https://music.163.com/outchain/player?type=2&id=186016&auto=1&height=66', song(186016)],
    ['https://music.163.com/outchain/player?type=0&id=2884035&auto=1&height=430', playlist(2884035)],
    // Short links.
    ['https://163cn.tv/abc123', { kind: 'shortlink', url: 'https://163cn.tv/abc123' }],
    ['163cn.tv/abc123', { kind: 'shortlink', url: 'https://163cn.tv/abc123' }],
    ['http://163cn.link/L9VfpSI', { kind: 'shortlink', url: 'http://163cn.link/L9VfpSI' }],
    // Links inside share texts and chat formatting.
    [
      '分享周杰伦的单曲《晴天》: https://y.music.163.com/m/song?id=186016&uct2=U2FsdGVkX1+Ab/Cd== (来自@网易云音乐)',
      song(186016),
    ],
    [
      'Check out 晴天 by 周杰伦 on NetEase Cloud Music: https://163cn.tv/abc123',
      { kind: 'shortlink', url: 'https://163cn.tv/abc123' },
    ],
    [
      '分享歌单《我喜欢的音乐》: https://music.163.com/playlist?id=2884035&userid=1(来自@网易云音乐)',
      playlist(2884035),
    ],
    [
      '分享G.E.M.邓紫棋的单曲《测试》http://163cn.link/L9VfpSI (@网易云音乐)',
      {
        kind: 'shortlink',
        url: 'http://163cn.link/L9VfpSI',
      },
    ],
    ['链接：music.163.com/song?id=186016。快听', song(186016)],
    ['<https://music.163.com/#/album?id=18905>', album(18905)],
    ['[晴天](https://music.163.com/song?id=186016)', song(186016)],
    ['listen to this https://music.163.com/song?id=186016.', song(186016)],
    ['see https://example.com/cover.jpg and https://music.163.com/song?id=186016', song(186016)],
    // Search text.
    ['周杰伦 晴天', { kind: 'query', text: '周杰伦 晴天' }],
    ['  Mr.Children   Sign ', { kind: 'query', text: 'Mr.Children Sign' }],
    ['t.A.T.u. All The Things She Said', { kind: 'query', text: 't.A.T.u. All The Things She Said' }],
    ['Love Story (Taylor’s Version)', { kind: 'query', text: 'Love Story (Taylor’s Version)' }],
    ['1989 taylor swift', { kind: 'query', text: '1989 taylor swift' }],
  ];

  it.each(cases)('%s', (input, expected) => {
    expect(parseNeteaseRef(input)).toEqual(expected);
  });

  it('covers at least 25 link shapes', () => {
    expect(cases.filter(([, ref]) => ref.kind !== 'query').length).toBeGreaterThanOrEqual(25);
  });
});

describe('parseNeteaseRef: rejects', () => {
  it.each([
    '',
    '   ',
    // Lookalike and foreign hosts.
    'https://music.163.com.evil.example/song?id=186016',
    'music.163.com.evil.example/#/song?id=186016',
    'https://music.163.com@evil.example/song?id=186016',
    'https://evilmusic.163.com/song?id=186016',
    'https://evil.example/?next=https://music.163.com/song?id=186016',
    'https://163cn.tv.evil.example/abc123',
    'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    '晴天 https://y.qq.com/n/ryqq/songDetail/0039MnYb0qxYhV',
    // Absurd ids.
    '0',
    '0000',
    '1234567890123456',
    'https://music.163.com/song?id=0',
    'https://music.163.com/song?id=abc',
    'https://music.163.com/song?id=-5',
    'https://music.163.com/song?id=1e5',
    'https://music.163.com/song?id=12345678901234567890',
    'https://music.163.com/song/0/',
    // NetEase pages that are not something we can play or list.
    'https://music.163.com/song',
    'https://music.163.com/#/mv?id=5436712',
    'https://music.163.com/#/discover/toplist',
    'https://music.163.com/outchain/player?type=3&id=1',
    'https://music.163.com/',
    'https://163cn.tv/',
  ])('%j → null', (input) => {
    expect(parseNeteaseRef(input)).toBeNull();
  });
});

describe('neteaseUrl', () => {
  it.each([
    ['song', 186016, 'https://music.163.com/#/song?id=186016'],
    ['playlist', 2884035, 'https://music.163.com/#/playlist?id=2884035'],
    ['album', 18905, 'https://music.163.com/#/album?id=18905'],
    ['artist', 6452, 'https://music.163.com/#/artist?id=6452'],
    ['toplist', 3778678, 'https://music.163.com/#/discover/toplist?id=3778678'],
    ['user', 48353, 'https://music.163.com/#/user/home?id=48353'],
  ] as [NeteaseEntityKind, number, string][])('%s %i', (kind, id, url) => {
    expect(neteaseUrl(kind, id)).toBe(url);
    expect(parseNeteaseRef(url)).toEqual({ kind, id });
  });
});

describe('resolveShortLink against a local short-link server', () => {
  let server: Server;
  let base: string;
  let hosts: string[];
  const requests: { method: string; url: string }[] = [];

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
    '/abc123': (_req, res) => {
      res.writeHead(302, { Location: 'https://y.music.163.com/m/song?id=186016&uct2=U2FsdGVkX1&dlt=0846' });
      res.end();
    },
    '/chain': (_req, res) => {
      res.writeHead(301, { Location: '/chain2' });
      res.end();
    },
    '/chain2': (_req, res) => {
      res.writeHead(307, { Location: 'https://music.163.com/#/playlist?id=2884035' });
      res.end();
    },
    '/via-short': (_req, res) => {
      res.writeHead(302, { Location: `${base}/abc123` });
      res.end();
    },
    // A redirect whose page never finishes: resolving must not wait for the body.
    '/endless-body': (_req, res) => {
      res.writeHead(302, { Location: 'https://music.163.com/album?id=18905', 'Content-Type': 'text/html' });
      res.write('<html>'.padEnd(64 * 1024, ' '));
    },
    '/dead': (_req, res) => {
      res.writeHead(404, { 'Content-Type': 'text/html' });
      res.end('<html>gone</html>');
    },
    '/page': (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>short link service home</html>');
    },
    '/home': (_req, res) => {
      res.writeHead(302, { Location: 'https://music.163.com/' });
      res.end();
    },
    '/no-location': (_req, res) => {
      res.writeHead(302);
      res.end();
    },
    '/evil': (_req, res) => {
      res.writeHead(302, { Location: 'https://music.163.com.evil.example/song?id=186016' });
      res.end();
    },
    '/loop': (_req, res) => {
      res.writeHead(302, { Location: '/loop' });
      res.end();
    },
    '/broken': (_req, res) => {
      res.writeHead(503);
      res.end();
    },
    '/slow': () => {
      // Never answers.
    },
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push({ method: req.method ?? '', url: req.url ?? '' });
      const route = routes[req.url ?? ''];
      if (route) route(req, res);
      else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    base = `http://127.0.0.1:${port}`;
    hosts = [`127.0.0.1:${port}`];
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const errorOf = async (promise: Promise<unknown>): Promise<LinkError> => {
    try {
      await promise;
    } catch (error) {
      expect(error).toBeInstanceOf(LinkError);
      return error as LinkError;
    }
    throw new Error('expected a LinkError');
  };

  it('reads the entity from the first redirect, with one GET', async () => {
    requests.length = 0;
    await expect(resolveShortLink(`${base}/abc123`, { shortLinkHosts: hosts })).resolves.toEqual(
      song(186016),
    );
    expect(requests).toEqual([{ method: 'GET', url: '/abc123' }]);
  });

  it('follows relative and chained redirects within the short-link host', async () => {
    requests.length = 0;
    await expect(resolveShortLink(`${base}/chain`, { shortLinkHosts: hosts })).resolves.toEqual(
      playlist(2884035),
    );
    await expect(resolveShortLink(`${base}/via-short`, { shortLinkHosts: hosts })).resolves.toEqual(
      song(186016),
    );
    expect(requests.map((r) => r.url)).toEqual(['/chain', '/chain2', '/via-short', '/abc123']);
  });

  it('does not download the page behind the redirect', async () => {
    const started = Date.now();
    await expect(
      resolveShortLink(`${base}/endless-body`, { shortLinkHosts: hosts, timeoutMs: 5000 }),
    ).resolves.toEqual(album(18905));
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('maps 163cn.tv to the local server through an injected fetch', async () => {
    const seen: { url: string; redirect: RequestInit['redirect'] }[] = [];
    const wrapped: typeof fetch = (input, init) => {
      const url = String(input);
      seen.push({ url, redirect: init?.redirect });
      return fetch(url.replace('https://163cn.tv', base), init);
    };
    await expect(resolveShortLink('https://163cn.tv/abc123', { fetch: wrapped })).resolves.toEqual(
      song(186016),
    );
    await expect(resolveShortLink('163cn.tv/abc123', { fetch: wrapped })).resolves.toEqual(song(186016));
    expect(seen).toEqual([
      { url: 'https://163cn.tv/abc123', redirect: 'manual' },
      { url: 'https://163cn.tv/abc123', redirect: 'manual' },
    ]);
  });

  it.each([
    ['/dead', 'dead_link'],
    ['/page', 'dead_link'],
    ['/home', 'dead_link'],
    ['/no-location', 'dead_link'],
    ['/evil', 'not_netease'],
    ['/loop', 'too_many_redirects'],
    ['/broken', 'network'],
  ])('%s → %s', async (path, code) => {
    const error = await errorOf(resolveShortLink(`${base}${path}`, { shortLinkHosts: hosts, maxHops: 3 }));
    expect(error.code).toBe(code);
    expect(error.url).toBe(`${base}${path}`);
  });

  it('stops after maxHops requests on a loop', async () => {
    requests.length = 0;
    const error = await errorOf(resolveShortLink(`${base}/loop`, { shortLinkHosts: hosts, maxHops: 4 }));
    expect(error.code).toBe('too_many_redirects');
    expect(requests.length).toBe(4);
  });

  it('gives up on a silent server after the timeout', async () => {
    const started = Date.now();
    const error = await errorOf(resolveShortLink(`${base}/slow`, { shortLinkHosts: hosts, timeoutMs: 200 }));
    expect(error.code).toBe('network');
    expect(error.message).toBe(`Short link ${base}/slow did not answer within 200 ms`);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('reports an unreachable host as a network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await errorOf(
      resolveShortLink(`http://127.0.0.1:${port}/abc`, { shortLinkHosts: [`127.0.0.1:${port}`] }),
    );
    expect(error.code).toBe('network');
    expect(error.cause).toBeInstanceOf(Error);
  });
});

describe('resolveShortLink without a network', () => {
  const refuse: typeof fetch = () => Promise.reject(new Error('must not fetch'));

  it('returns a direct NetEase link without fetching', async () => {
    await expect(
      resolveShortLink('https://music.163.com/#/song?id=186016', { fetch: refuse }),
    ).resolves.toEqual(song(186016));
  });

  it('refuses to fetch anything that is not a short-link host', async () => {
    for (const url of [
      'https://evil.example/abc',
      'https://163cn.tv.evil.example/abc',
      'not a url',
      'https://music.163.com/',
    ]) {
      await expect(resolveShortLink(url, { fetch: refuse })).rejects.toMatchObject({
        name: 'LinkError',
        code: 'not_netease',
      });
    }
  });

  it('follows a mobile NetEase page once more, and calls a page it cannot use unsupported', async () => {
    const calls: string[] = [];
    const fake: typeof fetch = async (input) => {
      const url = String(input);
      calls.push(url);
      if (url === 'https://163cn.tv/mv1') {
        return new Response(null, { status: 302, headers: { Location: 'https://y.music.163.com/m/at/abc' } });
      }
      if (url === 'https://163cn.tv/mv2') {
        return new Response(null, {
          status: 302,
          headers: { Location: 'https://y.music.163.com/m/redirect' },
        });
      }
      if (url === 'https://y.music.163.com/m/redirect') {
        return new Response(null, {
          status: 302,
          headers: { Location: 'https://music.163.com/song?id=186016' },
        });
      }
      return new Response('<html></html>', { status: 200 });
    };
    await expect(resolveShortLink('https://163cn.tv/mv1', { fetch: fake })).rejects.toMatchObject({
      code: 'unsupported',
    });
    await expect(resolveShortLink('https://163cn.tv/mv2', { fetch: fake })).resolves.toEqual(song(186016));
    expect(calls).toEqual([
      'https://163cn.tv/mv1',
      'https://y.music.163.com/m/at/abc',
      'https://163cn.tv/mv2',
      'https://y.music.163.com/m/redirect',
    ]);
  });
});
