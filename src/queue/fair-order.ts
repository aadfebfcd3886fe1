/**
 * Fair queue: requesters take turns (round-robin), so one person adding a 50-song playlist does
 * not make everyone else wait for all of it. The upcoming list is kept physically in fair order
 * (tracks are inserted where their turn is), so what `queue` shows is what plays, and move/remove
 * keep working on plain positions.
 *
 * A track's "round" is how many tracks of the same requester are ahead of it; the requester of
 * the track playing now has already had their turn in round 0, so theirs start at round 1.
 */
import type { QueuedTrack } from './types.ts';

function roundsOf(upcoming: readonly QueuedTrack[], currentRequester: string | undefined): number[] {
  const seen = new Map<string, number>();
  if (currentRequester !== undefined) seen.set(currentRequester, 1);
  return upcoming.map((track) => {
    const key = track.requester.userKey;
    const round = seen.get(key) ?? 0;
    seen.set(key, round + 1);
    return round;
  });
}

/** Where a new track of `requesterKey` goes: at the end of the first round that requester has no track in. */
export function fairInsertIndex(
  upcoming: readonly QueuedTrack[],
  requesterKey: string,
  currentRequester?: string,
): number {
  const rounds = roundsOf(upcoming, currentRequester);
  let round = currentRequester === requesterKey ? 1 : 0;
  for (const track of upcoming) if (track.requester.userKey === requesterKey) round++;
  // After the last track of this round or an earlier one; a list someone reordered by hand may
  // not be sorted by round, and then this still never puts the track ahead of its own turn.
  let index = 0;
  rounds.forEach((r, i) => {
    if (r <= round) index = i + 1;
  });
  return index;
}

/** The same tracks, reordered round by round; within a round, the existing order is kept. */
export function fairOrder(upcoming: readonly QueuedTrack[], currentRequester?: string): QueuedTrack[] {
  const rounds = roundsOf(upcoming, currentRequester);
  return upcoming
    .map((track, i) => ({ track, round: rounds[i]!, i }))
    .sort((a, b) => a.round - b.round || a.i - b.i)
    .map((entry) => entry.track);
}
