import { describe, expect, it } from 'vitest';
import {
  formatLrc,
  formatStamp,
  isCreditText,
  type LrcLine,
  lineAt,
  linesAround,
  mergeLyrics,
  parseLrc,
  parseLyrics,
} from '../../src/netease/lrc.ts';
import type { LyricLine } from '../../src/netease/models.ts';

// Samples are written for these tests (invented words), shaped like what NetEase really serves:
// JSON credit lines first, " 作词 : " credits, CRLF from Windows uploaders, a BOM, chorus lines with
// several stamps, translations re-timed by a few ms.

const ZH_LRC = [
  '\uFEFF{"t":0,"c":[{"tx":"作词: "},{"tx":"林小风","li":"http://p1.music.126.net/x.jpg","or":"orpheus://nm/artist/home?id=1&type=artist"}]}',
  '{"t":1000,"c":[{"tx":"作曲: "},{"tx":"陈雨"}]}',
  '[00:02.000] 编曲 : 王一',
  '[00:12.30]窗外的雨停了',
  '[00:17.85]我还在等那封信 ',
  '',
  '[00:23.10][01:05.40]晴天会回来吗',
  '[00:29.00]',
  '[00:58.20]风吹过旧街角',
  '[01:10.00]未经著作权人许可 不得翻唱翻录或使用',
  '',
].join('\r\n');

const ZH_TLYRIC = [
  '[by:译者小明]',
  '[00:12.30]The rain outside has stopped',
  '[00:17.852]I am still waiting for that letter',
  '[00:23.10]Will the sunny days come back',
  '[01:05.40]Will the sunny days come back',
  '[00:58.20]',
].join('\n');

const JA_LRC = [
  '[ti:夜明けの歌]',
  '[ar:テスト歌手]',
  '[al:テストアルバム]',
  '[00:00.000] 作词 : 山田花子',
  '[00:00.500] 作曲 : 鈴木一郎',
  '[00:15.120]夜が明けるまで',
  '[00:19.800]君の声を探してた',
  '[00:24.400]Oh oh',
  '[00:26.000]ラララ',
].join('\n');

const JA_ROMALRC = [
  '[by:roma]',
  '[00:15.120]yo ga akeru made',
  '[00:19.800]kimi no koe wo sagashiteta',
  '[00:24.400]Oh oh',
  '[00:26.000]ra ra ra',
].join('\n');

const JA_TLYRIC = [
  '[by:翻译君]',
  '[00:15.12]直到天亮',
  '[00:19.80]我一直在寻找你的声音',
  '[00:24.40]oh  OH',
  '[00:26.00]啦啦啦',
].join('\n');

describe('parseLrc: timestamps', () => {
  it('reads every timestamp shape NetEase files use', () => {
    const parsed = parseLrc(
      [
        '[00:01.23]hundredths',
        '[00:02.345]milliseconds',
        '[00:03]no fraction',
        '[0:04.5]one-digit minute, tenths',
        '[00:05:67]colon before the fraction',
        '[ 00:06.07 ]padded',
        '[00:07.0505]too many digits',
      ].join('\n'),
    );
    expect(parsed.synced).toBe(true);
    expect(parsed.lines).toEqual([
      { timeMs: 1230, text: 'hundredths' },
      { timeMs: 2345, text: 'milliseconds' },
      { timeMs: 3000, text: 'no fraction' },
      { timeMs: 4500, text: 'one-digit minute, tenths' },
      { timeMs: 5670, text: 'colon before the fraction' },
      { timeMs: 6070, text: 'padded' },
      { timeMs: 7050, text: 'too many digits' },
    ]);
  });

  it('counts minutes past an hour (no hour field in LRC)', () => {
    const parsed = parseLrc('[59:59.99]almost\n[60:00.00]one hour\n[125:30.50]long mix');
    expect(parsed.lines).toEqual([
      { timeMs: 3_599_990, text: 'almost' },
      { timeMs: 3_600_000, text: 'one hour' },
      { timeMs: 7_530_500, text: 'long mix' },
    ]);
  });

  it('expands a line with several timestamps and sorts stably by time', () => {
    const parsed = parseLrc(
      [
        '[00:30.00]verse two',
        '[00:12.00][01:30.50] [00:50.00]chorus',
        '[00:12.00]same time, later in file',
        '[00:01.00]intro',
      ].join('\n'),
    );
    expect(parsed.lines).toEqual([
      { timeMs: 1000, text: 'intro' },
      { timeMs: 12_000, text: 'chorus' },
      { timeMs: 12_000, text: 'same time, later in file' },
      { timeMs: 30_000, text: 'verse two' },
      { timeMs: 50_000, text: 'chorus' },
      { timeMs: 90_500, text: 'chorus' },
    ]);
  });

  it('drops exact duplicates but keeps different text at the same time', () => {
    const parsed = parseLrc('[00:05.00]first\n[00:05.00]first\n[00:05.00]also at five\n[00:05.000]first');
    expect(parsed.lines).toEqual([
      { timeMs: 5000, text: 'first' },
      { timeMs: 5000, text: 'also at five' },
    ]);
  });

  it('strips enhanced-LRC word timings from the text', () => {
    expect(parseLrc('[00:01.00]<00:01.00>Hello <00:01.50>world').lines).toEqual([
      { timeMs: 1000, text: 'Hello world' },
    ]);
  });
});

describe('parseLrc: offset', () => {
  it('applies a positive offset by showing lyrics earlier, clamped at zero', () => {
    const parsed = parseLrc(
      [
        '[offset:+500]',
        '[00:10.00]second',
        '[00:05.00]first',
        '[61:00.50]past an hour',
        '[00:00.20]clamped',
      ].join('\n'),
    );
    expect(parsed.metadata.offsetMs).toBe(500);
    expect(parsed.lines).toEqual([
      { timeMs: 0, text: 'clamped' },
      { timeMs: 4500, text: 'first' },
      { timeMs: 9500, text: 'second' },
      { timeMs: 3_660_000, text: 'past an hour' },
    ]);
  });

  it('applies a negative offset by showing lyrics later, even when the tag comes last', () => {
    const parsed = parseLrc('[00:01.00]a\n[00:02.00]b\n[offset: -250]');
    expect(parsed.metadata.offsetMs).toBe(-250);
    expect(parsed.lines).toEqual([
      { timeMs: 1250, text: 'a' },
      { timeMs: 2250, text: 'b' },
    ]);
  });

  it('ignores an unreadable offset', () => {
    const parsed = parseLrc('[offset:soon]\n[00:01.00]a');
    expect(parsed.metadata.offsetMs).toBe(0);
    expect(parsed.metadata.tags).toEqual({ offset: 'soon' });
    expect(parsed.lines).toEqual([{ timeMs: 1000, text: 'a' }]);
  });
});

describe('parseLrc: metadata, credits, breaks', () => {
  it('returns ID tags as metadata, not lines', () => {
    const parsed = parseLrc(
      [
        '[ti:Song [Live]]',
        '[ar:周杰伦]',
        '[al:叶惠美]',
        '[by:lyric_uploader]',
        '[au:方文山]',
        '[length: 04:29.50]',
        '[re:SomeEditor][ve:1.2]',
        '[00:01.00]line',
      ].join('\n'),
    );
    expect(parsed.metadata).toEqual({
      title: 'Song [Live]',
      artist: '周杰伦',
      album: '叶惠美',
      by: 'lyric_uploader',
      author: '方文山',
      lengthMs: 269_500,
      offsetMs: 0,
      tags: {
        ti: 'Song [Live]',
        ar: '周杰伦',
        al: '叶惠美',
        by: 'lyric_uploader',
        au: '方文山',
        length: '04:29.50',
        re: 'SomeEditor',
        ve: '1.2',
      },
    });
    expect(parsed.lines).toEqual([{ timeMs: 1000, text: 'line' }]);
  });

  it('reads [length:] given in plain seconds and keeps empty tags without fields', () => {
    const parsed = parseLrc('[length:215,3]\n[by:]\n[00:01.00]x');
    expect(parsed.metadata.lengthMs).toBe(215_300);
    expect(parsed.metadata.by).toBeUndefined();
    expect(parsed.metadata.tags).toEqual({ length: '215,3', by: '' });
  });

  it('parses the real-world Chinese sample: BOM, CRLF, JSON credits, breaks, chorus stamps', () => {
    const parsed = parseLrc(ZH_LRC);
    expect(parsed.synced).toBe(true);
    expect(parsed.untimed).toEqual([]);
    expect(parsed.lines).toEqual([
      { timeMs: 0, text: '作词: 林小风', credit: true },
      { timeMs: 1000, text: '作曲: 陈雨', credit: true },
      { timeMs: 2000, text: '编曲 : 王一', credit: true },
      { timeMs: 12_300, text: '窗外的雨停了' },
      { timeMs: 17_850, text: '我还在等那封信' },
      { timeMs: 23_100, text: '晴天会回来吗' },
      { timeMs: 29_000, text: '' },
      { timeMs: 58_200, text: '风吹过旧街角' },
      { timeMs: 65_400, text: '晴天会回来吗' },
      { timeMs: 70_000, text: '未经著作权人许可 不得翻唱翻录或使用', credit: true },
    ]);
  });

  it('keeps one break between phrases, drops leading, repeated and shadowed breaks', () => {
    const parsed = parseLrc(
      [
        '[00:00.00]',
        '[00:01.00]sung',
        '[00:04.00]',
        '[00:04.50]   ',
        '[00:08.00]',
        '[00:08.00]again',
        '[00:12.00]',
      ].join('\n'),
    );
    expect(parsed.lines).toEqual([
      { timeMs: 1000, text: 'sung' },
      { timeMs: 4000, text: '' },
      { timeMs: 8000, text: 'again' },
      { timeMs: 12_000, text: '' },
    ]);
  });

  it('treats a malformed JSON-looking line as text and drops untimed strays in a timed file', () => {
    const parsed = parseLrc('{"t":"zero","c":[]}\nstray words\n[00:01.00]real');
    expect(parsed.lines).toEqual([{ timeMs: 1000, text: 'real' }]);
    expect(parsed.untimed).toEqual([]);
  });

  it('returns a file without timestamps as untimed text with stanza breaks', () => {
    const parsed = parseLrc(
      '\uFEFF[ti:Plain]\r\n\r\n{"t":0,"c":[{"tx":"作词："},{"tx":"某人"}]}\r\nfirst line\r\nsecond line\r\n\r\n\r\n[Chorus]\r\nthird line\r\n\r\n',
    );
    expect(parsed.synced).toBe(false);
    expect(parsed.lines).toEqual([]);
    expect(parsed.metadata.title).toBe('Plain');
    expect(parsed.untimed).toEqual(['作词：某人', 'first line', 'second line', '', '[Chorus]', 'third line']);
  });

  it('gives an empty result for empty input', () => {
    expect(parseLrc('')).toEqual({
      synced: false,
      lines: [],
      untimed: [],
      metadata: { offsetMs: 0, tags: {} },
    });
  });

  it('recognises credit lines by role, not by any colon', () => {
    for (const credit of [
      '作词 : 周杰伦',
      '作詞：米津玄師',
      '编曲/和声 : 某人',
      '制作人 : 某人',
      'OP : 某公司',
      'Lyrics by: Someone',
      'Mixing Engineer : Someone',
      '词：某人',
    ]) {
      expect(isCreditText(credit), credit).toBe(true);
    }
    for (const lyric of ['我说：别走', 'Baby: come home', '窗外的雨停了', 'Time: 3 am']) {
      expect(isCreditText(lyric), lyric).toBe(false);
    }
  });
});

describe('mergeLyrics', () => {
  it('attaches a translation by time, tolerating a few ms, skipping credits and empty lines', () => {
    expect(mergeLyrics(parseLrc(ZH_LRC), { translation: parseLrc(ZH_TLYRIC) })).toEqual([
      { timeMs: 0, text: '作词: 林小风' },
      { timeMs: 1000, text: '作曲: 陈雨' },
      { timeMs: 2000, text: '编曲 : 王一' },
      { timeMs: 12_300, text: '窗外的雨停了', translation: 'The rain outside has stopped' },
      { timeMs: 17_850, text: '我还在等那封信', translation: 'I am still waiting for that letter' },
      { timeMs: 23_100, text: '晴天会回来吗', translation: 'Will the sunny days come back' },
      { timeMs: 29_000, text: '' },
      { timeMs: 58_200, text: '风吹过旧街角' },
      { timeMs: 65_400, text: '晴天会回来吗', translation: 'Will the sunny days come back' },
      { timeMs: 70_000, text: '未经著作权人许可 不得翻唱翻录或使用' },
    ]);
  });

  it('merges romanization and translation for Japanese, dropping ones equal to the original', () => {
    expect(
      mergeLyrics(parseLrc(JA_LRC), { translation: parseLrc(JA_TLYRIC), romanization: parseLrc(JA_ROMALRC) }),
    ).toEqual([
      { timeMs: 0, text: '作词 : 山田花子' },
      { timeMs: 500, text: '作曲 : 鈴木一郎' },
      { timeMs: 15_120, text: '夜が明けるまで', translation: '直到天亮', romanization: 'yo ga akeru made' },
      {
        timeMs: 19_800,
        text: '君の声を探してた',
        translation: '我一直在寻找你的声音',
        romanization: 'kimi no koe wo sagashiteta',
      },
      { timeMs: 24_400, text: 'Oh oh' },
      { timeMs: 26_000, text: 'ラララ', translation: '啦啦啦', romanization: 'ra ra ra' },
    ]);
  });

  it('does not attach a translation further away than the tolerance', () => {
    const orig: LrcLine[] = [{ timeMs: 1000, text: 'a' }];
    expect(mergeLyrics(orig, { translation: [{ timeMs: 1301, text: '甲' }] })).toEqual([
      { timeMs: 1000, text: 'a' },
    ]);
    expect(mergeLyrics(orig, { translation: [{ timeMs: 700, text: '甲' }] })).toEqual([
      { timeMs: 1000, text: 'a', translation: '甲' },
    ]);
    expect(mergeLyrics(orig, { translation: [{ timeMs: 1400, text: '甲' }] }, { toleranceMs: 500 })).toEqual([
      { timeMs: 1000, text: 'a', translation: '甲' },
    ]);
  });

  it('gives a near translation to the closest line, and uses each translation once', () => {
    const orig: LrcLine[] = [
      { timeMs: 1000, text: 'a' },
      { timeMs: 1250, text: 'b' },
      { timeMs: 5000, text: 'c' },
      { timeMs: 5000, text: 'd' },
    ];
    const translation: LrcLine[] = [
      { timeMs: 1240, text: '乙' },
      { timeMs: 5000, text: '丙' },
      { timeMs: 5000, text: '丁' },
    ];
    expect(mergeLyrics(orig, { translation })).toEqual([
      { timeMs: 1000, text: 'a' },
      { timeMs: 1250, text: 'b', translation: '乙' },
      { timeMs: 5000, text: 'c', translation: '丙' },
      { timeMs: 5000, text: 'd', translation: '丁' },
    ]);
  });

  it('lets an exact match win over a nearer-in-order neighbour', () => {
    // Line a has no translation of its own (the translator left it empty); b's translation must
    // not drift up to a.
    const orig: LrcLine[] = [
      { timeMs: 1000, text: 'a' },
      { timeMs: 1200, text: 'b' },
    ];
    const translation: LrcLine[] = [
      { timeMs: 1000, text: '' },
      { timeMs: 1200, text: '乙' },
    ];
    expect(mergeLyrics(orig, { translation })).toEqual([
      { timeMs: 1000, text: 'a' },
      { timeMs: 1200, text: 'b', translation: '乙' },
    ]);
  });

  it('never shows a translation on a credit, nor lets the credit translation drift to a lyric', () => {
    const orig: LrcLine[] = [
      { timeMs: 0, text: '作词 : 某人', credit: true },
      { timeMs: 0, text: '歌名 - 歌手' },
      { timeMs: 100, text: 'first' },
    ];
    const translation: LrcLine[] = [
      { timeMs: 0, text: 'Title - Singer' },
      { timeMs: 0, text: 'Lyrics by someone' },
      { timeMs: 150, text: '作曲 : x', credit: true },
    ];
    expect(mergeLyrics(orig, { translation })).toEqual([
      { timeMs: 0, text: '作词 : 某人' },
      { timeMs: 0, text: '歌名 - 歌手', translation: 'Title - Singer' },
      { timeMs: 100, text: 'first' },
    ]);
  });

  it('returns plain lines with no extras', () => {
    expect(mergeLyrics([{ timeMs: 1, text: 'x' }])).toEqual([{ timeMs: 1, text: 'x' }]);
    // Case and spacing differences alone do not make a translation.
    expect(
      mergeLyrics([{ timeMs: 1, text: 'Hey  Jude' }], { translation: [{ timeMs: 1, text: 'hey jude' }] }),
    ).toEqual([{ timeMs: 1, text: 'Hey  Jude' }]);
    expect(mergeLyrics([])).toEqual([]);
  });
});

describe('lineAt and linesAround', () => {
  const lines: LyricLine[] = [
    { timeMs: 1000, text: 'a' },
    { timeMs: 2000, text: 'b' },
    { timeMs: 2000, text: 'b2' },
    { timeMs: 3000, text: '' },
    { timeMs: 4000, text: 'c' },
    { timeMs: 5000, text: 'd' },
  ];

  it('finds the line being sung', () => {
    expect(lineAt([], 1000)).toBe(-1);
    expect(lineAt(lines, 0)).toBe(-1);
    expect(lineAt(lines, 999)).toBe(-1);
    expect(lineAt(lines, 1000)).toBe(0);
    expect(lineAt(lines, 1999)).toBe(0);
    expect(lineAt(lines, 2000)).toBe(2);
    expect(lineAt(lines, 3500)).toBe(3);
    expect(lineAt(lines, 4000)).toBe(4);
    expect(lineAt(lines, 999_999)).toBe(5);
    expect(lineAt(lines, Number.NaN)).toBe(-1);
  });

  it('agrees with a linear scan on a large input', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ timeMs: Math.floor(i / 3) * 7 }));
    for (let t = -5; t < 2400; t += 3) {
      let expected = -1;
      for (let i = 0; i < many.length; i++) if (many[i]!.timeMs <= t) expected = i;
      expect(lineAt(many, t)).toBe(expected);
    }
  });

  it('gives a window around the current line', () => {
    expect(linesAround(lines, 4100, 1, 1)).toEqual({ index: 4, start: 3, lines: lines.slice(3, 6) });
    expect(linesAround(lines, 1000, 2, 2)).toEqual({ index: 0, start: 0, lines: lines.slice(0, 3) });
    expect(linesAround(lines, 9000, 2, 2)).toEqual({ index: 5, start: 3, lines: lines.slice(3, 6) });
    expect(linesAround(lines, 2500, 0, 0)).toEqual({ index: 2, start: 2, lines: [lines[2]] });
  });

  it('shows what comes next before the first line', () => {
    expect(linesAround(lines, 0, 2, 2)).toEqual({ index: -1, start: 0, lines: lines.slice(0, 2) });
    expect(linesAround(lines, 0, 2, 0)).toEqual({ index: -1, start: 0, lines: [] });
    expect(linesAround([], 0, 2, 2)).toEqual({ index: -1, start: 0, lines: [] });
  });

  it('treats negative or fractional counts sanely', () => {
    expect(linesAround(lines, 4100, -3, 1.9)).toEqual({ index: 4, start: 4, lines: lines.slice(4, 6) });
  });
});

describe('formatLrc', () => {
  const merged: LyricLine[] = [
    { timeMs: 0, text: '作词 : 某人' },
    { timeMs: 15_120, text: '夜が明けるまで', translation: '直到天亮', romanization: 'yo ga akeru made' },
    { timeMs: 29_000, text: '' },
    { timeMs: 3_725_678, text: 'late\nline' },
  ];

  it('writes translations as separate lines with the same timestamp by default', () => {
    expect(formatLrc(merged, { tags: { ti: '夜明けの歌', ar: 'テスト歌手', al: undefined } })).toBe(
      [
        '[ti:夜明けの歌]',
        '[ar:テスト歌手]',
        '[00:00.00]作词 : 某人',
        '[00:15.12]夜が明けるまで',
        '[00:15.12]直到天亮',
        '[00:29.00]',
        '[62:05.68]late line',
        '',
      ].join('\n'),
    );
  });

  it('can write extras inline, romanization before translation, or omit them', () => {
    expect(formatLrc(merged.slice(1, 2), { translation: 'inline', romanization: 'inline' })).toBe(
      '[00:15.12]夜が明けるまで / yo ga akeru made / 直到天亮\n',
    );
    expect(formatLrc(merged.slice(1, 2), { translation: 'separate', romanization: 'separate' })).toBe(
      '[00:15.12]夜が明けるまで\n[00:15.12]yo ga akeru made\n[00:15.12]直到天亮\n',
    );
    expect(formatLrc(merged.slice(1, 2), { translation: 'omit' })).toBe('[00:15.12]夜が明けるまで\n');
    expect(formatLrc([])).toBe('');
  });

  it('rounds to centiseconds without ever writing 60 seconds', () => {
    expect(formatStamp(0)).toBe('[00:00.00]');
    expect(formatStamp(12_345)).toBe('[00:12.35]');
    expect(formatStamp(59_996)).toBe('[01:00.00]');
    expect(formatStamp(6_000_000)).toBe('[100:00.00]');
  });

  it('round-trips through parseLrc', () => {
    const lines: LyricLine[] = [
      { timeMs: 1230, text: 'a' },
      { timeMs: 4000, text: '' },
      { timeMs: 3_600_010, text: 'b' },
    ];
    expect(parseLrc(formatLrc(lines)).lines).toEqual(lines);
    const withTranslation = mergeLyrics(parseLrc(ZH_LRC), { translation: parseLrc(ZH_TLYRIC) });
    const reparsed = parseLrc(formatLrc(withTranslation, { translation: 'omit' }));
    expect(reparsed.lines.map((l) => [l.timeMs, l.text])).toEqual(
      withTranslation.map((l) => [l.timeMs, l.text]),
    );
  });
});

describe('parseLyrics', () => {
  it('maps a full lyric answer with translation, romanization and contributors', () => {
    const lyrics = parseLyrics(
      {
        lrc: { lyric: JA_LRC },
        tlyric: { lyric: JA_TLYRIC },
        romalrc: { lyric: JA_ROMALRC },
        nolyric: null,
        lyricUser: { nickname: '上传者' },
        transUser: { nickname: ' 翻译者 ' },
      },
      1_234_567,
    );
    expect(lyrics).toEqual({
      songId: 1_234_567,
      instrumental: false,
      lines: mergeLyrics(parseLrc(JA_LRC), {
        translation: parseLrc(JA_TLYRIC),
        romanization: parseLrc(JA_ROMALRC),
      }),
      lrc: JA_LRC,
      translatedLrc: JA_TLYRIC,
      romanizedLrc: JA_ROMALRC,
      contributors: { lyrics: '上传者', translation: '翻译者' },
    });
    expect(lyrics.lines[2]).toEqual({
      timeMs: 15_120,
      text: '夜が明けるまで',
      translation: '直到天亮',
      romanization: 'yo ga akeru made',
    });
  });

  it('accepts already unwrapped strings and ignores blank translations', () => {
    expect(parseLyrics({ lrc: '[00:01.00]只有一句', tlyric: '  \n', romalrc: null }, 5)).toEqual({
      songId: 5,
      instrumental: false,
      lines: [{ timeMs: 1000, text: '只有一句' }],
      lrc: '[00:01.00]只有一句',
    });
  });

  it('marks nolyric and pureMusic answers instrumental', () => {
    expect(parseLyrics({ nolyric: true }, 1)).toEqual({ songId: 1, instrumental: true, lines: [] });
    expect(parseLyrics({ pureMusic: true, lrc: { lyric: '[00:00.00]作曲 : 某人' } }, 2)).toEqual({
      songId: 2,
      instrumental: true,
      lines: [],
    });
  });

  it('detects the "纯音乐，请欣赏" placeholder, even with credits around it', () => {
    expect(parseLyrics({ lrc: { lyric: '[99:00.00]纯音乐，请欣赏\n' } }, 3)).toEqual({
      songId: 3,
      instrumental: true,
      lines: [],
    });
    const withCredits = [
      '{"t":0,"c":[{"tx":"作曲: "},{"tx":"久石让"}]}',
      '[00:00.00] 作曲 : 久石让',
      '[00:01.00]此歌曲为没有填词的纯音乐，请您欣赏',
      '[00:02.00]',
    ].join('\n');
    expect(parseLyrics({ lrc: { lyric: withCredits } }, 4).instrumental).toBe(true);
    expect(parseLyrics({ lrc: '純音樂，請欣賞' }, 6).instrumental).toBe(true);
    // A real lyric that merely mentions 纯音乐 is not the placeholder.
    expect(parseLyrics({ lrc: '[00:01.00]纯音乐，请欣赏\n[00:05.00]然后我开始唱' }, 7).instrumental).toBe(
      false,
    );
  });

  it('returns unsynced lyrics as plain text with no lines', () => {
    expect(
      parseLyrics({ lrc: { lyric: '第一行\r\n第二行\r\n\r\n第三行\r\n' }, lyricUser: { nickname: null } }, 8),
    ).toEqual({
      songId: 8,
      instrumental: false,
      lines: [],
      plainText: '第一行\n第二行\n\n第三行',
    });
  });

  it('returns no lines and no text when NetEase has nothing', () => {
    expect(parseLyrics({ uncollected: true }, 9)).toEqual({ songId: 9, instrumental: false, lines: [] });
    expect(parseLyrics({ lrc: { lyric: null }, tlyric: { lyric: '' } }, 9)).toEqual({
      songId: 9,
      instrumental: false,
      lines: [],
    });
    expect(parseLyrics({ lrc: '[by:someone]', transUser: { nickname: '译者' } }, 9)).toEqual({
      songId: 9,
      instrumental: false,
      lines: [],
      contributors: { translation: '译者' },
    });
  });
});
