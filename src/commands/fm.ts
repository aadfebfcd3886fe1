/**
 * `fm`: a look at the user's personal FM (NetEase's endless radio tuned to their taste) with a
 * button that starts it. Keeping the queue topped up while it plays is the playback engine's job;
 * this only shows what is coming and hands over.
 *
 * NetEase hands out new FM songs on every call, so the songs shown here are not necessarily the
 * ones `play` will start with; that is how the app's FM behaves too.
 */
import { defineCommand } from './command.ts';
import type { OptionsSpec } from './options.ts';
import type { ActionRef, Reply } from './reply.ts';
import { reply } from './reply.ts';
import { type Ctx, neteaseFor, type Services } from './services.ts';
import { badgeLegend } from './support/badge-legend.ts';
import { songLine } from './support/format.ts';

/** For `play`: start personal FM for whoever presses it. */
export const PLAY_FM: ActionRef = { command: 'play', name: 'fm', args: {} };

const options = {} as const satisfies OptionsSpec;

async function showFm(ctx: Ctx): Promise<Reply> {
  const songs = await (await neteaseFor(ctx)).personalFm();
  if (songs.length === 0) return reply.text(ctx.t('fm.empty'), { private: true });
  return {
    kind: 'list',
    title: ctx.t('fm.title'),
    items: songs.map((song) => songLine(song, ctx.locale)),
    firstNumber: 1,
    page: 1,
    pageCount: 1,
    buttons: [[{ label: ctx.t('fm.play'), emoji: '📻', style: 'primary', action: PLAY_FM }]],
    footer: [ctx.t('fm.footer'), badgeLegend(ctx.t, songs)].filter(Boolean).join('\n'),
    private: true,
  };
}

export const fm = defineCommand<Services, typeof options>({
  name: 'fm',
  description: { en: 'Your personal FM: endless songs picked for you', zh: '私人 FM：为你挑选的无尽歌曲' },
  help: {
    en: 'Shows the next songs of your NetEase personal FM, with a button to start playing it.',
    zh: '显示你的网易云音乐私人 FM 接下来的歌曲，并提供开始播放的按钮。',
  },
  options,
  needs: ['login'],
  run: (ctx) => showFm(ctx),
});

export default fm;
