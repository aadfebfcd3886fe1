/**
 * Our own view of NetEase data. Endpoints map the service's raw JSON (two song shapes, nullable
 * fields, abbreviations like `ar`/`al`/`dt`) into these, so the rest of the bot never reads raw JSON.
 */

export type SongId = number;

export interface ArtistRef {
  id: number;
  name: string;
}

export interface AlbumRef {
  id: number;
  name: string;
  /** Cover image URL; absent for some legacy responses. */
  coverUrl?: string;
}

/**
 * Whether a song can be played and how:
 * - `free`: anyone can stream it in full;
 * - `vip`: needs a VIP account for the full song (others get a trial clip);
 * - `paid`: needs the album to be bought (others get a trial clip or nothing);
 * - `unavailable`: no copyright in this region ("grey" in the NetEase app).
 */
export type Playability = 'free' | 'vip' | 'paid' | 'unavailable';

export interface Song {
  id: SongId;
  name: string;
  /** Alternative titles (aliases, translated names), e.g. an English or Chinese title. */
  aliases: string[];
  artists: ArtistRef[];
  album: AlbumRef;
  durationMs: number;
  playability: Playability;
  /** Raw `fee` code: 0 free, 1 VIP, 4 album purchase, 8 free at low quality. */
  fee: number;
  /** Highest quality level the listener could get, when the response says (`privilege.maxBrLevel`). */
  maxLevel?: QualityLevel;
}

/** An album as lists show it (search results, an artist's albums): no tracks. */
export interface AlbumSummary {
  id: number;
  name: string;
  artists: ArtistRef[];
  coverUrl?: string;
  publishedAt?: number;
  trackCount: number;
}

export interface Album extends AlbumSummary {
  description?: string;
  songs: Song[];
}

export interface Artist {
  id: number;
  name: string;
  aliases: string[];
  pictureUrl?: string;
  albumCount?: number;
  songCount?: number;
  briefDesc?: string;
}

export interface ArtistDetail {
  artist: Artist;
  topSongs: Song[];
  /** The artist's most popular albums (first page). */
  albums: AlbumSummary[];
}

export interface UserRef {
  id: number;
  nickname: string;
  avatarUrl?: string;
}

export interface PlaylistSummary {
  id: number;
  name: string;
  coverUrl?: string;
  trackCount: number;
  playCount: number;
  creator?: UserRef;
  description?: string;
}

export interface Playlist extends PlaylistSummary {
  /** Every track id, complete even for logged-out callers (the service truncates `tracks`). */
  trackIds: SongId[];
  songs: Song[];
}

export interface Toplist {
  id: number;
  name: string;
  coverUrl?: string;
  description?: string;
  updateFrequency?: string;
  trackCount: number;
  playCount: number;
}

export type QualityLevel = 'standard' | 'higher' | 'exhigh' | 'lossless' | 'hires';

/** Ordered from worst to best; used to step down when a level is not available. */
export const QUALITY_LEVELS: readonly QualityLevel[] = ['standard', 'higher', 'exhigh', 'lossless', 'hires'];

export interface SongUrl {
  id: SongId;
  url: string;
  level: QualityLevel;
  bitrate: number;
  sizeBytes: number;
  /** File type as the service names it: mp3, flac, m4a. */
  type: string;
  /** When the signed URL stops working (ms since epoch); the service says ~20 minutes. */
  expiresAt: number;
  /** Present when only a preview clip is served: the clip's window within the full song. */
  trial?: { startMs: number; endMs: number };
}

export interface LyricLine {
  timeMs: number;
  text: string;
  translation?: string;
  romanization?: string;
}

export interface Lyrics {
  songId: SongId;
  /** True when the service says the song has no words (nolyric / pureMusic). */
  instrumental: boolean;
  /** Timed lines, translation and romanization merged by time; empty for unsynced or instrumental songs. */
  lines: LyricLine[];
  /** Untimed lyrics when the service only has plain text. */
  plainText?: string;
  /** The original LRC text, for sending as a file. */
  lrc?: string;
  translatedLrc?: string;
  /** Romanisation (e.g. romaji for Japanese songs) as LRC. */
  romanizedLrc?: string;
  contributors?: { lyrics?: string; translation?: string };
}

export interface Comment {
  id: number;
  user: UserRef;
  content: string;
  likedCount: number;
  time: number;
  location?: string;
  /** The comment this one answers, when it is a reply. */
  replyTo?: { user: string; content: string };
}

export interface CommentPage {
  comments: Comment[];
  total: number;
  hasMore: boolean;
  /** Opaque value to pass back for the next page of newest comments. */
  cursor?: string;
}

export type CommentThread = 'song' | 'album' | 'playlist';

export interface Account {
  userId: number;
  nickname: string;
  avatarUrl?: string;
  /** 0 none, 11 黑胶VIP, 10 豪华VIP (as reported by the service). */
  vipType: number;
  anonymous: boolean;
}

/**
 * What the listener gets for a song, known from song details alone (no URL request):
 * `fullAccess` false with a playable song means only a trial clip is served.
 */
export interface PlayabilityCheck {
  id: SongId;
  playability: Playability;
  fullAccess: boolean;
  /** The best level the song exists in (`privilege.maxBrLevel`). */
  maxLevel?: QualityLevel;
  /** The best level this listener may stream (`privilege.plLevel`); absent when only a trial or nothing. */
  listenerLevel?: QualityLevel;
}

/** A QR login in progress: `url` is what the QR code must contain for the NetEase app to scan. */
export interface QrLogin {
  key: string;
  url: string;
}

export interface LoginStatus {
  /** True when the cookie belongs to a real (not anonymous) account. */
  loggedIn: boolean;
  account?: Account;
}

export type QrStatus =
  | { state: 'expired' }
  | { state: 'waiting' }
  | { state: 'scanned'; nickname?: string; avatarUrl?: string }
  | { state: 'confirmed'; cookie: string; nickname?: string };

/** One page of a longer list the service pages through by offset. */
export interface Page<T> {
  items: T[];
  offset: number;
  limit: number;
  hasMore: boolean;
}

export interface SearchPage<T> extends Page<T> {
  total: number;
}

export type SearchType = 'song' | 'album' | 'artist' | 'playlist' | 'user';

export interface SearchSuggestion {
  keyword: string;
  kind: 'song' | 'artist' | 'album' | 'playlist' | 'keyword';
  id?: number;
}

export interface HotSearch {
  keyword: string;
  score: number;
  description?: string;
}
