/**
 * The QR logins in progress, at most one per user. Starting a new login cancels the user's
 * older one (its code would still work, and two status messages racing each other confuse
 * everyone), and a process-wide cap keeps a crowd of half-finished logins from eating the
 * NetEase rate limit that every other command shares.
 *
 * One registry per process: main builds Services once, so `loginsOf(services)` hands out the same
 * registry for the whole process (or the one set in `services.logins`), while each test's fresh
 * Services gets a fresh registry and tests never see each other's logins.
 */
import type { Services } from '../services.ts';

export interface QrLoginSettings {
  /** Time between two status checks; NetEase blocks clients that poll much faster than 2 s. */
  pollIntervalMs: number;
  /** Hard stop for one login, expired or not (NetEase expires codes after about 3 minutes). */
  maxDurationMs: number;
  /** Logins polling at the same time, across all users. */
  maxConcurrent: number;
}

export const DEFAULT_QR_LOGIN_SETTINGS: QrLoginSettings = {
  pollIntervalMs: 2_000,
  maxDurationMs: 4 * 60_000,
  maxConcurrent: 20,
};

/** Why a login stopped before NetEase said how it ended. */
export type LoginCancel = 'superseded' | 'shutdown';

/** One user's login in progress, as its poller sees it. */
export interface QrLoginTicket {
  readonly signal: AbortSignal;
  /** Why `signal` aborted; undefined while it has not. */
  readonly cancelled: LoginCancel | undefined;
  /** Ends the login; the user's next one no longer sees it. Safe to call twice. */
  release(): void;
}

export class QrLoginRegistry {
  readonly settings: QrLoginSettings;
  readonly #active = new Map<string, AbortController>();

  constructor(settings: Partial<QrLoginSettings> = {}) {
    this.settings = { ...DEFAULT_QR_LOGIN_SETTINGS, ...settings };
  }

  /** Logins in progress. */
  get size(): number {
    return this.#active.size;
  }

  /**
   * Starts tracking a login for `userKey`, cancelling that user's previous one. The ticket is
   * also cancelled when `shutdown` aborts. Undefined when too many other users are logging in.
   */
  begin(userKey: string, shutdown?: AbortSignal): QrLoginTicket | undefined {
    const previous = this.#active.get(userKey);
    if (!previous && this.#active.size >= this.settings.maxConcurrent) return undefined;
    previous?.abort('superseded' satisfies LoginCancel);

    const controller = new AbortController();
    const onShutdown = () => controller.abort('shutdown' satisfies LoginCancel);
    if (shutdown?.aborted) onShutdown();
    else shutdown?.addEventListener('abort', onShutdown, { once: true });
    this.#active.set(userKey, controller);

    const active = this.#active;
    return {
      signal: controller.signal,
      get cancelled() {
        return controller.signal.aborted ? (controller.signal.reason as LoginCancel) : undefined;
      },
      release: () => {
        // The shutdown signal lives as long as the process: drop the listener, not just the entry.
        shutdown?.removeEventListener('abort', onShutdown);
        // Only its own entry: a superseded login must not remove the newer one.
        if (active.get(userKey) === controller) active.delete(userKey);
      },
    };
  }
}

const fallback = new WeakMap<Services, QrLoginRegistry>();

/** The registry of this process: `services.logins` when main set one, else one per Services object. */
export function loginsOf(services: Services): QrLoginRegistry {
  if (services.logins) return services.logins;
  let registry = fallback.get(services);
  if (!registry) {
    registry = new QrLoginRegistry();
    fallback.set(services, registry);
  }
  return registry;
}
