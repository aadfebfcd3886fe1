/**
 * Search (cloudsearch, with the legacy `search/get` as a fallback), autocomplete suggestions and
 * the hot-search list. Search answers carry per-listener privileges, so they are cached per
 * identity; suggestions and hot searches are the same for everyone.
 */
import { UnexpectedResponseError } from '../errors.ts';
import { toAlbumRef, toAlbumSummary, toArtist, toPlaylistSummary, toSong, toUserRef } from '../mappers.ts';
import type {
  AlbumSummary,
  Artist,
  HotSearch,
  PlaylistSummary,
  SearchPage,
  SearchSuggestion,
  SearchType,
  Song,
  UserRef,
} from '../models.ts';
import { cloudsearchResponse, hotSearchResponse, parseRaw, suggestResponse } from '../raw-schemas.ts';
import type { EndpointContext } from './context.ts';

export interface SearchResultMap {
  song: Song;
  album: AlbumSummary;
  artist: Artist;
  playlist: PlaylistSummary;
  user: UserRef;
}

export interface SearchOptions<T extends SearchType> {
  type?: T;
  /** Page size, 1–100 (default 20). */
  limit?: number;
  offset?: number;
}

const TYPE_CODES: Record<SearchType, number> = {
  song: 1,
  album: 10,
  artist: 100,
  playlist: 1000,
  user: 1002,
};
const CLOUDSEARCH = '/api/cloudsearch/pc';
const LEGACY_SEARCH = '/api/search/get';

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.floor(value)));
}

function pageOf<T>(
  body: unknown,
  path: string,
  type: SearchType,
  offset: number,
  limit: number,
): SearchPage<T> {
  const result = parseRaw(cloudsearchResponse, body, path).result;
  let items: unknown[];
  let total: number | null | undefined;
  switch (type) {
    case 'song':
      items = (result?.songs ?? []).map((song) => toSong(song));
      total = result?.songCount;
      break;
    case 'album':
      items = (result?.albums ?? []).map(toAlbumSummary);
      total = result?.albumCount;
      break;
    case 'artist':
      items = (result?.artists ?? []).map(toArtist);
      total = result?.artistCount;
      break;
    case 'playlist':
      items = (result?.playlists ?? []).map(toPlaylistSummary);
      total = result?.playlistCount;
      break;
    case 'user':
      items = (result?.userprofiles ?? []).map(toUserRef);
      total = result?.userprofileCount;
      break;
  }
  const knownTotal = total ?? offset + items.length;
  return {
    items: items as T[],
    total: knownTotal,
    offset,
    limit,
    hasMore: result?.hasMore ?? offset + items.length < knownTotal,
  };
}

interface SearchRequest {
  type: SearchType;
  offset: number;
  limit: number;
  /** What both search paths are sent; undefined for a blank query (answered without a call). */
  payload?: { s: string; type: number; limit: number; offset: number };
}

function searchRequest(query: string, options: SearchOptions<SearchType>): SearchRequest {
  const type = options.type ?? 'song';
  const limit = clamp(options.limit ?? 20, 1, 100);
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const s = query.trim();
  return { type, limit, offset, ...(s ? { payload: { s, type: TYPE_CODES[type], limit, offset } } : {}) };
}

async function legacy<T>(ctx: EndpointContext, request: SearchRequest): Promise<SearchPage<T>> {
  const body = await ctx.call(LEGACY_SEARCH, 'eapi', request.payload);
  return pageOf<T>(body, LEGACY_SEARCH, request.type, request.offset, request.limit);
}

export async function search<T extends SearchType = 'song'>(
  ctx: EndpointContext,
  query: string,
  options: SearchOptions<T> = {},
): Promise<SearchPage<SearchResultMap[T]>> {
  const request = searchRequest(query, options);
  const { payload, type, offset, limit } = request;
  if (!payload) return { items: [], total: 0, offset, limit, hasMore: false };
  return ctx.cached('identity', 'search', payload, async () => {
    try {
      const body = await ctx.call(CLOUDSEARCH, 'eapi', { ...payload, total: true });
      return pageOf<SearchResultMap[T]>(body, CLOUDSEARCH, type, offset, limit);
    } catch (error) {
      // Only a confusing answer is worth a second opinion; blocks, logins and outages would repeat.
      if (!(error instanceof UnexpectedResponseError)) throw error;
      return legacy<SearchResultMap[T]>(ctx, request);
    }
  });
}

/** The legacy search on its own (old-style songs, no privileges), for callers that want it directly. */
export async function searchLegacy<T extends SearchType = 'song'>(
  ctx: EndpointContext,
  query: string,
  options: SearchOptions<T> = {},
): Promise<SearchPage<SearchResultMap[T]>> {
  const request = searchRequest(query, options);
  const { payload, offset, limit } = request;
  if (!payload) return { items: [], total: 0, offset, limit, hasMore: false };
  return ctx.cached('identity', 'search-legacy', payload, () => legacy<SearchResultMap[T]>(ctx, request));
}

const SUGGEST = '/api/search/suggest/web';
const SUGGEST_KINDS = ['songs', 'artists', 'albums', 'playlists'] as const;

/** Autocomplete while typing: songs, artists, albums and playlists matching the prefix, with ids. */
export async function suggest(ctx: EndpointContext, query: string): Promise<SearchSuggestion[]> {
  const s = query.trim();
  if (!s) return [];
  return ctx.cached('shared', 'suggest', s, async () => {
    const result = parseRaw(suggestResponse, await ctx.call(SUGGEST, 'weapi', { s }), SUGGEST).result;
    if (!result) return [];
    // `order` is how the service ranks the groups for this query; fall back to a sensible one.
    const order = (result.order ?? []).filter((kind): kind is (typeof SUGGEST_KINDS)[number] =>
      (SUGGEST_KINDS as readonly string[]).includes(kind),
    );
    const kinds = order.length ? order : SUGGEST_KINDS;
    const suggestions: SearchSuggestion[] = [];
    for (const kind of kinds) {
      if (kind === 'songs') {
        for (const song of result.songs ?? []) {
          const artists = (song.ar ?? song.artists ?? []).map((artist) => artist.name).filter(Boolean);
          const keyword = artists.length ? `${song.name ?? ''} - ${artists.join('/')}` : (song.name ?? '');
          suggestions.push({ keyword, kind: 'song', id: song.id });
        }
      } else if (kind === 'artists') {
        for (const artist of result.artists ?? []) {
          suggestions.push({ keyword: artist.name ?? '', kind: 'artist', id: artist.id });
        }
      } else if (kind === 'albums') {
        for (const album of result.albums ?? []) {
          suggestions.push({ keyword: toAlbumRef(album).name, kind: 'album', id: album.id });
        }
      } else {
        for (const playlist of result.playlists ?? []) {
          suggestions.push({ keyword: playlist.name ?? '', kind: 'playlist', id: playlist.id });
        }
      }
    }
    return suggestions.filter((suggestion) => suggestion.keyword);
  });
}

const HOT_SEARCH = '/api/hotsearchlist/get';

export async function hotSearches(ctx: EndpointContext): Promise<HotSearch[]> {
  return ctx.cached('shared', 'hot-searches', null, async () => {
    const data = parseRaw(hotSearchResponse, await ctx.call(HOT_SEARCH, 'weapi', {}), HOT_SEARCH).data ?? [];
    return data.map((entry) => ({
      keyword: entry.searchWord,
      score: entry.score ?? 0,
      ...(entry.content ? { description: entry.content } : {}),
    }));
  });
}
