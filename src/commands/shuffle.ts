/** `shuffle`: puts the upcoming tracks in a random order (the current one keeps playing). */
import { defineCommand } from './command.ts';
import { UserError } from './errors.ts';
import type { OptionsSpec } from './options.ts';
import { reply } from './reply.ts';
import type { Services } from './services.ts';
import { counted } from './support/counts.ts';
import { openQueue } from './support/playing.ts';
import { queueOp } from './support/queue-errors.ts';

const options = {} as const satisfies OptionsSpec;

export const shuffle = defineCommand<Services, typeof options>({
  name: 'shuffle',
  description: { en: 'Shuffle the queue', zh: '随机打乱播放队列' },
  options,
  async run(ctx) {
    const { playback, snapshot } = await openQueue(ctx);
    const count = snapshot.upcoming.length;
    if (!snapshot.current && count === 0) throw new UserError('error.nothing_playing');
    if (count < 2) return reply.text(ctx.t('shuffle.too_few'), { private: true });
    await queueOp(() => playback.shuffle());
    return reply.text(ctx.t('shuffle.done', { songs: counted(ctx.t, count, 'common.song', 'common.songs') }));
  },
});

export default shuffle;
