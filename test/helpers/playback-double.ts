/**
 * A GuildPlayback test double that is "playing" a fixed song (or nothing). Only snapshot() is
 * meaningful; everything else throws, so a command that tries to control playback in a test
 * that did not expect it fails loudly.
 */
import type { Song } from '../../src/netease/models.ts';
import type { GuildPlayback, QueueSnapshot } from '../../src/queue/types.ts';

export function playbackDoublePlaying(song: Song | undefined): GuildPlayback {
  const snapshot: QueueSnapshot = {
    ...(song
      ? {
          current: {
            track: {
              entryId: 'entry-1',
              song,
              requester: { userKey: 'test:1', displayName: 'Tester' },
              addedAt: 0,
            },
            positionMs: 1_500,
            paused: false,
          },
        }
      : {}),
    upcoming: [],
    loop: 'off',
    volume: 100,
    fair: false,
  };
  const unexpected = async (): Promise<never> => {
    throw new Error('playback double: only snapshot() is supported');
  };
  return {
    snapshot: async () => snapshot,
    enqueue: unexpected,
    skip: unexpected,
    previous: unexpected,
    pause: unexpected,
    resume: unexpected,
    stop: unexpected,
    clear: unexpected,
    remove: unexpected,
    move: unexpected,
    shuffle: unexpected,
    setLoop: unexpected,
    seek: unexpected,
    setVolume: unexpected,
    setFair: unexpected,
  };
}
