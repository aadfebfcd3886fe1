/** `resume`: continues a paused track from where it stopped. */
import { defineCommand } from './command.ts';
import type { OptionsSpec } from './options.ts';
import { type Reply, reply } from './reply.ts';
import type { Ctx, Services } from './services.ts';
import { CONTROL_ACTION } from './support/control-actions.ts';
import { requirePlaying } from './support/playing.ts';
import { queueOp } from './support/queue-errors.ts';

const options = {} as const satisfies OptionsSpec;

async function resumePlayback(ctx: Ctx): Promise<Reply> {
  const { playback, current } = await requirePlaying(ctx);
  const song = current.track.song.name;
  if (!current.paused) return reply.text(ctx.t('resume.already', { song }), { private: true });
  await queueOp(() => playback.resume());
  return reply.text(ctx.t('resume.done', { song }));
}

export const resume = defineCommand<Services, typeof options>({
  name: 'resume',
  description: { en: 'Resume the paused music', zh: '继续播放' },
  options,
  run: (ctx) => resumePlayback(ctx),
  actions: { [CONTROL_ACTION]: (ctx) => resumePlayback(ctx) },
});

export default resume;
