/**
 * The shapes of NetEase's raw JSON, as far as we read it (netease-protocol.md §4). Checked with
 * zod so a changed or broken answer becomes UnexpectedResponseError with the failing field named,
 * not a TypeError deep in a command. Deliberately lenient where the service is inconsistent
 * (nullable fields, keys that come and go by endpoint and by date): only what the mappers
 * rely on is required. Unknown keys are ignored.
 */
import { z } from 'zod';
import { UnexpectedResponseError } from './errors.ts';

const text = z.string().nullish();
const count = z.number().nullish();
const texts = z.array(z.string()).nullish();

export const rawArtist = z.object({
  id: z.number(),
  name: text,
  tns: texts,
  alias: texts,
  trans: text,
  picUrl: text,
  img1v1Url: text,
  albumSize: count,
  musicSize: count,
  briefDesc: text,
});

export const rawAlbumRef = z.object({
  id: z.number(),
  name: text,
  picUrl: text,
  blurPicUrl: text,
});

/** Per-listener rights for one song (song detail `privileges[]`, cloudsearch `privilege`). */
export const rawPrivilege = z.object({
  id: z.number(),
  fee: count,
  payed: count,
  st: count,
  pl: count,
  dl: count,
  maxbr: count,
  maxBrLevel: text,
  plLevel: text,
});

/**
 * A song in either shape: new (`ar`, `al`, `dt`: cloudsearch, details, playlists) or old
 * (`artists`, `album`, `duration`: search/get, suggest, FM). One schema with both sets of keys
 * optional keeps the mapper simple and tolerates the mixes seen in the wild.
 */
export const rawSong = z.object({
  id: z.number(),
  name: text,
  ar: z.array(rawArtist).nullish(),
  al: rawAlbumRef.nullish(),
  dt: count,
  artists: z.array(rawArtist).nullish(),
  album: rawAlbumRef.nullish(),
  duration: count,
  fee: count,
  alia: texts,
  alias: texts,
  tns: texts,
  transNames: texts,
  noCopyrightRcmd: z.unknown().optional(),
  privilege: rawPrivilege.nullish(),
});

export const rawAlbum = rawAlbumRef.extend({
  artist: rawArtist.nullish(),
  artists: z.array(rawArtist).nullish(),
  publishTime: count,
  size: count,
  description: text,
  songs: z.array(rawSong).nullish(),
});

export const rawUser = z.object({
  userId: z.number(),
  nickname: text,
  avatarUrl: text,
});

export const rawPlaylist = z.object({
  id: z.number(),
  name: text,
  coverImgUrl: text,
  description: text,
  creator: rawUser.nullish(),
  trackCount: count,
  playCount: count,
  tracks: z.array(rawSong).nullish(),
  trackIds: z.array(z.object({ id: z.number() })).nullish(),
});

export const rawComment = z.object({
  commentId: z.number(),
  content: text,
  time: z.number(),
  likedCount: count,
  user: rawUser,
  beReplied: z.array(z.object({ content: text, user: z.object({ nickname: text }).nullish() })).nullish(),
  ipLocation: z.object({ location: text }).nullish(),
});

// --- Whole answers, one per endpoint family -------------------------------------------------

export const cloudsearchResponse = z.object({
  result: z
    .object({
      songs: z.array(rawSong).nullish(),
      songCount: count,
      albums: z.array(rawAlbum).nullish(),
      albumCount: count,
      artists: z.array(rawArtist).nullish(),
      artistCount: count,
      playlists: z.array(rawPlaylist).nullish(),
      playlistCount: count,
      userprofiles: z.array(rawUser).nullish(),
      userprofileCount: count,
      hasMore: z.boolean().nullish(),
    })
    .nullish(),
});

export const suggestResponse = z.object({
  result: z
    .object({
      songs: z.array(rawSong).nullish(),
      artists: z.array(rawArtist).nullish(),
      albums: z.array(rawAlbumRef).nullish(),
      playlists: z.array(z.object({ id: z.number(), name: text })).nullish(),
      order: texts,
    })
    .nullish(),
});

export const hotSearchResponse = z.object({
  data: z.array(z.object({ searchWord: z.string(), score: count, content: text })).nullish(),
});

export const songDetailResponse = z.object({
  songs: z.array(rawSong),
  privileges: z.array(rawPrivilege).nullish(),
});

export const songUrlResponse = z.object({
  data: z.array(
    z.object({
      id: z.number(),
      url: text,
      br: count,
      size: count,
      code: count,
      expi: count,
      type: text,
      level: text,
      encodeType: text,
      fee: count,
      time: count,
      freeTrialInfo: z.object({ start: z.number(), end: z.number() }).nullish(),
    }),
  ),
});

const rawLyric = z.object({ lyric: text }).nullish();

export const lyricResponse = z.object({
  lrc: rawLyric,
  tlyric: rawLyric,
  romalrc: rawLyric,
  nolyric: z.boolean().nullish(),
  uncollected: z.boolean().nullish(),
  pureMusic: z.boolean().nullish(),
  lyricUser: z.object({ nickname: text }).nullish(),
  transUser: z.object({ nickname: text }).nullish(),
});

export const hotCommentsResponse = z.object({
  hotComments: z.array(rawComment).nullish(),
  total: count,
  hasMore: z.boolean().nullish(),
});

export const newCommentsResponse = z.object({
  data: z.object({
    comments: z.array(rawComment).nullish(),
    totalCount: count,
    hasMore: z.boolean().nullish(),
    cursor: z.union([z.string(), z.number()]).nullish(),
  }),
});

export const toplistResponse = z.object({
  list: z.array(
    z.object({
      id: z.number(),
      name: text,
      coverImgUrl: text,
      description: text,
      updateFrequency: text,
      trackCount: count,
      playCount: count,
    }),
  ),
});

export const playlistDetailResponse = z.object({
  playlist: rawPlaylist,
  privileges: z.array(rawPrivilege).nullish(),
});

export const albumResponse = z.object({
  album: rawAlbum,
  songs: z.array(rawSong).nullish(),
});

export const artistResponse = z.object({
  artist: rawArtist,
  hotSongs: z.array(rawSong).nullish(),
});

export const artistAlbumsResponse = z.object({
  hotAlbums: z.array(rawAlbum).nullish(),
  more: z.boolean().nullish(),
});

export const qrKeyResponse = z.object({ unikey: z.string().min(1) });

export const qrCheckResponse = z.object({
  code: z.number(),
  message: text,
  nickname: text,
  avatarUrl: text,
  cookie: text,
});

export const accountResponse = z.object({
  account: z
    .object({ id: z.number(), userName: text, vipType: count, anonimousUser: z.boolean().nullish() })
    .nullish(),
  profile: z.object({ userId: z.number(), nickname: text, avatarUrl: text, vipType: count }).nullish(),
});

export const userPlaylistsResponse = z.object({
  playlist: z.array(rawPlaylist).nullish(),
  more: z.boolean().nullish(),
});

export const dailySongsResponse = z.object({
  data: z.object({ dailySongs: z.array(rawSong).nullish() }),
});

export const personalFmResponse = z.object({ data: z.array(rawSong).nullish() });

export type RawSong = z.infer<typeof rawSong>;
export type RawPrivilege = z.infer<typeof rawPrivilege>;
export type RawArtist = z.infer<typeof rawArtist>;
export type RawAlbum = z.infer<typeof rawAlbum>;
export type RawAlbumRef = z.infer<typeof rawAlbumRef>;
export type RawPlaylist = z.infer<typeof rawPlaylist>;
export type RawComment = z.infer<typeof rawComment>;
export type RawUser = z.infer<typeof rawUser>;

/** Checks a body against its schema; a mismatch names the first bad field. */
export function parseRaw<T extends z.ZodType>(schema: T, body: unknown, path: string): z.infer<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : '(root)';
  throw new UnexpectedResponseError(
    `NetEase answer to ${path} has an unexpected shape at ${where}: ${issue?.message ?? 'invalid'}`,
    { path, cause: result.error },
  );
}
