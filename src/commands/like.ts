/**
 * `like [song]`: adds a song (by default the one playing) to the user's "liked songs" on their
 * own NetEase account, the red heart in the app.
 */
import { defineCommand } from './command.ts';
import { MAX_TEXT_LENGTH, type OptionsSpec } from './options.ts';
import { type Reply, reply } from './reply.ts';
import { type Ctx, neteaseFor, type Services } from './services.ts';
import { artistNames } from './support/format.ts';
import { currentSong } from './support/now-playing.ts';
import { resolveSong } from './support/resolve.ts';
import { searchSuggestions } from './support/suggest.ts';

const EXAMPLE = 'like 晴天';

const options = {
  query: {
    type: 'string',
    description: {
      en: 'A song: title, id or link (default: the song playing now)',
      zh: '歌曲：歌名、ID 或链接（默认：正在播放的歌曲）',
    },
    maxLength: MAX_TEXT_LENGTH,
    rest: true,
    autocomplete: true,
  },
} as const satisfies OptionsSpec;

async function likeSong(ctx: Ctx, query: string | undefined): Promise<Reply> {
  const api = await neteaseFor(ctx);
  // Resolved first, so an unknown id is "no such song" rather than whatever the like call says.
  const song = query ? await resolveSong(ctx, api, query) : await currentSong(ctx, EXAMPLE);
  await api.likeSong(song.id);
  return reply.text(ctx.t('like.done', { song: song.name, artists: artistNames(song) }), { private: true });
}

export const like = defineCommand<Services, typeof options>({
  name: 'like',
  description: { en: 'Like a song on your NetEase account', zh: '在你的网易云音乐账号中红心一首歌' },
  help: {
    en: 'Adds the song to your liked songs on NetEase. Without a song, likes the one playing now.',
    zh: '把歌曲加入你在网易云音乐上的“我喜欢的音乐”。不指定歌曲时，红心正在播放的歌曲。',
  },
  example: '晴天',
  options,
  needs: ['login'],
  run: (ctx, args) => likeSong(ctx, args.query),
  autocomplete: async (ctx, option, partial) => (option === 'query' ? searchSuggestions(ctx, partial) : []),
});

export default like;
