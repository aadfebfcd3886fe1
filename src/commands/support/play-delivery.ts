/**
 * The shared half of `play` and `playnext`: check what was found, then either queue it in the
 * caller's voice channel or, where the platform has no voice (Telegram, the console), send the
 * songs themselves. Grey songs (no copyright) never reach the queue: the engine would only skip
 * them later, after the user was told they were added.
 */
import type { NeteaseApi } from '../../netease/client.ts';
import { neteaseUrl } from '../../netease/links.ts';
import type { Song } from '../../netease/models.ts';
import type { EnqueueOptions, GuildPlayback, Requester } from '../../queue/types.ts';
import { UserError } from '../errors.ts';
import { type AudioReply, type CardReply, type Reply, reply } from '../reply.ts';
import { rich } from '../rich-text.ts';
import { type Ctx, neteaseFor } from '../services.ts';
import { badgeLegend } from './badge-legend.ts';
import { counted } from './counts.ts';
import { artistNames, formatDuration } from './format.ts';
import type { Playable } from './play-sources.ts';
import { queueOp } from './queue-errors.ts';

/** Songs sent as files for one collection: each is an upload, and a chat flooded with 30 helps nobody. */
export const MAX_AUDIO_FILES = 5;

export interface PlayOptions {
  /** Put the songs at the front of the queue (`playnext`). */
  next?: boolean;
}

function playableSongs(songs: readonly Song[]): Song[] {
  return songs.filter((song) => song.playability !== 'unavailable');
}

function requesterOf(ctx: Ctx): Requester {
  return { userKey: ctx.user.key, displayName: ctx.user.name };
}

async function enqueueSong(
  ctx: Ctx,
  playback: GuildPlayback,
  song: Song,
  options: EnqueueOptions,
): Promise<Reply> {
  const result = await queueOp(() => playback.enqueue([song], requesterOf(ctx), options));
  const where =
    result.position === 0
      ? ctx.t('play.now_playing')
      : result.position === 1
        ? ctx.t('play.up_next')
        : ctx.t('play.position', { position: result.position });
  const legend = badgeLegend(ctx.t, [song]);
  const card: CardReply = {
    kind: 'card',
    title: song.name,
    url: neteaseUrl('song', song.id),
    description: rich.join([artistNames(song), song.album.name], ' · '),
    fields: [
      { name: ctx.t('play.field_duration'), value: formatDuration(song.durationMs), inline: true },
      { name: ctx.t('play.field_position'), value: where, inline: true },
    ],
    ...(legend ? { footer: legend } : {}),
    ...(song.album.coverUrl ? { thumbnailUrl: song.album.coverUrl } : {}),
  };
  return card;
}

async function enqueueCollection(
  ctx: Ctx,
  playback: GuildPlayback,
  collection: Extract<Playable, { kind: 'collection' }>,
  songs: Song[],
  options: EnqueueOptions,
): Promise<Reply> {
  const result = await queueOp(() => playback.enqueue(songs, requesterOf(ctx), options));
  const skipped = collection.songs.length - songs.length;
  const card: CardReply = {
    kind: 'card',
    title: collection.title,
    ...(collection.url ? { url: collection.url } : {}),
    description: rich.lines(
      ctx.t('play.added', {
        songs: counted(ctx.t, result.added, 'common.song', 'common.songs'),
        title: collection.title,
      }),
      result.position === 0
        ? ctx.t('play.starts_now')
        : ctx.t('play.starts_at', { position: result.position }),
      skipped > 0 &&
        ctx.t('play.skipped_unavailable', { songs: counted(ctx.t, skipped, 'common.song', 'common.songs') }),
      // The engine caps a guild's queue; say so rather than let the missing songs vanish.
      result.added < songs.length && ctx.t('play.queue_full', { added: result.added, count: songs.length }),
    ),
  };
  return card;
}

function audioOf(ctx: Ctx, song: Song): AudioReply {
  const legend = badgeLegend(ctx.t, [song]);
  return { kind: 'audio', song, userKey: ctx.user.key, ...(legend ? { caption: legend } : {}) };
}

function sendCollection(
  ctx: Ctx,
  collection: Extract<Playable, { kind: 'collection' }>,
  songs: Song[],
): Reply {
  const sent = songs.slice(0, MAX_AUDIO_FILES);
  const skipped = collection.songs.length - songs.length;
  const intro = rich.lines(
    ctx.t('play.files_intro', {
      songs: counted(ctx.t, sent.length, 'common.song', 'common.songs'),
      title: collection.title,
    }),
    songs.length > sent.length && ctx.t('play.files_capped', { shown: sent.length, total: songs.length }),
    skipped > 0 &&
      ctx.t('play.skipped_unavailable', { songs: counted(ctx.t, skipped, 'common.song', 'common.songs') }),
  );
  return reply.multi(reply.text(intro), ...sent.map((song) => audioOf(ctx, song)));
}

/**
 * Loads what to play and delivers it. Voice comes first: someone who is not in a channel hears
 * so at once, before the bot spends NetEase calls on a song it cannot play for them.
 */
export async function playFrom(
  ctx: Ctx,
  load: (api: NeteaseApi) => Promise<Playable>,
  options: PlayOptions = {},
): Promise<Reply> {
  const playback = ctx.capabilities.voice ? await ctx.playback() : undefined;
  const found = await load(await neteaseFor(ctx));
  const enqueueOptions: EnqueueOptions = {
    ...(options.next ? { next: true } : {}),
    textChannelId: ctx.chat.id,
  };

  if (found.kind === 'song') {
    if (found.song.playability === 'unavailable') {
      throw new UserError('error.song_unavailable', { name: found.song.name });
    }
    return playback ? enqueueSong(ctx, playback, found.song, enqueueOptions) : audioOf(ctx, found.song);
  }

  if (found.songs.length === 0) throw new UserError('play.empty_collection', { title: found.title });
  const songs = playableSongs(found.songs);
  if (songs.length === 0) throw new UserError('play.nothing_playable', { title: found.title });
  return playback
    ? enqueueCollection(ctx, playback, found, songs, enqueueOptions)
    : sendCollection(ctx, found, songs);
}
