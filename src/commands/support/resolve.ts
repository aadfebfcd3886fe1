/**
 * Turns what a user typed (text, an id, any NetEase link) into songs. Shared by play, lyrics,
 * comments and like, so every command understands the same inputs.
 */
import type { NeteaseApi } from '../../netease/client.ts';
import { LinkError, type NeteaseEntityRef, parseNeteaseRef, resolveShortLink } from '../../netease/links.ts';
import type { Song } from '../../netease/models.ts';
import { UserError } from '../errors.ts';
import type { Ctx } from '../services.ts';

/** What a query names: one song, or a collection of them with a title. */
export type Resolved =
  | { kind: 'song'; song: Song }
  | {
      kind: 'collection';
      type: 'playlist' | 'album' | 'artist' | 'toplist';
      id: number;
      title: string;
      songs: Song[];
    };

/** Largest playlist or chart accepted in one go, so one command cannot queue thousands of songs. */
export const MAX_COLLECTION_SONGS = 500;

async function toEntity(
  ctx: Ctx,
  input: string,
): Promise<NeteaseEntityRef | { kind: 'query'; text: string }> {
  const ref = parseNeteaseRef(input);
  if (!ref) throw new UserError('error.not_netease_link');
  if (ref.kind !== 'shortlink') return ref;
  try {
    return await resolveShortLink(ref.url, ctx.services.shortLinks);
  } catch (error) {
    if (error instanceof LinkError) {
      if (error.code === 'network') throw new UserError('error.netease_network');
      if (error.code === 'not_netease' || error.code === 'unsupported')
        throw new UserError('error.not_netease_link');
      throw new UserError('error.dead_link');
    }
    throw error;
  }
}

/** The first song matching a text search; a UserError when there is none. */
export async function searchFirstSong(api: NeteaseApi, text: string): Promise<Song> {
  const page = await api.search(text, { type: 'song', limit: 1 });
  const song = page.items[0];
  if (!song) throw new UserError('error.no_results', { query: text });
  return song;
}

export async function resolveQuery(ctx: Ctx, api: NeteaseApi, input: string): Promise<Resolved> {
  const target = await toEntity(ctx, input);
  switch (target.kind) {
    case 'query':
      return { kind: 'song', song: await searchFirstSong(api, target.text) };
    case 'song':
      return { kind: 'song', song: await api.song(target.id) };
    case 'playlist':
    case 'toplist': {
      const list = await api.playlist(target.id, { maxTracks: MAX_COLLECTION_SONGS });
      return { kind: 'collection', type: target.kind, id: target.id, title: list.name, songs: list.songs };
    }
    case 'album': {
      const album = await api.album(target.id);
      return { kind: 'collection', type: 'album', id: target.id, title: album.name, songs: album.songs };
    }
    case 'artist': {
      const detail = await api.artist(target.id);
      return {
        kind: 'collection',
        type: 'artist',
        id: target.id,
        title: detail.artist.name,
        songs: detail.topSongs,
      };
    }
    case 'user':
      throw new UserError('error.not_netease_link');
  }
}

/** For commands about one song (lyrics, comments, like): a collection is not an answer. */
export async function resolveSong(ctx: Ctx, api: NeteaseApi, input: string): Promise<Song> {
  const resolved = await resolveQuery(ctx, api, input);
  if (resolved.kind === 'song') return resolved.song;
  const first = resolved.songs[0];
  if (!first) throw new UserError('error.no_results', { query: input });
  return first;
}

/**
 * What the input names, without loading it (a short link is followed): for commands that need
 * only an id, such as comments of a playlist, where loading 500 tracks would be waste.
 */
export function resolveTarget(
  ctx: Ctx,
  input: string,
): Promise<NeteaseEntityRef | { kind: 'query'; text: string }> {
  return toEntity(ctx, input);
}
