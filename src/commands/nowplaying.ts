/** `nowplaying`: the current song with a progress bar, who asked for it, and control buttons. */
import { defineCommand } from './command.ts';
import type { OptionsSpec } from './options.ts';
import type { Services } from './services.ts';
import { nowPlayingCard } from './support/now-playing-card.ts';
import { requirePlaying } from './support/playing.ts';

const options = {} as const satisfies OptionsSpec;

export const nowplaying = defineCommand<Services, typeof options>({
  name: 'nowplaying',
  description: { en: 'Show the song playing now', zh: '查看正在播放的歌曲' },
  options,
  async run(ctx) {
    const { snapshot, current } = await requirePlaying(ctx);
    return nowPlayingCard(ctx, snapshot, current);
  },
});

export default nowplaying;
