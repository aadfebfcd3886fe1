/** Album pages and artist pages (top songs, album list). */
import type { FakeUser } from './catalog.ts';
import { albumById, albumsOfArtist, artistById, songsOfAlbum, songsOfArtist } from './catalog.ts';
import { albumFull, artistFull, songNewWithPrivilege } from './shapes.ts';
import type { ApiAnswer, ApiCall, Route } from './state.ts';
import { json } from './state.ts';
import { num } from './util.ts';

const MISSING: ApiAnswer = { body: { code: 404, message: '该资源不存在', msg: '该资源不存在' } };

function songsFor(
  songs: ReturnType<typeof songsOfAlbum>,
  user: FakeUser | undefined,
): Record<string, unknown>[] {
  return songs.map((song) => songNewWithPrivilege(song, user));
}

function album(call: ApiCall): ApiAnswer {
  const found = albumById(Number(call.params[0]));
  if (!found) return MISSING;
  return json({
    resourceState: true,
    songs: songsFor(songsOfAlbum(found.id), call.user),
    code: 200,
    album: albumFull(found),
  });
}

function artist(call: ApiCall): ApiAnswer {
  const found = artistById(Number(call.params[0]));
  if (!found) return MISSING;
  return json({
    artist: artistFull(found),
    hotSongs: songsFor(songsOfArtist(found.id).slice(0, 50), call.user),
    more: false,
    code: 200,
  });
}

function artistAlbums(call: ApiCall): ApiAnswer {
  const found = artistById(Number(call.params[0]));
  if (!found) return MISSING;
  const limit = Math.max(1, Math.min(num(call.payload.limit, 30), 100));
  const offset = Math.max(0, num(call.payload.offset, 0));
  const all = albumsOfArtist(found.id);
  return json({
    artist: artistFull(found),
    hotAlbums: all.slice(offset, offset + limit).map(albumFull),
    more: offset + limit < all.length,
    code: 200,
  });
}

function artistTopSongs(call: ApiCall): ApiAnswer {
  const found = artistById(num(call.payload.id, 0));
  if (!found) return MISSING;
  return json({ songs: songsFor(songsOfArtist(found.id).slice(0, 50), call.user), more: false, code: 200 });
}

export const routes: Route[] = [
  { path: /^\/api\/v1\/album\/(\d+)$/, handle: album },
  { path: /^\/api\/album\/(\d+)$/, handle: album },
  { path: /^\/api\/v1\/artist\/(\d+)$/, handle: artist },
  { path: /^\/api\/artist\/(\d+)$/, handle: artist },
  { path: /^\/api\/artist\/albums\/(\d+)$/, handle: artistAlbums },
  { path: '/api/artist/top/song', handle: artistTopSongs },
];
