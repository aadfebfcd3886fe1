/**
 * One-at-a-time sections within this process. Each guild has its own, so a guild waiting on its
 * store never holds up another guild. Not re-entrant: a section must not wait for another one.
 */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(section: () => Promise<T>): Promise<T> {
    const result = this.tail.then(section, section);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
