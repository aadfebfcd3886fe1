/**
 * Per-guild URL look-ahead: the next track is resolved a little before the current one ends, so
 * it starts without a NetEase round trip and an unplayable one is known early. A prefetched URL
 * is only handed out while it stays valid for `freshForMs` more: ffmpeg never gets a URL that
 * is about to expire.
 */
import type { ResolvedTrack, ResolveTrack } from './track-resolver.ts';
import type { QueuedTrack } from './types.ts';

/** How long a URL without a known expiry is trusted (NetEase's say ~20 min; stay well under). */
const UNKNOWN_EXPIRY_MS = 5 * 60_000;

interface Entry {
  allowTrial: boolean;
  startedAt: number;
  result: Promise<ResolvedTrack>;
}

export interface TrackPrefetchOptions {
  /** A URL must stay valid at least this much longer to be used (default 60 s). */
  freshForMs?: number;
  /** Prefetched entries kept at once (default 3): the queue may be reordered meanwhile. */
  maxEntries?: number;
  now?: () => number;
}

export class TrackPrefetch {
  private readonly entries = new Map<string, Entry>();
  private readonly freshForMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly resolve: ResolveTrack,
    options: TrackPrefetchOptions = {},
  ) {
    this.freshForMs = options.freshForMs ?? 60_000;
    this.maxEntries = options.maxEntries ?? 3;
    this.now = options.now ?? Date.now;
  }

  /** Whether a resolved URL can still be given to ffmpeg. */
  isFresh(resolved: ResolvedTrack, resolvedAt: number): boolean {
    const expiresAt = resolved.expiresAt ?? resolvedAt + UNKNOWN_EXPIRY_MS;
    return expiresAt - this.now() >= this.freshForMs;
  }

  /** Starts resolving `track` in the background; its outcome waits for `take`. */
  prefetch(track: QueuedTrack, allowTrial: boolean): void {
    const existing = this.entries.get(track.entryId);
    if (existing && existing.allowTrial === allowTrial) return;
    const result = this.resolve(track, { allowTrial });
    // Kept for take(); an unobserved rejection must not crash the process.
    result.catch(() => undefined);
    this.entries.set(track.entryId, { allowTrial, startedAt: this.now(), result });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  /**
   * A URL for `track`: the prefetched one when it was asked with the same trial rule and is still
   * fresh, else a new resolution. A prefetched failure is returned as it is (a grey song stays
   * grey), except that transient ones are retried by the caller through a fresh call.
   */
  async take(
    track: QueuedTrack,
    options: { allowTrial: boolean; signal?: AbortSignal; fresh?: boolean },
  ): Promise<{ resolved: ResolvedTrack; resolvedAt: number }> {
    const entry = this.entries.get(track.entryId);
    this.entries.delete(track.entryId);
    if (entry && !options.fresh && entry.allowTrial === options.allowTrial) {
      const resolved = await abortable(entry.result, options.signal);
      if (this.isFresh(resolved, entry.startedAt)) return { resolved, resolvedAt: entry.startedAt };
    }
    const resolvedAt = this.now();
    const resolved = await abortable(
      this.resolve(track, { allowTrial: options.allowTrial, signal: options.signal }),
      options.signal,
    );
    return { resolved, resolvedAt };
  }

  forget(entryId: string): void {
    this.entries.delete(entryId);
  }
}

/** Rejects with the signal's reason as soon as it aborts, whatever the promise does. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
