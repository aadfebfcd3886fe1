/**
 * The first steps every queue-control command takes: find the caller's guild player, look at
 * its queue, refuse with the right sentence when there is nothing to control, and check whether
 * the caller may touch tracks other people asked for.
 */
import type { GuildPlayback, NowPlaying, QueuedTrack, QueueSnapshot } from '../../queue/types.ts';
import { UserError } from '../errors.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { Ctx } from '../services.ts';
import { queueOp } from './queue-errors.ts';

export interface Queue {
  playback: GuildPlayback;
  snapshot: QueueSnapshot;
}

export interface Playing extends Queue {
  current: NowPlaying;
}

/** The caller's player and its queue. `ctx.playback()` already says "no voice here" or "join a channel". */
export async function openQueue(ctx: Ctx): Promise<Queue> {
  const playback = await ctx.playback();
  const snapshot = await queueOp(() => playback.snapshot());
  return { playback, snapshot };
}

/** As openQueue, for commands that act on the track playing now. */
export async function requirePlaying(ctx: Ctx): Promise<Playing> {
  const queue = await openQueue(ctx);
  const current = queue.snapshot.current;
  if (!current) throw new UserError('error.nothing_playing');
  return { ...queue, current };
}

/**
 * Anyone may act on their own tracks; someone else's need a DJ (who is also anyone listening
 * alone: `isDj` knows). `refusal` names the first foreign track and who asked for it.
 */
export async function requireOwnOrDj(
  ctx: Ctx,
  tracks: readonly QueuedTrack[],
  refusal: Extract<MessageKey, 'skip.not_yours' | 'remove.not_yours'>,
): Promise<void> {
  const foreign = tracks.find((track) => track.requester.userKey !== ctx.user.key);
  if (!foreign || (await ctx.isDj())) return;
  throw new UserError(refusal, { song: foreign.song.name, name: foreign.requester.displayName });
}

/** The upcoming track at a 1-based position, or the engine's own wording for a bad one. */
export function upcomingAt(snapshot: QueueSnapshot, position: number): QueuedTrack {
  const track = snapshot.upcoming[position - 1];
  if (track) return track;
  if (snapshot.upcoming.length === 0) throw new UserError('error.queue_empty');
  throw new UserError('error.bad_position', { position, length: snapshot.upcoming.length });
}
