// One place where every state change is announced, so tests can wait for any condition
// ("a REST call like X", "50 frames", "the reply now says Y") without polling loops.

const POLL_MS = 25;

export class ChangeHub {
  private readonly waiters = new Set<() => void>();
  private closed = false;

  notify(): void {
    for (const check of [...this.waiters]) check();
  }

  /**
   * Resolves with the first truthy result of `check`, evaluated now, after every change of the
   * fake, and every POLL_MS (so conditions over the bot's own state work too). On timeout the
   * error names what was awaited and, if given, the current state (`explain`).
   */
  waitFor<T>(
    check: () => T | undefined | null | false,
    timeoutMs: number,
    what: string,
    explain?: () => string,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const finish = (error: Error | null, value?: T) => {
        clearTimeout(timer);
        clearInterval(poll);
        this.waiters.delete(run);
        if (error) reject(error);
        else resolve(value as T);
      };
      const run = () => {
        if (this.closed) return finish(new Error(`fake discord closed while waiting for ${what}`));
        let value: T | undefined | null | false;
        try {
          value = check();
        } catch (error) {
          return finish(error as Error);
        }
        if (value) finish(null, value);
      };
      const timer = setTimeout(() => {
        const detail = explain ? `\n${explain()}` : '';
        finish(new Error(`fake discord: timed out after ${timeoutMs} ms waiting for ${what}${detail}`));
      }, timeoutMs);
      const poll = setInterval(run, POLL_MS);
      this.waiters.add(run);
      run();
    });
  }

  close(): void {
    this.closed = true;
    this.notify();
  }
}
