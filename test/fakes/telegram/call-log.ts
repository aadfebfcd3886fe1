import type { TelegramErrorBody } from './errors.ts';
import type { Transport } from './request-body.ts';

/** A file that came with a call. */
export interface RecordedFile {
  /** The parameter it filled ("photo", "audio", "thumbnail", "media", ...), if any. */
  param?: string;
  /** The multipart field name (what attach:// referred to). */
  partName: string;
  filename: string;
  /** As declared by the client (grammY: application/octet-stream). */
  contentType: string;
  /** Detected from the name and the bytes, as Telegram does. */
  mime: string;
  size: number;
  bytes: Buffer;
}

/** One request to the fake Bot API and what it answered. */
export interface ApiCall {
  /** Order in which calls arrived (the log itself is in completion order). */
  seq: number;
  /** Canonical spelling, e.g. "sendMessage", whatever case the client used. */
  method: string;
  /** Parameters decoded to JSON types, the same whatever body encoding the client used. */
  params: Record<string, unknown>;
  files: RecordedFile[];
  transport: Transport | 'webhook-reply';
  ok: boolean;
  status: number;
  result?: unknown;
  error?: TelegramErrorBody;
  startedAt: number;
  endedAt: number;
}

export type CallPredicate = (call: ApiCall) => boolean;

interface Waiter {
  method: string;
  predicate: CallPredicate | undefined;
  resolve: (call: ApiCall) => void;
}

/**
 * Every call, plus waiting for one. waitForCall *takes* the earliest matching call not taken before,
 * so two consecutive waitForCall('sendMessage') get the first and the second message even when both
 * were sent before the test started waiting. Nothing is missed and nothing is returned twice.
 */
export class CallLog {
  readonly calls: ApiCall[] = [];
  private readonly taken = new WeakSet<ApiCall>();
  private waiters: Waiter[] = [];
  private seq = 0;

  nextSeq(): number {
    return ++this.seq;
  }

  record(call: ApiCall): void {
    this.calls.push(call);
    for (const waiter of this.waiters) {
      if (this.matches(call, waiter.method, waiter.predicate)) {
        this.taken.add(call);
        this.waiters = this.waiters.filter((w) => w !== waiter);
        waiter.resolve(call);
        return;
      }
    }
  }

  of(method: string): ApiCall[] {
    return this.calls.filter((c) => sameMethod(c.method, method));
  }

  waitFor(method: string, predicate: CallPredicate | undefined, timeoutMs: number): Promise<ApiCall> {
    const already = this.calls.find((c) => this.matches(c, method, predicate));
    if (already) {
      this.taken.add(already);
      return Promise.resolve(already);
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        method,
        predicate,
        resolve: (call) => {
          clearTimeout(timer);
          resolve(call);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const seen = this.of(method).map(
          (c) =>
            `  #${c.seq} ${c.ok ? 'ok' : c.error?.description} ${JSON.stringify(c.params).slice(0, 200)}`,
        );
        reject(
          new Error(
            `no ${method} call${predicate ? ' matching the predicate' : ''} within ${timeoutMs} ms` +
              (seen.length
                ? `; ${method} calls so far:\n${seen.join('\n')}`
                : `; there were no ${method} calls`),
          ),
        );
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  private matches(call: ApiCall, method: string, predicate: CallPredicate | undefined): boolean {
    return !this.taken.has(call) && sameMethod(call.method, method) && (predicate ? predicate(call) : true);
  }
}

const sameMethod = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
