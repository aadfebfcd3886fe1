/** `pause`: pauses the current track where it is; `resume` carries on from there. */
import { defineCommand } from './command.ts';
import type { OptionsSpec } from './options.ts';
import { type Reply, reply } from './reply.ts';
import type { Ctx, Services } from './services.ts';
import { CONTROL_ACTION } from './support/control-actions.ts';
import { requirePlaying } from './support/playing.ts';
import { queueOp } from './support/queue-errors.ts';

const options = {} as const satisfies OptionsSpec;

async function pausePlayback(ctx: Ctx): Promise<Reply> {
  const { playback, current } = await requirePlaying(ctx);
  const song = current.track.song.name;
  if (current.paused) return reply.text(ctx.t('pause.already', { song }), { private: true });
  await queueOp(() => playback.pause());
  return reply.text(ctx.t('pause.done', { song }));
}

export const pause = defineCommand<Services, typeof options>({
  name: 'pause',
  description: { en: 'Pause the music', zh: '暂停播放' },
  options,
  run: (ctx) => pausePlayback(ctx),
  actions: { [CONTROL_ACTION]: (ctx) => pausePlayback(ctx) },
});

export default pause;
