/**
 * `play <query>`: a song or a whole collection (text, id, or any NetEase link: song, playlist,
 * album, artist, chart), queued in the caller's voice channel, or sent as audio files where the
 * platform has no voice. Other commands' buttons end up here too: a search pick (`song`), a
 * playlist/album/artist/chart (`collection`), daily recommendations (`daily`), personal FM (`fm`).
 */
import { defineCommand } from './command.ts';
import { UserError } from './errors.ts';
import { MAX_TEXT_LENGTH, type OptionsSpec } from './options.ts';
import { type Ctx, type Services, sessionOf } from './services.ts';
import { idArg } from './support/action-args.ts';
import type { CollectionType } from './support/play-actions.ts';
import { playFrom } from './support/play-delivery.ts';
import { fromResolved, loadCollection, loadDaily, loadFm } from './support/play-sources.ts';
import { resolveQuery } from './support/resolve.ts';
import { searchSuggestions } from './support/suggest.ts';

export const playOptions = {
  query: {
    type: 'string',
    description: {
      en: 'A song or a collection: title, id, or a NetEase link (song, playlist, album, artist, chart)',
      zh: '歌曲或合集：歌名、ID，或网易云音乐链接（歌曲、歌单、专辑、歌手、榜单）',
    },
    required: true,
    maxLength: MAX_TEXT_LENGTH,
    rest: true,
    autocomplete: true,
  },
} as const satisfies OptionsSpec;

const COLLECTION_TYPES: readonly CollectionType[] = ['playlist', 'album', 'artist', 'toplist'];

function collectionTypeArg(value: unknown): CollectionType {
  if (typeof value === 'string' && (COLLECTION_TYPES as readonly string[]).includes(value)) {
    return value as CollectionType;
  }
  // A payload nobody of ours built: treat it like any stale button.
  throw new UserError('error.expired_button');
}

/** Daily songs and FM are the caller's own: without a login NetEase would answer for the bot's account. */
async function requireLogin(ctx: Ctx): Promise<void> {
  if (!(await sessionOf(ctx))) throw new UserError('error.needs_login');
}

export const play = defineCommand<Services, typeof playOptions>({
  name: 'play',
  description: { en: 'Play a song, playlist, album or chart', zh: '播放歌曲、歌单、专辑或榜单' },
  help: {
    en: 'Plays in your voice channel, or sends the song as a file where there is no voice. Takes a title, a song id or any NetEase link; a playlist, album, artist or chart link queues all of its songs (songs without copyright are skipped).',
    zh: '在你所在的语音频道播放；没有语音的平台会以文件形式发送歌曲。可以输入歌名、歌曲 ID 或任何网易云音乐链接；歌单、专辑、歌手或榜单链接会把其中所有歌曲加入队列（无版权的歌曲会被跳过）。',
  },
  example: '晴天',
  options: playOptions,
  needs: ['voice'],
  run: (ctx, args) => playFrom(ctx, async (api) => fromResolved(await resolveQuery(ctx, api, args.query))),
  actions: {
    song: (ctx, args) => {
      const id = idArg(args, 'id');
      return playFrom(ctx, async (api) => ({ kind: 'song', song: await api.song(id) }));
    },
    collection: (ctx, args) => {
      const type = collectionTypeArg(args.type);
      const id = idArg(args, 'id');
      return playFrom(ctx, (api) => loadCollection(api, type, id));
    },
    daily: async (ctx) => {
      await requireLogin(ctx);
      return playFrom(ctx, (api) => loadDaily(api, ctx.t));
    },
    fm: async (ctx) => {
      await requireLogin(ctx);
      // TODO(engine): this queues one batch of FM songs (NetEase hands out ~3 per call). Endless
      // FM needs the engine to fetch the next batch, as this user, when the queue runs low; the
      // contract has no way to ask for that yet. Proposed: `EnqueueOptions.radio = { kind:
      // 'personal-fm', userKey }`, remembered per guild until `stop`/`clear`, refilled with
      // `netease.as(user).personalFm()` whenever `upcoming` drops below two tracks.
      return playFrom(ctx, (api) => loadFm(api, ctx.t));
    },
  },
  autocomplete: async (ctx, option, partial) => (option === 'query' ? searchSuggestions(ctx, partial) : []),
});

export default play;
