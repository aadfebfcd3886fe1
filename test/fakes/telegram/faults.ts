import { TelegramError, tooManyRequests } from './errors.ts';

/**
 * A failure to inject instead of running the method. `network` destroys the connection without an
 * answer (grammY sees an HttpError, which auto-retry retries after 3 s).
 */
export type Fault =
  | { code: number; description?: string; retryAfter?: number; migrateToChatId?: number }
  | 'network';

const DEFAULT_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
};

/** Queued failures per method, consumed one per call. */
export class FaultInjector {
  private readonly queues = new Map<string, Fault[]>();

  add(method: string, fault: Fault, times: number): void {
    const key = method.toLowerCase();
    const queue = this.queues.get(key) ?? [];
    for (let i = 0; i < times; i++) queue.push(fault);
    this.queues.set(key, queue);
  }

  take(method: string): Fault | undefined {
    const queue = this.queues.get(method.toLowerCase());
    return queue?.shift();
  }

  clear(): void {
    this.queues.clear();
  }
}

export function faultToError(fault: Exclude<Fault, 'network'>): TelegramError {
  if (fault.code === 429 && fault.description === undefined) return tooManyRequests(fault.retryAfter ?? 1);
  const parameters = {
    ...(fault.retryAfter !== undefined ? { retry_after: fault.retryAfter } : {}),
    ...(fault.migrateToChatId !== undefined ? { migrate_to_chat_id: fault.migrateToChatId } : {}),
  };
  return new TelegramError(
    fault.code,
    fault.description ?? DEFAULT_DESCRIPTIONS[fault.code] ?? 'Error',
    Object.keys(parameters).length > 0 ? parameters : undefined,
  );
}
