/**
 * "This process plays shard N": a Redis key with a short TTL that the owner keeps refreshing.
 *
 * It makes start-up recovery safe: once a process holds the lease, every job still marked active
 * in its shard's queue belongs to a predecessor that is gone, so it can resume those guilds at
 * once instead of waiting for BullMQ's stalled-job check (30 s + lock expiry). Two processes
 * started with the same shard id (a deploy overlapping the old process) cannot both play it.
 *
 * The holder records host and pid. A holder on this host whose pid is gone (or is our own pid:
 * a container restarted as pid 1) is dead for sure, so a restart takes over immediately; any
 * other holder is waited out until its TTL lapses.
 */

import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';

interface Holder {
  host: string;
  pid: number;
  token: string;
}

const REFRESH = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** Replaces a dead holder only if it is still the one we judged dead. */
const REPLACE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 end
return 0
`;

export interface ShardLeaseOptions {
  redis: Redis;
  key: string;
  /** Lifetime without refresh; a crashed holder blocks a successor on another host this long. */
  ttlMs?: number;
  logger: Logger;
  /** Called when the lease was lost (Redis expired it during a long outage, or it was taken). */
  onLost: () => void;
}

export class ShardLease {
  private readonly holder: Holder;
  private readonly value: string;
  private readonly ttlMs: number;
  private timer: NodeJS.Timeout | undefined;
  private held = false;

  constructor(private readonly options: ShardLeaseOptions) {
    this.ttlMs = options.ttlMs ?? 6000;
    this.holder = { host: hostname(), pid: process.pid, token: randomBytes(8).toString('hex') };
    this.value = JSON.stringify(this.holder);
  }

  /** Waits until the lease is ours (at most about one TTL after a crashed holder stopped refreshing). */
  async acquire(signal?: AbortSignal): Promise<void> {
    const { redis, key, logger } = this.options;
    let warned = false;
    for (;;) {
      signal?.throwIfAborted();
      if ((await redis.set(key, this.value, 'PX', this.ttlMs, 'NX')) === 'OK') break;
      const current = await redis.get(key);
      if (current !== null && this.isDead(current)) {
        if ((await redis.eval(REPLACE, 1, key, current, this.value, String(this.ttlMs))) === 1) {
          logger.info({ key }, 'took over the shard from a process that died on this host');
          break;
        }
        continue;
      }
      if (!warned) {
        warned = true;
        logger.warn({ key, holder: current }, 'another process holds this shard; waiting for it to stop');
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(500, this.ttlMs / 4)));
    }
    this.held = true;
    this.timer = setInterval(() => void this.refresh(), Math.max(100, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
  }

  async release(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    if (!this.held) return;
    this.held = false;
    await this.options.redis.eval(RELEASE, 1, this.options.key, this.value).catch(() => undefined);
  }

  private async refresh(): Promise<void> {
    try {
      const kept = await this.options.redis.eval(
        REFRESH,
        1,
        this.options.key,
        this.value,
        String(this.ttlMs),
      );
      if (kept === 1 || !this.held) return;
      this.held = false;
      clearInterval(this.timer);
      this.options.logger.error({ key: this.options.key }, 'lost the shard lease; stopping playback here');
      this.options.onLost();
    } catch (error) {
      // Redis unreachable: keep trying; the lease only counts as lost once Redis says so.
      this.options.logger.warn({ err: error }, 'could not refresh the shard lease');
    }
  }

  private isDead(value: string): boolean {
    let holder: Partial<Holder>;
    try {
      holder = JSON.parse(value) as Partial<Holder>;
    } catch {
      return false;
    }
    if (holder.host !== this.holder.host || typeof holder.pid !== 'number') return false;
    if (holder.pid === process.pid) return true;
    try {
      process.kill(holder.pid, 0);
      return false;
    } catch (error) {
      // EPERM: a process with that pid exists (someone else's); only ESRCH means gone.
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }
}
