/**
 * `queue [page]`: what plays now (with a progress bar) and what comes next, ten to a page, with
 * the loop mode, the volume and how long it all lasts.
 */
import { defineCommand } from './command.ts';
import type { OptionsSpec } from './options.ts';
import { type ListReply, type Reply, reply } from './reply.ts';
import type { Ctx, Services } from './services.ts';
import { pageArg } from './support/action-args.ts';
import { counted } from './support/counts.ts';
import { formatDuration, pageWindow } from './support/format.ts';
import { nowPlayingCard } from './support/now-playing-card.ts';
import { openQueue } from './support/playing.ts';
import { progressBar } from './support/progress-bar.ts';
import { loopName, queueLine, songTitle, timeLeftMs } from './support/track-text.ts';

const PER_PAGE = 10;
/** The engine keeps at most 1000 upcoming tracks. */
const MAX_PAGE = 100;

const options = {
  page: {
    type: 'integer',
    description: { en: 'Page of the queue', zh: '队列页码' },
    min: 1,
    max: MAX_PAGE,
  },
} as const satisfies OptionsSpec;

async function showQueue(ctx: Ctx, requested: number): Promise<Reply> {
  const { snapshot } = await openQueue(ctx);
  const { current, upcoming } = snapshot;
  if (!current && upcoming.length === 0) return reply.text(ctx.t('queue.empty'));
  // Nothing after it: a list of zero items says less than the now-playing card does.
  if (current && upcoming.length === 0) return nowPlayingCard(ctx, snapshot, current);

  const { page, pageCount, offset } = pageWindow(upcoming.length, PER_PAGE, requested);
  const footer = [
    current &&
      `${current.paused ? '⏸' : '▶'} ${ctx.t('queue.now', {
        song: songTitle(current.track),
        name: current.track.requester.displayName,
      })}`,
    current && progressBar(current.positionMs, current.track.song.durationMs),
    [
      ctx.t('queue.status', {
        loop: loopName(ctx.t, snapshot.loop),
        volume: snapshot.volume,
        total: formatDuration(timeLeftMs(snapshot)),
      }),
      snapshot.fair ? ctx.t('queue.fair') : '',
    ]
      .filter(Boolean)
      .join(' · '),
  ];
  const list: ListReply = {
    kind: 'list',
    title: ctx.t('queue.title', { songs: counted(ctx.t, upcoming.length, 'common.song', 'common.songs') }),
    items: upcoming.slice(offset, offset + PER_PAGE).map((track) => queueLine(track, ctx.t, ctx.locale)),
    firstNumber: offset + 1,
    page,
    pageCount,
    pager: { command: 'queue', name: 'page', args: {} },
    footer: footer.filter(Boolean).join('\n'),
  };
  return list;
}

export const queue = defineCommand<Services, typeof options>({
  name: 'queue',
  description: { en: 'Show the queue', zh: '查看播放队列' },
  help: {
    en: 'The song playing now and the songs coming up, ten to a page, with loop mode, volume and the time left.',
    zh: '显示正在播放的歌曲和接下来的歌曲（每页十首），以及循环模式、音量和剩余时长。',
  },
  options,
  run: (ctx, args) => showQueue(ctx, args.page ?? 1),
  actions: {
    page: (ctx, args) => showQueue(ctx, pageArg(args, MAX_PAGE)),
  },
});

export default queue;
