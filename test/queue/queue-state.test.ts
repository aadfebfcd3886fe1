import { describe, expect, it } from 'vitest';
import { QueueError } from '../../src/queue/errors.ts';
import type { GuildQueueState } from '../../src/queue/queue-state.ts';
import * as Q from '../../src/queue/queue-state.ts';
import { ids, seeded, track } from './helpers/tracks.ts';

const empty = () => Q.initialState('g1', { volume: 100, fair: false });

/** A state playing `current` with `upcoming` queued after it. */
function playing(
  current: string,
  upcoming: string[] = [],
  extra: Partial<GuildQueueState> = {},
): GuildQueueState {
  return {
    ...empty(),
    current: { track: track(current), positionMs: 0 },
    upcoming: upcoming.map((id) => track(id)),
    ...extra,
  };
}

const currentId = (s: GuildQueueState) => s.current?.track.entryId;

function expectQueueError(run: () => unknown, code: string): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(QueueError);
    expect((error as QueueError).code).toBe(code);
    return;
  }
  throw new Error(`expected QueueError ${code}`);
}

describe('addTracks', () => {
  it('starts the first track right away on an empty queue', () => {
    const step = Q.addTracks(empty(), [track('a1'), track('a2')]);
    expect(step.result).toEqual({ position: 0, added: 2, startedPlaying: true });
    expect(step.restart).toBe(true);
    expect(currentId(step.state)).toBe('a1');
    expect(ids(step.state.upcoming)).toEqual(['a2']);
  });

  it('appends behind what is queued and reports the 1-based position', () => {
    const step = Q.addTracks(playing('a1', ['a2']), [track('b1')]);
    expect(step.result).toEqual({ position: 2, added: 1, startedPlaying: false });
    expect(step.restart).toBe(false);
    expect(ids(step.state.upcoming)).toEqual(['a2', 'b1']);
  });

  it('"play next" goes to the front', () => {
    const step = Q.addTracks(playing('a1', ['a2', 'a3']), [track('b1'), track('b2')], { next: true });
    expect(ids(step.state.upcoming)).toEqual(['b1', 'b2', 'a2', 'a3']);
    expect(step.result.position).toBe(1);
  });

  it('interleaves requesters in fair mode', () => {
    let state = { ...empty(), fair: true };
    state = Q.addTracks(
      state,
      ['a1', 'a2', 'a3'].map((id) => track(id)),
    ).state;
    state = Q.addTracks(state, [track('b1'), track('b2')]).state;
    const step = Q.addTracks(state, [track('c1')]);
    // a1 plays; b and c had no turn yet, a already had one.
    expect(currentId(step.state)).toBe('a1');
    expect(ids(step.state.upcoming)).toEqual(['b1', 'c1', 'a2', 'b2', 'a3']);
    expect(step.result.position).toBe(2);
  });

  it('refuses more than the limit, and keeps what fits', () => {
    const full = playing(
      'a1',
      Array.from({ length: Q.LIMITS.maxUpcoming }, (_, i) => `a${i + 2}`),
    );
    expectQueueError(() => Q.addTracks(full, [track('b1')]), 'queue_full');
    const almost = { ...full, upcoming: full.upcoming.slice(1) };
    const step = Q.addTracks(almost, [track('b1'), track('b2')]);
    expect(step.result.added).toBe(1);
  });

  it('changes nothing for an empty list', () => {
    const state = playing('a1');
    expect(Q.addTracks(state, []).state).toBe(state);
  });
});

describe('the end of a track', () => {
  it('moves on and keeps the played track in history', () => {
    const step = Q.trackEnded(playing('a1', ['a2']), 'a1');
    expect(currentId(step.state)).toBe('a2');
    expect(ids(step.state.history)).toEqual(['a1']);
    expect(step.restart).toBe(true);
  });

  it('ends the queue after the last track', () => {
    const step = Q.trackEnded(playing('a1'), 'a1');
    expect(step.state.current).toBeUndefined();
    expect(Q.hasWork(step.state)).toBe(false);
  });

  it('replays the track with loop=track, from the start', () => {
    const state = { ...playing('a1', ['a2'], { loop: 'track' as const }) };
    state.current = { ...state.current!, positionMs: 3000 };
    const step = Q.trackEnded(state, 'a1');
    expect(currentId(step.state)).toBe('a1');
    expect(step.state.current?.positionMs).toBe(0);
    expect(ids(step.state.upcoming)).toEqual(['a2']);
  });

  it('requeues the track at the end with loop=queue', () => {
    const step = Q.trackEnded(playing('a1', ['a2'], { loop: 'queue' }), 'a1');
    expect(currentId(step.state)).toBe('a2');
    expect(ids(step.state.upcoming)).toEqual(['a1']);
  });

  it('ignores the end of a track that is no longer current (a skip won the race)', () => {
    const state = playing('a2');
    expect(Q.trackEnded(state, 'a1').state).toBe(state);
    expect(Q.trackFailed(state, 'a1').state).toBe(state);
  });

  it('drops a failed track without requeueing it, even with loop=queue', () => {
    const step = Q.trackFailed(playing('grey1', ['a1'], { loop: 'queue' }), 'grey1');
    expect(currentId(step.state)).toBe('a1');
    expect(ids(step.state.upcoming)).toEqual([]);
    expect(step.state.history).toEqual([]);
  });
});

describe('skip and previous', () => {
  it('skips to the next track, even with loop=track', () => {
    const step = Q.skip(playing('a1', ['a2'], { loop: 'track' }));
    expect(ids(step.result.skipped)).toEqual(['a1']);
    expect(step.result.current?.entryId).toBe('a2');
    expect(step.restart).toBe(true);
  });

  it('skip(n) jumps to upcoming position n', () => {
    const step = Q.skip(playing('a1', ['a2', 'a3', 'a4']), 3);
    expect(ids(step.result.skipped)).toEqual(['a1', 'a2', 'a3']);
    expect(currentId(step.state)).toBe('a4');
    expect(ids(step.state.history)).toEqual(['a1']);
  });

  it('with loop=queue the skipped tracks go to the end', () => {
    const step = Q.skip(playing('a1', ['a2', 'a3'], { loop: 'queue' }), 2);
    expect(currentId(step.state)).toBe('a3');
    expect(ids(step.state.upcoming)).toEqual(['a1', 'a2']);
  });

  it('skipping the last track ends the queue; skip(n) past the end is an error', () => {
    const step = Q.skip(playing('a1'));
    expect(step.result.current).toBeUndefined();
    expect(step.state.current).toBeUndefined();
    expectQueueError(() => Q.skip(playing('a1', ['a2']), 3), 'bad_position');
    expectQueueError(() => Q.skip(empty()), 'nothing_playing');
  });

  it('skipping while paused plays the next track', () => {
    expect(Q.skip(playing('a1', ['a2'], { paused: true })).state.paused).toBe(false);
  });

  it('previous brings back the last played track and puts the current one next', () => {
    let state = Q.skip(playing('a1', ['a2', 'a3'])).state;
    const step = Q.previous(state);
    expect(step.result.entryId).toBe('a1');
    expect(currentId(step.state)).toBe('a1');
    expect(ids(step.state.upcoming)).toEqual(['a2', 'a3']);
    state = step.state;
    expectQueueError(() => Q.previous(state), 'no_previous');
  });

  it('previous with loop=queue does not leave the track in the list twice', () => {
    const state = Q.skip(playing('a1', ['a2'], { loop: 'queue' })).state;
    expect(ids(state.upcoming)).toEqual(['a1']);
    const step = Q.previous(state);
    expect(currentId(step.state)).toBe('a1');
    expect(ids(step.state.upcoming)).toEqual(['a2']);
  });
});

describe('seek, pause, volume, stop', () => {
  it('seek sets the position within the track', () => {
    const step = Q.seek(playing('a1'), 61_500.4);
    expect(step.state.current?.positionMs).toBe(61_500);
    expect(step.restart).toBe(false);
    expectQueueError(() => Q.seek(playing('a1'), 200_000), 'bad_seek');
    expectQueueError(() => Q.seek(playing('a1'), -1), 'bad_seek');
    expectQueueError(() => Q.seek(empty(), 0), 'nothing_playing');
  });

  it('pause and resume flip the flag; repeating them changes nothing', () => {
    const paused = Q.pause(playing('a1')).state;
    expect(paused.paused).toBe(true);
    expect(Q.pause(paused).state).toBe(paused);
    expect(Q.resume(paused).state.paused).toBe(false);
    expectQueueError(() => Q.pause(empty()), 'nothing_playing');
  });

  it('volume is a percent from 0 to 200', () => {
    expect(Q.setVolume(playing('a1'), 55.4).state.volume).toBe(55);
    expectQueueError(() => Q.setVolume(playing('a1'), 201), 'bad_volume');
    expectQueueError(() => Q.setVolume(playing('a1'), Number.NaN), 'bad_volume');
  });

  it('stop empties the queue, keeps history and settings', () => {
    const state = playing('a1', ['a2'], { loop: 'queue', volume: 40, paused: true });
    const step = Q.stop(state);
    expect(step.state.current).toBeUndefined();
    expect(step.state.upcoming).toEqual([]);
    expect(ids(step.state.history)).toEqual(['a1']);
    expect(step.state).toMatchObject({ loop: 'queue', volume: 40, paused: false });
    expect(Q.stop(empty()).state.current).toBeUndefined();
  });

  it('history is bounded', () => {
    let state = playing(
      'a0',
      Array.from({ length: 60 }, (_, i) => `a${i + 1}`),
    );
    for (let i = 0; i < 60; i++) state = Q.skip(state).state;
    expect(state.history).toHaveLength(Q.LIMITS.historySize);
    expect(state.history.at(-1)?.entryId).toBe('a59');
  });
});

describe('editing the upcoming list', () => {
  it('clear, remove and move work on 1-based positions', () => {
    const state = playing('a1', ['a2', 'a3', 'a4']);
    expect(Q.clear(state).result).toBe(3);
    expect(Q.clear(state).state.current).toBeDefined();

    const removed = Q.remove(state, 2);
    expect(removed.result.entryId).toBe('a3');
    expect(ids(removed.state.upcoming)).toEqual(['a2', 'a4']);

    const moved = Q.move(state, 3, 1);
    expect(moved.result.entryId).toBe('a4');
    expect(ids(moved.state.upcoming)).toEqual(['a4', 'a2', 'a3']);

    expectQueueError(() => Q.remove(state, 4), 'bad_position');
    expectQueueError(() => Q.move(state, 1, 0), 'bad_position');
    expectQueueError(() => Q.remove(playing('a1'), 1), 'queue_empty');
  });

  it('shuffle is a permutation and repeatable with the same random source', () => {
    const state = playing(
      'a0',
      Array.from({ length: 20 }, (_, i) => `a${i + 1}`),
    );
    const once = Q.shuffle(state, seeded(7)).state;
    const again = Q.shuffle(state, seeded(7)).state;
    expect(ids(once.upcoming)).toEqual(ids(again.upcoming));
    expect(ids(once.upcoming)).not.toEqual(ids(state.upcoming));
    expect([...ids(once.upcoming)].sort()).toEqual([...ids(state.upcoming)].sort());
    expect(currentId(once)).toBe('a0');
  });

  it('shuffle in fair mode keeps everyone’s turns', () => {
    const state = playing('a0', ['b1', 'c1', 'a1', 'b2', 'c2', 'a2'], { fair: true });
    const shuffled = Q.shuffle(state, seeded(3)).state;
    const users = shuffled.upcoming.map((t) => t.requester.userKey.slice(-1));
    // a already played (a0), so b and c come first in each round.
    expect(users.slice(0, 2).sort()).toEqual(['b', 'c']);
    expect(users.slice(2, 5).sort()).toEqual(['a', 'b', 'c']);
  });

  it('turning fair mode on reorders round-robin', () => {
    const state = playing('a0', ['a1', 'a2', 'b1', 'b2', 'c1']);
    const fair = Q.setFair(state, true).state;
    expect(ids(fair.upcoming)).toEqual(['b1', 'c1', 'a1', 'b2', 'a2']);
    expect(Q.setFair(fair, false).state.upcoming).toBe(fair.upcoming);
  });
});

describe('runs and positions', () => {
  it('beginRun takes over and promotes the first track; endRun only clears its own run', () => {
    const queued = { ...empty(), upcoming: [track('a1')] };
    const begun = Q.beginRun(queued, 'run-1');
    expect(begun.state.runId).toBe('run-1');
    expect(currentId(begun.state)).toBe('a1');
    expect(Q.endRun(begun.state, 'run-2').state.runId).toBe('run-1');
    expect(Q.endRun(begun.state, 'run-1').state.runId).toBeUndefined();
  });

  it('setPosition only applies to the current entry', () => {
    const state = playing('a1');
    expect(Q.setPosition(state, 'a1', 1234.6).state.current?.positionMs).toBe(1235);
    expect(Q.setPosition(state, 'b1', 1000).state).toBe(state);
  });

  it('setChannels keeps what is not given', () => {
    const state = Q.setChannels(empty(), { textChannelId: 't1', voiceChannelId: 'v1' }).state;
    expect(Q.setChannels(state, { textChannelId: 't2' }).state).toMatchObject({
      textChannelId: 't2',
      voiceChannelId: 'v1',
    });
    expect(Q.setChannels(state, {}).state).toBe(state);
  });
});
