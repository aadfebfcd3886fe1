/**
 * Buttons that control playback, handled by the commands of the same name (`pause`, `resume`,
 * `skip`, `stop`, each under the action name `run`). Kept in one place because the now-playing
 * card builds them and those commands answer them. A button runs through the dispatcher like the
 * typed command, so `stop`'s DJ gate applies to its button too.
 */
import type { ActionRef } from '../reply.ts';

export const CONTROL_ACTION = 'run';

export type ControlCommand = 'pause' | 'resume' | 'skip' | 'stop';

/**
 * `entry` pins a skip button to the track its card showed: pressed on an old card, it must not
 * skip whatever happens to be playing by then.
 */
export function controlAction(command: ControlCommand, entry?: string): ActionRef {
  return { command, name: CONTROL_ACTION, args: entry ? { entry } : {} };
}

/** `lyrics` shows a song's lyrics by id through its `page` action. */
export function lyricsAction(songId: number): ActionRef {
  return { command: 'lyrics', name: 'page', args: { id: songId } };
}
