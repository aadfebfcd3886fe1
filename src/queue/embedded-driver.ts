/**
 * Playback runs without Redis: each is an in-process task, and what BullMQ would remember goes
 * to DATA_DIR instead: the queue (with the run id of every guild that should be playing) through
 * the file queue store, positions through the progress file. A restart, clean or not, resumes
 * every guild whose state still names a run.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.ts';
import type { PlaybackDriver, RunHost } from './playback-driver.ts';
import { ProgressFile } from './progress-file.ts';
import type { QueueStore } from './queue-store.ts';

export interface EmbeddedDriverOptions {
  dataDir: string;
  store: QueueStore;
  logger: Logger;
  /** How often positions are written (default 1 s). */
  progressIntervalMs?: number;
}

export class EmbeddedPlaybackDriver implements PlaybackDriver {
  readonly kind = 'embedded';
  private host: RunHost | undefined;
  private progress: ProgressFile | undefined;
  private started = false;
  private closed = false;
  /** Runs asked for before start(): they begin once recovery is done. */
  private readonly pending = new Set<string>();
  private readonly runs = new Map<AbortController, Promise<void>>();
  private readonly log: Logger;

  constructor(private readonly options: EmbeddedDriverOptions) {
    this.log = options.logger.child({ module: 'playback' });
  }

  attach(host: RunHost): void {
    this.host = host;
  }

  async start(): Promise<void> {
    const host = this.host;
    if (!host) throw new Error('attach() the engine before start()');
    this.progress = await ProgressFile.open({
      dataDir: this.options.dataDir,
      intervalMs: this.options.progressIntervalMs,
      logger: this.log,
    });
    this.started = true;
    let resumed = 0;
    for (const guildId of await this.options.store.guildIds()) {
      const state = await this.options.store.get(guildId);
      if (!state?.runId) continue;
      resumed++;
      await host.recover(guildId, this.progress.get(guildId)).catch((error: unknown) => {
        this.log.error({ err: error, guildId }, 'could not resume a guild');
      });
    }
    for (const guildId of this.pending) this.launch(guildId);
    this.pending.clear();
    this.log.info({ resumed }, 'embedded playback started');
  }

  async requestRun(guildId: string): Promise<void> {
    if (this.closed) throw new Error('playback is shutting down');
    if (!this.started) this.pending.add(guildId);
    else this.launch(guildId);
  }

  private launch(guildId: string): void {
    const host = this.host!;
    const progress = this.progress!;
    const controller = new AbortController();
    const task = host
      .runGuild(guildId, {
        runId: `run-${randomUUID()}`,
        signal: controller.signal,
        reportProgress: (p) => progress.set(guildId, p),
      })
      .then((outcome) => {
        if (outcome === 'finished') progress.delete(guildId);
      })
      .catch((error: unknown) => this.log.error({ err: error, guildId }, 'playback run failed'))
      .finally(() => this.runs.delete(controller));
    this.runs.set(controller, task);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const controller of this.runs.keys()) controller.abort();
    await Promise.all(this.runs.values());
    await this.progress?.flush();
  }
}
