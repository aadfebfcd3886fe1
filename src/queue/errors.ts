/**
 * A queue operation the state does not allow (nothing playing, no such position). It is the
 * user's situation, not a bug: the command layer turns `code` into `UserError('error.<code>')`
 * with `params` (the codes match its message keys where one exists).
 */
export type QueueErrorCode =
  | 'nothing_playing'
  | 'queue_empty'
  | 'bad_position'
  | 'no_previous'
  | 'bad_seek'
  | 'bad_volume'
  | 'queue_full';

export class QueueError extends Error {
  override name = 'QueueError';
  constructor(
    readonly code: QueueErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code}${Object.keys(params).length > 0 ? ` ${JSON.stringify(params)}` : ''}`);
  }
}

export function isQueueError(error: unknown): error is QueueError {
  return error instanceof QueueError;
}
