/** `volume <percent>`: the guild's playback volume, 0–200 %. Everyone hears it, so it is DJ-only. */
import { defineCommand } from './command.ts';
import type { OptionsSpec } from './options.ts';
import { reply } from './reply.ts';
import { rich } from './rich-text.ts';
import type { Services } from './services.ts';
import { requirePlaying } from './support/playing.ts';
import { queueOp } from './support/queue-errors.ts';

/** Above this ffmpeg amplifies, and loud masters start to clip. */
const UNITY = 100;

const options = {
  percent: {
    type: 'integer',
    description: {
      en: 'Volume in percent, 0–200 (100 = as released)',
      zh: '音量百分比，0–200（100 为原始音量）',
    },
    required: true,
    min: 0,
    max: 200,
  },
} as const satisfies OptionsSpec;

export const volume = defineCommand<Services, typeof options>({
  name: 'volume',
  description: { en: 'Set the volume', zh: '设置音量' },
  example: '80',
  options,
  djOnly: true,
  async run(ctx, args) {
    const { playback, snapshot } = await requirePlaying(ctx);
    await queueOp(() => playback.setVolume(args.percent));
    return reply.text(
      rich.lines(
        ctx.t('volume.done', { volume: args.percent, previous: snapshot.volume }),
        args.percent > UNITY && ctx.t('volume.loud'),
      ),
    );
  },
});

export default volume;
