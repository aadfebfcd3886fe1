import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from '../../src/store/atomic-write.ts';
import { FileKv } from '../../src/store/file-kv.ts';
import { removeDir, tempDataDir } from './harness-common.ts';
import { captureLogs } from './log-capture.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('FileKv', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await tempDataDir();
    file = path.join(dir, 'ns.json');
  });
  afterEach(() => removeDir(dir));

  it('batches a burst of writes into one file write', async () => {
    // A window longer than the test: the write happens only when flushed, whatever the load.
    const kv = await FileKv.open({ file, logger: captureLogs().logger, debounceMs: 60_000 });
    for (let i = 0; i < 100; i++) await kv.set(`k${i}`, `v${i}`);
    expect(kv.writeCount).toBe(0);
    await kv.flush();
    expect(kv.writeCount).toBe(1);
    expect(Object.keys(JSON.parse(await readFile(file, 'utf8')).entries)).toHaveLength(100);
    await kv.close();
    expect(kv.writeCount).toBe(1); // nothing new to write on close
  });

  it('writes by itself once the batch window has passed', async () => {
    const kv = await FileKv.open({ file, logger: captureLogs().logger, debounceMs: 20 });
    await kv.set('k', 'v');
    await vi.waitFor(() => expect(kv.writeCount).toBe(1), { timeout: 5_000, interval: 10 });
    expect(JSON.parse(await readFile(file, 'utf8')).entries).toEqual({ k: { v: 'v' } });
    await kv.close();
  });

  it('honours TTLs across a reopen and leaves expired entries out of the file', async () => {
    const kv = await FileKv.open({ file, logger: captureLogs().logger });
    await kv.set('short', 'a', 50);
    await kv.set('long', 'b', 60_000);
    await kv.set('forever', 'c');
    await kv.close();
    await sleep(80);
    const again = await FileKv.open({ file, logger: captureLogs().logger });
    expect(await again.get('short')).toBeUndefined();
    expect(await again.get('long')).toBe('b');
    expect(await again.get('forever')).toBe('c');
    await again.set('touch', 'x');
    await again.close();
    expect(Object.keys(JSON.parse(await readFile(file, 'utf8')).entries).sort()).toEqual([
      'forever',
      'long',
      'touch',
    ]);
  });

  it('keeps changes pending and retries when the disk write fails', async () => {
    const logs = captureLogs();
    const nested = path.join(dir, 'sub');
    await mkdir(nested);
    const kv = await FileKv.open({
      file: path.join(nested, 'ns.json'),
      logger: logs.logger,
      debounceMs: 10,
      retryMs: 50,
    });
    await rm(nested, { recursive: true });
    await kv.set('k', 'v');
    await vi.waitFor(async () => expect((await logs.records()).some((r) => r.level === 50)).toBe(true), {
      timeout: 5_000,
      interval: 10,
    });
    await mkdir(nested);
    await vi.waitFor(() => expect(kv.writeCount).toBe(1), { timeout: 5_000, interval: 10 });
    expect(JSON.parse(await readFile(path.join(nested, 'ns.json'), 'utf8')).entries).toEqual({
      k: { v: 'v' },
    });
    await kv.close();
  });

  it('skips malformed entries but keeps the good ones', async () => {
    await writeFileAtomic(
      file,
      JSON.stringify({
        version: 1,
        entries: { good: { v: 'yes' }, bad: { v: 7 }, worse: null, ttl: { v: 'x', x: 'soon' } },
      }),
    );
    const logs = captureLogs();
    const kv = await FileKv.open({ file, logger: logs.logger });
    expect(await kv.get('good')).toBe('yes');
    expect(await kv.get('bad')).toBeUndefined();
    expect((await logs.records()).find((r) => r.skipped)).toMatchObject({ skipped: 3 });
    await kv.close();
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file whole and cleans its temp file up when the rename fails', async () => {
    const dir = await tempDataDir();
    try {
      const target = path.join(dir, 'data.json');
      await writeFileAtomic(target, 'one');
      await writeFileAtomic(target, 'two');
      expect(await readFile(target, 'utf8')).toBe('two');

      const blocked = path.join(dir, 'blocked');
      await mkdir(path.join(blocked, 'child'), { recursive: true }); // a non-empty directory cannot be renamed over
      await expect(writeFileAtomic(blocked, 'x')).rejects.toThrow();
      expect((await readdir(dir)).sort()).toEqual(['blocked', 'data.json']);
    } finally {
      await removeDir(dir);
    }
  });
});
