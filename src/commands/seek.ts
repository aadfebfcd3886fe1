/** `seek <time>`: jumps within the current track: `1:23`, `83` (seconds), `+10` or `-10`. */
import { defineCommand } from './command.ts';
import { UserError } from './errors.ts';
import type { OptionsSpec } from './options.ts';
import { reply } from './reply.ts';
import { rich } from './rich-text.ts';
import type { Services } from './services.ts';
import { formatDuration } from './support/format.ts';
import { requirePlaying } from './support/playing.ts';
import { progressBar } from './support/progress-bar.ts';
import { queueOp } from './support/queue-errors.ts';
import { parseSeekTarget } from './support/time-parse.ts';

const options = {
  position: {
    type: 'string',
    description: {
      en: 'A time (1:23 or 83) or a step (+10, -10 seconds)',
      zh: '时间（1:23 或 83）或快进/快退（+10、-10 秒）',
    },
    required: true,
    maxLength: 20,
  },
} as const satisfies OptionsSpec;

export const seek = defineCommand<Services, typeof options>({
  name: 'seek',
  description: { en: 'Jump to a time in the song', zh: '跳转到歌曲的指定时间' },
  help: {
    en: '`seek 1:23` jumps to 1 min 23 s, `seek 83` to 83 s, `seek +10` forward and `seek -10` back by 10 s.',
    zh: '`seek 1:23` 跳到 1 分 23 秒，`seek 83` 跳到第 83 秒，`seek +10` 快进 10 秒，`seek -10` 后退 10 秒。',
  },
  example: '1:23',
  options,
  async run(ctx, args) {
    const target = parseSeekTarget(args.position);
    if (!target) throw new UserError('seek.bad_time', { input: args.position });
    const { playback, current } = await requirePlaying(ctx);
    const { song } = current.track;
    // Stepping back past the start means "from the start"; past the end there is nothing to hear.
    const positionMs = Math.max(0, target.kind === 'relative' ? current.positionMs + target.ms : target.ms);
    if (song.durationMs > 0 && positionMs >= song.durationMs) {
      throw new UserError('seek.beyond_end', { song: song.name, duration: formatDuration(song.durationMs) });
    }
    await queueOp(() => playback.seek(positionMs));
    return reply.text(
      rich.lines(
        ctx.t('seek.done', { song: song.name, position: formatDuration(positionMs) }),
        progressBar(positionMs, song.durationMs),
      ),
    );
  },
});

export default seek;
