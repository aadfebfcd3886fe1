/**
 * The polling half of a QR login, without any chat or wording: ask NetEase how the code is doing
 * every few seconds, report changes, and end with how it turned out. The login command turns the
 * reports into status-message edits and the outcome into a stored session.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isNeteaseError } from '../../netease/errors.ts';
import type { QrStatus } from '../../netease/models.ts';
import type { LoginCancel, QrLoginSettings, QrLoginTicket } from './qr-login-registry.ts';

/** What the user should see while the login is still going. */
export type QrProgress =
  | { state: 'waiting' }
  | { state: 'scanned'; nickname?: string }
  /** NetEase did not answer the last check; polling goes on. */
  | { state: 'retrying' };

export type QrOutcome =
  | { kind: 'confirmed'; cookie: string; nickname?: string }
  | { kind: 'expired' }
  /** Our own cap ran out before NetEase called the code expired. */
  | { kind: 'timed_out' }
  | { kind: 'cancelled'; reason: LoginCancel }
  /** Captcha demanded, NetEase unreachable for too long, or an answer we cannot use. */
  | { kind: 'failed'; error: unknown };

export interface PollQrOptions {
  /** One status check (`api.qrCheck(key)`). */
  check(): Promise<QrStatus>;
  ticket: QrLoginTicket;
  settings: QrLoginSettings;
  /** What the user already sees, so the first identical report is not sent again. */
  initial: QrProgress;
  /** Called only when the progress differs from the previous report. */
  onProgress(progress: QrProgress): Promise<void>;
  now?: () => number;
}

/**
 * Failed checks in a row before giving up. The client already retries each call, so three
 * misses mean NetEase has been unreachable for a while rather than for one hiccup.
 */
export const MAX_FAILED_CHECKS = 3;

/** Network trouble and throttling pass; a captcha demand or a nonsense answer will not. */
function isTransient(error: unknown): boolean {
  return isNeteaseError(error) && (error.code === 'network' || error.code === 'rate_limited');
}

const CANCELLED = Symbol('cancelled');

/**
 * Settles with `CANCELLED` as soon as the ticket is cancelled, so shutdown does not wait for a
 * slow check; the abandoned check's own failure is swallowed (nobody is waiting for it).
 */
function unlessCancelled<T>(work: Promise<T>, signal: AbortSignal): Promise<T | typeof CANCELLED> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.resolve(CANCELLED);
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(CANCELLED);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function pause(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch {
    // Aborted: the loop sees the cancellation at its next check.
  }
}

export async function pollQrLogin(options: PollQrOptions): Promise<QrOutcome> {
  const { ticket, settings } = options;
  const now = options.now ?? Date.now;
  const deadline = now() + settings.maxDurationMs;
  let shown = JSON.stringify(options.initial);
  let failures = 0;

  const report = async (progress: QrProgress): Promise<void> => {
    const key = JSON.stringify(progress);
    if (key === shown) return;
    shown = key;
    await options.onProgress(progress);
  };

  for (;;) {
    if (ticket.cancelled) return { kind: 'cancelled', reason: ticket.cancelled };
    if (now() >= deadline) return { kind: 'timed_out' };

    let status: QrStatus | typeof CANCELLED;
    try {
      status = await unlessCancelled(options.check(), ticket.signal);
      failures = 0;
    } catch (error) {
      if (ticket.cancelled) return { kind: 'cancelled', reason: ticket.cancelled };
      failures += 1;
      if (!isTransient(error) || failures >= MAX_FAILED_CHECKS) return { kind: 'failed', error };
      await report({ state: 'retrying' });
      await pause(settings.pollIntervalMs, ticket.signal);
      continue;
    }
    // A late answer for a login that was replaced or stopped meanwhile is not acted on.
    if (status === CANCELLED || ticket.cancelled) {
      return { kind: 'cancelled', reason: ticket.cancelled ?? 'shutdown' };
    }

    switch (status.state) {
      case 'expired':
        return { kind: 'expired' };
      case 'confirmed':
        return {
          kind: 'confirmed',
          cookie: status.cookie,
          ...(status.nickname ? { nickname: status.nickname } : {}),
        };
      case 'waiting':
        await report({ state: 'waiting' });
        break;
      case 'scanned':
        await report({ state: 'scanned', ...(status.nickname ? { nickname: status.nickname } : {}) });
        break;
    }
    await pause(settings.pollIntervalMs, ticket.signal);
  }
}
