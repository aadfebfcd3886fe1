/**
 * Playback runs as BullMQ jobs: one queue per shard (`playback-<shardId>`), one job per guild
 * that should be playing, and ONE Worker per process whose concurrency is the number of guilds
 * it may play at once. A job stays active for as long as its guild plays (hours, if the queue is
 * long); the worker's lock renewals are what marks it alive.
 *
 * Connections: the process' shared connection is duplicated once for BullMQ (it needs
 * `maxRetriesPerRequest: null`), and the Worker adds its blocking connection: three per process,
 * whatever the number of guilds.
 *
 * Crash recovery: a SIGKILLed process leaves its jobs "active" with locks that take 30 s to
 * lapse and a stalled check that runs every 30 s. The successor does not wait for that: it first
 * takes the shard lease (shard-lease.ts), after which every active job of the shard is an orphan.
 * It reads each orphan's recorded progress, restores it into the guild's state and starts a fresh
 * job; when BullMQ later hands the orphan back as stalled, the guild already has a run and the
 * orphan completes as a 'duplicate' without doing anything.
 */
import { randomUUID } from 'node:crypto';
import { type Job, Queue, WaitingError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import { type PlaybackDriver, parseProgress, type RunHost, type RunOutcome } from './playback-driver.ts';
import { ShardLease } from './shard-lease.ts';

interface JobData {
  guildId: string;
}

export interface RedisPlaybackDriverOptions {
  /** The process' shared connection; duplicated once for BullMQ, never closed here. */
  redis: Redis;
  /** Key prefix shared with the other stores (e.g. `nmb:`); BullMQ keys live under `<prefix>bull:`. */
  keyPrefix: string;
  /** This process' shard; it only ever takes `playback-<shardId>` jobs. */
  shardId: number | string;
  /** Guilds this process may play at once (the Worker's concurrency). Default 500. */
  concurrency?: number;
  /** Shard lease lifetime; a crashed process on another host blocks its successor this long. */
  leaseTtlMs?: number;
  logger: Logger;
  /** The lease was lost: another process plays this shard now. The engine should stop here. */
  onLeaseLost?: () => void;
}

export class RedisPlaybackDriver implements PlaybackDriver {
  readonly kind = 'redis';
  readonly queueName: string;
  private readonly connection: Redis;
  private readonly queue: Queue<JobData>;
  private readonly lease: ShardLease;
  private readonly log: Logger;
  private readonly prefix: string;
  private worker: Worker<JobData, RunOutcome> | undefined;
  private host: RunHost | undefined;
  private readonly runs = new Set<AbortController>();
  private closing: Promise<void> | undefined;

  constructor(private readonly options: RedisPlaybackDriverOptions) {
    const shard = String(options.shardId);
    if (!/^[\w-]{1,40}$/.test(shard))
      throw new TypeError(`shardId must be letters, digits, - or _, got ${shard}`);
    this.queueName = `playback-${shard}`;
    this.log = options.logger.child({ module: 'playback', queue: this.queueName });
    this.prefix = `${options.keyPrefix}bull`;
    this.connection = options.redis.duplicate({
      maxRetriesPerRequest: null,
      connectionName: `${options.keyPrefix}playback-${shard}`,
    });
    this.connection.on('error', (error) => this.log.debug({ err: error }, 'BullMQ connection error'));
    this.queue = new Queue<JobData>(this.queueName, { connection: this.connection, prefix: this.prefix });
    this.queue.on('error', (error) => this.log.warn({ err: error }, 'playback queue error'));
    this.lease = new ShardLease({
      redis: options.redis,
      key: `${options.keyPrefix}playback:lease:${shard}`,
      ttlMs: options.leaseTtlMs,
      logger: this.log,
      onLost: () => options.onLeaseLost?.(),
    });
  }

  attach(host: RunHost): void {
    this.host = host;
  }

  async start(): Promise<void> {
    const host = this.host;
    if (!host) throw new Error('attach() the engine before start()');
    await this.lease.acquire();

    // Holding the lease, we are the only process of this shard: whatever is active is orphaned.
    const orphans = (await this.queue.getJobs(['active'])) as Job<JobData>[];
    for (const job of orphans) {
      const guildId = job.data?.guildId;
      if (typeof guildId !== 'string') continue;
      await host.recover(guildId, parseProgress(job.progress), job.id).catch((error: unknown) => {
        this.log.error({ err: error, guildId }, 'could not resume a guild');
      });
    }

    const worker = new Worker<JobData, RunOutcome>(this.queueName, (job, token) => this.process(job, token), {
      connection: this.connection,
      prefix: this.prefix,
      concurrency: this.options.concurrency ?? 500,
      autorun: false,
      // Remove finished jobs so no history accumulates: the guild state is the record.
      removeOnComplete: { count: 0 },
      removeOnFail: { count: 0 },
      // A redelivered orphan is harmless (it completes as a duplicate), so allow a few.
      maxStalledCount: 3,
    });
    worker.on('error', (error) => this.log.warn({ err: error }, 'playback worker error'));
    this.worker = worker;
    void worker.run().catch((error: unknown) => this.log.error({ err: error }, 'playback worker stopped'));
    await worker.waitUntilReady();
    this.log.info({ resumed: orphans.length }, 'playback worker started');
  }

  async requestRun(guildId: string): Promise<void> {
    await this.queue.add(
      'play',
      { guildId },
      // A fresh id per run: a finishing job of the same guild must not swallow the new one.
      { jobId: `pb-${randomUUID()}`, removeOnComplete: true, removeOnFail: true },
    );
  }

  private async process(job: Job<JobData>, token: string | undefined): Promise<RunOutcome> {
    const host = this.host!;
    const controller = new AbortController();
    this.runs.add(controller);
    try {
      const outcome = await host.runGuild(job.data.guildId, {
        runId: job.id!,
        signal: controller.signal,
        hint: parseProgress(job.progress),
        reportProgress: (progress) =>
          job.updateProgress(progress).catch((error: unknown) => {
            this.log.debug({ err: error, jobId: job.id }, 'could not record progress');
          }),
      });
      if (outcome === 'shutdown' && token) {
        // Back to waiting, progress kept: the next process of this shard picks it up and resumes.
        await job.moveToWait(token);
        throw new WaitingError();
      }
      return outcome;
    } finally {
      this.runs.delete(controller);
    }
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const run of this.runs) run.abort();
      await this.worker
        ?.close()
        .catch((error: unknown) => this.log.warn({ err: error }, 'worker close failed'));
      await this.queue.close().catch(() => undefined);
      await this.lease.release();
      await this.connection.quit().catch(() => this.connection.disconnect());
    })();
    return this.closing;
  }
}
