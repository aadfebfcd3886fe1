/**
 * An in-memory GuildPlayback for command tests: state only, no audio, no store. It applies the
 * engine's own pure queue rules (src/queue/queue-state.ts), so positions, errors (QueueError
 * codes) and orderings are the ones users will meet, without Redis, BullMQ or ffmpeg.
 *
 * Tests set the scene directly (`enqueue` as someone, `setPositionMs`) and read `calls` to see
 * what a command asked of the engine.
 */
import type { Song } from '../../src/netease/models.ts';
import type { GuildQueueState, Step } from '../../src/queue/queue-state.ts';
import * as rules from '../../src/queue/queue-state.ts';
import type { GuildPlayback, QueuedTrack, QueueSnapshot, Requester } from '../../src/queue/types.ts';

export interface QueueStatePlayback extends GuildPlayback {
  state(): GuildQueueState;
  /** As if the current track had played this far. */
  setPositionMs(ms: number): void;
  /** Engine calls in order, e.g. `skip 2`, `setVolume 80`: what a command changed. */
  readonly calls: string[];
}

export function songWith(song: Song, changes: Partial<Song>): Song {
  return { ...song, ...changes };
}

export function createQueueStatePlayback(defaults = { volume: 100, fair: false }): QueueStatePlayback {
  let state = rules.initialState('guild-1', defaults);
  let nextEntry = 1;
  const calls: string[] = [];

  function apply<R>(call: string, transition: (current: GuildQueueState) => Step<R>): R {
    calls.push(call);
    const step = transition(state);
    state = step.state;
    return step.result;
  }

  const track = (song: Song, requester: Requester): QueuedTrack => ({
    entryId: `entry-${nextEntry++}`,
    song,
    requester,
    addedAt: Date.now(),
  });

  return {
    calls,
    state: () => state,
    setPositionMs(ms) {
      if (state.current) state = rules.setPosition(state, state.current.track.entryId, ms).state;
    },
    async snapshot(): Promise<QueueSnapshot> {
      return {
        ...(state.current
          ? {
              current: {
                track: state.current.track,
                positionMs: state.current.positionMs,
                paused: state.paused,
              },
            }
          : {}),
        upcoming: [...state.upcoming],
        loop: state.loop,
        volume: state.volume,
        fair: state.fair,
      };
    },
    async enqueue(songs, requester, options = {}) {
      const tracks = songs.map((song) => track(song, requester));
      return apply(`enqueue ${songs.length}${options.next ? ' next' : ''}`, (s) =>
        rules.addTracks(s, tracks, options.next ? { next: true } : {}),
      );
    },
    skip: async (count = 1) => apply(`skip ${count}`, (s) => rules.skip(s, count)),
    previous: async () => apply('previous', rules.previous),
    pause: async () => apply('pause', rules.pause),
    resume: async () => apply('resume', rules.resume),
    stop: async () => apply('stop', rules.stop),
    clear: async () => apply('clear', rules.clear),
    remove: async (position) => apply(`remove ${position}`, (s) => rules.remove(s, position)),
    move: async (from, to) => apply(`move ${from} ${to}`, (s) => rules.move(s, from, to)),
    // A fixed random source: the engine's Fisher–Yates then gives one known order a test can expect.
    shuffle: async () => apply('shuffle', (s) => rules.shuffle(s, () => 0)),
    setLoop: async (mode) => apply(`setLoop ${mode}`, (s) => rules.setLoop(s, mode)),
    seek: async (ms) => apply(`seek ${ms}`, (s) => rules.seek(s, ms)),
    setVolume: async (percent) => apply(`setVolume ${percent}`, (s) => rules.setVolume(s, percent)),
    setFair: async (on) => apply(`setFair ${on}`, (s) => rules.setFair(s, on)),
  };
}
