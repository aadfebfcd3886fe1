/** Records announcements and lets a test wait for the one it expects, with a clear failure. */
import type { PlaybackEvent, PlaybackEventType } from '../../../src/queue/events.ts';

export interface LoggedEvent {
  guildId: string;
  event: PlaybackEvent;
  at: number;
}

type Of<T extends PlaybackEventType> = Extract<PlaybackEvent, { type: T }>;

export class EventLog {
  readonly entries: LoggedEvent[] = [];
  private waiters = new Set<() => void>();

  readonly announce = (guildId: string, event: PlaybackEvent): void => {
    this.entries.push({ guildId, event, at: Date.now() });
    for (const wake of this.waiters) wake();
  };

  /** Index to pass as `from`, so only later events count. */
  mark(): number {
    return this.entries.length;
  }

  of(guildId: string): PlaybackEvent[] {
    return this.entries.filter((e) => e.guildId === guildId).map((e) => e.event);
  }

  /** The first event of `type` for the guild at or after `from` that matches; rejects after `timeoutMs`. */
  waitFor<T extends PlaybackEventType>(
    guildId: string,
    type: T,
    options: { from?: number; timeoutMs?: number; where?: (event: Of<T>) => boolean } = {},
  ): Promise<{ event: Of<T>; at: number }> {
    const { from = 0, timeoutMs = 10_000, where = () => true } = options;
    const find = () => {
      for (let i = from; i < this.entries.length; i++) {
        const entry = this.entries[i]!;
        if (entry.guildId === guildId && entry.event.type === type && where(entry.event as Of<T>)) {
          return { event: entry.event as Of<T>, at: entry.at };
        }
      }
      return undefined;
    };
    const found = find();
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = find();
        if (!hit) return;
        cleanup();
        resolve(hit);
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = this.of(guildId)
          .map((e) => e.type)
          .join(', ');
        reject(new Error(`no ${type} for ${guildId} within ${timeoutMs} ms (saw: ${seen || 'nothing'})`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }
}
