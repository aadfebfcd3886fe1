/**
 * Raw NetEase JSON (already shape-checked) → our models. This is where the service's quirks are
 * absorbed: two song shapes, `http:` image URLs, fee codes, privileges that live beside the songs.
 */
import type {
  AlbumRef,
  AlbumSummary,
  Artist,
  ArtistRef,
  Comment,
  Playability,
  PlayabilityCheck,
  PlaylistSummary,
  QualityLevel,
  Song,
  Toplist,
  UserRef,
} from './models.ts';
import { QUALITY_LEVELS } from './models.ts';
import type {
  RawAlbum,
  RawAlbumRef,
  RawArtist,
  RawComment,
  RawPlaylist,
  RawPrivilege,
  RawSong,
  RawUser,
} from './raw-schemas.ts';

/** NetEase still hands out `http://` image links; Discord and Telegram previews want https. */
export function httpsUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  return url.startsWith('http://') ? `https://${url.slice('http://'.length)}` : url;
}

function nonEmpty(values: (string | null | undefined)[]): string[] {
  const seen = new Set<string>();
  for (const value of values) if (value?.trim()) seen.add(value.trim());
  return [...seen];
}

/** Levels above `hires` (Dolby, "sky", master) exist but we never ask for them; they imply hires. */
const ABOVE_HIRES = new Set(['jyeffect', 'sky', 'jymaster', 'dolby']);

export function toQualityLevel(level: string | null | undefined): QualityLevel | undefined {
  if (!level) return undefined;
  if ((QUALITY_LEVELS as readonly string[]).includes(level)) return level as QualityLevel;
  return ABOVE_HIRES.has(level) ? 'hires' : undefined;
}

export function toArtistRef(raw: RawArtist): ArtistRef {
  return { id: raw.id, name: raw.name ?? '' };
}

export function toAlbumRef(raw: RawAlbumRef | null | undefined): AlbumRef {
  if (!raw) return { id: 0, name: '' };
  const coverUrl = httpsUrl(raw.picUrl ?? raw.blurPicUrl);
  return { id: raw.id, name: raw.name ?? '', ...(coverUrl ? { coverUrl } : {}) };
}

/**
 * The song's own category, from its fee code and copyright flags (not from who is listening):
 * no copyright (`noCopyrightRcmd` set, or privilege `st` negative) wins over the fee.
 */
export function playabilityOf(fee: number, noCopyright: boolean): Playability {
  if (noCopyright) return 'unavailable';
  if (fee === 1) return 'vip';
  if (fee === 4) return 'paid';
  return 'free';
}

function isGrey(raw: RawSong, privilege: RawPrivilege | undefined): boolean {
  return (raw.noCopyrightRcmd !== undefined && raw.noCopyrightRcmd !== null) || (privilege?.st ?? 0) < 0;
}

export function toSong(raw: RawSong, privilege?: RawPrivilege): Song {
  const rights = privilege ?? raw.privilege ?? undefined;
  const fee = raw.fee ?? rights?.fee ?? 0;
  const maxLevel = toQualityLevel(rights?.maxBrLevel);
  return {
    id: raw.id,
    name: raw.name ?? '',
    aliases: nonEmpty([
      ...(raw.alia ?? []),
      ...(raw.alias ?? []),
      ...(raw.tns ?? []),
      ...(raw.transNames ?? []),
    ]),
    artists: (raw.ar ?? raw.artists ?? []).map(toArtistRef),
    album: toAlbumRef(raw.al ?? raw.album),
    durationMs: raw.dt ?? raw.duration ?? 0,
    playability: playabilityOf(fee, isGrey(raw, rights)),
    fee,
    ...(maxLevel ? { maxLevel } : {}),
  };
}

/**
 * Whether this listener gets the whole song. `pl` is the bitrate they may stream (0 = none,
 * i.e. a trial at most); without privilege data only free songs are assumed to play in full.
 */
export function toPlayabilityCheck(raw: RawSong, privilege?: RawPrivilege): PlayabilityCheck {
  const song = toSong(raw, privilege);
  const rights = privilege ?? raw.privilege ?? undefined;
  const fullAccess =
    song.playability !== 'unavailable' &&
    (rights?.pl !== undefined && rights.pl !== null ? rights.pl > 0 : song.playability === 'free');
  const listenerLevel = fullAccess ? toQualityLevel(rights?.plLevel) : undefined;
  return {
    id: song.id,
    playability: song.playability,
    fullAccess,
    ...(song.maxLevel ? { maxLevel: song.maxLevel } : {}),
    ...(listenerLevel ? { listenerLevel } : {}),
  };
}

export function toAlbumSummary(raw: RawAlbum): AlbumSummary {
  const artists = raw.artists?.length ? raw.artists : raw.artist ? [raw.artist] : [];
  const coverUrl = httpsUrl(raw.picUrl ?? raw.blurPicUrl);
  return {
    id: raw.id,
    name: raw.name ?? '',
    artists: artists.map(toArtistRef),
    ...(coverUrl ? { coverUrl } : {}),
    ...(raw.publishTime ? { publishedAt: raw.publishTime } : {}),
    trackCount: raw.size ?? raw.songs?.length ?? 0,
  };
}

export function toArtist(raw: RawArtist): Artist {
  const pictureUrl = httpsUrl(raw.picUrl ?? raw.img1v1Url);
  return {
    id: raw.id,
    name: raw.name ?? '',
    aliases: nonEmpty([...(raw.alias ?? []), ...(raw.tns ?? []), raw.trans]),
    ...(pictureUrl ? { pictureUrl } : {}),
    ...(typeof raw.albumSize === 'number' ? { albumCount: raw.albumSize } : {}),
    ...(typeof raw.musicSize === 'number' ? { songCount: raw.musicSize } : {}),
    ...(raw.briefDesc ? { briefDesc: raw.briefDesc } : {}),
  };
}

export function toUserRef(raw: RawUser): UserRef {
  const avatarUrl = httpsUrl(raw.avatarUrl);
  return { id: raw.userId, nickname: raw.nickname ?? '', ...(avatarUrl ? { avatarUrl } : {}) };
}

export function toPlaylistSummary(raw: RawPlaylist): PlaylistSummary {
  const coverUrl = httpsUrl(raw.coverImgUrl);
  return {
    id: raw.id,
    name: raw.name ?? '',
    ...(coverUrl ? { coverUrl } : {}),
    trackCount: raw.trackCount ?? raw.trackIds?.length ?? raw.tracks?.length ?? 0,
    playCount: raw.playCount ?? 0,
    ...(raw.creator ? { creator: toUserRef(raw.creator) } : {}),
    ...(raw.description ? { description: raw.description } : {}),
  };
}

export function toToplist(raw: {
  id: number;
  name?: string | null;
  coverImgUrl?: string | null;
  description?: string | null;
  updateFrequency?: string | null;
  trackCount?: number | null;
  playCount?: number | null;
}): Toplist {
  const coverUrl = httpsUrl(raw.coverImgUrl);
  return {
    id: raw.id,
    name: raw.name ?? '',
    ...(coverUrl ? { coverUrl } : {}),
    ...(raw.description ? { description: raw.description } : {}),
    ...(raw.updateFrequency ? { updateFrequency: raw.updateFrequency } : {}),
    trackCount: raw.trackCount ?? 0,
    playCount: raw.playCount ?? 0,
  };
}

export function toComment(raw: RawComment): Comment {
  const replied = raw.beReplied?.[0];
  const location = raw.ipLocation?.location;
  return {
    id: raw.commentId,
    user: toUserRef(raw.user),
    content: raw.content ?? '',
    likedCount: raw.likedCount ?? 0,
    time: raw.time,
    ...(location ? { location } : {}),
    ...(replied ? { replyTo: { user: replied.user?.nickname ?? '', content: replied.content ?? '' } } : {}),
  };
}

/** Attaches `privileges[]` (which the service sends beside the songs) to each song by id. */
export function songsWithPrivileges(songs: RawSong[], privileges: RawPrivilege[] | null | undefined): Song[] {
  const byId = new Map((privileges ?? []).map((privilege) => [privilege.id, privilege]));
  return songs.map((song) => toSong(song, byId.get(song.id)));
}
