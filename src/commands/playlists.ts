/**
 * `playlists [page]`: the logged-in user's own playlists (created first, then subscribed), ten
 * to a page, with a menu that hands one to `play`.
 *
 * All of them are fetched once (a call per hundred, cached per login by the client), so page
 * counts are exact and page buttons cost nothing; a cap keeps a collector's thousands in check.
 */
import type { NeteaseApi } from '../netease/client.ts';
import type { PlaylistSummary } from '../netease/models.ts';
import { defineCommand } from './command.ts';
import type { OptionsSpec } from './options.ts';
import type { ListReply, Reply } from './reply.ts';
import { reply } from './reply.ts';
import { type Rich, rich } from './rich-text.ts';
import { type Ctx, neteaseFor, type Services, sessionOf } from './services.ts';
import { pageArg } from './support/action-args.ts';
import { counted } from './support/counts.ts';
import { pageWindow, truncate } from './support/format.ts';
import { playCollectionAction } from './support/play-actions.ts';

const PER_PAGE = 10;
/** The most NetEase returns per call. */
const BATCH = 100;
const MAX_PLAYLISTS = 500;
const MAX_PAGE = MAX_PLAYLISTS / PER_PAGE;
/** Discord's limit for select menu labels and descriptions. */
const MENU_TEXT = 100;

const options = {
  page: {
    type: 'integer',
    description: { en: 'Page of your playlists', zh: '歌单页码' },
    min: 1,
    max: MAX_PAGE,
  },
} as const satisfies OptionsSpec;

async function ownPlaylists(api: NeteaseApi): Promise<{ playlists: PlaylistSummary[]; truncated: boolean }> {
  const playlists: PlaylistSummary[] = [];
  for (let offset = 0; offset < MAX_PLAYLISTS; offset += BATCH) {
    // Without a userId the client asks NetEase whose login this is, so an expired one is reported as such.
    const page = await api.userPlaylists({ limit: BATCH, offset });
    playlists.push(...page.items);
    if (!page.hasMore || page.items.length === 0) return { playlists, truncated: false };
  }
  return { playlists: playlists.slice(0, MAX_PLAYLISTS), truncated: true };
}

/** `songs · by someone` for playlists the user subscribed to rather than made. */
function facts(ctx: Ctx, playlist: PlaylistSummary, ownerId: number | undefined): string[] {
  const creator = playlist.creator;
  return [
    counted(ctx.t, playlist.trackCount, 'common.song', 'common.songs'),
    creator && creator.id !== ownerId ? ctx.t('playlists.by', { name: creator.nickname }) : '',
  ].filter(Boolean);
}

function line(ctx: Ctx, playlist: PlaylistSummary, ownerId: number | undefined): Rich {
  return rich.join(
    [rich.bold(playlist.name), ...facts(ctx, playlist, ownerId).map((fact) => ` · ${fact}`)],
    '',
  );
}

async function showPlaylists(ctx: Ctx, requested: number): Promise<Reply> {
  const session = await sessionOf(ctx);
  const api = await neteaseFor(ctx);
  const { playlists, truncated } = await ownPlaylists(api);
  if (playlists.length === 0) return reply.text(ctx.t('playlists.empty'), { private: true });

  const { page, pageCount, offset } = pageWindow(playlists.length, PER_PAGE, requested);
  const shown = playlists.slice(offset, offset + PER_PAGE);
  const ownerId = session?.userId;
  const list: ListReply = {
    kind: 'list',
    title: ctx.t('playlists.title', { nickname: session?.nickname ?? ctx.user.name }),
    items: shown.map((playlist) => line(ctx, playlist, ownerId)),
    firstNumber: offset + 1,
    page,
    pageCount,
    pager: { command: 'playlists', name: 'page', args: {} },
    select: {
      placeholder: ctx.t('playlists.pick'),
      options: shown.map((playlist, i) => {
        const description = facts(ctx, playlist, ownerId).join(' · ');
        return {
          label: truncate(`${offset + i + 1}. ${playlist.name}`, MENU_TEXT),
          ...(description ? { description: truncate(description, MENU_TEXT) } : {}),
          action: playCollectionAction('playlist', playlist.id),
        };
      }),
    },
    // Someone's playlists (private ones included) are theirs to show: only the caller sees them.
    private: true,
  };
  if (truncated) list.footer = ctx.t('playlists.truncated', { count: MAX_PLAYLISTS });
  return list;
}

export const playlists = defineCommand<Services, typeof options>({
  name: 'playlists',
  description: { en: 'Your NetEase playlists, ready to play', zh: '你的网易云音乐歌单，可直接播放' },
  help: {
    en: 'Lists the playlists you created or subscribed to on NetEase, including your liked songs. Pick one from the menu to play it.',
    zh: '列出你在网易云音乐创建或收藏的歌单，包括“我喜欢的音乐”。从菜单中选择一个即可播放。',
  },
  example: 'page:2',
  options,
  needs: ['login'],
  run: (ctx, args) => showPlaylists(ctx, args.page ?? 1),
  actions: {
    page: (ctx, args) => showPlaylists(ctx, pageArg(args, MAX_PAGE)),
  },
});

export default playlists;
