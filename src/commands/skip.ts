/**
 * `skip [count]`: skips the current track, or `count` tracks (landing on upcoming position
 * `count`). Your own tracks are yours to skip; skipping someone else's needs a DJ.
 */
import { defineCommand } from './command.ts';
import { UserError } from './errors.ts';
import type { OptionsSpec } from './options.ts';
import { type ActionArgs, type Reply, reply } from './reply.ts';
import { rich } from './rich-text.ts';
import type { Ctx, Services } from './services.ts';
import { stringArg } from './support/action-args.ts';
import { CONTROL_ACTION } from './support/control-actions.ts';
import { counted } from './support/counts.ts';
import { requireOwnOrDj, requirePlaying } from './support/playing.ts';
import { queueOp } from './support/queue-errors.ts';
import { songTitle } from './support/track-text.ts';

const MAX_SKIP = 100;

const options = {
  count: {
    type: 'integer',
    description: { en: 'How many tracks to skip (default 1)', zh: '跳过几首（默认 1）' },
    min: 1,
    max: MAX_SKIP,
  },
} as const satisfies OptionsSpec;

/** `entry`: from a now-playing card's button, the track that card showed. */
async function skipTracks(ctx: Ctx, count: number, entry?: string): Promise<Reply> {
  const { playback, snapshot, current } = await requirePlaying(ctx);
  if (entry !== undefined && current.track.entryId !== entry) throw new UserError('skip.stale');
  // Checked here, before the permission question, so "skip 50" on a short queue says why.
  if (count > 1 && count > snapshot.upcoming.length) {
    throw new UserError('error.bad_position', { position: count, length: snapshot.upcoming.length });
  }
  await requireOwnOrDj(ctx, [current.track, ...snapshot.upcoming.slice(0, count - 1)], 'skip.not_yours');

  const result = await queueOp(() => playback.skip(count));
  const [first] = result.skipped;
  return reply.text(
    rich.lines(
      result.skipped.length === 1 && first
        ? ctx.t('skip.done', { song: first.song.name })
        : ctx.t('skip.done_many', {
            songs: counted(ctx.t, result.skipped.length, 'common.song', 'common.songs'),
          }),
      result.current ? ctx.t('skip.now', { song: songTitle(result.current) }) : ctx.t('skip.queue_end'),
    ),
  );
}

function entryOf(args: ActionArgs): string | undefined {
  return args.entry === undefined ? undefined : stringArg(args, 'entry', 100);
}

export const skip = defineCommand<Services, typeof options>({
  name: 'skip',
  description: { en: 'Skip the current song', zh: '跳过当前歌曲' },
  help: {
    en: 'Skips the song playing now; `skip 3` jumps to the third song in the queue. Anyone may skip their own songs; skipping other people’s needs a DJ while others are listening.',
    zh: '跳过正在播放的歌曲；`skip 3` 直接跳到队列中的第三首。每个人都可以跳过自己点的歌；有其他人在听时，跳过别人的歌需要 DJ 身份。',
  },
  example: '2',
  options,
  run: (ctx, args) => skipTracks(ctx, args.count ?? 1),
  actions: {
    [CONTROL_ACTION]: (ctx, args) => skipTracks(ctx, 1, entryOf(args)),
  },
});

export default skip;
