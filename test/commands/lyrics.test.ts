import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLyricsCommand } from '../../src/commands/lyrics.ts';
import type { CardReply, FileReply, Reply } from '../../src/commands/reply.ts';
import { plainText } from '../../src/commands/rich-text.ts';
import {
  LYRICS_PAGE_CHARS,
  type LyricBlock,
  lyricBlocks,
  paginateLyrics,
  renderLyricPage,
} from '../../src/commands/support/lyric-pages.ts';
import { SONGS } from '../fakes/netease/catalog.ts';
import { type CommandHarness, startCommandHarness } from '../helpers/command-harness.ts';
import { playbackDoublePlaying } from '../helpers/playback-double.ts';
import { buttonAction, buttonsOf, replyText } from '../helpers/reply-text.ts';

let h: CommandHarness;
beforeAll(async () => {
  h = await startCommandHarness();
});
afterAll(async () => {
  await h.close();
});

function asCard(reply: Reply | undefined): CardReply {
  if (reply?.kind !== 'card') throw new Error(`expected a card, got ${reply?.kind}: ${replyText(reply)}`);
  return reply;
}

function lyricsText(reply: Reply | undefined): string {
  return plainText(asCard(reply).description ?? '');
}

async function lyrics(text: string, overrides: Parameters<CommandHarness['context']>[0] = {}) {
  const { ctx } = h.context(overrides);
  return h.dispatcher.runText(ctx, 'lyrics', text);
}

const QINGTIAN_TEXT = [
  '作词 : 周杰伦',
  '作曲 : 周杰伦',
  '编曲 : 林迈可',
  '制作人 : 周杰伦',
  '操场边的风 翻开一页没写完的信',
  'The wind by the playground turns a page of an unfinished letter',
  '你在窗外数着 雨停下来的声音',
  'Outside the window you count the sound of the rain stopping',
  '我把晴天 折成一只纸飞机',
  'I fold the sunny day into a paper plane',
  '',
  '刮风那天 我试着握住你的手',
  'On the windy day I tried to hold your hand',
  '可是时间 不肯为谁停留',
  'But time would not stop for anyone',
  '如果说 晴天是写给你的诗',
  'If a sunny day is a poem I wrote for you',
  '结尾那一句 我还没想好',
  "I still haven't decided on the last line",
  '我把晴天 折成一只纸飞机',
  'I fold the sunny day into a paper plane',
  '如果说 晴天是写给你的诗',
  'If a sunny day is a poem I wrote for you',
  '',
  '如果说 晴天是写给你的诗',
  'If a sunny day is a poem I wrote for you',
  '雨下整夜 我的心也跟着湿透',
  'It rains all night and my heart is soaked too',
].join('\n');

describe('lyrics', () => {
  it('interleaves each line with its translation, the translation in italics', async () => {
    const card = asCard(await lyrics('晴天'));
    expect(card.title).toBe('晴天 — 周杰伦');
    expect(card.url).toBe('https://music.163.com/#/song?id=186016');
    expect(lyricsText(card)).toBe(QINGTIAN_TEXT);
    expect(JSON.stringify(card.description)).toContain(
      JSON.stringify({ italic: 'The wind by the playground turns a page of an unfinished letter' }),
    );
    expect(JSON.stringify(card.description)).not.toContain(
      JSON.stringify({ italic: '操场边的风 翻开一页没写完的信' }),
    );
    expect(card.footer).toBe('Lyrics by 晴天小分队 · Translation by 纸飞机');
    expect(buttonsOf(card).map((b) => b.label)).toEqual(['.lrc file']);
  });

  it('sends the .lrc file with translation from its button', async () => {
    const card = await lyrics('晴天');
    const { ctx } = h.context();
    const file = await h.dispatcher.runAction(
      ctx,
      await h.dispatcher.encodeAction(buttonAction(card, '.lrc file')),
    );
    expect(file?.kind).toBe('file');
    const { filename, data, caption } = file as FileReply;
    expect(filename).toBe('周杰伦 - 晴天.lrc');
    expect(plainText(caption ?? '')).toBe('Lyrics of 晴天 — 周杰伦, with timestamps');
    const text = data.toString('utf8');
    expect(
      text.startsWith(
        '\uFEFF[ti:晴天]\n[ar:周杰伦]\n[al:叶惠美]\n[by:晴天小分队]\n[00:00.00]作词 : 周杰伦\n',
      ),
    ).toBe(true);
    expect(text).toContain(
      '[00:01.00]操场边的风 翻开一页没写完的信\n[00:01.00]The wind by the playground turns a page of an unfinished letter\n',
    );
    expect(text.endsWith('[03:58.20]It rains all night and my heart is soaked too\n')).toBe(true);
  });

  it('says when a song is instrumental, or has no lyrics yet', async () => {
    expect(replyText(await lyrics('Summer'))).toBe('“Summer” is instrumental: there are no words to show.');
    expect(replyText(await lyrics(String(SONGS.instrumental.id), { locale: 'zh' }))).toBe(
      '《Summer》是纯音乐，没有歌词。',
    );
    expect(replyText(await lyrics('Northern Lights'))).toBe(
      'Nobody has added lyrics for “Northern Lights” yet.',
    );
  });

  it('shows untimed lyrics too, marked as not synced, without an .lrc button', async () => {
    const card = asCard(await lyrics('Paper Boats'));
    expect(lyricsText(card)).toBe(
      [
        'These lyrics are not synced to the music.',
        'Paper Boats',
        'Fold the letter, let it float away',
        'Down the gutter on a rainy day',
        'If it reaches you, then you will know',
        'I was only ever learning how to let you go',
      ].join('\n'),
    );
    expect(buttonsOf(card)).toEqual([]);
    const { ctx } = h.context();
    const lrc = await h.dispatcher.runAction(
      ctx,
      await h.dispatcher.encodeAction({ command: 'lyrics', name: 'lrc', args: { id: SONGS.paperBoats.id } }),
    );
    expect(replyText(lrc)).toBe('“Paper Boats” has no timed lyrics, so there is no .lrc file.');
  });

  it('defaults to the song playing now', async () => {
    const song = await h.services.netease.anonymous.song(SONGS.daoxiang.id);
    const card = asCard(await lyrics('', { playbackImpl: playbackDoublePlaying(song) }));
    expect(card.title).toBe('稻香 — 周杰伦');
    expect(lyricsText(card).split('\n').slice(2, 4)).toEqual([
      '稻田边的小路 通向回家的方向',
      '萤火虫提着灯 照亮了晒谷场',
    ]);
    expect(card.footer).toBe('Lyrics by 稻田里的守望者');
  });

  it('says clearly that nothing is playing, whether or not the caller is in voice', async () => {
    const expected = 'Nothing is playing for you right now. Name a song instead, e.g. `lyrics 晴天`.';
    expect(replyText(await lyrics(''))).toBe(expected);
    expect(replyText(await lyrics('', { playbackImpl: playbackDoublePlaying(undefined) }))).toBe(expected);
    expect(replyText(await lyrics('', { locale: 'zh' }))).toBe(
      '你现在没有在听歌。请指定一首歌，例如 `lyrics 晴天`。',
    );
  });

  it('explains an unknown id, a dead short link and a foreign link', async () => {
    expect(replyText(await lyrics('999999'))).toBe('NetEase has no song with that id.');
    expect(replyText(await lyrics('https://163cn.tv/dead'))).toBe(
      'That link does not lead anywhere any more.',
    );
    expect(replyText(await lyrics('https://example.com/song?id=186016'))).toBe(
      'That is not a NetEase Cloud Music link.',
    );
  });

  it('follows a short link to the song', async () => {
    expect(asCard(await lyrics('https://163cn.tv/qingtian')).title).toBe('晴天 — 周杰伦');
  });

  it('suggests songs while typing, picking one by id', async () => {
    const { ctx } = h.context();
    const choices = await h.dispatcher.autocomplete(ctx, 'lyrics', 'query', '周');
    expect(choices.slice(0, 2)).toEqual([
      { name: '晴天 - 周杰伦', value: String(SONGS.qingtian.id) },
      { name: '以父之名 - 周杰伦', value: String(SONGS.yifuzhiming.id) },
    ]);
    // Artists, albums and playlists are not songs: they are left out.
    expect(choices.every((choice) => /^\d+$/.test(choice.value))).toBe(true);
    expect(asCard(await lyrics(choices[1]!.value)).title).toBe('以父之名 — 周杰伦');
  });

  describe('long lyrics', () => {
    const PAGE = 300;
    const short = () => h.dispatcherFor([createLyricsCommand({ pageChars: PAGE })]);

    it('come in pages that fit, with buttons from one to the next', async () => {
      const dispatcher = short();
      const { ctx } = h.context();
      const pages: CardReply[] = [asCard(await dispatcher.runText(ctx, 'lyrics', '晴天'))];
      expect(pages[0]!.footer).toBe('Page 1/3 · Lyrics by 晴天小分队 · Translation by 纸飞机');
      expect(buttonsOf(pages[0]).map((b) => b.label)).toEqual(['Next', '.lrc file']);
      for (let page = 2; page <= 3; page++) {
        const next = buttonAction(pages.at(-1), 'Next');
        expect(next).toEqual({ command: 'lyrics', name: 'page', args: { id: SONGS.qingtian.id, page } });
        pages.push(asCard(await dispatcher.runAction(ctx, await dispatcher.encodeAction(next))));
      }
      expect(buttonsOf(pages[1]).map((b) => b.label)).toEqual(['Previous', 'Next', '.lrc file']);
      expect(buttonsOf(pages[2]).map((b) => b.label)).toEqual(['Previous', '.lrc file']);
      expect(pages[2]!.footer).toMatch(/^Page 3\/3 · /);

      const texts = pages.map((card) => lyricsText(card));
      for (const text of texts) expect(text.length).toBeLessThanOrEqual(PAGE);
      // Nothing lost or repeated: the pages together are the whole lyrics (stanza breaks aside).
      const lines = (text: string) => text.split('\n').filter(Boolean);
      expect(texts.flatMap(lines)).toEqual(lines(QINGTIAN_TEXT));
      // A page does not start or end with a blank line.
      for (const text of texts) expect(text).toBe(text.trim());
    });

    it('go back with the previous button, and clamp a page past the end', async () => {
      const dispatcher = short();
      const { ctx } = h.context();
      const last = asCard(await dispatcher.runText(ctx, 'lyrics', '晴天 page:9'));
      expect(last.footer).toMatch(/^Page 3\/3/);
      const back = asCard(
        await dispatcher.runAction(ctx, await dispatcher.encodeAction(buttonAction(last, 'Previous'))),
      );
      expect(back.footer).toMatch(/^Page 2\/3/);
    });

    it('tell how to reach the next page where there are no buttons', async () => {
      const { ctx } = h.context({
        capabilities: {
          voice: false,
          audioFiles: false,
          editMessages: false,
          buttons: false,
          openPrivateChat: false,
        },
      });
      const card = asCard(await short().runText(ctx, 'lyrics', '晴天'));
      expect(card.footer).toBe(
        'Page 1/3 · Lyrics by 晴天小分队 · Translation by 纸飞机\nNext page: `lyrics 186016 page:2`',
      );
    });
  });

  describe('paging (pure)', () => {
    const stanza = (n: number, lines: number): LyricBlock[] =>
      Array.from({ length: lines }, (_, i) => ({
        text: `第${n}段 第${i + 1}句 歌词歌词歌词歌词`,
        translation: `Stanza ${n} line ${i + 1}, translated words here`,
      }));

    it('keeps every page of a long song within the budget and ends pages at stanza breaks', () => {
      const blocks: LyricBlock[] = [];
      for (let n = 1; n <= 12; n++) blocks.push(...stanza(n, 6), { text: '' });
      const pages = paginateLyrics(blocks);
      expect(pages.length).toBeGreaterThan(2);
      for (const page of pages) {
        // What Telegram would count: the text plus `<i></i>` around each translation.
        const rendered =
          plainText(renderLyricPage(page)).length + page.filter((b) => b.translation).length * 7;
        expect(rendered).toBeLessThanOrEqual(LYRICS_PAGE_CHARS);
        expect(page[0]?.text).toMatch(/第\d+段 第1句/);
        expect(page.at(-1)?.text).toMatch(/第\d+段 第6句/);
      }
      expect(pages.flat().filter((b) => b.text).length).toBe(72);
    });

    it('cuts a single line longer than a page instead of overflowing', () => {
      const pages = paginateLyrics([{ text: '啦'.repeat(500) }, { text: 'end' }], 100);
      expect(pages).toHaveLength(2);
      expect(pages[0]![0]!.text).toBe(`${'啦'.repeat(98)}…`);
    });

    it('drops runs of blank lines and blank lines at either end', () => {
      const blocks = lyricBlocks({
        songId: 1,
        instrumental: false,
        lines: [
          { timeMs: 0, text: '' },
          { timeMs: 1, text: 'a', translation: 'A' },
          { timeMs: 2, text: '' },
          { timeMs: 3, text: ' ' },
          { timeMs: 4, text: 'b' },
          { timeMs: 5, text: '' },
        ],
      });
      expect(blocks).toEqual([{ text: 'a', translation: 'A' }, { text: '' }, { text: 'b' }]);
    });
  });
});
