/**
 * Playlists with every track. Logged-out callers get only the first ~10 `tracks` but always the
 * complete `trackIds`, so the ids drive the result and only the songs not already included are
 * fetched, in batches, via song details. Cached per identity (truncation and privileges differ).
 */
import { songsWithPrivileges, toPlaylistSummary } from '../mappers.ts';
import type { Playlist, Song } from '../models.ts';
import { parseRaw, playlistDetailResponse } from '../raw-schemas.ts';
import type { EndpointContext } from './context.ts';
import { songs } from './songs.ts';

const PLAYLIST_DETAIL = '/api/v6/playlist/detail';

export interface PlaylistOptions {
  /** Fetch details for at most this many tracks (default: all); `trackIds` stays complete. */
  maxTracks?: number;
}

export async function playlist(
  ctx: EndpointContext,
  id: number,
  options: PlaylistOptions = {},
): Promise<Playlist> {
  const maxTracks = options.maxTracks === undefined ? undefined : Math.max(0, Math.floor(options.maxTracks));
  return ctx.cached('identity', 'playlist', { id, maxTracks }, async () => {
    // n: tracks to include (the service caps it for anonymous callers anyway); s: subscribers shown.
    const body = await ctx.call(
      PLAYLIST_DETAIL,
      'eapi',
      { id, n: 100_000, s: 8 },
      { subject: `playlist ${id}` },
    );
    const raw = parseRaw(playlistDetailResponse, body, PLAYLIST_DETAIL);
    const included = songsWithPrivileges(raw.playlist.tracks ?? [], raw.privileges);
    const trackIds = raw.playlist.trackIds?.map((track) => track.id) ?? included.map((song) => song.id);
    const wanted = maxTracks === undefined ? trackIds : trackIds.slice(0, maxTracks);

    const known = new Map<number, Song>(included.map((song) => [song.id, song]));
    const missing = wanted.filter((trackId) => !known.has(trackId));
    for (const song of missing.length ? await songs(ctx, missing) : []) known.set(song.id, song);

    return {
      ...toPlaylistSummary(raw.playlist),
      trackIds,
      songs: wanted.flatMap((trackId) => {
        const song = known.get(trackId);
        return song ? [song] : [];
      }),
    };
  });
}
