/**
 * A storage problem the operator must fix before the bot can run (unreachable Redis, an
 * unreadable key file). Its message is one line that says what to do.
 */
export class StoreError extends Error {
  override name = 'StoreError';
}

/** Raised on calls after `close()`, which would otherwise write to a released file or connection. */
export class StoreClosedError extends Error {
  override name = 'StoreClosedError';
  constructor(what: string) {
    super(`${what} is closed`);
  }
}
