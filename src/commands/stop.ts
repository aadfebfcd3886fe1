/** `stop`: stops playback and empties the queue. It ends everyone's listening, so it is DJ-only. */
import { defineCommand } from './command.ts';
import { UserError } from './errors.ts';
import type { OptionsSpec } from './options.ts';
import { type Reply, reply } from './reply.ts';
import type { Ctx, Services } from './services.ts';
import { CONTROL_ACTION } from './support/control-actions.ts';
import { counted } from './support/counts.ts';
import { openQueue } from './support/playing.ts';
import { queueOp } from './support/queue-errors.ts';

const options = {} as const satisfies OptionsSpec;

async function stopPlayback(ctx: Ctx): Promise<Reply> {
  const { playback, snapshot } = await openQueue(ctx);
  const queued = snapshot.upcoming.length;
  if (!snapshot.current && queued === 0) throw new UserError('error.nothing_playing');
  await queueOp(() => playback.stop());
  return reply.text(
    queued > 0
      ? ctx.t('stop.done_cleared', { songs: counted(ctx.t, queued, 'common.song', 'common.songs') })
      : ctx.t('stop.done'),
  );
}

export const stop = defineCommand<Services, typeof options>({
  name: 'stop',
  description: { en: 'Stop the music and clear the queue', zh: '停止播放并清空队列' },
  options,
  djOnly: true,
  run: (ctx) => stopPlayback(ctx),
  actions: { [CONTROL_ACTION]: (ctx) => stopPlayback(ctx) },
});

export default stop;
