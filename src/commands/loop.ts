/** `loop [mode]`: repeat nothing, the current track, or the whole queue. Without a mode, the next one. */
import type { LoopMode } from '../queue/types.ts';
import { defineCommand } from './command.ts';
import type { OptionsSpec } from './options.ts';
import { reply } from './reply.ts';
import type { Services } from './services.ts';
import { requirePlaying } from './support/playing.ts';
import { queueOp } from './support/queue-errors.ts';

const options = {
  mode: {
    type: 'string',
    description: {
      en: 'off, track or queue (default: the next mode)',
      zh: '关闭、单曲或列表（默认：切换到下一种）',
    },
    choices: [
      { value: 'off', label: { en: 'off', zh: '关闭' } },
      { value: 'track', label: { en: 'track', zh: '单曲' } },
      { value: 'queue', label: { en: 'queue', zh: '列表' } },
    ],
  },
} as const satisfies OptionsSpec;

/** The order a bare `loop` steps through, as a repeat button in a music app does. */
const NEXT_MODE: Record<LoopMode, LoopMode> = { off: 'track', track: 'queue', queue: 'off' };

export const loop = defineCommand<Services, typeof options>({
  name: 'loop',
  description: { en: 'Repeat the song or the queue', zh: '单曲循环或列表循环' },
  help: {
    en: '`loop track` repeats the current song, `loop queue` plays the queue again from the start when it ends, `loop off` stops repeating. Plain `loop` switches to the next mode.',
    zh: '`loop track` 单曲循环，`loop queue` 队列播完后从头再来，`loop off` 关闭循环。只输入 `loop` 会切换到下一种模式。',
  },
  example: 'track',
  options,
  async run(ctx, args) {
    const { playback, snapshot, current } = await requirePlaying(ctx);
    const mode = args.mode ?? NEXT_MODE[snapshot.loop];
    await queueOp(() => playback.setLoop(mode));
    if (mode === 'track') return reply.text(ctx.t('loop.set_track', { song: current.track.song.name }));
    return reply.text(ctx.t(mode === 'queue' ? 'loop.set_queue' : 'loop.set_off'));
  },
});

export default loop;
