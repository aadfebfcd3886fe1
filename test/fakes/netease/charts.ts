/** Charts ("排行榜"): the list of toplists, and the detail flavour with each chart's top three. */
import type { FakePlaylist } from './catalog.ts';
import { allToplists, artistById, playlistById, songById } from './catalog.ts';
import { playlistSummary } from './playlists.ts';
import { imageUrl } from './shapes.ts';
import type { ApiAnswer, FakeState, Route } from './state.ts';
import { json, trackIdsOf } from './state.ts';

function charts(): { playlist: FakePlaylist; toplistType?: string }[] {
  return allToplists.map((toplist) => {
    const playlist = playlistById(toplist.playlistId);
    if (!playlist) throw new Error(`fixture error: toplist ${toplist.playlistId} has no playlist`);
    return { playlist, toplistType: toplist.toplistType };
  });
}

function entry(
  state: FakeState,
  playlist: FakePlaylist,
  toplistType: string | undefined,
): Record<string, unknown> {
  const summary = playlistSummary(state, playlist);
  return {
    ...summary,
    subscribed: null,
    creator: null,
    artists: null,
    tracks: null,
    anonimous: false,
    totalDuration: 0,
    ...(toplistType ? { ToplistType: toplistType } : {}),
  };
}

const ARTIST_TOPLIST = {
  coverUrl: imageUrl('109951163601178881'),
  name: '云音乐歌手榜',
  upateFrequency: '每天更新',
  position: 5,
  updateFrequency: '每天更新',
};

function toplist(_call: unknown, state: FakeState): ApiAnswer {
  return json({
    code: 200,
    list: charts().map((c) => entry(state, c.playlist, c.toplistType)),
    artistToplist: ARTIST_TOPLIST,
  });
}

function toplistDetail(_call: unknown, state: FakeState): ApiAnswer {
  const list = charts().map(({ playlist, toplistType }) => ({
    ...entry(state, playlist, toplistType),
    tracks: trackIdsOf(state, playlist.id)
      .slice(0, 3)
      .map((id) => {
        const song = songById(id);
        return { first: song?.name ?? '', second: song ? (artistById(song.artistIds[0]!)?.name ?? '') : '' };
      }),
  }));
  return json({ code: 200, list, artistToplist: ARTIST_TOPLIST });
}

export const routes: Route[] = [
  { path: '/api/toplist', handle: toplist },
  { path: '/api/toplist/detail', handle: toplistDetail },
];
