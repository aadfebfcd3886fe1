import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type CreateStoresOptions,
  createStores,
  type StoreConfig,
  type Stores,
} from '../../src/store/index.ts';
import { captureLogs, type LogCapture } from './log-capture.ts';
import type { OpenOptions } from './store-contract.ts';

export const baseConfig = (dataDir: string): StoreConfig => ({
  dataDir,
  defaultLanguage: 'zh',
  idleTimeoutSeconds: 300,
});

export function tempDataDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'nmb-store-'));
}

export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/** Opens stores with captured logs and remembers them, so a test never leaks a connection. */
export function storeOpener(base: () => Omit<CreateStoresOptions, 'logger'>) {
  const opened: Stores[] = [];
  return {
    async open(options: OpenOptions = {}): Promise<{ stores: Stores; logs: LogCapture }> {
      const logs = captureLogs();
      const defaults = base();
      const stores = await createStores({
        ...defaults,
        config: { ...defaults.config, ...options.config },
        logger: logs.logger,
      });
      opened.push(stores);
      return { stores, logs };
    },
    async closeAll(): Promise<void> {
      await Promise.allSettled(opened.map((stores) => stores.close()));
      opened.length = 0;
    },
  };
}
