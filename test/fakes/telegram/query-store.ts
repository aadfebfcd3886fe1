import type { CallbackQuery, InlineQuery, InlineQueryResult, InlineQueryResultsButton } from 'grammy/types';
import { badRequest, Reason } from './errors.ts';

export interface CallbackAnswer {
  text?: string;
  show_alert?: boolean;
  url?: string;
  cache_time?: number;
}

export interface InlineAnswer {
  results: InlineQueryResult[];
  next_offset?: string;
  cache_time?: number;
  is_personal?: boolean;
  button?: InlineQueryResultsButton;
}

type QueryEntry =
  | { kind: 'callback'; query: CallbackQuery; deadline: number; answer?: CallbackAnswer }
  | { kind: 'inline'; query: InlineQuery; deadline: number; answer?: InlineAnswer };

/**
 * Callback and inline queries waiting for the bot's answer. Telegram accepts exactly one answer,
 * within an undocumented deadline (people observe ~10-15 s); a late, repeated or unknown answer gets
 * "query is too old ...". The deadline is configurable so tests need not wait for it.
 */
export class QueryStore {
  private readonly entries = new Map<string, QueryEntry>();
  private readonly waiters = new Map<string, Array<() => void>>();

  constructor(private readonly timeoutMs: number) {}

  openCallback(query: CallbackQuery): void {
    this.entries.set(query.id, { kind: 'callback', query, deadline: Date.now() + this.timeoutMs });
  }

  openInline(query: InlineQuery): void {
    this.entries.set(query.id, { kind: 'inline', query, deadline: Date.now() + this.timeoutMs });
  }

  /** Checks that an answer would be accepted, without consuming the query. */
  assertAnswerable(kind: QueryEntry['kind'], id: string | undefined): void {
    const entry = id === undefined ? undefined : this.entries.get(id);
    if (!entry || entry.kind !== kind || entry.answer !== undefined || Date.now() > entry.deadline) {
      throw badRequest(Reason.queryTooOld);
    }
  }

  answerCallback(id: string, answer: CallbackAnswer): void {
    this.assertAnswerable('callback', id);
    const entry = this.entries.get(id) as Extract<QueryEntry, { kind: 'callback' }>;
    entry.answer = answer;
    this.notify(id);
  }

  answerInline(id: string, answer: InlineAnswer): void {
    this.assertAnswerable('inline', id);
    const entry = this.entries.get(id) as Extract<QueryEntry, { kind: 'inline' }>;
    entry.answer = answer;
    this.notify(id);
  }

  inlineQuery(id: string): { query: InlineQuery; answer?: InlineAnswer } | undefined {
    const entry = this.entries.get(id);
    return entry?.kind === 'inline' ? entry : undefined;
  }

  callbackAnswer(id: string): CallbackAnswer | undefined {
    const entry = this.entries.get(id);
    return entry?.kind === 'callback' ? entry.answer : undefined;
  }

  inlineAnswer(id: string): InlineAnswer | undefined {
    const entry = this.entries.get(id);
    return entry?.kind === 'inline' ? entry.answer : undefined;
  }

  /** Makes the query stale now, to test how the bot handles a late answer. */
  expire(id: string): void {
    const entry = this.entries.get(id);
    if (entry) entry.deadline = 0;
  }

  waitForAnswer(id: string, timeoutMs: number): Promise<void> {
    if (this.entries.get(id)?.answer !== undefined) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.set(
          id,
          (this.waiters.get(id) ?? []).filter((w) => w !== done),
        );
        reject(new Error(`query ${id} was not answered within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.set(id, [...(this.waiters.get(id) ?? []), done]);
    });
  }

  private notify(id: string): void {
    for (const waiter of this.waiters.get(id) ?? []) waiter();
    this.waiters.delete(id);
  }
}
