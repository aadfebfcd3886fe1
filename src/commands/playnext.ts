/** `playnext <query>`: like `play`, but the songs go to the front of the queue. */
import { defineCommand } from './command.ts';
import { playOptions } from './play.ts';
import type { Services } from './services.ts';
import { playFrom } from './support/play-delivery.ts';
import { fromResolved } from './support/play-sources.ts';
import { resolveQuery } from './support/resolve.ts';
import { searchSuggestions } from './support/suggest.ts';

export const playnext = defineCommand<Services, typeof playOptions>({
  name: 'playnext',
  description: { en: 'Play a song right after the current one', zh: '把歌曲插到下一首播放' },
  help: {
    en: 'Like `play`, but puts the song (or the whole collection, in order) at the front of the queue. Without voice the songs are sent as files, as with `play`.',
    zh: '与 `play` 相同，但会把歌曲（或整个合集，按顺序）放到队列最前面。没有语音的平台会像 `play` 一样发送文件。',
  },
  example: '稻香',
  options: playOptions,
  needs: ['voice'],
  run: (ctx, args) =>
    playFrom(ctx, async (api) => fromResolved(await resolveQuery(ctx, api, args.query)), { next: true }),
  autocomplete: async (ctx, option, partial) => (option === 'query' ? searchSuggestions(ctx, partial) : []),
});

export default playnext;
