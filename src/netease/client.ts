/**
 * The NetEase client facade. One client per process holds what must be shared: the connection
 * pool, the rate limiter (NetEase throttles per IP, not per account), the cache and the cookie
 * jars. Every call runs as an identity, chosen with `client.as(identity)`:
 *
 *   const netease = createNeteaseClient({ ...config.netease, logger });
 *   await netease.as({ kind: 'anonymous' }).search('晴天');
 *   await netease.as({ kind: 'user', cookie, onCookieChange: save }).dailySongs();
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Dispatcher } from 'undici';
import { type Logger, silentLogger } from '../logger.ts';
import { ResponseCache } from './cache.ts';
import { type CookieChangeListener, CookieJar } from './cookie-jar.ts';
import { randomSecKey } from './crypto.ts';
import { album } from './endpoints/albums.ts';
import { type ArtistOptions, artist } from './endpoints/artists.ts';
import { toplist, toplists } from './endpoints/charts.ts';
import { type CommentOptions, comments } from './endpoints/comments.ts';
import type { CacheScope, EndpointContext } from './endpoints/context.ts';
import { account, loginStatus, logout, qrCheck, qrStart, refreshLogin } from './endpoints/login.ts';
import { lyrics } from './endpoints/lyrics.ts';
import { type PlaylistOptions, playlist } from './endpoints/playlists.ts';
import {
  hotSearches,
  type SearchOptions,
  type SearchResultMap,
  search,
  searchLegacy,
  suggest,
} from './endpoints/search.ts';
import { type SongUrlOptions, songUrl } from './endpoints/song-url.ts';
import { checkPlayable, song, songs } from './endpoints/songs.ts';
import {
  dailySongs,
  likeSong,
  personalFm,
  type UserPlaylistOptions,
  userPlaylists,
} from './endpoints/user.ts';
import type { IdentityKind } from './errors.ts';
import { createDeviceProfile, type DeviceProfile } from './headers.ts';
import { type EncryptedResponses, NeteaseHttp } from './http.ts';
import type {
  Account,
  Album,
  ArtistDetail,
  CommentPage,
  CommentThread,
  HotSearch,
  LoginStatus,
  Lyrics,
  Page,
  PlayabilityCheck,
  Playlist,
  PlaylistSummary,
  QrLogin,
  QrStatus,
  SearchPage,
  SearchSuggestion,
  SearchType,
  Song,
  SongId,
  SongUrl,
  Toplist,
} from './models.ts';
import { type Clock, TokenBucket } from './rate-limiter.ts';

export type {
  ArtistOptions,
  CommentOptions,
  PlaylistOptions,
  SearchOptions,
  SearchResultMap,
  SongUrlOptions,
  UserPlaylistOptions,
};

/**
 * Who a call runs as. `operator` is the bot owner's NETEASE_COOKIE (anonymous when unset);
 * `user` is a user's own login, whose refreshed cookie is reported through `onCookieChange`
 * so the session store can keep it.
 */
export type NeteaseIdentity =
  | { kind: 'anonymous' }
  | { kind: 'operator' }
  | { kind: 'user'; cookie: string; onCookieChange?: CookieChangeListener };

export interface NeteaseClientOptions {
  /** Replaces both https://music.163.com and https://interface.music.163.com. */
  baseUrl?: string;
  /** The operator's cookie (NETEASE_COOKIE). */
  cookie?: string;
  /** A mainland-China IP sent as X-Real-IP / X-Forwarded-For (the cure for -460 abroad). */
  realIp?: string;
  /** HTTP(S) proxy for every NetEase call. */
  proxy?: string;
  /** A fixed weapi session key (NETEASE_WEAPI_KEY); ignored when `weapiKeySource` is given. */
  weapiKey?: string;
  /** Where weapi session keys come from (default: 16 fresh random characters per request). */
  weapiKeySource?: () => string;
  /** Sustained calls per second to NetEase, for the whole client (default 2). */
  requestsPerSecond?: number;
  /** Calls allowed back to back after a quiet spell (default 2.5 s worth, at least 1). */
  burst?: number;
  /** Per attempt (default 10 s). */
  timeoutMs?: number;
  /** Extra attempts after network errors and 5xx (default 2). */
  retries?: number;
  retryBaseDelayMs?: number;
  /** Pause of the whole client after a rate-limit answer (default 5 s). */
  rateLimitCooldownMs?: number;
  /** Lifetime of cached reads (default 2 min; 0 disables). */
  cacheTtlMs?: number;
  cacheMaxEntries?: number;
  /** Ask for encrypted eapi answers (`e_r`), optionally gzipped; default off, as the reference. */
  encryptedResponses?: EncryptedResponses;
  /** A `MUSIC_A` token to send when there is no login. */
  anonymousToken?: string;
  device?: DeviceProfile;
  logger?: Logger;
  /** Time source of the rate limiter and retry backoff (tests). */
  clock?: Clock;
  /** Wall clock for URL expiry times (tests). */
  now?: () => number;
  /** Connection pool override (tests, benchmarks). */
  dispatcher?: Dispatcher;
}

/**
 * Every NetEase call, bound to one identity. Results of cached reads are shared between callers:
 * treat them as read-only (copy before changing).
 */
export interface NeteaseApi {
  readonly identity: IdentityKind;
  /** The identity's current cookie string (after any Set-Cookie), e.g. to persist it. */
  cookie(): string;

  search<T extends SearchType = 'song'>(
    query: string,
    options?: SearchOptions<T>,
  ): Promise<SearchPage<SearchResultMap[T]>>;
  searchLegacy<T extends SearchType = 'song'>(
    query: string,
    options?: SearchOptions<T>,
  ): Promise<SearchPage<SearchResultMap[T]>>;
  suggest(query: string): Promise<SearchSuggestion[]>;
  hotSearches(): Promise<HotSearch[]>;

  song(id: SongId): Promise<Song>;
  songs(ids: readonly SongId[]): Promise<Song[]>;
  checkPlayable(id: SongId): Promise<PlayabilityCheck>;
  songUrl(id: SongId, options?: SongUrlOptions): Promise<SongUrl>;
  lyrics(id: SongId): Promise<Lyrics>;
  comments(thread: CommentThread, id: number, options?: CommentOptions): Promise<CommentPage>;

  toplists(): Promise<Toplist[]>;
  toplist(id: number, options?: PlaylistOptions): Promise<Playlist>;
  playlist(id: number, options?: PlaylistOptions): Promise<Playlist>;
  album(id: number): Promise<Album>;
  artist(id: number, options?: ArtistOptions): Promise<ArtistDetail>;

  /** Starts a QR login: render `url` as a QR code, then poll `qrCheck(key)` every ~2 s. */
  qrStart(): Promise<QrLogin>;
  /** On `confirmed`, `cookie` is the new login: store it and use `as({ kind: 'user', cookie })`. */
  qrCheck(key: string): Promise<QrStatus>;
  account(): Promise<Account | null>;
  loginStatus(): Promise<LoginStatus>;
  /** Only for `user` identities: the operator's cookie is not the bot's to revoke. */
  logout(): Promise<void>;
  /** Extends the login; the renewed cookie is reported through `onCookieChange`. */
  refreshLogin(): Promise<void>;

  userPlaylists(options?: UserPlaylistOptions): Promise<Page<PlaylistSummary>>;
  dailySongs(): Promise<Song[]>;
  personalFm(): Promise<Song[]>;
  likeSong(id: SongId, like?: boolean): Promise<void>;
}

export interface NeteaseClient {
  as(identity: NeteaseIdentity): NeteaseApi;
  readonly anonymous: NeteaseApi;
  readonly operator: NeteaseApi;
  readonly limiter: TokenBucket;
  clearCache(): void;
  /** Closes the connection pool. */
  close(): Promise<void>;
}

/** Short, one-way: cache keys must tell logins apart without holding the cookie itself. */
function fingerprint(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url').slice(0, 16);
}

export function createNeteaseClient(options: NeteaseClientOptions = {}): NeteaseClient {
  const logger = options.logger ?? silentLogger();
  const requestsPerSecond = options.requestsPerSecond ?? 2;
  const limiter = new TokenBucket({
    ratePerSecond: requestsPerSecond,
    burst: options.burst ?? Math.max(1, Math.round(requestsPerSecond * 2.5)),
    clock: options.clock,
  });
  const weapiKey = options.weapiKey;
  const http = new NeteaseHttp({
    baseUrl: options.baseUrl,
    realIp: options.realIp,
    proxy: options.proxy,
    timeoutMs: options.timeoutMs ?? 10_000,
    weapiKeySource: options.weapiKeySource ?? (weapiKey ? () => weapiKey : randomSecKey),
    limiter,
    device: options.device ?? createDeviceProfile(),
    anonymousToken: options.anonymousToken,
    encryptedResponses: options.encryptedResponses,
    retries: options.retries,
    retryBaseDelayMs: options.retryBaseDelayMs,
    rateLimitCooldownMs: options.rateLimitCooldownMs,
    dispatcher: options.dispatcher,
    clock: options.clock,
    logger,
  });
  const cache = new ResponseCache({ ttlMs: options.cacheTtlMs, maxEntries: options.cacheMaxEntries });
  const now = options.now ?? Date.now;

  const anonymousJar = new CookieJar();
  // Users come and go; their jars are kept (by login) so Set-Cookie updates survive between commands.
  const userJars = new LRUCache<string, CookieJar>({ max: 1_000 });

  function scoped(kind: IdentityKind, jar: CookieJar, cacheIdentity: string): NeteaseApi {
    const ctx: EndpointContext = {
      identity: kind,
      jar,
      now,
      call: (path, transport, payload, extras) =>
        http.call({
          path,
          transport,
          payload,
          jar: extras?.jar ?? jar,
          identity: kind,
          acceptCodes: extras?.acceptCodes,
          subject: extras?.subject,
        }),
      cached: <T>(scope: CacheScope, name: string, args: unknown, load: () => Promise<T>) =>
        cache.getOrLoad(`${scope === 'shared' ? '*' : cacheIdentity}|${name}|${JSON.stringify(args)}`, load),
    };
    return {
      identity: kind,
      cookie: () => jar.toString(),
      search: (query, searchOptions) => search(ctx, query, searchOptions),
      searchLegacy: (query, searchOptions) => searchLegacy(ctx, query, searchOptions),
      suggest: (query) => suggest(ctx, query),
      hotSearches: () => hotSearches(ctx),
      song: (id) => song(ctx, id),
      songs: (ids) => songs(ctx, ids),
      checkPlayable: (id) => checkPlayable(ctx, id),
      songUrl: (id, urlOptions) => songUrl(ctx, id, urlOptions),
      lyrics: (id) => lyrics(ctx, id),
      comments: (thread, id, commentOptions) => comments(ctx, thread, id, commentOptions),
      toplists: () => toplists(ctx),
      toplist: (id, playlistOptions) => toplist(ctx, id, playlistOptions),
      playlist: (id, playlistOptions) => playlist(ctx, id, playlistOptions),
      album: (id) => album(ctx, id),
      artist: (id, artistOptions) => artist(ctx, id, artistOptions),
      qrStart: () => qrStart(ctx),
      qrCheck: (key) => qrCheck(ctx, key),
      account: () => account(ctx),
      loginStatus: () => loginStatus(ctx),
      logout: async () => {
        if (kind !== 'user') throw new TypeError('logout() is only for user logins');
        await logout(ctx);
      },
      refreshLogin: () => refreshLogin(ctx),
      userPlaylists: (playlistOptions) => userPlaylists(ctx, playlistOptions),
      dailySongs: () => dailySongs(ctx),
      personalFm: () => personalFm(ctx),
      likeSong: (id, like) => likeSong(ctx, id, like),
    };
  }

  const anonymous = scoped('anonymous', anonymousJar, 'anon');
  // Without NETEASE_COOKIE the operator is just another anonymous caller (and shares its cache).
  const operator = options.cookie ? scoped('operator', new CookieJar(options.cookie), 'op') : anonymous;

  function userApi(cookie: string, onCookieChange?: CookieChangeListener): NeteaseApi {
    // An empty "login" would silently run as anonymous under a user's name; that is a caller bug.
    if (!cookie.trim()) throw new TypeError('a user identity needs the login cookie');
    const login = new CookieJar(cookie).get('MUSIC_U') ?? cookie;
    const id = fingerprint(login);
    let jar = userJars.get(id);
    if (!jar) {
      jar = new CookieJar(cookie);
      userJars.set(id, jar);
    }
    jar.onChange = onCookieChange;
    return scoped('user', jar, `u:${id}`);
  }

  return {
    as(identity) {
      switch (identity.kind) {
        case 'anonymous':
          return anonymous;
        case 'operator':
          return operator;
        case 'user':
          return userApi(identity.cookie, identity.onCookieChange);
      }
    },
    anonymous,
    operator,
    limiter,
    clearCache: () => cache.clear(),
    close: () => http.close(),
  };
}
