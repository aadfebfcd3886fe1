/**
 * Turning what users paste into something the bot can look up. People paste bare ids, desktop
 * links (`/#/song?id=`), mobile links (`y.music.163.com/m/song?id=&uct2=…`), the whole text the
 * app's share button produces, and 163cn.tv short links; a wrong guess either plays the wrong
 * thing or makes the bot fetch an arbitrary URL, so hosts are checked exactly and short links are
 * followed only through NetEase's own hosts.
 */

export type NeteaseEntityKind = 'song' | 'playlist' | 'album' | 'artist' | 'toplist' | 'user';

/** A NetEase page we know how to show. A `toplist` id is a playlist id (charts are playlists). */
export interface NeteaseEntityRef {
  kind: NeteaseEntityKind;
  id: number;
}

export type NeteaseRef =
  | NeteaseEntityRef
  /** A 163cn.tv style short link; `resolveShortLink` turns it into an entity. */
  | { kind: 'shortlink'; url: string }
  /** No link at all: search text, whitespace collapsed. */
  | { kind: 'query'; text: string };

/** Hosts NetEase issues share short links on (the app has used both). Subdomains count too. */
export const SHORT_LINK_HOSTS: readonly string[] = ['163cn.tv', '163cn.link'];

const MUSIC_HOST = 'music.163.com';
// Ids are positive integers; NetEase's largest today are 10-digit songs and 13-digit user ids.
// More than 15 digits cannot be an id and would also lose precision as a JS number.
const MAX_ID_DIGITS = 15;

function hostMatches(hostname: string, domain: string): boolean {
  return hostname === domain || hostname.endsWith(`.${domain}`);
}

function isMusicHost(hostname: string): boolean {
  return hostMatches(hostname, MUSIC_HOST);
}

function isShortHost(hostname: string, hosts: readonly string[] = SHORT_LINK_HOSTS): boolean {
  return hosts.some((h) => hostMatches(hostname, h));
}

function parseId(value: string | null | undefined): number | undefined {
  if (value == null || !/^\d+$/.test(value) || value.length > MAX_ID_DIGITS) return undefined;
  const id = Number(value);
  return id > 0 ? id : undefined;
}

// Characters a pasted URL can contain. Deliberately excludes brackets, parentheses, quotes and
// everything non-ASCII, so a link ends where share text resumes: "…&dlt=0846 (来自@网易云音乐)",
// "<https://…>" (Discord's no-embed form), "[晴天](https://…)", "链接：https://…。".
const URL_TOKEN = /[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+/g;
// A scheme-less token only counts as a link when it names a NetEase domain, so search text such
// as "Mr.Children" or "t.A.T.u." stays a search.
const NETEASE_HINT = /163\.com|163cn\./i;

/** The link candidates in a piece of text, each as an absolute URL string. */
function findUrls(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(URL_TOKEN)) {
    // Sentence punctuation right after a link belongs to the sentence.
    const token = m[0].replace(/[.,;:!?]+$/, '');
    if (/^https?:\/\//i.test(token)) found.push(token);
    else if (NETEASE_HINT.test(token) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(token))
      found.push(`https://${token}`);
  }
  return found;
}

type Parsed = NeteaseEntityRef | { kind: 'shortlink'; url: string } | 'homepage' | null;

/**
 * One absolute URL: an entity, a short link, the bare NetEase home page (what dead short links
 * redirect to), or null for anything else, including other sites and NetEase pages we cannot
 * play (MVs, events, podcasts).
 */
function parseUrl(href: string, shortHosts: readonly string[] = SHORT_LINK_HOSTS): Parsed {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  // `url.hostname` is what the request would go to, so "music.163.com@evil.example" and
  // "music.163.com.evil.example" both fail here.
  const host = url.hostname.toLowerCase();
  if (isShortHost(host, shortHosts) || isShortHost(url.host.toLowerCase(), shortHosts)) {
    return url.pathname.length > 1 ? { kind: 'shortlink', url: url.href } : null;
  }
  if (!isMusicHost(host)) return null;

  // The web player is a single-page app: the real page is in the fragment (`/#/song?id=1`), while
  // mobile and share links use the path (`/m/song?id=1`, `/song/1/`). Try the fragment first and
  // fall back to the path; query parameters may sit on either side of the '#'.
  const hash = parseFragment(url.hash);
  const main = { path: url.pathname, params: url.searchParams };
  const fromHash = hash ? routeOf(hash.path, hash.params, url.searchParams) : undefined;
  if (fromHash) return fromHash;
  const fromPath = routeOf(main.path, main.params, hash?.params);
  if (fromPath) return fromPath;
  const bare = (p: string): boolean => p.replace(/\/+/g, '/') === '/' || p === '';
  return bare(main.path) && (hash === undefined || bare(hash.path)) ? 'homepage' : null;
}

function parseFragment(hash: string): { path: string; params: URLSearchParams } | undefined {
  if (hash.length <= 1) return undefined;
  // A second '#' (an anchor inside the route, `#/song?id=1#comments`) is not part of the route.
  const route = hash.slice(1).split('#')[0]!;
  const q = route.indexOf('?');
  return q < 0
    ? { path: route, params: new URLSearchParams() }
    : { path: route.slice(0, q), params: new URLSearchParams(route.slice(q + 1)) };
}

// Path segments that only say which flavour of the site a link is for.
const NEUTRAL_SEGMENTS = new Set(['m', 'my', 'music', 'discover', 'st']);
const KIND_BY_SEGMENT: Record<string, NeteaseEntityKind> = {
  song: 'song',
  playlist: 'playlist',
  album: 'album',
  artist: 'artist',
  toplist: 'toplist',
  user: 'user',
};
// The embeddable player (`/outchain/player?type=2&id=…`) numbers its resource types.
const OUTCHAIN_TYPES: Record<string, NeteaseEntityKind> = { '0': 'playlist', '1': 'album', '2': 'song' };

function routeOf(
  path: string,
  params: URLSearchParams,
  fallback: URLSearchParams | undefined,
): NeteaseEntityRef | undefined {
  const param = (name: string): string | null => params.get(name) ?? fallback?.get(name) ?? null;
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => s.toLowerCase());
  let i = 0;
  while (i < segments.length && NEUTRAL_SEGMENTS.has(segments[i]!)) i++;
  const head = segments[i];
  if (head === undefined) return undefined;

  if (head === 'outchain') {
    const kind = OUTCHAIN_TYPES[param('type') ?? ''];
    const id = parseId(param('id'));
    return kind && id ? { kind, id } : undefined;
  }

  // The first meaningful segment decides: `/artist/album?id=6452` is an artist's album list, so
  // the id is the artist's.
  const kind = Object.hasOwn(KIND_BY_SEGMENT, head) ? KIND_BY_SEGMENT[head] : undefined;
  if (!kind) return undefined;
  const next = segments[i + 1];
  // `/song/186016/` carries the id in the path; anything else after the kind is a sub-page.
  const id = next !== undefined && /^\d+$/.test(next) ? parseId(next) : parseId(param('id'));
  return id ? { kind, id } : undefined;
}

/**
 * What a user meant: an entity from a bare id (taken as a song) or a NetEase link, a short link to
 * resolve, or search text. Text that contains a link (the share button's "分享…: https://… (来自
 * @网易云音乐)") is judged by its link. Null means "not usable": an invalid id, a link to another
 * site or a lookalike host, or a NetEase page that is not a song, playlist, album, artist, chart
 * or user.
 */
export function parseNeteaseRef(input: string): NeteaseRef | null {
  const text = input.replace(/\uFEFF/g, '').trim();
  if (text === '') return null;
  if (/^\d+$/.test(text)) {
    const id = parseId(text);
    return id ? { kind: 'song', id } : null;
  }

  const urls = findUrls(text);
  if (urls.length === 0) return { kind: 'query', text: text.replace(/\s+/g, ' ') };
  // Some share texts carry more than one link (e.g. a cover image first); use the first that works.
  for (const href of urls) {
    const parsed = parseUrl(href);
    if (parsed !== null && parsed !== 'homepage') return parsed;
  }
  return null;
}

/** The canonical desktop link for an entity, for "open in NetEase" buttons. */
export function neteaseUrl(kind: NeteaseEntityKind, id: number): string {
  const route: Record<NeteaseEntityKind, string> = {
    song: 'song',
    playlist: 'playlist',
    album: 'album',
    artist: 'artist',
    toplist: 'discover/toplist',
    user: 'user/home',
  };
  return `https://music.163.com/#/${route[kind]}?id=${id}`;
}

export type LinkErrorCode =
  /** The short link does not lead anywhere (404, no redirect, or back to the home page). */
  | 'dead_link'
  /** The input, or a redirect on the way, is not a NetEase link. */
  | 'not_netease'
  /** A NetEase page the bot cannot use (an MV, an event, a podcast…). */
  | 'unsupported'
  | 'too_many_redirects'
  /** The short-link service could not be reached, answered 5xx, or was too slow. */
  | 'network';

/** A link the user gave that leads nowhere usable; `code` picks the message shown to them. */
export class LinkError extends Error {
  override name = 'LinkError';
  constructor(
    readonly code: LinkErrorCode,
    readonly url: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface ResolveOptions {
  fetch?: typeof fetch;
  /** For the whole chain of redirects. */
  timeoutMs?: number;
  maxHops?: number;
  /** Hosts treated as short-link services (default SHORT_LINK_HOSTS); `host:port` also works. */
  shortLinkHosts?: readonly string[];
}

/**
 * Follow a short link to the entity it names. Only the redirect headers are read (`redirect:
 * 'manual'`, body cancelled), and only NetEase hosts are ever requested, so a short link cannot
 * make the bot fetch arbitrary URLs. A Location that already names an entity ends the walk.
 */
export async function resolveShortLink(url: string, options: ResolveOptions = {}): Promise<NeteaseEntityRef> {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 8000;
  const maxHops = options.maxHops ?? 5;
  const shortHosts = options.shortLinkHosts ?? SHORT_LINK_HOSTS;
  const signal = AbortSignal.timeout(timeoutMs);

  // Accept the scheme-less form users type ("163cn.tv/abc123") as parseNeteaseRef does.
  const first = parseUrl(/^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `https://${url}`, shortHosts);
  if (first === null || first === 'homepage') {
    throw new LinkError('not_netease', url, `Not a NetEase short link: ${url}`);
  }
  if (first.kind !== 'shortlink') return first;

  let current = first.url;
  for (let hop = 0; hop < maxHops; hop++) {
    let response: Response;
    try {
      response = await doFetch(current, { method: 'GET', redirect: 'manual', signal });
    } catch (error) {
      const timedOut = signal.aborted;
      throw new LinkError(
        'network',
        url,
        timedOut
          ? `Short link ${url} did not answer within ${timeoutMs} ms`
          : `Short link ${url} unreachable`,
        { cause: error },
      );
    }
    // We only want the headers; dropping the body frees the connection without downloading a page.
    await response.body?.cancel().catch(() => undefined);

    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      let next: string;
      try {
        next = new URL(location, current).href;
      } catch {
        throw new LinkError('dead_link', url, `Short link ${url} redirects to an invalid location`);
      }
      const parsed = parseUrl(next, shortHosts);
      if (parsed === 'homepage')
        throw new LinkError('dead_link', url, `Short link ${url} leads to the home page`);
      if (parsed !== null && parsed.kind !== 'shortlink') return parsed;
      if (parsed === null) {
        // Another NetEase page may redirect once more to the real one (mobile → desktop); any other
        // host is where we stop.
        const host = new URL(next).hostname.toLowerCase();
        if (!isMusicHost(host))
          throw new LinkError('not_netease', url, `Short link ${url} leads off NetEase`);
      }
      current = parsed?.kind === 'shortlink' ? parsed.url : next;
      continue;
    }
    if (response.status >= 500) {
      throw new LinkError('network', url, `Short link service answered ${response.status} for ${url}`);
    }
    // A 2xx/4xx at a short-link host: the code is unknown or expired. At a NetEase page: a page
    // we reached but cannot use.
    const atMusic = isMusicHost(new URL(current).hostname.toLowerCase());
    if (atMusic && response.status < 400) {
      throw new LinkError('unsupported', url, `Short link ${url} leads to a NetEase page the bot cannot use`);
    }
    throw new LinkError('dead_link', url, `Short link ${url} does not redirect (HTTP ${response.status})`);
  }
  throw new LinkError('too_many_redirects', url, `Short link ${url} redirected more than ${maxHops} times`);
}
