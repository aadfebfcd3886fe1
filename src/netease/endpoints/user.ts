/**
 * What only a logged-in listener has: their playlists, daily recommendations, personal FM and
 * "like". Playlists and daily songs are reads (cached per identity, so paging is cheap); FM
 * hands out new songs on every call and "like" writes, so neither is ever cached.
 */
import { NeedsLoginError } from '../errors.ts';
import { toPlaylistSummary, toSong } from '../mappers.ts';
import type { Page, PlaylistSummary, Song, SongId } from '../models.ts';
import { dailySongsResponse, parseRaw, personalFmResponse, userPlaylistsResponse } from '../raw-schemas.ts';
import type { EndpointContext } from './context.ts';
import { account } from './login.ts';

const USER_PLAYLISTS = '/api/user/playlist';
const DAILY_SONGS = '/api/v3/discovery/recommend/songs';
const PERSONAL_FM = '/api/v1/radio/get';
const LIKE = '/api/radio/like';

export interface UserPlaylistOptions {
  /** Whose playlists (default: the logged-in user's own). */
  userId?: number;
  limit?: number;
  offset?: number;
}

async function ownUserId(ctx: EndpointContext): Promise<number> {
  const me = await account(ctx);
  if (!me || me.anonymous) throw new NeedsLoginError(ctx.identity, { path: USER_PLAYLISTS });
  return me.userId;
}

export async function userPlaylists(
  ctx: EndpointContext,
  options: UserPlaylistOptions = {},
): Promise<Page<PlaylistSummary>> {
  const limit = Math.min(100, Math.max(1, Math.floor(options.limit ?? 30)));
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const uid = options.userId ?? (await ownUserId(ctx));
  return ctx.cached('identity', 'user-playlists', { uid, limit, offset }, async () => {
    const body = await ctx.call(USER_PLAYLISTS, 'weapi', { uid, limit, offset, includeVideo: true });
    const raw = parseRaw(userPlaylistsResponse, body, USER_PLAYLISTS);
    const items = (raw.playlist ?? []).map(toPlaylistSummary);
    return { items, offset, limit, hasMore: raw.more ?? false };
  });
}

export async function dailySongs(ctx: EndpointContext): Promise<Song[]> {
  return ctx.cached('identity', 'daily-songs', null, async () => {
    const raw = parseRaw(dailySongsResponse, await ctx.call(DAILY_SONGS, 'weapi', {}), DAILY_SONGS);
    return (raw.data.dailySongs ?? []).map((song) => toSong(song));
  });
}

/** The next few songs of the listener's personal radio; each call gives new ones. */
export async function personalFm(ctx: EndpointContext): Promise<Song[]> {
  const raw = parseRaw(personalFmResponse, await ctx.call(PERSONAL_FM, 'weapi', {}), PERSONAL_FM);
  return (raw.data ?? []).map((song) => toSong(song));
}

/** Adds the song to (or, with `like` false, removes it from) the listener's "liked songs". */
export async function likeSong(ctx: EndpointContext, id: SongId, like = true): Promise<void> {
  // alg/time are what the app sends with a like from the player; the service expects them.
  await ctx.call(LIKE, 'weapi', { alg: 'itembased', trackId: id, like, time: '3' });
}
