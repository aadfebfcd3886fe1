/**
 * `remove <position>`: takes an upcoming track out of the queue. Your own tracks are yours to
 * remove; other people's need a DJ.
 */
import { defineCommand } from './command.ts';
import type { OptionsSpec } from './options.ts';
import { reply } from './reply.ts';
import type { Services } from './services.ts';
import { openQueue, requireOwnOrDj, upcomingAt } from './support/playing.ts';
import { MAX_QUEUE_POSITION } from './support/positions.ts';
import { queueOp } from './support/queue-errors.ts';

const options = {
  position: {
    type: 'integer',
    description: { en: 'Position in the queue (see `queue`)', zh: '在队列中的位置（见 `queue`）' },
    required: true,
    min: 1,
    max: MAX_QUEUE_POSITION,
  },
} as const satisfies OptionsSpec;

export const remove = defineCommand<Services, typeof options>({
  name: 'remove',
  description: { en: 'Remove a song from the queue', zh: '从队列中移除一首歌' },
  help: {
    en: 'Removes the upcoming song at a position shown by `queue`. Anyone may remove their own songs; other people’s need a DJ while others are listening.',
    zh: '移除 `queue` 中指定位置的歌曲。每个人都可以移除自己点的歌；有其他人在听时，移除别人的歌需要 DJ 身份。',
  },
  example: '3',
  options,
  async run(ctx, args) {
    const { playback, snapshot } = await openQueue(ctx);
    await requireOwnOrDj(ctx, [upcomingAt(snapshot, args.position)], 'remove.not_yours');
    const removed = await queueOp(() => playback.remove(args.position));
    return reply.text(ctx.t('remove.done', { song: removed.song.name, position: args.position }));
  },
});

export default remove;
