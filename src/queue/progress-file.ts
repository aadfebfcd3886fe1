/**
 * Positions of the guilds playing in the embedded backend, in one small file
 * (`DATA_DIR/playback-progress.json`), rewritten at most once per interval whatever the number
 * of guilds. This is the embedded stand-in for BullMQ's job progress: after a crash the guild
 * resumes where the file says (at most one interval behind).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.ts';
import { removeStaleTempFiles, writeFileAtomic } from '../store/atomic-write.ts';
import { type Progress, parseProgress } from './playback-driver.ts';

export class ProgressFile {
  private readonly entries = new Map<string, Progress>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private dirty = false;
  private lastWriteAt = 0;

  private constructor(
    private readonly file: string,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  static async open(options: {
    dataDir: string;
    intervalMs?: number;
    logger: Logger;
  }): Promise<ProgressFile> {
    const file = path.join(options.dataDir, 'playback-progress.json');
    const progress = new ProgressFile(file, options.intervalMs ?? 1000, options.logger);
    await removeStaleTempFiles(file);
    try {
      const raw = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      for (const [guildId, value] of Object.entries(raw)) {
        const parsed = parseProgress(value);
        if (parsed) progress.entries.set(guildId, parsed);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        options.logger.warn(
          { err: error },
          'playback progress file unreadable; positions start from the queue',
        );
      }
    }
    return progress;
  }

  get(guildId: string): Progress | undefined {
    return this.entries.get(guildId);
  }

  set(guildId: string, progress: Progress): void {
    this.entries.set(guildId, progress);
    this.schedule();
  }

  delete(guildId: string): void {
    if (this.entries.delete(guildId)) this.schedule();
  }

  /** Writes pending changes now. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.writing;
    if (this.dirty) await this.write();
  }

  /** Writes at once when the last write is an interval old, else at the end of the interval. */
  private schedule(): void {
    this.dirty = true;
    if (this.timer) return;
    const wait = Math.max(0, this.lastWriteAt + this.intervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.write();
    }, wait);
    this.timer.unref();
  }

  private write(): Promise<void> {
    if (this.writing) {
      // One write at a time; the pending change goes out with the next interval.
      this.schedule();
      return this.writing;
    }
    this.dirty = false;
    this.lastWriteAt = Date.now();
    const text = JSON.stringify(Object.fromEntries(this.entries));
    this.writing = writeFileAtomic(this.file, text)
      .catch((error: unknown) => {
        this.dirty = true;
        this.logger.warn({ err: error }, 'could not save playback progress');
      })
      .finally(() => {
        this.writing = undefined;
      });
    return this.writing;
  }
}
