import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveFromSecret, resolveSessionKey } from '../../src/store/secret-key.ts';
import { removeDir, tempDataDir } from './harness-common.ts';
import { captureLogs } from './log-capture.ts';

describe('session key', () => {
  it('derives the same key from the same secret on every start, and another from another secret', async () => {
    const [a, b, c] = await Promise.all([
      deriveFromSecret('correct horse battery staple'),
      deriveFromSecret('correct horse battery staple'),
      deriveFromSecret('correct horse battery stapler'),
    ]);
    expect(a).toHaveLength(32);
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });

  it('does not touch DATA_DIR when a secret is set', async () => {
    const root = await tempDataDir();
    try {
      const dataDir = path.join(root, 'unused');
      await resolveSessionKey({ secret: 'a-long-enough-secret', dataDir, logger: captureLogs().logger });
      await expect(stat(dataDir)).rejects.toThrow(/ENOENT/);
    } finally {
      await removeDir(root);
    }
  });

  it('generates one key even when two starts race, and warns once', async () => {
    const root = await tempDataDir();
    try {
      const logs = captureLogs();
      const keys = await Promise.all(
        Array.from({ length: 4 }, () => resolveSessionKey({ dataDir: root, logger: logs.logger })),
      );
      for (const key of keys) expect(key.equals(keys[0]!)).toBe(true);
      const onDisk = Buffer.from((await readFile(path.join(root, 'session.key'), 'utf8')).trim(), 'hex');
      expect(onDisk.equals(keys[0]!)).toBe(true);
      expect(await readdir(root)).toEqual(['session.key']);
      expect((await stat(path.join(root, 'session.key'))).mode & 0o777).toBe(0o600);
      expect((await logs.records()).filter((r) => r.level === 40)).toHaveLength(1);
    } finally {
      await removeDir(root);
    }
  });

  it('reminds Redis users that the key file is per machine', async () => {
    const root = await tempDataDir();
    try {
      await resolveSessionKey({ dataDir: root, logger: captureLogs().logger });
      const logs = captureLogs();
      await resolveSessionKey({ dataDir: root, logger: logs.logger, shared: true });
      const [warning] = await logs.records();
      expect(String(warning?.msg)).toMatch(/several processes sharing this Redis/);
    } finally {
      await removeDir(root);
    }
  });
});
