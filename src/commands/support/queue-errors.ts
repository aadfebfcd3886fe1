/**
 * The playback engine reports a queue operation it cannot do (nothing playing, no such
 * position) as a QueueError with a code. Those are the user's situation, not bugs, so the
 * playback commands run engine calls through `queueOp` and the user reads a sentence.
 */
import { isQueueError, type QueueError } from '../../queue/errors.ts';
import { UserError } from '../errors.ts';
import { formatDuration } from './format.ts';

function explainQueueError(error: QueueError): UserError {
  const { params } = error;
  switch (error.code) {
    case 'nothing_playing':
      return new UserError('error.nothing_playing');
    case 'queue_empty':
      return new UserError('error.queue_empty');
    case 'bad_position':
      return new UserError('error.bad_position', {
        position: params.position ?? '?',
        length: params.length ?? '?',
      });
    case 'no_previous':
      return new UserError('error.no_previous');
    case 'bad_seek':
      return new UserError('error.bad_seek', { duration: formatDuration(Number(params.durationMs ?? 0)) });
    case 'bad_volume':
      return new UserError('error.bad_number', {
        option: 'percent',
        min: params.min ?? 0,
        max: params.max ?? 200,
      });
    case 'queue_full':
      return new UserError('error.queue_full', { max: params.max ?? '?' });
  }
}

/** Runs one engine call; a QueueError comes out as the matching UserError. */
export async function queueOp<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (isQueueError(error)) throw explainQueueError(error);
    throw error;
  }
}
