/** `clear`: empties the upcoming tracks; the current one plays on. DJ-only: it drops everyone's songs. */
import { defineCommand } from './command.ts';
import { UserError } from './errors.ts';
import type { OptionsSpec } from './options.ts';
import { reply } from './reply.ts';
import type { Services } from './services.ts';
import { counted } from './support/counts.ts';
import { openQueue } from './support/playing.ts';
import { queueOp } from './support/queue-errors.ts';

const options = {} as const satisfies OptionsSpec;

export const clear = defineCommand<Services, typeof options>({
  name: 'clear',
  description: { en: 'Clear the upcoming songs', zh: '清空待播歌曲' },
  options,
  djOnly: true,
  async run(ctx) {
    const { playback, snapshot } = await openQueue(ctx);
    if (snapshot.upcoming.length === 0) throw new UserError('error.queue_empty');
    const removed = await queueOp(() => playback.clear());
    const songs = counted(ctx.t, removed, 'common.song', 'common.songs');
    const current = snapshot.current?.track.song.name;
    return reply.text(
      current ? ctx.t('clear.done_playing', { songs, song: current }) : ctx.t('clear.done', { songs }),
    );
  },
});

export default clear;
