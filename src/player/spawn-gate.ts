/**
 * Spaces out ffmpeg start-ups across the whole process. Measured on 2 vCPUs (perf.md): 50 ffmpegs
 * started at once stalled Node's 20 ms voice send loop for seconds, while the same 50 started
 * 150–200 ms apart kept it under 30 ms. A start-up is the CPU-heavy part (~60 ms of CPU to load
 * and probe); once packets flow an ffmpeg costs ~1.5% of a core.
 *
 * One gate is shared by every guild; each ffmpeg (re)start takes a slot and gives it back when its
 * first packet arrives or it ends.
 */

export interface SpawnGateOptions {
  /** Start-ups in progress at once. */
  maxConcurrent?: number;
  /** Minimum time between two start-ups; 150 ms is the measured safe spacing. */
  minIntervalMs?: number;
  /**
   * A slot is given back after this long even if its holder has not released it: a CDN that is
   * slow to send the first bytes costs no CPU and must not hold up every other guild.
   */
  holdTimeoutMs?: number;
}

/** Call once the start-up is over (first packet, exit or failure); extra calls do nothing. */
export type ReleaseSlot = () => void;

interface Waiter {
  grant: (release: ReleaseSlot) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export class SpawnGate {
  private readonly maxConcurrent: number;
  private readonly minIntervalMs: number;
  private readonly holdTimeoutMs: number;
  private readonly queue: Waiter[] = [];
  private running = 0;
  private lastGrantAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;

  constructor(options: SpawnGateOptions = {}) {
    this.maxConcurrent = options.maxConcurrent ?? 2;
    this.minIntervalMs = options.minIntervalMs ?? 150;
    this.holdTimeoutMs = options.holdTimeoutMs ?? 2000;
    if (!(this.maxConcurrent >= 1)) throw new RangeError('maxConcurrent must be at least 1');
  }

  /** Start-ups holding a slot now. */
  get active(): number {
    return this.running;
  }

  /** Start-ups waiting for a slot. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Waits for a slot (first come, first served). Rejects with the signal's reason if aborted while waiting. */
  acquire(signal?: AbortSignal): Promise<ReleaseSlot> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { grant: resolve, signal };
      if (signal) {
        waiter.onAbort = () => {
          const index = this.queue.indexOf(waiter);
          if (index >= 0) this.queue.splice(index, 1);
          reject(signal.reason);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      this.pump();
    });
  }

  private pump(): void {
    if (this.timer) return;
    while (this.queue.length > 0 && this.running < this.maxConcurrent) {
      const wait = this.lastGrantAt + this.minIntervalMs - performance.now();
      if (wait > 0) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, wait);
        return;
      }
      const waiter = this.queue.shift()!;
      if (waiter.onAbort) waiter.signal!.removeEventListener('abort', waiter.onAbort);
      this.running++;
      this.lastGrantAt = performance.now();
      waiter.grant(this.slot());
    }
  }

  private slot(): ReleaseSlot {
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      clearTimeout(timeout);
      this.running--;
      this.pump();
    };
    const timeout = setTimeout(release, this.holdTimeoutMs);
    // A forgotten slot must not keep the process alive.
    timeout.unref();
    return release;
  }
}
