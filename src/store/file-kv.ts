import { readFile, rename } from 'node:fs/promises';
import type { Logger } from '../logger.ts';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-write.ts';
import { StoreClosedError, StoreError } from './errors.ts';
import type { KvStore } from './types.ts';

export interface FileKvOptions {
  /** The JSON file holding this namespace; its directory must already exist. */
  file: string;
  logger: Logger;
  /** Writes accepted within this window reach the disk together, in one file write. */
  debounceMs?: number;
  /** Wait before retrying a failed background write (a full disk may be freed meanwhile). */
  retryMs?: number;
}

/** One entry on disk: the value and, for TTL entries, when it expires (epoch ms, survives restarts). */
interface StoredEntry {
  v: string;
  x?: number;
}

const FORMAT_VERSION = 1;

/**
 * The embedded backend's durable namespace: all entries in memory, mirrored to one JSON file.
 * Sessions and settings are small (kilobytes per thousand users), so rewriting the whole file
 * is simpler and safer than an append log. Writes are batched for `debounceMs` and always
 * replace the file atomically; `flush()`/`close()` force them out (call on shutdown).
 */
export class FileKv implements KvStore {
  readonly #file: string;
  readonly #logger: Logger;
  readonly #debounceMs: number;
  readonly #retryMs: number;
  readonly #entries = new Map<string, StoredEntry>();
  #dirty = false;
  #timer: NodeJS.Timeout | undefined;
  /** The last write in progress; later writes chain on it so two never race on the rename. */
  #writing: Promise<void> = Promise.resolve();
  #closed = false;
  #writes = 0;

  private constructor(options: FileKvOptions) {
    this.#file = options.file;
    this.#logger = options.logger;
    this.#debounceMs = options.debounceMs ?? 200;
    this.#retryMs = options.retryMs ?? 5_000;
  }

  static async open(options: FileKvOptions): Promise<FileKv> {
    const kv = new FileKv(options);
    await removeStaleTempFiles(options.file);
    await kv.#load();
    return kv;
  }

  /** How many times the file has been rewritten; lets tests see that bursts are batched. */
  get writeCount(): number {
    return this.#writes;
  }

  async get(key: string): Promise<string | undefined> {
    this.#assertOpen();
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.x !== undefined && entry.x <= Date.now()) {
      // Expired entries are dropped lazily; the next write leaves them out of the file.
      this.#entries.delete(key);
      return undefined;
    }
    return entry.v;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.#assertOpen();
    this.#entries.set(key, ttlMs === undefined ? { v: value } : { v: value, x: Date.now() + ttlMs });
    this.#markDirty();
  }

  async delete(key: string): Promise<void> {
    this.#assertOpen();
    if (this.#entries.delete(key)) this.#markDirty();
  }

  /** Writes pending changes now; rejects if the disk write fails (the changes stay pending). */
  flush(): Promise<void> {
    this.#clearTimer();
    const run = this.#writing.then(() => this.#writeIfDirty());
    this.#writing = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    if (this.#closed) return this.#writing;
    this.#closed = true;
    await this.flush();
  }

  async #load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new StoreError(`cannot read ${this.#file}: ${(error as Error).message}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      await this.#setAside('it is not valid JSON');
      return;
    }
    const entries = (parsed as { entries?: unknown } | null)?.entries;
    if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) {
      await this.#setAside('it has no entries object');
      return;
    }
    const now = Date.now();
    let skipped = 0;
    for (const [key, raw] of Object.entries(entries as Record<string, unknown>)) {
      const entry = raw as Partial<StoredEntry> | null;
      const valid =
        typeof entry?.v === 'string' &&
        (entry.x === undefined || (typeof entry.x === 'number' && entry.x > 0));
      if (!valid) {
        skipped++;
        continue;
      }
      if (entry.x !== undefined && entry.x <= now) continue;
      this.#entries.set(key, entry.x === undefined ? { v: entry.v! } : { v: entry.v!, x: entry.x });
    }
    if (skipped > 0)
      this.#logger.warn({ file: this.#file, skipped }, 'skipped malformed entries in store file');
  }

  /**
   * A damaged file is moved aside instead of overwritten, so the operator can still recover it,
   * and the bot starts with an empty namespace rather than refusing to run.
   */
  async #setAside(reason: string): Promise<void> {
    const aside = `${this.#file}.corrupt-${Date.now()}`;
    await rename(this.#file, aside).catch((error: Error) => {
      throw new StoreError(`cannot move unreadable ${this.#file} aside: ${error.message}`);
    });
    this.#logger.error(
      { file: this.#file, movedTo: aside },
      `store file was unreadable (${reason}); starting empty`,
    );
  }

  #markDirty(): void {
    this.#dirty = true;
    this.#schedule(this.#debounceMs);
  }

  #schedule(delayMs: number): void {
    if (this.#timer || this.#closed) return;
    // Batch rather than debounce: the first change starts the clock, so a steady stream of
    // changes still reaches the disk every `debounceMs` instead of being postponed forever.
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.flush().catch((error: Error) => {
        this.#logger.error({ err: error, file: this.#file }, 'could not write store file; will retry');
        this.#schedule(this.#retryMs);
      });
    }, delayMs);
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #writeIfDirty(): Promise<void> {
    if (!this.#dirty) return;
    this.#dirty = false;
    const now = Date.now();
    const entries: Record<string, StoredEntry> = {};
    for (const [key, entry] of this.#entries) {
      if (entry.x === undefined || entry.x > now) entries[key] = entry;
    }
    try {
      await writeFileAtomic(this.#file, `${JSON.stringify({ version: FORMAT_VERSION, entries })}\n`);
      this.#writes++;
    } catch (error) {
      this.#dirty = true;
      throw error;
    }
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreClosedError(`store file ${this.#file}`);
  }
}
