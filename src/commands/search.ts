/**
 * `search <query> [type] [page]`: NetEase search results, ten to a page, with a menu to play one.
 * Songs show their playability badge up front, so nobody queues a grey song and wonders why it
 * is skipped.
 */
import type { NeteaseApi } from '../netease/client.ts';
import type { AlbumSummary, Artist, PlaylistSummary, Song } from '../netease/models.ts';
import { defineCommand } from './command.ts';
import { UserError } from './errors.ts';
import type { Localized, OptionsSpec } from './options.ts';
import type { ActionArgs, ListReply, SelectMenu } from './reply.ts';
import { type Rich, rich } from './rich-text.ts';
import { type Ctx, neteaseFor, type Services } from './services.ts';
import { choiceArg, pageArg, stringArg } from './support/action-args.ts';
import { badgeLegend } from './support/badge-legend.ts';
import { counted } from './support/counts.ts';
import {
  artistNames,
  compactNumber,
  formatYear,
  playabilityBadge,
  songLine,
  truncate,
} from './support/format.ts';
import { playCollectionAction, playSongAction } from './support/play-actions.ts';
import { searchSuggestions } from './support/suggest.ts';

const PER_PAGE = 10;
/** NetEase stops returning results a few hundred in; nobody pages that far anyway. */
const MAX_PAGE = 30;
/** Discord's limit for select menu labels and descriptions. */
const MENU_TEXT = 100;

const KINDS = ['song', 'album', 'artist', 'playlist'] as const;
type SearchKind = (typeof KINDS)[number];

const KIND_LABELS: Record<SearchKind, Localized> = {
  song: { en: 'Songs', zh: '单曲' },
  album: { en: 'Albums', zh: '专辑' },
  artist: { en: 'Artists', zh: '歌手' },
  playlist: { en: 'Playlists', zh: '歌单' },
};

const options = {
  query: {
    type: 'string',
    description: {
      en: 'What to look for: a title, an artist, or both',
      zh: '要搜索的内容：歌名、歌手或两者',
    },
    required: true,
    rest: true,
    autocomplete: true,
  },
  type: {
    type: 'string',
    description: { en: 'What kind of results (default: songs)', zh: '搜索类型（默认：单曲）' },
    choices: KINDS.map((value) => ({ value, label: KIND_LABELS[value] })),
  },
  page: {
    type: 'integer',
    description: { en: 'Page of results', zh: '结果页码' },
    min: 1,
    max: MAX_PAGE,
  },
} as const satisfies OptionsSpec;

type MenuOption = SelectMenu['options'][number];

/** One result as a list line plus its entry in the pick menu. */
interface Hit {
  line: Rich;
  option: Omit<MenuOption, 'label'> & { name: string };
}

interface Hits {
  total: number;
  hits: Hit[];
  /** The songs among the results, for the badge legend. */
  songs: Song[];
}

function songHit(ctx: Ctx, song: Song): Hit {
  const badge = playabilityBadge(song, ctx.locale);
  const description = [artistNames(song), song.album.name, badge].filter(Boolean).join(' · ');
  return {
    line: songLine(song, ctx.locale),
    option: { name: song.name, description, action: playSongAction(song.id) },
  };
}

function albumHit(ctx: Ctx, album: AlbumSummary): Hit {
  const artists = artistNames(album);
  const line = rich.join(
    [
      rich.bold(album.name),
      ` — ${artists}`,
      album.publishedAt ? ` · ${formatYear(album.publishedAt)}` : '',
      album.trackCount ? ` · ${counted(ctx.t, album.trackCount, 'common.song', 'common.songs')}` : '',
    ],
    '',
  );
  return {
    line,
    option: { name: album.name, description: artists, action: playCollectionAction('album', album.id) },
  };
}

function artistHit(ctx: Ctx, artist: Artist): Hit {
  const facts = [
    artist.songCount ? counted(ctx.t, artist.songCount, 'common.song', 'common.songs') : '',
    artist.albumCount ? counted(ctx.t, artist.albumCount, 'common.album', 'common.albums') : '',
  ].filter(Boolean);
  const aliases = artist.aliases.join(' / ');
  const line = rich.join(
    [rich.bold(artist.name), aliases ? ` (${aliases})` : '', ...facts.map((f) => ` · ${f}`)],
    '',
  );
  return {
    line,
    option: {
      name: artist.name,
      description: [aliases, ...facts].filter(Boolean).join(' · '),
      action: playCollectionAction('artist', artist.id),
    },
  };
}

function playlistHit(ctx: Ctx, playlist: PlaylistSummary): Hit {
  const facts = [
    counted(ctx.t, playlist.trackCount, 'common.song', 'common.songs'),
    ctx.t('common.plays', { count: compactNumber(playlist.playCount, ctx.locale) }),
  ];
  const by = playlist.creator?.nickname;
  const line = rich.join(
    [rich.bold(playlist.name), by ? ` — ${by}` : '', ...facts.map((f) => ` · ${f}`)],
    '',
  );
  return {
    line,
    option: {
      name: playlist.name,
      description: [by, ...facts].filter(Boolean).join(' · '),
      action: playCollectionAction('playlist', playlist.id),
    },
  };
}

async function findHits(
  ctx: Ctx,
  api: NeteaseApi,
  query: string,
  kind: SearchKind,
  page: number,
): Promise<Hits> {
  const paging = { limit: PER_PAGE, offset: (page - 1) * PER_PAGE };
  switch (kind) {
    case 'song': {
      const found = await api.search(query, { type: 'song', ...paging });
      return { total: found.total, hits: found.items.map((song) => songHit(ctx, song)), songs: found.items };
    }
    case 'album': {
      const found = await api.search(query, { type: 'album', ...paging });
      return { total: found.total, hits: found.items.map((album) => albumHit(ctx, album)), songs: [] };
    }
    case 'artist': {
      const found = await api.search(query, { type: 'artist', ...paging });
      return { total: found.total, hits: found.items.map((artist) => artistHit(ctx, artist)), songs: [] };
    }
    case 'playlist': {
      const found = await api.search(query, { type: 'playlist', ...paging });
      return { total: found.total, hits: found.items.map((list) => playlistHit(ctx, list)), songs: [] };
    }
  }
}

function pageCountOf(total: number): number {
  return Math.min(MAX_PAGE, Math.max(1, Math.ceil(total / PER_PAGE)));
}

async function showResults(ctx: Ctx, query: string, kind: SearchKind, requested: number): Promise<ListReply> {
  const api = await neteaseFor(ctx);
  let page = requested;
  let found = await findHits(ctx, api, query, kind, page);
  if (found.hits.length === 0 && found.total > 0 && page > 1) {
    // Asked past the end (a typed page number, or results shrank since the buttons were made).
    page = Math.min(page - 1, pageCountOf(found.total));
    found = await findHits(ctx, api, query, kind, page);
  }
  if (found.hits.length === 0) throw new UserError('error.no_results', { query });

  const firstNumber = (page - 1) * PER_PAGE + 1;
  const pagerArgs: ActionArgs = { q: query, t: kind };
  const footer = [
    counted(ctx.t, found.total, 'common.result', 'common.results'),
    badgeLegend(ctx.t, found.songs),
  ];
  return {
    kind: 'list',
    title: ctx.t('search.title', { type: KIND_LABELS[kind][ctx.locale], query }),
    items: found.hits.map((hit) => hit.line),
    firstNumber,
    page,
    pageCount: Math.max(page, pageCountOf(found.total)),
    pager: { command: 'search', name: 'page', args: pagerArgs },
    select: {
      placeholder: ctx.t('search.pick'),
      options: found.hits.map(({ option: { name, ...rest } }, i) => ({
        ...rest,
        label: truncate(`${firstNumber + i}. ${name}`, MENU_TEXT),
        ...(rest.description ? { description: truncate(rest.description, MENU_TEXT) } : {}),
      })),
    },
    footer: footer.filter(Boolean).join('\n'),
  };
}

export const search = defineCommand<Services, typeof options>({
  name: 'search',
  description: {
    en: 'Search NetEase Cloud Music and pick a result to play',
    zh: '搜索网易云音乐，并选择结果播放',
  },
  help: {
    en: 'Shows ten results per page: songs with artist, album, length and a badge when they need VIP, a purchase or are not available; or albums, artists and playlists. Pick one from the menu to play it.',
    zh: '每页显示十个结果：单曲会显示歌手、专辑、时长，以及需要 VIP、需要购买或无版权时的标记；也可以搜索专辑、歌手和歌单。从菜单中选择一个即可播放。',
  },
  example: '晴天 type:song',
  options,
  run: (ctx, args) => showResults(ctx, args.query, args.type ?? 'song', args.page ?? 1),
  actions: {
    page: (ctx, args) =>
      showResults(ctx, stringArg(args, 'q'), choiceArg(args, 't', KINDS, 'song'), pageArg(args, MAX_PAGE)),
  },
  autocomplete: async (ctx, option, partial) => (option === 'query' ? searchSuggestions(ctx, partial) : []),
});

export default search;
