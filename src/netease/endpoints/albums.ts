/** An album with its songs. Songs carry listener privileges: cached per identity. */
import { toAlbumSummary, toSong } from '../mappers.ts';
import type { Album } from '../models.ts';
import { albumResponse, parseRaw } from '../raw-schemas.ts';
import type { EndpointContext } from './context.ts';

export async function album(ctx: EndpointContext, id: number): Promise<Album> {
  const path = `/api/v1/album/${id}`;
  return ctx.cached('identity', 'album', id, async () => {
    const raw = parseRaw(albumResponse, await ctx.call(path, 'weapi', {}, { subject: `album ${id}` }), path);
    // Older answers nest the songs in the album, newer ones put them beside it.
    const songs = (raw.songs ?? raw.album.songs ?? []).map((song) => toSong(song));
    const summary = toAlbumSummary(raw.album);
    return {
      ...summary,
      trackCount: summary.trackCount || songs.length,
      ...(raw.album.description ? { description: raw.album.description } : {}),
      songs,
    };
  });
}
