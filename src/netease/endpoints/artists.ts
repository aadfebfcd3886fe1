/** An artist with top songs and albums: two calls, cached per identity (songs carry privileges). */
import { toAlbumSummary, toArtist, toSong } from '../mappers.ts';
import type { ArtistDetail } from '../models.ts';
import { artistAlbumsResponse, artistResponse, parseRaw } from '../raw-schemas.ts';
import type { EndpointContext } from './context.ts';

export interface ArtistOptions {
  /** How many albums to list (default 30). */
  albumLimit?: number;
}

export async function artist(
  ctx: EndpointContext,
  id: number,
  options: ArtistOptions = {},
): Promise<ArtistDetail> {
  const albumLimit = Math.min(100, Math.max(1, Math.floor(options.albumLimit ?? 30)));
  return ctx.cached('identity', 'artist', { id, albumLimit }, async () => {
    const artistPath = `/api/v1/artist/${id}`;
    const albumsPath = `/api/artist/albums/${id}`;
    const raw = parseRaw(
      artistResponse,
      await ctx.call(artistPath, 'weapi', {}, { subject: `artist ${id}` }),
      artistPath,
    );
    const albums = parseRaw(
      artistAlbumsResponse,
      await ctx.call(albumsPath, 'weapi', { limit: albumLimit, offset: 0, total: true }),
      albumsPath,
    );
    return {
      artist: toArtist(raw.artist),
      topSongs: (raw.hotSongs ?? []).map((song) => toSong(song)),
      albums: (albums.hotAlbums ?? []).map(toAlbumSummary),
    };
  });
}
