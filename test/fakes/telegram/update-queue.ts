import type { Update } from 'grammy/types';
import { conflict, Reason } from './errors.ts';

export type UpdateType = Exclude<keyof Update, 'update_id'>;
export type UpdateBody = Omit<Update, 'update_id'>;

// What Telegram sends when allowed_updates is empty or was never set.
const EXCLUDED_BY_DEFAULT = new Set<string>(['chat_member', 'message_reaction', 'message_reaction_count']);

interface Waiter {
  limit: number;
  resolve: (updates: Update[]) => void;
  reject: (error: Error) => void;
}

export interface PollOptions {
  offset?: number;
  limit?: number;
  timeoutSeconds?: number;
  allowedUpdates?: string[];
}

/**
 * Pending updates and long polling with Telegram's semantics: an update stays until a later
 * getUpdates confirms it with a higher offset; one long poll at a time, a newer one ends the older
 * with 409; the request is held until an update arrives or the timeout passes.
 */
export class UpdateQueue {
  private pending: Update[] = [];
  private nextUpdateId: number;
  private allowed: Set<string> | undefined;
  private waiter: Waiter | undefined;
  private flushScheduled = false;
  private readonly listeners = new Set<() => void>();

  constructor(firstUpdateId: number) {
    this.nextUpdateId = firstUpdateId;
  }

  push(body: UpdateBody): Update {
    const update = { update_id: this.nextUpdateId++, ...body } as Update;
    this.pending.push(update);
    this.scheduleFlush();
    for (const listener of this.listeners) listener();
    return update;
  }

  /** Called on every push; the webhook sender uses it to wake up. */
  onPush(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forgets updates below `offset`; a negative offset keeps only the last -offset updates. */
  confirm(offset: number): void {
    if (offset < 0) this.pending = this.pending.slice(offset);
    else this.pending = this.pending.filter((u) => u.update_id >= offset);
  }

  setAllowed(types: string[] | undefined): void {
    // An empty list means "the default", not "nothing".
    this.allowed = types && types.length > 0 ? new Set(types) : undefined;
  }

  allowedUpdates(): UpdateType[] | undefined {
    return this.allowed ? ([...this.allowed] as UpdateType[]) : undefined;
  }

  /**
   * Up to `limit` updates the bot asked for. Updates of types it did not ask for are dropped, as
   * Telegram never delivers them.
   */
  deliverable(limit: number): Update[] {
    this.pending = this.pending.filter((u) => this.isAllowed(u));
    return this.pending.slice(0, limit);
  }

  remove(updateId: number): void {
    this.pending = this.pending.filter((u) => u.update_id !== updateId);
  }

  /** drop_pending_updates. */
  drop(): void {
    this.pending = [];
  }

  size(): number {
    return this.pending.length;
  }

  snapshot(): Update[] {
    return structuredClone(this.pending);
  }

  async poll(options: PollOptions, signal: AbortSignal): Promise<Update[]> {
    // offset 0 means "no offset": it confirms nothing.
    if (options.offset) this.confirm(options.offset);
    if (options.allowedUpdates !== undefined) this.setAllowed(options.allowedUpdates);
    const limit = Math.min(Math.max(options.limit ?? 100, 1), 100);
    if (this.waiter) {
      const older = this.waiter;
      this.waiter = undefined;
      older.reject(conflict(Reason.otherGetUpdates));
    }
    const ready = this.deliverable(limit);
    const timeoutMs = Math.max(0, options.timeoutSeconds ?? 0) * 1000;
    if (ready.length > 0 || timeoutMs === 0 || signal.aborted) return structuredClone(ready);

    return new Promise<Update[]>((resolve, reject) => {
      const finish = (result: Update[] | Error): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (this.waiter === waiter) this.waiter = undefined;
        if (result instanceof Error) reject(result);
        else resolve(structuredClone(result));
      };
      const waiter: Waiter = { limit, resolve: (u) => finish(u), reject: (e) => finish(e) };
      const onAbort = (): void => finish([]);
      const timer = setTimeout(() => finish([]), timeoutMs);
      signal.addEventListener('abort', onAbort);
      this.waiter = waiter;
    });
  }

  /** Ends a pending long poll with no updates (used on close). */
  release(): void {
    this.waiter?.resolve([]);
  }

  private isAllowed(update: Update): boolean {
    const type = Object.keys(update).find((k) => k !== 'update_id') ?? '';
    return this.allowed ? this.allowed.has(type) : !EXCLUDED_BY_DEFAULT.has(type);
  }

  // Deferred by one macrotask so that several updates injected in the same tick reach the bot in one
  // batch, as they would from Telegram.
  private scheduleFlush(): void {
    if (this.flushScheduled || !this.waiter) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const waiter = this.waiter;
      if (!waiter) return;
      const ready = this.deliverable(waiter.limit);
      if (ready.length > 0) waiter.resolve(ready);
    });
  }
}
