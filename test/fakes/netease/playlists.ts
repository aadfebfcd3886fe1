/**
 * Playlist detail (v6, and v4 which the chart module uses). The service gives logged-out callers
 * only the first 10 songs in `tracks` while `trackIds` stays complete — the reason clients fetch
 * the rest through song detail — and the fake does the same.
 */
import type { FakePlaylist, FakeSong, FakeUser } from './catalog.ts';
import { personById, playlistById, songById, toplistOf } from './catalog.ts';
import { imageUrl, privilege, profileOf, songNew } from './shapes.ts';
import type { ApiAnswer, ApiCall, FakeState, Route } from './state.ts';
import { json, trackIdsOf } from './state.ts';
import { num } from './util.ts';

/** How many `tracks` an anonymous caller gets. */
export const ANONYMOUS_TRACK_LIMIT = 10;

function updateFrequencyOf(playlist: FakePlaylist): string | null {
  return toplistOf(playlist.id)?.updateFrequency ?? null;
}

/** The fields shared by every playlist shape (user playlists, toplists, detail). */
export function playlistSummary(
  state: FakeState,
  playlist: FakePlaylist,
  viewer?: FakeUser,
): Record<string, unknown> {
  const creator = personById(playlist.creatorId);
  const trackCount = trackIdsOf(state, playlist.id).length;
  const updated = playlist.createTime + 86_400_000 * 30;
  return {
    id: playlist.id,
    name: playlist.name,
    coverImgId: Number(playlist.coverImgId),
    coverImgUrl: imageUrl(playlist.coverImgId),
    coverImgId_str: playlist.coverImgId,
    adType: 0,
    userId: playlist.creatorId,
    createTime: playlist.createTime,
    status: 0,
    opRecommend: false,
    highQuality: false,
    newImported: false,
    updateTime: updated,
    trackCount,
    specialType: playlist.specialType,
    privacy: 0,
    trackUpdateTime: updated,
    commentThreadId: `A_PL_0_${playlist.id}`,
    playCount: playlist.playCount,
    trackNumberUpdateTime: updated,
    subscribedCount: playlist.subscribedCount,
    cloudTrackCount: 0,
    ordered: true,
    description: playlist.description || null,
    tags: playlist.tags,
    updateFrequency: updateFrequencyOf(playlist),
    backgroundCoverId: 0,
    backgroundCoverUrl: null,
    titleImage: 0,
    titleImageUrl: null,
    englishTitle: null,
    officialPlaylistType: null,
    copied: false,
    relateResType: null,
    subscribers: [],
    subscribed: viewer ? playlist.subscriberIds.includes(viewer.userId) : false,
    creator: creator ? profileOf(creator) : null,
  };
}

function detail(call: ApiCall, state: FakeState): ApiAnswer {
  const playlist = playlistById(num(call.payload.id, 0));
  if (!playlist) return json({ code: 404, message: '歌单不存在', msg: '歌单不存在' });
  const ids = trackIdsOf(state, playlist.id);
  const songs = ids.map(songById).filter((song): song is FakeSong => song !== undefined);
  const requested = Math.max(0, num(call.payload.n, 100000));
  const limit = Math.min(requested, call.user ? songs.length : ANONYMOUS_TRACK_LIMIT);
  const tracks = songs.slice(0, limit);
  const trackTime = playlist.createTime + 86_400_000;
  return json({
    code: 200,
    relatedVideos: null,
    playlist: {
      ...playlistSummary(state, playlist, call.user),
      tracks: tracks.map(songNew),
      videoIds: null,
      videos: null,
      trackIds: ids.map((id, index) => ({
        id,
        v: 37,
        t: 0,
        at: trackTime + index * 60_000,
        alg: null,
        uid: playlist.creatorId,
        rcmdReason: '',
        sc: null,
        f: null,
        sr: null,
      })),
      shareCount: Math.floor(playlist.subscribedCount / 10),
      commentCount: 5,
      remixVideo: null,
      sharedUsers: null,
      historySharedUsers: null,
      gradeStatus: 'NONE',
      score: null,
      algTags: null,
      ...(toplistOf(playlist.id)?.toplistType ? { ToplistType: toplistOf(playlist.id)?.toplistType } : {}),
    },
    urls: null,
    privileges: tracks.map((song) => privilege(song, call.user)),
    sharedPrivilege: null,
    resEntrance: null,
    fromUsers: null,
    fromUserCount: 0,
    songFromUsers: null,
  });
}

export const routes: Route[] = [
  { path: '/api/v6/playlist/detail', handle: detail },
  { path: '/api/playlist/v4/detail', handle: detail },
];
