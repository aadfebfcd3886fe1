/**
 * Comments as one paged feed: the hot (most liked) comments first, then the thread from the
 * newest on, so paging past the last hot comment keeps going instead of stopping at ~15.
 *
 * NetEase pages the newest comments by cursor (the time of the last comment seen), not by page
 * number, so reaching page k means having read page k-1. Cursors are remembered in the TTL store:
 * paging forward costs one call per page, and a jump walks only from the nearest known page.
 */
import type { NeteaseApi } from '../../netease/client.ts';
import type { Comment, CommentPage, CommentThread } from '../../netease/models.ts';
import type { TtlStore } from '../../store/index.ts';

export const COMMENTS_PER_PAGE = 5;
/** How deep anyone may page (both sections together). */
export const MAX_COMMENT_PAGE = 50;
const CURSOR_TTL_MS = 30 * 60_000;

export type CommentSort = 'hot' | 'new';

export interface FeedTarget {
  thread: CommentThread;
  id: number;
}

export interface FeedPage {
  comments: Comment[];
  section: CommentSort;
  page: number;
  pageCount: number;
  /** Comments in the whole thread. */
  total: number;
}

function cursorKey(target: FeedTarget, pageNo: number): string {
  return `${target.thread}:${target.id}:${pageNo}`;
}

/** Page `pageNo` (1-based) of the newest comments; empty past the end. */
async function newestPage(
  api: NeteaseApi,
  cursors: TtlStore,
  target: FeedTarget,
  pageNo: number,
): Promise<CommentPage> {
  let start = pageNo;
  let cursor: string | undefined;
  for (; start > 1; start--) {
    cursor = await cursors.get<string>(cursorKey(target, start));
    if (typeof cursor === 'string') break;
  }
  for (let n = start; ; n++) {
    const page = await api.comments(target.thread, target.id, {
      sort: 'new',
      limit: COMMENTS_PER_PAGE,
      offset: (n - 1) * COMMENTS_PER_PAGE,
      ...(n > 1 && cursor ? { cursor } : {}),
    });
    if (page.cursor && page.hasMore) await cursors.set(cursorKey(target, n + 1), page.cursor, CURSOR_TTL_MS);
    if (n === pageNo) return page;
    if (!page.hasMore || !page.cursor) return { comments: [], total: page.total, hasMore: false };
    cursor = page.cursor;
  }
}

/** How many pages the hot section has, judged from its first page. */
async function hotPageCount(api: NeteaseApi, target: FeedTarget): Promise<number> {
  const first = await api.comments(target.thread, target.id, { sort: 'hot', limit: COMMENTS_PER_PAGE });
  // `total` of the hot list is only trusted while the service says there is more.
  const count = first.hasMore ? Math.max(first.total, first.comments.length + 1) : first.comments.length;
  return Math.ceil(count / COMMENTS_PER_PAGE);
}

/**
 * Page `page` of the feed. With `sort: 'hot'` the first pages are hot comments and the rest the
 * newest; with `new` only the newest. A page past the end shows the last one.
 */
export async function commentFeedPage(
  api: NeteaseApi,
  cursors: TtlStore,
  target: FeedTarget,
  sort: CommentSort,
  page: number,
): Promise<FeedPage> {
  const hotPages = sort === 'hot' ? await hotPageCount(api, target) : 0;
  // The first page of the newest comments says how big the thread is.
  const newestFirst = await newestPage(api, cursors, target, 1);
  const newPages = Math.ceil(newestFirst.total / COMMENTS_PER_PAGE);
  const pageCount = Math.max(1, Math.min(MAX_COMMENT_PAGE, hotPages + newPages));
  const current = Math.min(Math.max(1, page), pageCount);
  const total = Math.max(newestFirst.total, newestFirst.comments.length);

  if (current <= hotPages) {
    const hot = await api.comments(target.thread, target.id, {
      sort: 'hot',
      limit: COMMENTS_PER_PAGE,
      offset: (current - 1) * COMMENTS_PER_PAGE,
    });
    if (hot.comments.length > 0)
      return { comments: hot.comments, section: 'hot', page: current, pageCount, total };
  }
  const newPageNo = Math.max(1, current - hotPages);
  const newest = newPageNo === 1 ? newestFirst : await newestPage(api, cursors, target, newPageNo);
  return { comments: newest.comments, section: 'new', page: current, pageCount, total };
}
