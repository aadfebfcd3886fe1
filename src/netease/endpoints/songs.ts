/**
 * Song details, in batches, and the playability check built on them. The answer carries the
 * listener's privileges, so it is cached per identity, one entry per chunk.
 */
import { NotFoundError } from '../errors.ts';
import { toPlayabilityCheck, toSong } from '../mappers.ts';
import type { PlayabilityCheck, Song, SongId } from '../models.ts';
import { parseRaw, songDetailResponse } from '../raw-schemas.ts';
import type { EndpointContext } from './context.ts';

const SONG_DETAIL = '/api/v3/song/detail';
/**
 * Ids per request. The service takes up to ~1000, but a big request is slow to answer and one
 * failure then loses everything; 500 keeps a long playlist to a few calls.
 */
export const SONG_DETAIL_CHUNK = 500;

interface Detailed {
  song: Song;
  check: PlayabilityCheck;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/** One request's worth; song() and checkPlayable() of the same id share the cached answer. */
function detailChunk(ctx: EndpointContext, ids: SongId[]): Promise<Detailed[]> {
  return ctx.cached('identity', 'song-detail', ids, async () => {
    const body = await ctx.call(SONG_DETAIL, 'weapi', { c: JSON.stringify(ids.map((id) => ({ id }))) });
    const raw = parseRaw(songDetailResponse, body, SONG_DETAIL);
    const privileges = new Map((raw.privileges ?? []).map((privilege) => [privilege.id, privilege]));
    return raw.songs.map((song) => ({
      song: toSong(song, privileges.get(song.id)),
      check: toPlayabilityCheck(song, privileges.get(song.id)),
    }));
  });
}

async function detailed(ctx: EndpointContext, ids: readonly SongId[]): Promise<Map<SongId, Detailed>> {
  const found = new Map<SongId, Detailed>();
  for (const chunk of chunks([...new Set(ids)], SONG_DETAIL_CHUNK)) {
    for (const entry of await detailChunk(ctx, chunk)) found.set(entry.song.id, entry);
  }
  return found;
}

/** Details of many songs in the order asked; ids the service does not know are left out. */
export async function songs(ctx: EndpointContext, ids: readonly SongId[]): Promise<Song[]> {
  const found = await detailed(ctx, ids);
  return ids.flatMap((id) => {
    const entry = found.get(id);
    return entry ? [entry.song] : [];
  });
}

export async function song(ctx: EndpointContext, id: SongId): Promise<Song> {
  const entry = (await detailed(ctx, [id])).get(id);
  if (!entry) throw new NotFoundError(`song ${id}`, { path: SONG_DETAIL });
  return entry.song;
}

/**
 * Free, trial-only or grey, for this listener, without asking for a URL (which expires, and
 * which the service may count as a play). From song details: `fee`, `noCopyrightRcmd`, privilege.
 */
export async function checkPlayable(ctx: EndpointContext, id: SongId): Promise<PlayabilityCheck> {
  const entry = (await detailed(ctx, [id])).get(id);
  if (!entry) throw new NotFoundError(`song ${id}`, { path: SONG_DETAIL });
  return entry.check;
}
