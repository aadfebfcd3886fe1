/**
 * `daily`: NetEase's daily recommendations for the logged-in user (about 30 songs, renewed at
 * 6:00 Beijing time), ten to a page, with a button that queues them all and a menu for one.
 */
import { defineCommand } from './command.ts';
import type { OptionsSpec } from './options.ts';
import type { ActionRef, Reply } from './reply.ts';
import { reply } from './reply.ts';
import { type Ctx, neteaseFor, type Services, sessionOf } from './services.ts';
import { pageArg } from './support/action-args.ts';
import { badgeLegend } from './support/badge-legend.ts';
import { artistNames, pageWindow, songLine, truncate } from './support/format.ts';
import { playSongAction } from './support/play-actions.ts';

const PER_PAGE = 10;
/** NetEase recommends about 30; a page bound for buttons that come back altered. */
const MAX_PAGE = 10;
const MENU_TEXT = 100;

/** For `play`: queue today's recommendations of whoever presses it. */
export const PLAY_DAILY: ActionRef = { command: 'play', name: 'daily', args: {} };

const options = {} as const satisfies OptionsSpec;

async function showDaily(ctx: Ctx, requested: number): Promise<Reply> {
  const session = await sessionOf(ctx);
  const songs = await (await neteaseFor(ctx)).dailySongs();
  if (songs.length === 0) return reply.text(ctx.t('daily.empty'), { private: true });

  const { page, pageCount, offset } = pageWindow(songs.length, PER_PAGE, requested);
  const shown = songs.slice(offset, offset + PER_PAGE);
  const legend = badgeLegend(ctx.t, shown);
  return {
    kind: 'list',
    title: ctx.t('daily.title', { nickname: session?.nickname ?? ctx.user.name }),
    items: shown.map((song) => songLine(song, ctx.locale)),
    firstNumber: offset + 1,
    page,
    pageCount,
    pager: { command: 'daily', name: 'page', args: {} },
    select: {
      placeholder: ctx.t('daily.pick'),
      options: shown.map((song, i) => ({
        label: truncate(`${offset + i + 1}. ${song.name}`, MENU_TEXT),
        description: truncate(artistNames(song), MENU_TEXT),
        action: playSongAction(song.id),
      })),
    },
    buttons: [[{ label: ctx.t('daily.play_all'), emoji: '▶️', style: 'primary', action: PLAY_DAILY }]],
    ...(legend ? { footer: legend } : {}),
    // Recommendations reveal someone's listening habits: only the caller sees them.
    private: true,
  };
}

export const daily = defineCommand<Services, typeof options>({
  name: 'daily',
  description: { en: 'Your daily recommended songs from NetEase', zh: '网易云音乐每日推荐歌曲' },
  help: {
    en: 'The songs NetEase recommends for you today, renewed every morning. “Play all” queues them; the menu plays one.',
    zh: '网易云音乐今天为你推荐的歌曲，每天早上更新。“全部播放”会把它们加入队列；菜单可以播放其中一首。',
  },
  options,
  needs: ['login'],
  run: (ctx) => showDaily(ctx, 1),
  actions: {
    page: (ctx, args) => showDaily(ctx, pageArg(args, MAX_PAGE)),
  },
});

export default daily;
