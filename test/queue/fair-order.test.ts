import { describe, expect, it } from 'vitest';
import { fairInsertIndex, fairOrder } from '../../src/queue/fair-order.ts';
import type { QueuedTrack } from '../../src/queue/types.ts';
import { ids, track } from './helpers/tracks.ts';

/** Builds a fair list by inserting one track at a time, as enqueues do. */
function insertAll(entryIds: string[], playing?: string): QueuedTrack[] {
  const list: QueuedTrack[] = [];
  for (const id of entryIds) {
    const t = track(id);
    list.splice(fairInsertIndex(list, t.requester.userKey, playing), 0, t);
  }
  return list;
}

describe('fair order', () => {
  it('gives every requester one track per round, in order of arrival', () => {
    expect(ids(insertAll(['a1', 'a2', 'a3', 'b1', 'c1', 'b2']))).toEqual([
      'a1',
      'b1',
      'c1',
      'a2',
      'b2',
      'a3',
    ]);
  });

  it('a latecomer gets the next free turn, not the end of a long playlist', () => {
    const list = insertAll(['a1', 'a2', 'a3', 'a4', 'a5']);
    expect(fairInsertIndex(list, 'test:b')).toBe(1);
  });

  it('counts the track playing now as its requester’s turn', () => {
    expect(ids(insertAll(['a1', 'b1'], 'test:a'))).toEqual(['b1', 'a1']);
  });

  it('reorders an existing list stably by rounds', () => {
    const list = ['a1', 'a2', 'b1', 'a3', 'c1', 'b2'].map((id) => track(id));
    expect(ids(fairOrder(list))).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3']);
    expect(fairOrder([])).toEqual([]);
  });

  it('never puts a track ahead of its own turn in a hand-reordered list', () => {
    // b2 was moved to the front by hand; a new b track still goes after b's existing ones.
    const list = ['b2', 'a1', 'b1'].map((id) => track(id));
    const index = fairInsertIndex(list, 'test:b');
    expect(index).toBe(3);
  });
});
