/**
 * `lyrics [song] [page]`: the words of a song (by default the one playing), each line followed
 * by its translation, paged to fit a message, with a button for the `.lrc` file.
 */

import type { NeteaseApi } from '../netease/client.ts';
import { neteaseUrl } from '../netease/links.ts';
import { formatLrc } from '../netease/lrc.ts';
import type { Lyrics, Song } from '../netease/models.ts';
import { defineCommand } from './command.ts';
import { UserError } from './errors.ts';
import type { OptionsSpec } from './options.ts';
import { type ActionRef, type Button, type CardReply, type FileReply, type Reply, reply } from './reply.ts';
import { rich } from './rich-text.ts';
import { type Ctx, neteaseFor, type Services } from './services.ts';
import { idArg, pageArg } from './support/action-args.ts';
import { artistNames } from './support/format.ts';
import { LYRICS_PAGE_CHARS, lyricBlocks, paginateLyrics, renderLyricPage } from './support/lyric-pages.ts';
import { currentSong } from './support/now-playing.ts';
import { pagerButtons } from './support/pager-buttons.ts';
import { resolveSong } from './support/resolve.ts';
import { searchSuggestions } from './support/suggest.ts';

/** Even a rap epic with a translation stays well under this many pages. */
const MAX_PAGE = 50;
const EXAMPLE = 'lyrics 晴天';

const options = {
  query: {
    type: 'string',
    description: {
      en: 'A song: title, id or link (default: the song playing now)',
      zh: '歌曲：歌名、ID 或链接（默认：正在播放的歌曲）',
    },
    rest: true,
    autocomplete: true,
  },
  page: {
    type: 'integer',
    description: { en: 'Page of the lyrics', zh: '歌词页码' },
    min: 1,
    max: MAX_PAGE,
  },
} as const satisfies OptionsSpec;

function songTitle(song: Song): string {
  return `${song.name} — ${artistNames(song)}`;
}

function footerOf(ctx: Ctx, lyrics: Lyrics, song: Song, page: number, pageCount: number): string {
  const parts = [
    pageCount > 1 ? ctx.t('common.page', { page, pages: pageCount }) : '',
    lyrics.contributors?.lyrics ? ctx.t('lyrics.by', { name: lyrics.contributors.lyrics }) : '',
    lyrics.contributors?.translation
      ? ctx.t('lyrics.translated_by', { name: lyrics.contributors.translation })
      : '',
  ];
  // Without buttons (the console) the next page has to be typed, so say how.
  const hint =
    !ctx.capabilities.buttons && page < pageCount
      ? ctx.t('lyrics.next_page_hint', { command: `lyrics ${song.id} page:${page + 1}` })
      : '';
  return [parts.filter(Boolean).join(' · '), hint].filter(Boolean).join('\n');
}

async function lyricsReply(
  ctx: Ctx,
  api: NeteaseApi,
  song: Song,
  requested: number,
  pageChars: number,
): Promise<Reply> {
  const lyrics = await api.lyrics(song.id);
  if (lyrics.instrumental) return reply.text(ctx.t('lyrics.instrumental', { song: song.name }));
  const pages = paginateLyrics(lyricBlocks(lyrics), pageChars);
  if (pages.length === 0) return reply.text(ctx.t('lyrics.none', { song: song.name }));

  const page = Math.min(requested, pages.length);
  const pager: ActionRef = { command: 'lyrics', name: 'page', args: { id: song.id } };
  const buttons: Button[] = pagerButtons(ctx.t, pager, page, pages.length);
  // Only timed lyrics make an .lrc file; untimed text would be a .txt with a misleading name.
  if (lyrics.lines.length > 0) {
    buttons.push({
      label: ctx.t('lyrics.lrc_button'),
      emoji: '📄',
      action: { command: 'lyrics', name: 'lrc', args: { id: song.id } },
    });
  }
  const card: CardReply = {
    kind: 'card',
    title: songTitle(song),
    url: neteaseUrl('song', song.id),
    description: rich.lines(
      lyrics.lines.length === 0 && rich.italic(ctx.t('lyrics.unsynced')),
      renderLyricPage(pages[page - 1] ?? []),
    ),
    footer: footerOf(ctx, lyrics, song, page, pages.length),
    ...(song.album.coverUrl ? { thumbnailUrl: song.album.coverUrl } : {}),
    ...(buttons.length ? { buttons: [buttons] } : {}),
  };
  return card;
}

/** A name any file system accepts: no path separators, reserved or control characters. */
function safeFilename(name: string): string {
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim();
  return [...cleaned].slice(0, 100).join('') || 'lyrics';
}

async function lrcFile(ctx: Ctx, api: NeteaseApi, song: Song): Promise<FileReply> {
  const lyrics = await api.lyrics(song.id);
  if (lyrics.lines.length === 0) throw new UserError('lyrics.no_lrc', { song: song.name });
  const artists = song.artists.map((artist) => artist.name).join(', ');
  const text = formatLrc(lyrics.lines, {
    tags: {
      ti: song.name,
      ar: artists || undefined,
      al: song.album.name || undefined,
      by: lyrics.contributors?.lyrics,
    },
  });
  return {
    kind: 'file',
    // The BOM makes older Windows players read the file as UTF-8 rather than the local code page.
    data: Buffer.from(`\uFEFF${text}`, 'utf8'),
    filename: `${safeFilename(artists ? `${artists} - ${song.name}` : song.name)}.lrc`,
    caption: ctx.t('lyrics.lrc_caption', { song: songTitle(song) }),
  };
}

export interface LyricsCommandOptions {
  /** Characters per page (default LYRICS_PAGE_CHARS); tests page short lyrics with a smaller one. */
  pageChars?: number;
}

export function createLyricsCommand(settings: LyricsCommandOptions = {}) {
  const pageChars = settings.pageChars ?? LYRICS_PAGE_CHARS;
  return defineCommand<Services, typeof options>({
    name: 'lyrics',
    description: { en: 'Lyrics of a song, with translation', zh: '查看歌词（含翻译）' },
    help: {
      en: 'Shows the lyrics of the song playing now, or of the song you name, with the translation in italics under each line. Long lyrics come in pages; the .lrc button sends a file with timestamps for music players.',
      zh: '显示正在播放或指定歌曲的歌词，每行下方以斜体显示翻译。歌词较长时会分页；点击 .lrc 按钮可获取带时间轴的歌词文件。',
    },
    example: '晴天',
    options,
    async run(ctx, args) {
      const api = await neteaseFor(ctx);
      const song = args.query ? await resolveSong(ctx, api, args.query) : await currentSong(ctx, EXAMPLE);
      return lyricsReply(ctx, api, song, args.page ?? 1, pageChars);
    },
    actions: {
      async page(ctx, args) {
        const api = await neteaseFor(ctx);
        const song = await api.song(idArg(args, 'id'));
        return lyricsReply(ctx, api, song, pageArg(args, MAX_PAGE), pageChars);
      },
      async lrc(ctx, args) {
        const api = await neteaseFor(ctx);
        return lrcFile(ctx, api, await api.song(idArg(args, 'id')));
      },
    },
    autocomplete: async (ctx, option, partial) =>
      option === 'query' ? searchSuggestions(ctx, partial, 'song-id') : [],
  });
}

export const lyrics = createLyricsCommand();
export default lyrics;
