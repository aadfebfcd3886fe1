/**
 * `comments [song] [page] [sort]`: NetEase's famous comment section for a song (by default the
 * one playing), an album or a playlist. Most liked first, then newest, five to a page so a page
 * of long stories still fits in one message.
 */
import type { NeteaseApi } from '../netease/client.ts';
import type { Comment, CommentThread, Song } from '../netease/models.ts';
import { defineCommand } from './command.ts';
import { UserError } from './errors.ts';
import type { OptionsSpec } from './options.ts';
import type { ActionRef, Button, Reply } from './reply.ts';
import { type Rich, rich } from './rich-text.ts';
import { type Ctx, neteaseFor, type Services } from './services.ts';
import { choiceArg, idArg, pageArg } from './support/action-args.ts';
import {
  COMMENTS_PER_PAGE,
  type CommentSort,
  commentFeedPage,
  type FeedTarget,
  MAX_COMMENT_PAGE,
} from './support/comment-feed.ts';
import { counted } from './support/counts.ts';
import { artistNames, compactNumber, formatDate, truncate } from './support/format.ts';
import { currentSong } from './support/now-playing.ts';
import { resolveTarget, searchFirstSong } from './support/resolve.ts';
import { searchSuggestions } from './support/suggest.ts';

const EXAMPLE = 'comments 晴天';
const SORTS = ['hot', 'new'] as const;
const THREADS = ['song', 'album', 'playlist'] as const satisfies readonly CommentThread[];
/** Long enough for a story's point, short enough that five of them fit in one message. */
const MAX_TEXT = 220;
const MAX_QUOTE = 70;

const options = {
  query: {
    type: 'string',
    description: {
      en: 'A song, album or playlist: title, id or link (default: the song playing now)',
      zh: '歌曲、专辑或歌单：名称、ID 或链接（默认：正在播放的歌曲）',
    },
    rest: true,
    autocomplete: true,
  },
  page: {
    type: 'integer',
    description: { en: 'Page of comments', zh: '评论页码' },
    min: 1,
    max: MAX_COMMENT_PAGE,
  },
  sort: {
    type: 'string',
    description: { en: 'Most liked first (default) or newest first', zh: '热门优先（默认）或最新优先' },
    choices: [
      { value: 'hot', label: { en: 'Hot', zh: '热门' } },
      { value: 'new', label: { en: 'Newest', zh: '最新' } },
    ],
  },
} as const satisfies OptionsSpec;

interface Thread extends FeedTarget {
  title: string;
}

function songThread(song: Song): Thread {
  return { thread: 'song', id: song.id, title: `${song.name} — ${artistNames(song)}` };
}

async function threadFromQuery(ctx: Ctx, api: NeteaseApi, query: string): Promise<Thread> {
  const target = await resolveTarget(ctx, query);
  switch (target.kind) {
    case 'query':
      return songThread(await searchFirstSong(api, target.text));
    case 'song':
    case 'album':
    case 'playlist':
      return threadById(api, target.kind, target.id);
    case 'toplist':
      // A chart is a playlist, and its comments are the playlist's.
      return threadById(api, 'playlist', target.id);
    case 'artist':
    case 'user':
      throw new UserError('comments.no_thread');
  }
}

async function threadById(api: NeteaseApi, thread: CommentThread, id: number): Promise<Thread> {
  switch (thread) {
    case 'song':
      return songThread(await api.song(id));
    case 'album': {
      const album = await api.album(id);
      return { thread, id, title: `${album.name} — ${artistNames(album)}` };
    }
    case 'playlist':
      // Only the name is wanted: no track details.
      return { thread, id, title: (await api.playlist(id, { maxTracks: 0 })).name };
  }
}

/** Keeps a comment's own line breaks, but not the empty screens some people type. */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function commentItem(ctx: Ctx, comment: Comment): Rich {
  const header: Rich = [
    rich.bold(comment.user.nickname || ctx.t('comments.someone')),
    ` · ♥ ${compactNumber(comment.likedCount, ctx.locale)} · ${formatDate(comment.time, ctx.locale)}`,
  ];
  const quoted = comment.replyTo
    ? rich.quote([
        rich.bold(`@${comment.replyTo.user || ctx.t('comments.someone')}`),
        ': ',
        comment.replyTo.content
          ? truncate(comment.replyTo.content.replace(/\s+/g, ' ').trim(), MAX_QUOTE)
          : rich.italic(ctx.t('comments.deleted')),
      ])
    : undefined;
  return rich.lines(header, quoted, truncate(tidy(comment.content), MAX_TEXT));
}

async function commentsReply(
  ctx: Ctx,
  api: NeteaseApi,
  thread: Thread,
  sort: CommentSort,
  page: number,
): Promise<Reply> {
  const cursors = ctx.services.cache.namespace('comment-cursors');
  const feed = await commentFeedPage(api, cursors, thread, sort, page);
  if (feed.comments.length === 0)
    return { kind: 'text', text: ctx.t('comments.none', { title: thread.title }) };

  const args = { th: thread.thread, id: thread.id };
  const other: CommentSort = sort === 'hot' ? 'new' : 'hot';
  const toggle: Button = {
    label: ctx.t(other === 'new' ? 'comments.show_new' : 'comments.show_hot'),
    action: { command: 'comments', name: 'page', args: { ...args, s: other, page: 1 } },
  };
  const pager: ActionRef = { command: 'comments', name: 'page', args: { ...args, s: sort } };
  return {
    kind: 'list',
    title: ctx.t(feed.section === 'hot' ? 'comments.title_hot' : 'comments.title_new', {
      title: thread.title,
    }),
    items: feed.comments.map((comment) => commentItem(ctx, comment)),
    firstNumber: (feed.page - 1) * COMMENTS_PER_PAGE + 1,
    page: feed.page,
    pageCount: feed.pageCount,
    pager,
    buttons: [[toggle]],
    footer: counted(
      ctx.t,
      feed.total,
      'common.comment',
      'common.comments',
      compactNumber(feed.total, ctx.locale),
    ),
  };
}

export const comments = defineCommand<Services, typeof options>({
  name: 'comments',
  description: { en: 'Hot comments of a song, album or playlist', zh: '查看歌曲、专辑或歌单的热门评论' },
  help: {
    en: 'Shows the most liked comments of the song playing now, or of the song, album or playlist you name, then the newest ones. Replies show the comment they answer as a quote.',
    zh: '显示正在播放或指定的歌曲、专辑、歌单的热门评论，之后是最新评论。回复会以引用形式显示被回复的评论。',
  },
  example: '晴天 sort:new',
  options,
  async run(ctx, args) {
    const api = await neteaseFor(ctx);
    const thread = args.query
      ? await threadFromQuery(ctx, api, args.query)
      : songThread(await currentSong(ctx, EXAMPLE));
    return commentsReply(ctx, api, thread, args.sort ?? 'hot', args.page ?? 1);
  },
  actions: {
    async page(ctx, args) {
      const api = await neteaseFor(ctx);
      const thread = await threadById(api, choiceArg(args, 'th', THREADS, 'song'), idArg(args, 'id'));
      return commentsReply(
        ctx,
        api,
        thread,
        choiceArg(args, 's', SORTS, 'hot'),
        pageArg(args, MAX_COMMENT_PAGE),
      );
    },
  },
  autocomplete: async (ctx, option, partial) =>
    option === 'query' ? searchSuggestions(ctx, partial, 'song-id') : [],
});

export default comments;
