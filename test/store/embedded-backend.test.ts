import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStores, StoreError } from '../../src/store/index.ts';
import { baseConfig, removeDir, storeOpener, tempDataDir } from './harness-common.ts';
import { captureLogs } from './log-capture.ts';
import { alice, describeStoreContract, type StoreHarness } from './store-contract.ts';

async function readEntries(file: string): Promise<Record<string, { v: string }>> {
  try {
    return (JSON.parse(await readFile(file, 'utf8')) as { entries: Record<string, { v: string }> }).entries;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
}

/** A fresh DATA_DIR per harness; "restart" means new stores over the same directory. */
async function makeEmbeddedHarness(): Promise<StoreHarness & { dataDir: string }> {
  const root = await tempDataDir();
  // A directory that does not exist yet, to see it created with the right mode.
  const dataDir = path.join(root, 'data');
  const opener = storeOpener(() => ({ config: baseConfig(dataDir), debounceMs: 20 }));
  return {
    dataDir,
    open: opener.open,
    async persisted() {
      const names = await readdir(dataDir);
      const texts = await Promise.all(names.map((name) => readFile(path.join(dataDir, name), 'utf8')));
      return [...names, ...texts].join('\n');
    },
    async readRaw(namespace, key) {
      return (await readEntries(path.join(dataDir, `${namespace}.json`)))[key]?.v;
    },
    async writeRaw(namespace, key, value) {
      const file = path.join(dataDir, `${namespace}.json`);
      const entries = await readEntries(file);
      entries[key] = { v: value };
      await writeFile(file, JSON.stringify({ version: 1, entries }), { mode: 0o600 });
    },
    async dispose() {
      await opener.closeAll();
      await removeDir(root);
    },
  };
}

describeStoreContract('embedded', makeEmbeddedHarness);

const mode = async (file: string) => (await stat(file)).mode & 0o777;

describe('embedded backend specifics', () => {
  it('creates DATA_DIR 0700 and a 0600 session key once, warning only when it is generated', async () => {
    const harness = await makeEmbeddedHarness();
    try {
      const first = await harness.open();
      await first.stores.sessions.set('discord:1', alice);
      await first.stores.close();
      expect(await mode(harness.dataDir)).toBe(0o700);
      const keyFile = path.join(harness.dataDir, 'session.key');
      expect(await mode(keyFile)).toBe(0o600);
      const key = await readFile(keyFile, 'utf8');
      expect(key).toMatch(/^[0-9a-f]{64}\n$/);
      const warnings = (await first.logs.records()).filter((r) => r.keyFile);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ level: 40 });
      expect(String(warnings[0]!.msg)).toMatch(/SESSION_SECRET is not set/);

      const second = await harness.open();
      expect(await readFile(keyFile, 'utf8')).toBe(key);
      expect((await second.logs.records()).filter((r) => r.keyFile)).toHaveLength(0);
      expect(await second.stores.sessions.get('discord:1')).toMatchObject(alice);
    } finally {
      await harness.dispose();
    }
  });

  it('writes the store files 0600, batches bursts, and leaves no temp files', async () => {
    const harness = await makeEmbeddedHarness();
    try {
      const { stores } = await harness.open();
      await Promise.all(
        Array.from({ length: 50 }, (_, i) => stores.settings.update(`discord:${i}`, { defaultVolume: i })),
      );
      await Promise.all(Array.from({ length: 20 }, (_, i) => stores.sessions.set(`telegram:${i}`, alice)));
      await new Promise((resolve) => setTimeout(resolve, 100));
      await stores.close();

      const names = (await readdir(harness.dataDir)).sort();
      expect(names).toEqual(['session.key', 'sessions.json', 'settings.json']);
      expect(await mode(path.join(harness.dataDir, 'sessions.json'))).toBe(0o600);
      expect(await mode(path.join(harness.dataDir, 'settings.json'))).toBe(0o600);
      const settings = await readEntries(path.join(harness.dataDir, 'settings.json'));
      expect(Object.keys(settings)).toHaveLength(50);
    } finally {
      await harness.dispose();
    }
  });

  it('removes temp files a crash left behind and ignores them', async () => {
    const harness = await makeEmbeddedHarness();
    try {
      await (await harness.open()).stores.close();
      const stale = path.join(harness.dataDir, 'sessions.json.999-deadbeef.tmp');
      await writeFile(stale, '{"half":');
      await harness.open();
      expect(await readdir(harness.dataDir)).not.toContain('sessions.json.999-deadbeef.tmp');
    } finally {
      await harness.dispose();
    }
  });

  it('keeps caches in memory only, bounded', async () => {
    const harness = await makeEmbeddedHarness();
    try {
      const first = await harness.open();
      await first.stores.cache.set('k', 'v', 60_000);
      await first.stores.close();
      expect(await harness.persisted()).not.toContain('"k"');
      const second = await harness.open();
      expect(await second.stores.cache.get('k')).toBeUndefined();
    } finally {
      await harness.dispose();
    }
  });

  it('moves a damaged store file aside and starts empty, logging where it went', async () => {
    const harness = await makeEmbeddedHarness();
    try {
      const first = await harness.open();
      await first.stores.settings.update('discord:1', { stay247: true });
      await first.stores.close();
      await writeFile(path.join(harness.dataDir, 'settings.json'), '{"version":1,"entries":{"disc');

      const { stores, logs } = await harness.open();
      expect(await stores.settings.get('discord:1')).toMatchObject({ stay247: false });
      const names = await readdir(harness.dataDir);
      const aside = names.find((name) => name.startsWith('settings.json.corrupt-'));
      expect(aside).toBeDefined();
      expect(await readFile(path.join(harness.dataDir, aside!), 'utf8')).toContain('"disc');
      expect((await logs.records()).some((r) => r.level === 50 && r.movedTo)).toBe(true);
      await stores.settings.update('discord:1', { fairQueue: true });
    } finally {
      await harness.dispose();
    }
  });

  it('refuses a key file that is not a key, in one line, without replacing it', async () => {
    const root = await tempDataDir();
    try {
      await writeFile(path.join(root, 'session.key'), 'oops\n', { mode: 0o600 });
      const error = await createStores({ config: baseConfig(root), logger: captureLogs().logger }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StoreError);
      expect((error as Error).message).toMatch(/session\.key is not a 64-hex-digit key: restore it/);
      expect((error as Error).message).not.toContain('\n');
      expect(await readFile(path.join(root, 'session.key'), 'utf8')).toBe('oops\n');
    } finally {
      await removeDir(root);
    }
  });

  it('tightens a key file readable by others to 0600', async () => {
    const root = await tempDataDir();
    try {
      const keyFile = path.join(root, 'session.key');
      await writeFile(keyFile, `${'ab'.repeat(32)}\n`);
      await chmod(keyFile, 0o644);
      const logs = captureLogs();
      const stores = await createStores({ config: baseConfig(root), logger: logs.logger });
      await stores.close();
      expect(await mode(keyFile)).toBe(0o600);
      expect((await logs.records()).some((r) => /mode 0600/.test(String(r.msg)))).toBe(true);
    } finally {
      await removeDir(root);
    }
  });

  it('refuses writes after close', async () => {
    const harness = await makeEmbeddedHarness();
    try {
      const { stores } = await harness.open();
      await stores.close();
      await expect(stores.settings.update('discord:1', { stay247: true })).rejects.toThrow(/closed/);
      await expect(stores.cache.get('k')).rejects.toThrow(/closed/);
    } finally {
      await harness.dispose();
    }
  });
});
