/**
 * Charts (toplists). The list is the same for everyone (cached shared); a chart's tracks are a
 * playlist and come through the playlist endpoint (cached per identity, like any playlist).
 */
import { toToplist } from '../mappers.ts';
import type { Playlist, Toplist } from '../models.ts';
import { parseRaw, toplistResponse } from '../raw-schemas.ts';
import type { EndpointContext } from './context.ts';
import { type PlaylistOptions, playlist } from './playlists.ts';

const TOPLIST = '/api/toplist';

export async function toplists(ctx: EndpointContext): Promise<Toplist[]> {
  return ctx.cached('shared', 'toplists', null, async () => {
    return parseRaw(toplistResponse, await ctx.call(TOPLIST, 'eapi', {}), TOPLIST).list.map(toToplist);
  });
}

/** A chart's tracks, best first. Charts are long (up to 500); `maxTracks` bounds the detail calls. */
export function toplist(ctx: EndpointContext, id: number, options: PlaylistOptions = {}): Promise<Playlist> {
  return playlist(ctx, id, options);
}
