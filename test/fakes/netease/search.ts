/**
 * Search: cloudsearch (new song shape), search/get (old shape), suggestions and hot searches.
 * Matching is deliberately simple but covers what users type: names, aliases and translated
 * titles, artist names in Chinese or English, any case or width, several words in any order,
 * and run-together Chinese such as "周杰伦晴天".
 */
import type { FakeAlbum, FakeArtist, FakePlaylist, FakeSong, FakeUser } from './catalog.ts';
import {
  albumById,
  allAlbums,
  allArtists,
  allPlaylists,
  allSongs,
  allUsers,
  artistById,
  personById,
  SONGS,
} from './catalog.ts';
import {
  albumFull,
  albumOld,
  artistFull,
  artistOld,
  imageUrl,
  profileOf,
  songNewWithPrivilege,
  songOld,
} from './shapes.ts';
import type { ApiAnswer, ApiCall, FakeState, Route } from './state.ts';
import { json, trackIdsOf } from './state.ts';
import { fold, num, str } from './util.ts';

const BAD_PARAMS: ApiAnswer = { body: { code: 400, msg: '参数错误' } };

/** Can `token` be cut into pieces (≥ 2 chars, or the whole token) that all occur in `hay`? */
function covers(token: string, hay: string): boolean {
  if (hay.includes(token)) return true;
  // Only run-together CJK needs splitting; skipping Latin keeps the recursion from blowing up.
  if (!/[\u3040-\u9fff]/.test(token)) return false;
  for (let cut = token.length - 2; cut >= 2; cut--) {
    if (hay.includes(token.slice(0, cut)) && covers(token.slice(cut), hay)) return true;
  }
  return false;
}

function matches(query: string, fields: (string | undefined)[]): boolean {
  const hay = fold(fields.filter(Boolean).join(' | '));
  const squashed = hay.replace(/\s+/g, '');
  return fold(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((token) => covers(token, hay) || covers(token, squashed));
}

function artistNames(ids: readonly number[]): string[] {
  return ids.flatMap((id) => {
    const artist = artistById(id);
    return artist ? [artist.name, ...artist.alias, artist.trans] : [];
  }) as string[];
}

function songFields(song: FakeSong): (string | undefined)[] {
  const album = albumById(song.albumId);
  return [
    song.name,
    ...song.alia,
    ...song.tns,
    ...artistNames(song.artistIds),
    album?.name,
    ...(album?.alias ?? []),
  ];
}

/** Exact title hits first, then title prefixes, then anything else; popularity breaks ties. */
function songScore(song: FakeSong, query: string): number {
  const q = fold(query.trim());
  const name = fold(song.name);
  const titles = [...song.alia, ...song.tns].map(fold);
  let score = 0;
  if (name === q) score = 100;
  else if (name.startsWith(q)) score = 80;
  else if (q.includes(name)) score = 70;
  else if (name.includes(q)) score = 60;
  else if (titles.some((t) => t.includes(q))) score = 50;
  return score + song.pop / 1000;
}

export function searchSongs(query: string): FakeSong[] {
  return allSongs
    .filter((song) => matches(query, songFields(song)))
    .map((song, index) => ({ song, index, score: songScore(song, query) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((entry) => entry.song);
}

function searchArtists(query: string): FakeArtist[] {
  return allArtists.filter((a) => matches(query, [a.name, ...a.alias, a.trans]));
}

function searchAlbums(query: string): FakeAlbum[] {
  return allAlbums.filter((a) => matches(query, [a.name, ...a.alias, ...artistNames(a.artistIds)]));
}

function searchPlaylists(query: string): FakePlaylist[] {
  return allPlaylists.filter(
    (p) => p.specialType !== 5 && matches(query, [p.name, ...p.tags, personById(p.creatorId)?.nickname]),
  );
}

function searchUsers(query: string): FakeUser[] {
  return allUsers.filter((u) => matches(query, [u.nickname]));
}

function playlistHit(state: FakeState, playlist: FakePlaylist): Record<string, unknown> {
  const creator = personById(playlist.creatorId);
  return {
    id: playlist.id,
    name: playlist.name,
    coverImgUrl: imageUrl(playlist.coverImgId),
    creator: creator
      ? {
          nickname: creator.nickname,
          userId: creator.userId,
          userType: 0,
          avatarUrl: imageUrl(creator.avatarImgId),
        }
      : null,
    subscribed: false,
    trackCount: trackIdsOf(state, playlist.id).length,
    userId: playlist.creatorId,
    playCount: playlist.playCount,
    bookCount: playlist.subscribedCount,
    specialType: playlist.specialType,
    officialTags: null,
    description: playlist.description,
    highQuality: false,
    track: null,
    alg: 'alg_search_rec',
  };
}

function page<T>(items: T[], call: ApiCall): T[] {
  const limit = Math.max(0, Math.min(num(call.payload.limit, 30), 100));
  const offset = Math.max(0, num(call.payload.offset, 0));
  return items.slice(offset, offset + limit);
}

/** `{songs, songCount}` and friends; no hits leaves out the list, as the service does. */
function resultOf(list: string, count: string, items: unknown[], total: number): Record<string, unknown> {
  return total === 0 || items.length === 0 ? { [count]: total } : { [list]: items, [count]: total };
}

function cloudsearch(call: ApiCall, state: FakeState): ApiAnswer {
  const query = str(call.payload.s).trim();
  if (!query) return BAD_PARAMS;
  const type = num(call.payload.type, 1);
  switch (type) {
    case 1: {
      const all = searchSongs(query);
      const songs = page(all, call).map((song) => songNewWithPrivilege(song, call.user));
      return json({
        result: { searchQcReminder: null, ...resultOf('songs', 'songCount', songs, all.length) },
        code: 200,
      });
    }
    case 10: {
      const all = searchAlbums(query);
      return json({
        result: resultOf('albums', 'albumCount', page(all, call).map(albumFull), all.length),
        code: 200,
      });
    }
    case 100: {
      const all = searchArtists(query);
      return json({
        result: resultOf('artists', 'artistCount', page(all, call).map(artistFull), all.length),
        code: 200,
      });
    }
    case 1000: {
      const all = searchPlaylists(query);
      const hits = page(all, call).map((p) => playlistHit(state, p));
      return json({ result: resultOf('playlists', 'playlistCount', hits, all.length), code: 200 });
    }
    case 1002: {
      const all = searchUsers(query);
      const hits = page(all, call).map(profileOf);
      return json({ result: resultOf('userprofiles', 'userprofileCount', hits, all.length), code: 200 });
    }
    case 1004:
      return json({ result: { mvCount: 0 }, code: 200 });
    default:
      return BAD_PARAMS;
  }
}

/** The old search: song type only in the old shape, plus `hasMore`. Other types reuse cloudsearch. */
function searchGet(call: ApiCall, state: FakeState): ApiAnswer {
  const type = num(call.payload.type, 1);
  if (type !== 1) return cloudsearch(call, state);
  const query = str(call.payload.s).trim();
  if (!query) return BAD_PARAMS;
  const all = searchSongs(query);
  const hits = page(all, call);
  const offset = Math.max(0, num(call.payload.offset, 0));
  const result =
    hits.length === 0
      ? { songCount: all.length }
      : { songs: hits.map(songOld), hasMore: offset + hits.length < all.length, songCount: all.length };
  return json({ result, code: 200 });
}

function suggestWeb(call: ApiCall, state: FakeState): ApiAnswer {
  const query = str(call.payload.s).trim();
  if (!query) return json({ result: {}, code: 200 });
  const result: Record<string, unknown> = {};
  const order: string[] = [];
  const songs = searchSongs(query).slice(0, 4);
  if (songs.length) {
    result.songs = songs.map(songOld);
    order.push('songs');
  }
  const artists = searchArtists(query).slice(0, 2);
  if (artists.length) {
    result.artists = artists.map(artistOld);
    order.push('artists');
  }
  const albums = searchAlbums(query).slice(0, 2);
  if (albums.length) {
    result.albums = albums.map(albumOld);
    order.push('albums');
  }
  const playlists = searchPlaylists(query).slice(0, 1);
  if (playlists.length) {
    result.playlists = playlists.map((p) => playlistHit(state, p));
    order.push('playlists');
  }
  if (order.length) result.order = order;
  return json({ result, code: 200 });
}

function suggestKeyword(call: ApiCall): ApiAnswer {
  const query = str(call.payload.s).trim();
  if (!query) return json({ result: {}, code: 200 });
  const keywords = new Set<string>();
  for (const artist of searchArtists(query)) keywords.add(artist.name);
  for (const song of searchSongs(query)) {
    keywords.add(song.name);
    const artist = artistById(song.artistIds[0]!);
    if (artist) keywords.add(`${song.name} ${artist.name}`);
  }
  const allMatch = [...keywords]
    .slice(0, 10)
    .map((keyword) => ({ keyword, type: 1, alg: 'alg_search_basic', lastKeyword: '', feature: '' }));
  return json({ result: allMatch.length ? { allMatch } : {}, code: 200 });
}

const HOT = [
  { song: SONGS.vipOnly, content: '燃起来了！', score: 3_215_877 },
  { song: SONGS.qingtian, content: '故事的开头总是这样', score: 2_874_302 },
  { song: SONGS.guangnianzhiwai, content: '', score: 2_101_554 },
  { song: SONGS.english, content: 'rainy day vibes', score: 1_880_113 },
  { song: SONGS.daoxiang, content: '回家吧', score: 1_502_918 },
  { song: SONGS.gaobaiqiqiu, content: '', score: 1_299_450 },
  { song: SONGS.haikuotiankong, content: '经典永流传', score: 1_044_206 },
  { song: SONGS.shinian, content: '', score: 987_342 },
  { song: SONGS.midnightDrive, content: '', score: 805_661 },
  { song: SONGS.bigLossless, content: '', score: 702_118 },
];

function hotSearchList(): ApiAnswer {
  const data = HOT.map((hot, index) => ({
    searchWord: hot.song.name,
    score: hot.score,
    content: hot.content,
    source: 0,
    iconType: index === 0 ? 1 : index < 3 ? 5 : 0,
    iconUrl: index < 3 ? 'https://p1.music.126.net/2zQ0d1ThZCX5Jtkvks9aOQ==/109951163968000522.png' : null,
    url: '',
    alg: 'featured',
  }));
  return json({ code: 200, data, message: 'success' });
}

function searchHot(): ApiAnswer {
  const hots = HOT.map((hot, index) => ({
    first: hot.song.name,
    second: 1,
    third: null,
    iconType: index < 3 ? 1 : 0,
  }));
  return json({ result: { hots }, code: 200 });
}

export const routes: Route[] = [
  { path: '/api/cloudsearch/pc', handle: cloudsearch },
  { path: '/api/cloudsearch/get/web', handle: cloudsearch },
  { path: '/api/search/get', handle: searchGet },
  { path: '/api/search/get/web', handle: searchGet },
  { path: '/api/search/suggest/web', handle: suggestWeb },
  { path: '/api/search/suggest/keyword', handle: suggestKeyword },
  { path: '/api/search/suggest/mobile', handle: suggestKeyword },
  { path: '/api/hotsearchlist/get', handle: hotSearchList },
  { path: '/api/search/hot', handle: searchHot },
];
