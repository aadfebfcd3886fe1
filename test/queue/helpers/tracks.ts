/** Queue entries for unit tests: songs with just enough metadata, named so failures read well. */
import type { Song } from '../../../src/netease/models.ts';
import type { QueuedTrack } from '../../../src/queue/types.ts';

export function song(id: number, durationMs = 200_000): Song {
  return {
    id,
    name: `song ${id}`,
    aliases: [],
    artists: [{ id: 1, name: 'artist' }],
    album: { id: 1, name: 'album' },
    durationMs,
    playability: 'free',
    fee: 0,
  };
}

/** `track('a1')`: requester "a", entry id "a1"; the song id comes from the digits. */
export function track(entryId: string, durationMs?: number): QueuedTrack {
  const user = entryId.replace(/\d+$/, '');
  return {
    entryId,
    song: song(Number(entryId.replace(/\D/g, '')) || 1, durationMs),
    requester: { userKey: `test:${user}`, displayName: user },
    addedAt: 0,
  };
}

export const ids = (tracks: readonly QueuedTrack[]) => tracks.map((t) => t.entryId);

/** A deterministic random source (mulberry32), so shuffles are repeatable. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
