/**
 * Account and the logged-in extras: account info, the user's playlists, daily recommendations,
 * personal FM, like/unlike, logout, anonymous registration. Account-only endpoints answer
 * `{"code":301,"msg":"需要登录"}` without a MUSIC_U this instance recognises (unknown, revoked
 * or logged out), like the service.
 */
import { randomBytes } from 'node:crypto';
import type { FakeSong, FakeUser } from './catalog.ts';
import { allPlaylists, allSongs, personById, songById, userById } from './catalog.ts';
import { playlistsOfUser } from './fixtures/playlists.ts';
import { playlistSummary } from './playlists.ts';
import { privilege, profileOf, songNew, songOld } from './shapes.ts';
import type { ApiAnswer, ApiCall, FakeState, Route } from './state.ts';
import { json, NEED_LOGIN, trackIdsOf } from './state.ts';
import { bool, clearCookieLine, num, setCookieLine } from './util.ts';

function account(call: ApiCall): ApiAnswer {
  const user = call.user;
  if (!user) return json({ code: 200, account: null, profile: null });
  return json({
    code: 200,
    account: {
      id: user.userId,
      userName: `1_${'*'.repeat(8)}${String(user.userId).slice(-3)}`,
      type: 1,
      status: 0,
      whitelistAuthority: 0,
      createTime: user.createTime,
      tokenVersion: 3,
      ban: 0,
      baoyueVersion: user.vipType > 0 ? 1 : 0,
      donateVersion: 0,
      vipType: user.vipType,
      anonimousUser: false,
      paidFee: user.vipType > 0,
    },
    profile: { ...profileOf(user), lastLoginTime: Date.now() - 3_600_000, lastLoginIP: '101.71.0.1' },
  });
}

function userPlaylists(call: ApiCall, state: FakeState): ApiAnswer {
  if (!call.user) return NEED_LOGIN;
  const uid = num(call.payload.uid, 0);
  const limit = Math.max(1, Math.min(num(call.payload.limit, 30), 1000));
  const offset = Math.max(0, num(call.payload.offset, 0));
  const all = playlistsOfUser(uid);
  const page = all.slice(offset, offset + limit).map((playlist) => ({
    ...playlistSummary(state, playlist, call.user),
    artists: null,
    tracks: null,
    top: false,
    anonimous: false,
  }));
  return json({ version: String(Date.now()), more: offset + limit < all.length, playlist: page, code: 200 });
}

function playable(): FakeSong[] {
  return allSongs.filter((song) => !song.grey);
}

const REASONS = ['根据你可能喜欢的单曲', '超88%人播放', '近期热门', '你喜欢的歌手新作', '根据你收藏的歌单'];

/** Stable for a user within a day, different between users: enough to look personal. */
function dailySongs(call: ApiCall): ApiAnswer {
  const user = call.user;
  if (!user) return NEED_LOGIN;
  const pool = playable();
  const day = Math.floor(Date.now() / 86_400_000);
  const start = (user.userId + day) % pool.length;
  const picks = Array.from({ length: 8 }, (_, i) => pool[(start + i * 3) % pool.length]!);
  const unique = [...new Map(picks.map((song) => [song.id, song])).values()];
  const reasons = unique.map((song, i) => ({
    songId: song.id,
    reason: REASONS[i % REASONS.length]!,
    reasonId: String(i),
    targetUrl: null,
  }));
  return json({
    code: 200,
    data: {
      dailySongs: unique.map((song, i) => ({
        ...songNew(song),
        reason: REASONS[i % REASONS.length],
        recommendReason: REASONS[i % REASONS.length],
        alg: 'itembased',
        privilege: privilege(song, user),
      })),
      orderSongs: [],
      recommendReasons: reasons,
      mvResourceInfos: null,
      demote: false,
      fromCache: false,
    },
  });
}

/** Personal FM: three songs per call, moving on through the catalogue so each call differs. */
function personalFm(call: ApiCall, state: FakeState): ApiAnswer {
  const user = call.user;
  if (!user) return NEED_LOGIN;
  const pool = playable();
  const cursor = state.fmCursor.get(user.userId) ?? user.userId % pool.length;
  state.fmCursor.set(user.userId, (cursor + 3) % pool.length);
  const songs = [0, 1, 2].map((i) => pool[(cursor + i) % pool.length]!);
  return json({
    popAdjust: false,
    data: songs.map((song) => ({ ...songOld(song), privilege: privilege(song, user), alg: 'itembased' })),
    code: 200,
  });
}

function likedPlaylistOf(user: FakeUser): number | undefined {
  return allPlaylists.find((p) => p.creatorId === user.userId && p.specialType === 5)?.id;
}

function like(call: ApiCall, state: FakeState): ApiAnswer {
  const user = call.user;
  if (!user) return NEED_LOGIN;
  const song = songById(num(call.payload.trackId, 0));
  const playlistId = likedPlaylistOf(user);
  if (!song || playlistId === undefined) return json({ code: 400, msg: '参数错误' });
  // `like` defaults to true, as in the reference; "false" as a form string means unlike.
  const wantLike = call.payload.like === undefined ? true : bool(call.payload.like);
  const current = trackIdsOf(state, playlistId).filter((id) => id !== song.id);
  state.playlistTracks.set(playlistId, wantLike ? [song.id, ...current] : current);
  return json({ playlistId, code: 200 });
}

function likeList(call: ApiCall, state: FakeState): ApiAnswer {
  const user = call.user;
  if (!user) return NEED_LOGIN;
  const target = userById(num(call.payload.uid, user.userId)) ?? user;
  const playlistId = likedPlaylistOf(target);
  return json({ ids: playlistId ? trackIdsOf(state, playlistId) : [], checkPoint: Date.now(), code: 200 });
}

function logout(call: ApiCall, state: FakeState): ApiAnswer {
  // The token stops working server-side too, so a client that keeps it sees account:null.
  if (call.musicU) state.revoked.add(call.musicU);
  return json({ code: 200 }, [
    clearCookieLine('MUSIC_U'),
    clearCookieLine('__csrf'),
    clearCookieLine('MUSIC_R_U'),
  ]);
}

function registerAnonymous(): ApiAnswer {
  const token = randomBytes(64).toString('hex');
  return json(
    { code: 200, userId: 8_000_000_000 + randomBytes(3).readUIntBE(0, 3), createTime: Date.now() },
    [setCookieLine('MUSIC_A', token, 360 * 24 * 3600)],
  );
}

function userDetail(call: ApiCall): ApiAnswer {
  const id = Number(call.params[0]);
  const person = personById(id);
  if (!person) return json({ code: 404, msg: '用户不存在', message: '用户不存在' });
  const user = userById(id);
  return json({
    level: user ? 8 : 10,
    listenSongs: user ? 4321 : 0,
    userPoint: { userId: id, balance: 0, updateTime: Date.now(), version: 1, status: 1, blockBalance: 0 },
    mobileSign: false,
    pcSign: false,
    profile: profileOf(person),
    peopleCanSeeMyPlayRecord: true,
    bindings: [],
    adValid: true,
    code: 200,
    createTime: user?.createTime ?? 1_404_115_136_883,
    createDays: 1000,
  });
}

export const routes: Route[] = [
  { path: '/api/nuser/account/get', handle: account },
  { path: '/api/w/nuser/account/get', handle: account },
  { path: '/api/user/playlist', handle: userPlaylists },
  { path: '/api/v3/discovery/recommend/songs', handle: dailySongs },
  { path: '/api/v1/radio/get', handle: personalFm },
  { path: '/api/radio/like', handle: like },
  { path: '/api/song/like/get', handle: likeList },
  { path: '/api/logout', handle: logout },
  { path: '/api/register/anonimous', handle: registerAnonymous },
  { path: /^\/api\/v1\/user\/detail\/(\d+)$/, handle: userDetail },
];
