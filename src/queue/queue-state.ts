/**
 * A guild's queue as plain data, and every change to it as a pure function. No I/O, no clocks,
 * no randomness of its own: the guild player loads the state, applies one of these, stores the
 * result with a version check, and only then touches audio. Keeping the rules here makes them
 * testable without Redis or ffmpeg, and identical for both backends.
 *
 * Transitions never mutate their input. One that changes nothing returns the same object, so the
 * caller can skip the write.
 */
import { QueueError } from './errors.ts';
import { fairInsertIndex, fairOrder } from './fair-order.ts';
import type { EnqueueResult, LoopMode, QueuedTrack, SkipResult } from './types.ts';

export interface CurrentEntry {
  track: QueuedTrack;
  /**
   * Where to (re)start the track. Written at transitions (start, seek, pause, shutdown); while
   * it plays, the live position comes from the stream and the run's progress record.
   */
  positionMs: number;
}

export interface GuildQueueState {
  guildId: string;
  /** Bumped by the store on every write; the compare-and-set token. */
  version: number;
  updatedAt: number;
  current?: CurrentEntry;
  upcoming: QueuedTrack[];
  /** Tracks that played, oldest first, for `previous`. */
  history: QueuedTrack[];
  loop: LoopMode;
  /** Percent, 0–200. */
  volume: number;
  paused: boolean;
  fair: boolean;
  textChannelId?: string;
  voiceChannelId?: string;
  /**
   * The playback run (BullMQ job id, or an embedded run id) that drives this guild. Set while the
   * guild should be playing, cleared when its queue ends; a restart resumes guilds that have one.
   */
  runId?: string;
}

/** A transition's outcome. `restart`: the track to play changed (or must start over). */
export interface Step<R = void> {
  state: GuildQueueState;
  result: R;
  restart: boolean;
}

export const LIMITS = {
  /** Upcoming tracks per guild: keeps the stored state (and a `queue` page count) bounded. */
  maxUpcoming: 1000,
  historySize: 50,
  minVolume: 0,
  maxVolume: 200,
} as const;

export function initialState(guildId: string, defaults: { volume: number; fair: boolean }): GuildQueueState {
  return {
    guildId,
    version: 0,
    updatedAt: 0,
    upcoming: [],
    history: [],
    loop: 'off',
    volume: defaults.volume,
    paused: false,
    fair: defaults.fair,
  };
}

const same = <R>(state: GuildQueueState, result: R): Step<R> => ({ state, result, restart: false });

function pushHistory(history: readonly QueuedTrack[], track: QueuedTrack): QueuedTrack[] {
  const next = [...history, track];
  return next.length > LIMITS.historySize ? next.slice(next.length - LIMITS.historySize) : next;
}

/** The first upcoming track becomes current (from 0), or nothing plays. */
function promoteNext(state: GuildQueueState): GuildQueueState {
  const [next, ...rest] = state.upcoming;
  const { current: _previous, ...base } = state;
  return next
    ? { ...base, current: { track: next, positionMs: 0 }, upcoming: rest }
    : { ...base, upcoming: rest };
}

function requireCurrent(state: GuildQueueState): CurrentEntry {
  if (!state.current) throw new QueueError('nothing_playing');
  return state.current;
}

function checkPosition(state: GuildQueueState, position: number): number {
  if (!Number.isInteger(position) || position < 1 || position > state.upcoming.length) {
    if (state.upcoming.length === 0) throw new QueueError('queue_empty');
    throw new QueueError('bad_position', { position, length: state.upcoming.length });
  }
  return position - 1;
}

export function addTracks(
  state: GuildQueueState,
  tracks: readonly QueuedTrack[],
  options: { next?: boolean } = {},
): Step<EnqueueResult> {
  if (tracks.length === 0) return same(state, { position: 0, added: 0, startedPlaying: false });
  const room = LIMITS.maxUpcoming - state.upcoming.length + (state.current ? 0 : 1);
  if (room <= 0) throw new QueueError('queue_full', { max: LIMITS.maxUpcoming });
  const accepted = tracks.slice(0, room);
  const first = accepted[0]!;

  let upcoming: QueuedTrack[];
  if (options.next) {
    upcoming = [...accepted, ...state.upcoming];
  } else if (state.fair) {
    upcoming = [...state.upcoming];
    const playing = state.current?.track.requester.userKey;
    for (const track of accepted) {
      upcoming.splice(fairInsertIndex(upcoming, track.requester.userKey, playing), 0, track);
    }
  } else {
    upcoming = [...state.upcoming, ...accepted];
  }

  let next: GuildQueueState = { ...state, upcoming };
  const startedPlaying = !state.current;
  if (startedPlaying) next = { ...promoteNext(next), paused: false };
  const position =
    startedPlaying && next.current?.track.entryId === first.entryId
      ? 0
      : next.upcoming.findIndex((track) => track.entryId === first.entryId) + 1;
  return {
    state: next,
    result: { position, added: accepted.length, startedPlaying },
    restart: startedPlaying,
  };
}

/** The current track played to its end: loop it, requeue it, or move on. */
export function trackEnded(state: GuildQueueState, entryId: string): Step {
  const current = state.current;
  if (current?.track.entryId !== entryId) return same(state, undefined);
  if (state.loop === 'track') {
    return {
      state: { ...state, current: { track: current.track, positionMs: 0 } },
      result: undefined,
      restart: true,
    };
  }
  const upcoming = state.loop === 'queue' ? [...state.upcoming, current.track] : state.upcoming;
  const history = pushHistory(state.history, current.track);
  return { state: promoteNext({ ...state, upcoming, history }), result: undefined, restart: true };
}

/**
 * The current track cannot be played (no copyright, VIP only, stream failed). It is dropped, not
 * requeued or kept in history: with loop on, a grey song would otherwise come back forever.
 */
export function trackFailed(state: GuildQueueState, entryId: string): Step {
  if (state.current?.track.entryId !== entryId) return same(state, undefined);
  return { state: promoteNext(state), result: undefined, restart: true };
}

export function skip(state: GuildQueueState, count = 1): Step<SkipResult> {
  const current = requireCurrent(state);
  // skip(n) lands on upcoming position n; only a plain skip may run past the end.
  if (!Number.isInteger(count) || count < 1 || (count > 1 && count > state.upcoming.length)) {
    throw new QueueError('bad_position', { position: count, length: state.upcoming.length });
  }
  const skipped = [current.track, ...state.upcoming.slice(0, count - 1)];
  let upcoming = state.upcoming.slice(count - 1);
  if (state.loop === 'queue') upcoming = [...upcoming, ...skipped];
  const history = pushHistory(state.history, current.track);
  // Skipping while paused means "play the next one", not "queue it up paused".
  const next = promoteNext({ ...state, upcoming, history, paused: false });
  return {
    state: next,
    result: next.current ? { skipped, current: next.current.track } : { skipped },
    restart: true,
  };
}

export function previous(state: GuildQueueState): Step<QueuedTrack> {
  const track = state.history.at(-1);
  if (!track) throw new QueueError('no_previous');
  // With loop=queue the track was also requeued at the end; it must not be in the list twice.
  let upcoming = state.upcoming.filter((t) => t.entryId !== track.entryId);
  if (state.current) upcoming = [state.current.track, ...upcoming];
  return {
    state: {
      ...state,
      current: { track, positionMs: 0 },
      upcoming,
      history: state.history.slice(0, -1),
      paused: false,
    },
    result: track,
    restart: true,
  };
}

export function seek(state: GuildQueueState, positionMs: number): Step {
  const current = requireCurrent(state);
  const durationMs = current.track.song.durationMs;
  if (!Number.isFinite(positionMs) || positionMs < 0 || (durationMs > 0 && positionMs >= durationMs)) {
    throw new QueueError('bad_seek', { positionMs, durationMs });
  }
  return same({ ...state, current: { ...current, positionMs: Math.round(positionMs) } }, undefined);
}

export function pause(state: GuildQueueState): Step {
  requireCurrent(state);
  return same(state.paused ? state : { ...state, paused: true }, undefined);
}

export function resume(state: GuildQueueState): Step {
  requireCurrent(state);
  return same(state.paused ? { ...state, paused: false } : state, undefined);
}

export function stop(state: GuildQueueState): Step {
  if (!state.current && state.upcoming.length === 0) return same(state, undefined);
  const { current, ...base } = state;
  return {
    state: {
      ...base,
      upcoming: [],
      history: current ? pushHistory(state.history, current.track) : state.history,
      paused: false,
    },
    result: undefined,
    restart: true,
  };
}

export function clear(state: GuildQueueState): Step<number> {
  if (state.upcoming.length === 0) return same(state, 0);
  return same({ ...state, upcoming: [] }, state.upcoming.length);
}

export function remove(state: GuildQueueState, position: number): Step<QueuedTrack> {
  const index = checkPosition(state, position);
  const upcoming = [...state.upcoming];
  const [removed] = upcoming.splice(index, 1);
  return same({ ...state, upcoming }, removed!);
}

export function move(state: GuildQueueState, from: number, to: number): Step<QueuedTrack> {
  const fromIndex = checkPosition(state, from);
  const toIndex = checkPosition(state, to);
  const upcoming = [...state.upcoming];
  const [moved] = upcoming.splice(fromIndex, 1);
  upcoming.splice(toIndex, 0, moved!);
  return same({ ...state, upcoming }, moved!);
}

/** Fisher–Yates with the caller's random source (tests pass a seeded one). */
export function shuffle(state: GuildQueueState, random: () => number): Step {
  if (state.upcoming.length < 2) return same(state, undefined);
  let upcoming = [...state.upcoming];
  for (let i = upcoming.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [upcoming[i], upcoming[j]] = [upcoming[j]!, upcoming[i]!];
  }
  // In fair mode a shuffle mixes each requester's own tracks but keeps everyone's turns.
  if (state.fair) upcoming = fairOrder(upcoming, state.current?.track.requester.userKey);
  return same({ ...state, upcoming }, undefined);
}

export function setLoop(state: GuildQueueState, loop: LoopMode): Step {
  return same(state.loop === loop ? state : { ...state, loop }, undefined);
}

export function setVolume(state: GuildQueueState, percent: number): Step {
  if (!Number.isFinite(percent) || percent < LIMITS.minVolume || percent > LIMITS.maxVolume) {
    throw new QueueError('bad_volume', { min: LIMITS.minVolume, max: LIMITS.maxVolume });
  }
  const volume = Math.round(percent);
  return same(state.volume === volume ? state : { ...state, volume }, undefined);
}

export function setFair(state: GuildQueueState, fair: boolean): Step {
  if (state.fair === fair) return same(state, undefined);
  const upcoming = fair ? fairOrder(state.upcoming, state.current?.track.requester.userKey) : state.upcoming;
  return same({ ...state, fair, upcoming }, undefined);
}

export function setChannels(
  state: GuildQueueState,
  channels: { textChannelId?: string; voiceChannelId?: string },
): Step {
  const text = channels.textChannelId ?? state.textChannelId;
  const voice = channels.voiceChannelId ?? state.voiceChannelId;
  if (text === state.textChannelId && voice === state.voiceChannelId) return same(state, undefined);
  return same({ ...state, textChannelId: text, voiceChannelId: voice }, undefined);
}

/** Records where the current track is (live position, saved progress); ignored for another entry. */
export function setPosition(state: GuildQueueState, entryId: string, positionMs: number): Step {
  const current = state.current;
  if (current?.track.entryId !== entryId || current.positionMs === positionMs) return same(state, undefined);
  return same(
    { ...state, current: { ...current, positionMs: Math.max(0, Math.round(positionMs)) } },
    undefined,
  );
}

/** A playback run takes the guild over; the first upcoming track becomes current if none is. */
export function beginRun(state: GuildQueueState, runId: string): Step {
  let next = state.runId === runId ? state : { ...state, runId };
  const restart = !next.current && next.upcoming.length > 0;
  if (restart) next = promoteNext(next);
  return { state: next, result: undefined, restart };
}

/** The run is over (queue ended, or it gave up); only the run that owns the guild may clear it. */
export function endRun(state: GuildQueueState, runId: string): Step {
  if (state.runId !== runId) return same(state, undefined);
  const { runId: _ended, ...rest } = state;
  return same(rest, undefined);
}

/** Whether there is anything a run could play. */
export function hasWork(state: GuildQueueState): boolean {
  return state.current !== undefined || state.upcoming.length > 0;
}
