import type { MessageKey, MessageParams } from './i18n/index.ts';

/**
 * A mistake or a situation the user can act on. It is data, not a crash: the dispatcher
 * turns it into a friendly message in the user's language and logs nothing alarming.
 */
export class UserError extends Error {
  override name = 'UserError';
  constructor(
    readonly key: MessageKey,
    readonly params: MessageParams = {},
  ) {
    super(key);
  }
}
