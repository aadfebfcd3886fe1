/**
 * The fake's catalogue, by name: tests refer to `SONGS.qingtian.id` rather than magic numbers,
 * and bot tests reuse the same names. Raw data lives in fixtures/; this file adds the look-ups
 * the handlers need. Everything here is immutable; per-instance state lives in state.ts.
 */
import { ALBUMS } from './fixtures/albums.ts';
import { ARTISTS } from './fixtures/artists.ts';
import { PLAYLISTS, TOPLISTS } from './fixtures/playlists.ts';
import { SONGS } from './fixtures/songs.ts';
import type {
  FakeAlbum,
  FakeArtist,
  FakeCreator,
  FakePlaylist,
  FakeSong,
  FakeToplist,
  FakeUser,
  Level,
} from './fixtures/types.ts';
import { CREATORS, USERS } from './fixtures/users.ts';

export type { FakeAlbum, FakeArtist, FakeCreator, FakePlaylist, FakeSong, FakeToplist, FakeUser, Level };
export { ALBUMS, ARTISTS, CREATORS, PLAYLISTS, SONGS, TOPLISTS, USERS };

export const LEVELS: readonly Level[] = ['standard', 'higher', 'exhigh', 'lossless', 'hires'];

function byId<T extends { id: number }>(items: Record<string, T>): Map<number, T> {
  return new Map(Object.values(items).map((item) => [item.id, item]));
}

const songsById = byId<FakeSong>(SONGS);
const albumsById = byId<FakeAlbum>(ALBUMS);
const artistsById = byId<FakeArtist>(ARTISTS);
const playlistsById = byId<FakePlaylist>(PLAYLISTS);
const usersById = new Map<number, FakeUser>(Object.values(USERS).map((u) => [u.userId, u]));
const creatorsById = new Map<number, FakeCreator>(Object.values(CREATORS).map((c) => [c.userId, c]));

export const allSongs: readonly FakeSong[] = Object.values(SONGS);
export const allAlbums: readonly FakeAlbum[] = Object.values(ALBUMS);
export const allArtists: readonly FakeArtist[] = Object.values(ARTISTS);
export const allPlaylists: readonly FakePlaylist[] = Object.values(PLAYLISTS);
export const allUsers: readonly FakeUser[] = Object.values(USERS);
/** In the order `/api/toplist` lists them. */
export const allToplists: readonly FakeToplist[] = Object.values(TOPLISTS);

export const songById = (id: number): FakeSong | undefined => songsById.get(id);
export const albumById = (id: number): FakeAlbum | undefined => albumsById.get(id);
export const artistById = (id: number): FakeArtist | undefined => artistsById.get(id);
export const playlistById = (id: number): FakePlaylist | undefined => playlistsById.get(id);
export const userById = (id: number): FakeUser | undefined => usersById.get(id);
export const toplistOf = (playlistId: number): FakeToplist | undefined =>
  allToplists.find((t) => t.playlistId === playlistId);

/** Anyone who can own a playlist or write a comment: a loggable user or a creator. */
export function personById(id: number): FakeCreator | undefined {
  return usersById.get(id) ?? creatorsById.get(id);
}

export function songsOfAlbum(albumId: number): FakeSong[] {
  return allSongs.filter((s) => s.albumId === albumId).sort((a, b) => a.no - b.no);
}

export function songsOfArtist(artistId: number): FakeSong[] {
  return allSongs.filter((s) => s.artistIds.includes(artistId)).sort((a, b) => b.pop - a.pop || a.id - b.id);
}

export function albumsOfArtist(artistId: number): FakeAlbum[] {
  return allAlbums
    .filter((a) => a.artistIds.includes(artistId))
    .sort((a, b) => b.publishTime - a.publishTime);
}

/** A USERS entry named by key ('vip'), MUSIC_U value, userId or nickname. */
export function resolveUser(ref: string | number): FakeUser | undefined {
  if (typeof ref === 'number') return usersById.get(ref);
  if (ref in USERS) return USERS[ref as keyof typeof USERS];
  return allUsers.find((u) => u.musicU === ref || String(u.userId) === ref || u.nickname === ref);
}
