import { describe, expect, it } from 'vitest';
import {
  httpsUrl,
  songsWithPrivileges,
  toAlbumSummary,
  toArtist,
  toComment,
  toPlayabilityCheck,
  toQualityLevel,
  toSong,
} from '../../src/netease/mappers.ts';
import { parseRaw, rawSong } from '../../src/netease/raw-schemas.ts';

const NEW_STYLE = {
  id: 186016,
  name: '晴天',
  ar: [{ id: 6452, name: '周杰伦', tns: [], alias: [] }],
  al: { id: 18905, name: '叶惠美', picUrl: 'http://p1.music.126.net/x/109951.jpg', tns: [] },
  dt: 269_000,
  fee: 8,
  alia: [],
  tns: ['Sunny Day'],
  noCopyrightRcmd: null,
};

const OLD_STYLE = {
  id: 186016,
  name: '晴天',
  artists: [{ id: 6452, name: '周杰伦' }],
  album: { id: 18905, name: '叶惠美', picId: 1 },
  duration: 269_000,
  fee: 8,
  alias: ['Sunny'],
  mvid: 0,
};

describe('toSong', () => {
  it('maps the new shape, with https covers and aliases', () => {
    expect(toSong(parseRaw(rawSong, NEW_STYLE, 'test'))).toEqual({
      id: 186016,
      name: '晴天',
      aliases: ['Sunny Day'],
      artists: [{ id: 6452, name: '周杰伦' }],
      album: { id: 18905, name: '叶惠美', coverUrl: 'https://p1.music.126.net/x/109951.jpg' },
      durationMs: 269_000,
      playability: 'free',
      fee: 8,
    });
  });

  it('maps the old shape the same way', () => {
    const song = toSong(parseRaw(rawSong, OLD_STYLE, 'test'));
    expect(song).toMatchObject({
      id: 186016,
      artists: [{ id: 6452, name: '周杰伦' }],
      album: { id: 18905, name: '叶惠美' },
      durationMs: 269_000,
      aliases: ['Sunny'],
    });
  });

  it('derives playability from fee and copyright flags', () => {
    const raw = (extra: object) => parseRaw(rawSong, { ...NEW_STYLE, ...extra }, 'test');
    expect(toSong(raw({ fee: 1 })).playability).toBe('vip');
    expect(toSong(raw({ fee: 4 })).playability).toBe('paid');
    expect(toSong(raw({ fee: 0 })).playability).toBe('free');
    expect(toSong(raw({ fee: 0, noCopyrightRcmd: { type: 1 } })).playability).toBe('unavailable');
    expect(toSong(raw({ fee: 0 }), { id: 186016, st: -200 }).playability).toBe('unavailable');
  });

  it('takes the max level from the privilege', () => {
    expect(toSong(parseRaw(rawSong, NEW_STYLE, 'test'), { id: 1, maxBrLevel: 'lossless' }).maxLevel).toBe(
      'lossless',
    );
    expect(toSong(parseRaw(rawSong, NEW_STYLE, 'test'), { id: 1, maxBrLevel: 'jymaster' }).maxLevel).toBe(
      'hires',
    );
  });
});

describe('toPlayabilityCheck', () => {
  const raw = (fee: number) => parseRaw(rawSong, { ...NEW_STYLE, fee }, 'test');

  it('a VIP song without play rights is trial-only', () => {
    expect(toPlayabilityCheck(raw(1), { id: 186016, fee: 1, pl: 0, st: 0 })).toMatchObject({
      playability: 'vip',
      fullAccess: false,
    });
  });

  it('a VIP song with rights plays in full', () => {
    expect(toPlayabilityCheck(raw(1), { id: 186016, fee: 1, pl: 999000, st: 0 }).fullAccess).toBe(true);
  });

  it('without privilege data only free songs count as full', () => {
    expect(toPlayabilityCheck(raw(0)).fullAccess).toBe(true);
    expect(toPlayabilityCheck(raw(1)).fullAccess).toBe(false);
  });

  it('a grey song never plays', () => {
    expect(toPlayabilityCheck(raw(0), { id: 186016, st: -200, pl: 128000 })).toMatchObject({
      playability: 'unavailable',
      fullAccess: false,
    });
  });
});

describe('other mappers', () => {
  it('attach privileges by id', () => {
    const songs = songsWithPrivileges(
      [parseRaw(rawSong, NEW_STYLE, 't'), parseRaw(rawSong, { ...NEW_STYLE, id: 2 }, 't')],
      [{ id: 2, st: -1 }],
    );
    expect(songs.map((song) => song.playability)).toEqual(['free', 'unavailable']);
  });

  it('albums take artists from either key', () => {
    expect(toAlbumSummary({ id: 1, name: 'A', artist: { id: 9, name: 'X' }, size: 10 })).toMatchObject({
      artists: [{ id: 9, name: 'X' }],
      trackCount: 10,
    });
  });

  it('artists collect aliases and the translated name', () => {
    expect(toArtist({ id: 1, name: 'Jay', alias: ['周董'], trans: 'Jay Chou' }).aliases).toEqual([
      '周董',
      'Jay Chou',
    ]);
  });

  it('comments keep the comment they answer', () => {
    expect(
      toComment({
        commentId: 5,
        content: 'hi',
        time: 10,
        likedCount: 3,
        user: { userId: 1, nickname: 'n' },
        beReplied: [{ content: 'orig', user: { nickname: 'm' } }],
        ipLocation: { location: '上海' },
      }),
    ).toEqual({
      id: 5,
      user: { id: 1, nickname: 'n' },
      content: 'hi',
      likedCount: 3,
      time: 10,
      location: '上海',
      replyTo: { user: 'm', content: 'orig' },
    });
  });

  it('quality levels and urls', () => {
    expect(toQualityLevel('exhigh')).toBe('exhigh');
    expect(toQualityLevel('weird')).toBeUndefined();
    expect(httpsUrl('http://a/b')).toBe('https://a/b');
    expect(httpsUrl(null)).toBeUndefined();
  });
});

describe('parseRaw', () => {
  it('names the bad field instead of crashing', () => {
    expect(() => parseRaw(rawSong, { id: 'x' }, '/api/v3/song/detail')).toThrowError(
      expect.objectContaining({ code: 'unexpected_response', message: expect.stringContaining('at id') }),
    );
  });
});
