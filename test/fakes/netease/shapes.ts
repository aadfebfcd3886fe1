/**
 * The service's raw JSON shapes, built from catalogue entries. NetEase describes the same song
 * in two styles (new: `ar/al/dt`, old: `artists/album/duration`) and nests artists and albums
 * differently per endpoint; one builder per shape keeps the fake's answers mutually consistent.
 * Field sets follow real responses closely enough that a client reading the documented keys
 * meets the same nulls and extra keys it would in production.
 */
import { encryptedId } from '../../../src/netease/crypto.ts';
import { reportedSize } from './audio.ts';
import type { FakeAlbum, FakeArtist, FakeCreator, FakeSong, FakeUser, Level } from './catalog.ts';
import { albumById, albumsOfArtist, artistById, LEVELS, songsOfAlbum, songsOfArtist } from './catalog.ts';
import { grantFor, isVip, TIER_BR } from './rights.ts';

export function imageUrl(picId: string): string {
  return `https://p1.music.126.net/${encryptedId(picId)}/${picId}.jpg`;
}

function artistOf(id: number): FakeArtist {
  const artist = artistById(id);
  if (!artist) throw new Error(`fixture error: unknown artist ${id}`);
  return artist;
}

function albumOf(song: FakeSong): FakeAlbum {
  const album = albumById(song.albumId);
  if (!album) throw new Error(`fixture error: unknown album ${song.albumId}`);
  return album;
}

function levelsOf(song: FakeSong): Level[] {
  return LEVELS.slice(0, LEVELS.indexOf(song.maxLevel) + 1);
}

/** The `l/m/h/sq/hr` quality objects of a new-style song; null where the level does not exist. */
function quality(song: FakeSong, level: Level): Record<string, unknown> | null {
  if (!levelsOf(song).includes(level)) return null;
  return {
    br: TIER_BR[level],
    fid: 0,
    size: reportedSize(song, level),
    vd: -48_811,
    sr: level === 'hires' ? 96000 : 44100,
  };
}

// ---- new style (cloudsearch, v3 song detail, playlist tracks, album songs) ----

export function songNew(song: FakeSong): Record<string, unknown> {
  const album = albumOf(song);
  return {
    name: song.name,
    id: song.id,
    pst: 0,
    t: 0,
    ar: song.artistIds.map((id) => {
      const artist = artistOf(id);
      return { id: artist.id, name: artist.name, tns: [], alias: [] };
    }),
    alia: song.alia,
    pop: song.pop,
    st: 0,
    rt: '',
    fee: song.fee,
    v: 37,
    crbt: null,
    cf: '',
    al: {
      id: album.id,
      name: album.name,
      picUrl: imageUrl(album.picId),
      tns: [],
      pic_str: album.picId,
      pic: Number(album.picId),
    },
    dt: song.durationMs,
    h: quality(song, 'exhigh'),
    m: quality(song, 'higher'),
    l: quality(song, 'standard'),
    sq: quality(song, 'lossless'),
    hr: quality(song, 'hires'),
    a: null,
    cd: '01',
    no: song.no,
    rtUrl: null,
    ftype: 0,
    rtUrls: [],
    djId: 0,
    copyright: 1,
    s_id: 0,
    mark: 8192,
    originCoverType: 0,
    originSongSimpleData: null,
    tagPicList: null,
    resourceState: true,
    version: 37,
    songJumpInfo: null,
    entertainmentTags: null,
    awardTags: null,
    single: 0,
    noCopyrightRcmd: song.grey
      ? { type: 0, typeDesc: '暂无版权推荐', songId: null, thirdPartySong: null }
      : null,
    mv: song.mv,
    rtype: 0,
    rurl: null,
    mst: 9,
    cp: 7003,
    publishTime: song.publishTime,
    ...(song.tns.length > 0 ? { tns: song.tns } : {}),
  };
}

/** `privileges[]` entry: what this caller may do with the song. */
export function privilege(song: FakeSong, user: FakeUser | undefined): Record<string, unknown> {
  const grant = grantFor(song, user);
  const maxbr = song.grey ? 0 : TIER_BR[song.maxLevel];
  const playLevel = grant.kind === 'full' ? grant.maxLevel : undefined;
  const pl = playLevel ? TIER_BR[playLevel] : 0;
  const freeLevel: Level | undefined =
    song.grey || song.fee === 1 || song.fee === 4 ? undefined : song.fee === 8 ? 'exhigh' : song.maxLevel;
  const fl = freeLevel ? Math.min(TIER_BR[freeLevel], maxbr) : 0;
  const dlLevel = playLevel && (isVip(user) || song.fee === 0) ? playLevel : undefined;
  return {
    id: song.id,
    fee: song.fee,
    payed: 0,
    realPayed: 0,
    st: song.grey ? -200 : 0,
    pl,
    dl: dlLevel ? TIER_BR[dlLevel] : 0,
    sp: song.grey ? 0 : 7,
    cp: song.grey ? 0 : 1,
    subp: song.grey ? 0 : 1,
    cs: false,
    maxbr,
    fl,
    pc: null,
    toast: false,
    flag: song.grey ? 0 : 4,
    paidBigBang: false,
    preSell: false,
    playMaxbr: maxbr,
    downloadMaxbr: maxbr,
    maxBrLevel: song.grey ? 'none' : song.maxLevel,
    playMaxBrLevel: song.grey ? 'none' : song.maxLevel,
    downloadMaxBrLevel: song.grey ? 'none' : song.maxLevel,
    plLevel: playLevel ?? 'none',
    dlLevel: dlLevel ?? 'none',
    flLevel: freeLevel ?? 'none',
    rscl: null,
    freeTrialPrivilege: {
      resConsumable: false,
      userConsumable: false,
      listenType: grant.kind === 'trial' ? 0 : null,
      cannotListenReason: grant.kind === 'none' ? 1 : null,
      playReason: null,
    },
    rightSource: 0,
    chargeInfoList: levelsOf(song).map((level) => ({
      rate: TIER_BR[level],
      chargeUrl: null,
      chargeMessage: null,
      chargeType: song.fee === 1 || (level !== 'standard' && level !== 'higher' && song.fee === 8) ? 1 : 0,
    })),
    code: 0,
    message: null,
  };
}

/** cloudsearch songs carry their privilege inline. */
export function songNewWithPrivilege(song: FakeSong, user: FakeUser | undefined): Record<string, unknown> {
  return { ...songNew(song), privilege: privilege(song, user) };
}

// ---- old style (search/get, suggest, personal FM, legacy song/detail) ----

export function artistOld(artist: FakeArtist): Record<string, unknown> {
  return {
    id: artist.id,
    name: artist.name,
    picUrl: imageUrl(artist.picId),
    alias: artist.alias,
    albumSize: 0,
    picId: 0,
    fansGroup: null,
    img1v1Url: imageUrl(artist.picId),
    img1v1: 0,
    trans: artist.trans ?? null,
  };
}

export function albumOld(album: FakeAlbum): Record<string, unknown> {
  const first = artistOf(album.artistIds[0]!);
  return {
    id: album.id,
    name: album.name,
    artist: { ...artistOld(first), picUrl: null, img1v1Url: imageUrl(first.picId) },
    publishTime: album.publishTime,
    size: songsOfAlbum(album.id).length,
    copyrightId: 7003,
    status: 1,
    picId: Number(album.picId),
    mark: 0,
    ...(album.alias.length > 0 ? { alia: album.alias } : {}),
  };
}

export function songOld(song: FakeSong): Record<string, unknown> {
  return {
    id: song.id,
    name: song.name,
    artists: song.artistIds.map((id) => ({ ...artistOld(artistOf(id)), picUrl: null })),
    album: albumOld(albumOf(song)),
    duration: song.durationMs,
    copyrightId: 7003,
    status: song.grey ? -1 : 0,
    alias: song.alia,
    rtype: 0,
    ftype: 0,
    mvid: song.mv,
    fee: song.fee,
    rUrl: null,
    mark: 8192,
    ...(song.tns.length > 0 ? { transNames: song.tns } : {}),
  };
}

// ---- albums and artists (album pages, artist pages, search types 10/100) ----

export function artistFull(artist: FakeArtist): Record<string, unknown> {
  return {
    img1v1Id: Number(artist.picId),
    topicPerson: 0,
    picId: Number(artist.picId),
    musicSize: songsOfArtist(artist.id).length,
    albumSize: albumsOfArtist(artist.id).length,
    briefDesc: artist.briefDesc,
    followed: false,
    img1v1Url: imageUrl(artist.picId),
    trans: artist.trans ?? '',
    alias: artist.alias,
    picUrl: imageUrl(artist.picId),
    name: artist.name,
    id: artist.id,
    picId_str: artist.picId,
    img1v1Id_str: artist.picId,
    mvSize: artist.mvSize,
    publishTime: 0,
  };
}

export function albumFull(album: FakeAlbum): Record<string, unknown> {
  const artists = album.artistIds.map((id) => artistFull(artistOf(id)));
  return {
    songs: [],
    paid: false,
    onSale: false,
    mark: 0,
    awardTags: null,
    blurPicUrl: imageUrl(album.picId),
    companyId: 0,
    pic: Number(album.picId),
    artists,
    copyrightId: 7003,
    picId: Number(album.picId),
    artist: artists[0],
    publishTime: album.publishTime,
    company: album.company,
    briefDesc: '',
    picUrl: imageUrl(album.picId),
    commentThreadId: `R_AL_3_${album.id}`,
    tags: '',
    description: album.description,
    status: 1,
    subType: '录音室版',
    alias: album.alias,
    name: album.name,
    id: album.id,
    type: album.type,
    size: songsOfAlbum(album.id).length,
    picId_str: album.picId,
  };
}

// ---- people ----

export function profileOf(person: FakeUser | FakeCreator): Record<string, unknown> {
  const user = 'vipType' in person ? person : undefined;
  return {
    userId: person.userId,
    nickname: person.nickname,
    avatarUrl: imageUrl(person.avatarImgId),
    avatarImgId: Number(person.avatarImgId),
    avatarImgIdStr: person.avatarImgId,
    backgroundUrl: imageUrl('109951162868128395'),
    signature: person.signature,
    description: '',
    detailDescription: '',
    vipType: user?.vipType ?? 0,
    userType: user ? 0 : 4,
    accountStatus: 0,
    authStatus: user ? 0 : 1,
    gender: user?.gender ?? 0,
    birthday: user?.birthday ?? 0,
    province: user?.province ?? 110000,
    city: user?.city ?? 110101,
    defaultAvatar: false,
    followed: false,
    mutual: false,
    djStatus: 0,
    expertTags: null,
    experts: {},
  };
}
