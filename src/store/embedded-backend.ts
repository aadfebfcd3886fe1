import path from 'node:path';
import type { Logger } from '../logger.ts';
import { FileKv } from './file-kv.ts';
import { MemoryKv, type MemoryKvOptions } from './memory-kv.ts';
import { ensurePrivateDirectory } from './secret-key.ts';
import type { KvStore, StorageBackend } from './types.ts';

export interface EmbeddedBackendOptions {
  dataDir: string;
  logger: Logger;
  /** Namespaces that must survive a restart; each becomes `<dataDir>/<namespace>.json`. */
  durableNamespaces: readonly string[];
  /** Batch window for file writes. */
  debounceMs?: number;
  /** Bounds of each volatile (in-memory) namespace. */
  memory?: MemoryKvOptions;
}

const NAMESPACE = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * The store for a single small server without Redis: durable namespaces in JSON files under
 * DATA_DIR, caches in bounded memory. Durable files are opened up front, so a damaged or
 * unreadable file is reported at start-up rather than at the first command.
 * One process per DATA_DIR: two would overwrite each other's files.
 */
export async function openEmbeddedBackend(options: EmbeddedBackendOptions): Promise<StorageBackend> {
  await ensurePrivateDirectory(options.dataDir);
  const durable = new Map<string, FileKv>();
  try {
    for (const namespace of options.durableNamespaces) {
      if (!NAMESPACE.test(namespace)) throw new TypeError(`bad store namespace ${namespace}`);
      const file = path.join(options.dataDir, `${namespace}.json`);
      durable.set(
        namespace,
        await FileKv.open({ file, logger: options.logger, debounceMs: options.debounceMs }),
      );
    }
  } catch (error) {
    await Promise.allSettled([...durable.values()].map((kv) => kv.close()));
    throw error;
  }
  const volatile = new Map<string, MemoryKv>();
  let closing: Promise<void> | undefined;

  return {
    kind: 'embedded',
    durable(namespace): KvStore {
      const kv = durable.get(namespace);
      // Durable files are opened in advance; asking for another one is a wiring mistake.
      if (!kv) throw new Error(`durable namespace ${namespace} was not declared when the store was opened`);
      return kv;
    },
    volatile(namespace): KvStore {
      if (!NAMESPACE.test(namespace)) throw new TypeError(`bad store namespace ${namespace}`);
      let kv = volatile.get(namespace);
      if (!kv) {
        kv = new MemoryKv(options.memory);
        volatile.set(namespace, kv);
      }
      return kv;
    },
    async flush() {
      await Promise.all([...durable.values()].map((kv) => kv.flush()));
    },
    close() {
      closing ??= (async () => {
        for (const kv of volatile.values()) kv.close();
        const results = await Promise.allSettled([...durable.values()].map((kv) => kv.close()));
        const failed = results.find((result) => result.status === 'rejected');
        if (failed) throw failed.reason;
      })();
      return closing;
    },
  };
}
