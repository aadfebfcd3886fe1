/**
 * Comments in the three shapes clients meet: v1 resource comments (offset paging, `hotComments`
 * only on the first page), v1 hot comments, and v2 comments (pageNo/pageSize with a cursor whose
 * meaning depends on `sortType`: an offset for 99, `normalHot#<n>` for 2, the last comment's
 * time for 3).
 */
import { commentsOf, type FakeComment, hotCommentsOf } from './fixtures/comments.ts';
import { imageUrl } from './shapes.ts';
import type { ApiAnswer, ApiCall, Route } from './state.ts';
import { json } from './state.ts';
import { num, str } from './util.ts';

const THREAD = '((?:R_SO_4|R_AL_3|A_PL_0|R_MV_5|A_DJ_1|R_VI_62|A_EV_2|A_DR_14)_\\d+)';

function avatarOf(userId: number): string {
  return imageUrl(String(109951163000000000n + BigInt(userId)));
}

function commentUser(userId: number, nickname: string): Record<string, unknown> {
  return {
    locationInfo: null,
    liveInfo: null,
    anonym: 0,
    commonIdentity: null,
    avatarDetail: null,
    userType: 0,
    followed: false,
    mutual: false,
    remarkName: null,
    socialUserId: null,
    vipRights: null,
    nickname,
    authStatus: 0,
    expertTags: null,
    experts: null,
    vipType: 0,
    userId,
    avatarUrl: avatarOf(userId),
    target: null,
  };
}

/** `timeStr` the way the app shows dates: Beijing calendar day. */
function timeStr(time: number): string {
  return new Date(time + 8 * 3600_000).toISOString().slice(0, 10);
}

function commentJson(comment: FakeComment): Record<string, unknown> {
  const reply = comment.replyTo;
  return {
    user: commentUser(comment.userId, comment.nickname),
    beReplied: reply
      ? [
          {
            user: commentUser(reply.userId, reply.nickname),
            beRepliedCommentId: reply.commentId,
            content: reply.content,
            richContent: null,
            status: 0,
            expressionUrl: null,
            ipLocation: { ip: null, location: reply.location, userId: reply.userId },
          },
        ]
      : [],
    pendantData: null,
    showFloorComment: null,
    status: 0,
    commentId: comment.commentId,
    content: comment.content,
    richContent: null,
    contentResource: null,
    time: comment.time,
    timeStr: timeStr(comment.time),
    needDisplayTime: true,
    likedCount: comment.likedCount,
    expressionUrl: null,
    commentLocationType: 0,
    parentCommentId: reply ? reply.commentId : 0,
    decoration: {},
    repliedMark: null,
    grade: null,
    userBizLevels: null,
    ipLocation: { ip: null, location: comment.location, userId: comment.userId },
    owner: false,
    medal: null,
    liked: false,
  };
}

function limitOf(call: ApiCall, fallback: number): number {
  return Math.max(1, Math.min(num(call.payload.limit, fallback), 100));
}

function resourceComments(call: ApiCall): ApiAnswer {
  const threadId = call.params[0]!;
  const limit = limitOf(call, 20);
  const offset = Math.max(0, num(call.payload.offset, 0));
  const beforeTime = num(call.payload.beforeTime, 0);
  const all = commentsOf(threadId);
  // beforeTime pages by time (how the app reaches deep pages); offset then counts from there.
  const pool = beforeTime > 0 ? all.filter((c) => c.time < beforeTime) : all;
  const comments = pool.slice(offset, offset + limit);
  const hot = hotCommentsOf(threadId);
  const body: Record<string, unknown> = {
    isMusician: false,
    cnum: 0,
    userId: -1,
    topComments: [],
    moreHot: hot.length > 10,
    commentBanner: null,
    code: 200,
    comments: comments.map(commentJson),
    total: all.length,
    more: offset + comments.length < pool.length,
  };
  if (offset === 0 && beforeTime === 0) body.hotComments = hot.slice(0, 10).map(commentJson);
  return json(body);
}

function hotComments(call: ApiCall): ApiAnswer {
  const threadId = call.params[0]!;
  const limit = limitOf(call, 20);
  const offset = Math.max(0, num(call.payload.offset, 0));
  const hot = hotCommentsOf(threadId);
  const page = hot.slice(offset, offset + limit);
  return json({
    topComments: [],
    hasMore: offset + page.length < hot.length,
    hotComments: page.map(commentJson),
    total: hot.length,
    code: 200,
  });
}

const SORT_TYPES = [
  { sortType: 99, sortTypeName: '按推荐排序', target: 'order_by_recommend' },
  { sortType: 2, sortTypeName: '按热度排序', target: 'order_by_hot' },
  { sortType: 3, sortTypeName: '按时间排序', target: 'order_by_time' },
];

function newComments(call: ApiCall): ApiAnswer {
  const threadId = str(call.payload.threadId);
  if (!/^[A-Z]+_[A-Z]+_\d+_\d+$/.test(threadId)) return json({ code: 400, msg: '参数错误' });
  const sortType = num(call.payload.sortType, 99);
  const pageNo = Math.max(1, num(call.payload.pageNo, 1));
  const pageSize = Math.max(1, Math.min(num(call.payload.pageSize, 20), 100));
  const cursor = str(call.payload.cursor);
  const all = commentsOf(threadId);

  let ordered: FakeComment[];
  let offset: number;
  if (sortType === 3) {
    ordered = all;
    const before = Number(cursor);
    // Cursor is the previous page's last `time`; '0' or nothing means "from the newest".
    offset = before > 0 ? ordered.findIndex((c) => c.time < before) : 0;
    if (offset < 0) offset = ordered.length;
  } else if (sortType === 2) {
    ordered = [...all].sort((a, b) => b.likedCount - a.likedCount);
    const hotCursor = /^normalHot#(\d+)$/.exec(cursor);
    offset = hotCursor ? Number(hotCursor[1]) : (pageNo - 1) * pageSize;
  } else {
    // "Recommended": the hot ones first, then the rest newest first.
    const hot = hotCommentsOf(threadId);
    ordered = [...hot, ...all.filter((c) => !hot.includes(c))];
    offset = /^\d+$/.test(cursor) ? Number(cursor) : (pageNo - 1) * pageSize;
  }
  const page = ordered.slice(offset, offset + pageSize);
  const next = offset + page.length;
  const last = page[page.length - 1];
  const nextCursor =
    sortType === 3 ? String(last?.time ?? 0) : sortType === 2 ? `normalHot#${next}` : String(next);
  return json({
    code: 200,
    data: {
      commentsTitle: '评论',
      comments: page.map(commentJson),
      currentCommentTitle: '',
      currentComment: null,
      totalCount: all.length,
      hasMore: next < ordered.length,
      cursor: nextCursor,
      sortType,
      sortTypeList: SORT_TYPES,
      style: 'song',
    },
    message: '',
  });
}

export const routes: Route[] = [
  { path: new RegExp(`^/api/v1/resource/comments/${THREAD}$`), handle: resourceComments },
  { path: new RegExp(`^/api/v1/resource/hotcomments/${THREAD}$`), handle: hotComments },
  { path: '/api/v2/resource/comments', handle: newComments },
];
