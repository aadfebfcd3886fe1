/**
 * What `play` can be asked to play, loaded from NetEase: whatever a query resolves to, a
 * collection named by a button (`{type, id}`), the caller's daily recommendations, or a batch
 * of their personal FM. Everything comes out as one song or one titled list of songs.
 */
import type { NeteaseApi } from '../../netease/client.ts';
import { neteaseUrl } from '../../netease/links.ts';
import type { Song } from '../../netease/models.ts';
import type { Translate } from '../i18n/index.ts';
import type { CollectionType } from './play-actions.ts';
import { MAX_COLLECTION_SONGS, type Resolved } from './resolve.ts';

export type Playable =
  | { kind: 'song'; song: Song }
  | { kind: 'collection'; title: string; url?: string; songs: Song[] };

export function fromResolved(resolved: Resolved): Playable {
  if (resolved.kind === 'song') return resolved;
  return {
    kind: 'collection',
    title: resolved.title,
    url: neteaseUrl(resolved.type, resolved.id),
    songs: resolved.songs,
  };
}

/** The collection behind a `play collection {type, id}` button. */
export async function loadCollection(api: NeteaseApi, type: CollectionType, id: number): Promise<Playable> {
  const url = neteaseUrl(type, id);
  switch (type) {
    case 'playlist':
    case 'toplist': {
      const list = await api.playlist(id, { maxTracks: MAX_COLLECTION_SONGS });
      return { kind: 'collection', title: list.name, url, songs: list.songs };
    }
    case 'album': {
      const album = await api.album(id);
      return { kind: 'collection', title: album.name, url, songs: album.songs };
    }
    case 'artist': {
      const detail = await api.artist(id);
      return { kind: 'collection', title: detail.artist.name, url, songs: detail.topSongs };
    }
  }
}

export async function loadDaily(api: NeteaseApi, t: Translate): Promise<Playable> {
  return { kind: 'collection', title: t('play.daily_title'), songs: await api.dailySongs() };
}

/** One batch of personal FM: NetEase hands out a few songs per call, new ones each time. */
export async function loadFm(api: NeteaseApi, t: Translate): Promise<Playable> {
  return { kind: 'collection', title: t('play.fm_title'), songs: await api.personalFm() };
}
