/**
 * Hot and newest comments of songs, albums and playlists. Public and the same for everyone:
 * cached shared.
 */
import { toComment } from '../mappers.ts';
import type { CommentPage, CommentThread } from '../models.ts';
import { hotCommentsResponse, newCommentsResponse, parseRaw } from '../raw-schemas.ts';
import type { EndpointContext } from './context.ts';

/** NetEase names comment threads by a resource-type prefix plus the id. */
const THREAD_PREFIX: Record<CommentThread, string> = {
  song: 'R_SO_4_',
  album: 'R_AL_3_',
  playlist: 'A_PL_0_',
};
const NEW_COMMENTS = '/api/v2/resource/comments';
/** sortType 3: by time, newest first, paged by the time of the last comment seen. */
const SORT_BY_TIME = 3;

export interface CommentOptions {
  /** `hot` (most liked, the default) or `new` (newest first). */
  sort?: 'hot' | 'new';
  /** Page size, 1–50 (default 10). */
  limit?: number;
  /** Comments to skip (both sorts). */
  offset?: number;
  /** For `new`: the `cursor` of the previous page, so paging stays stable while people post. */
  cursor?: string;
}

export async function comments(
  ctx: EndpointContext,
  thread: CommentThread,
  id: number,
  options: CommentOptions = {},
): Promise<CommentPage> {
  const limit = Math.min(50, Math.max(1, Math.floor(options.limit ?? 10)));
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const threadId = `${THREAD_PREFIX[thread]}${id}`;

  if ((options.sort ?? 'hot') === 'hot') {
    const path = `/api/v1/resource/hotcomments/${threadId}`;
    return ctx.cached('shared', 'hot-comments', { threadId, limit, offset }, async () => {
      const raw = parseRaw(
        hotCommentsResponse,
        await ctx.call(path, 'weapi', { rid: id, limit, offset, beforeTime: 0 }),
        path,
      );
      const list = (raw.hotComments ?? []).map(toComment);
      const total = raw.total ?? offset + list.length;
      return { comments: list, total, hasMore: raw.hasMore ?? offset + list.length < total };
    });
  }

  const cursor = options.cursor ?? '0';
  const pageNo = Math.floor(offset / limit) + 1;
  return ctx.cached('shared', 'new-comments', { threadId, limit, pageNo, cursor }, async () => {
    const body = await ctx.call(NEW_COMMENTS, 'eapi', {
      threadId,
      pageNo,
      pageSize: limit,
      cursor,
      sortType: SORT_BY_TIME,
      showInner: false,
    });
    const data = parseRaw(newCommentsResponse, body, NEW_COMMENTS).data;
    const list = (data.comments ?? []).map(toComment);
    const last = list.at(-1);
    const next = data.cursor ?? last?.time;
    return {
      comments: list,
      total: data.totalCount ?? offset + list.length,
      hasMore: data.hasMore ?? false,
      ...(next !== undefined && next !== null ? { cursor: String(next) } : {}),
    };
  });
}
