/** `move <from> <to>`: reorders the queue. It changes everyone's order, so it is DJ-only. */
import { defineCommand } from './command.ts';
import type { OptionsSpec } from './options.ts';
import { reply } from './reply.ts';
import type { Services } from './services.ts';
import { openQueue, upcomingAt } from './support/playing.ts';
import { MAX_QUEUE_POSITION } from './support/positions.ts';
import { queueOp } from './support/queue-errors.ts';

const options = {
  from: {
    type: 'integer',
    description: { en: 'Position of the song to move', zh: '要移动的歌曲位置' },
    required: true,
    min: 1,
    max: MAX_QUEUE_POSITION,
  },
  to: {
    type: 'integer',
    description: { en: 'Where it should go', zh: '移动到的位置' },
    required: true,
    min: 1,
    max: MAX_QUEUE_POSITION,
  },
} as const satisfies OptionsSpec;

export const move = defineCommand<Services, typeof options>({
  name: 'move',
  description: { en: 'Move a song to another place in the queue', zh: '调整歌曲在队列中的位置' },
  example: '5 1',
  options,
  djOnly: true,
  async run(ctx, { from, to }) {
    const { playback, snapshot } = await openQueue(ctx);
    // Both checked first, so a bad target does not leave the user guessing which number was wrong.
    const track = upcomingAt(snapshot, from);
    upcomingAt(snapshot, to);
    if (from === to) return reply.text(ctx.t('move.same', { song: track.song.name, position: to }));
    const moved = await queueOp(() => playback.move(from, to));
    return reply.text(ctx.t('move.done', { song: moved.song.name, from, to }));
  },
});

export default move;
