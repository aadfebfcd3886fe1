/**
 * Guild queues without Redis: memory is the truth, and each guild's state is mirrored to
 * `DATA_DIR/queues/<guild>.json` with atomic replaces, so a restart (even after SIGKILL or a
 * power cut) finds the last complete state. Writes happen right after each change, at most one
 * in flight per guild; changes made meanwhile are folded into the next write.
 */
import { mkdir, readdir, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.ts';
import { removeStaleTempFiles, writeFileAtomic } from '../store/atomic-write.ts';
import type { GuildQueueState } from './queue-state.ts';
import { assertGuildId, parseState, type QueueStore, serializeState } from './queue-store.ts';

export interface FileQueueStoreOptions {
  dataDir: string;
  logger: Logger;
}

interface Writer {
  running?: Promise<void>;
  dirty: boolean;
}

const SUFFIX = '.json';

export async function openFileQueueStore(options: FileQueueStoreOptions): Promise<QueueStore> {
  const { logger } = options;
  const dir = path.join(options.dataDir, 'queues');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const fileOf = (guildId: string) => path.join(dir, encodeURIComponent(guildId) + SUFFIX);

  const states = new Map<string, GuildQueueState>();
  for (const name of await readdir(dir)) {
    if (!name.endsWith(SUFFIX)) continue;
    const file = path.join(dir, name);
    const guildId = decodeURIComponent(name.slice(0, -SUFFIX.length));
    await removeStaleTempFiles(file);
    const state = parseState(await readFile(file, 'utf8'), guildId, logger);
    if (state && state.guildId === guildId) states.set(guildId, state);
    else await rename(file, `${file}.unreadable`).catch(() => undefined);
  }

  const writers = new Map<string, Writer>();
  let closed = false;

  async function writeOut(guildId: string, writer: Writer): Promise<void> {
    while (writer.dirty) {
      writer.dirty = false;
      const state = states.get(guildId);
      try {
        if (state) await writeFileAtomic(fileOf(guildId), serializeState(state));
        else
          await unlink(fileOf(guildId)).catch((error: NodeJS.ErrnoException) => {
            if (error.code !== 'ENOENT') throw error;
          });
      } catch (error) {
        // Memory still has the state; the next change (or flush) tries again.
        logger.error({ err: error, guildId }, 'could not save the queue to DATA_DIR');
        return;
      }
    }
  }

  function schedule(guildId: string): void {
    let writer = writers.get(guildId);
    if (!writer) {
      writer = { dirty: false };
      writers.set(guildId, writer);
    }
    writer.dirty = true;
    if (writer.running) return;
    const current = writer;
    current.running = writeOut(guildId, current).finally(() => {
      current.running = undefined;
      if (!current.dirty) writers.delete(guildId);
    });
  }

  function checkOpen(): void {
    if (closed) throw new Error('queue store is closed');
  }

  async function flush(): Promise<void> {
    // A write that failed left its writer dirty but idle: start it again.
    for (const [guildId, writer] of writers) if (writer.dirty && !writer.running) schedule(guildId);
    await Promise.all([...writers.values()].map((writer) => writer.running));
  }

  return {
    kind: 'embedded',

    async get(guildId) {
      assertGuildId(guildId);
      return states.get(guildId);
    },

    async put(state, expectedVersion) {
      assertGuildId(state.guildId);
      checkOpen();
      if ((states.get(state.guildId)?.version ?? 0) !== expectedVersion) return false;
      states.set(state.guildId, state);
      schedule(state.guildId);
      return true;
    },

    async delete(guildId) {
      assertGuildId(guildId);
      checkOpen();
      if (!states.delete(guildId)) return;
      schedule(guildId);
    },

    async guildIds() {
      return [...states.keys()].sort();
    },

    flush,

    async close() {
      if (closed) return;
      await flush();
      closed = true;
    },
  };
}
