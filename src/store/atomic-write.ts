import { randomBytes } from 'node:crypto';
import { open, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

const TEMP_SUFFIX = '.tmp';

/** Temporary siblings of `file` look like `<name>.<pid>-<random>.tmp`. */
function tempNameFor(file: string): string {
  return `${file}.${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`;
}

function isTempOf(file: string, candidate: string): boolean {
  const base = path.basename(file);
  if (!candidate.startsWith(`${base}.`) || !candidate.endsWith(TEMP_SUFFIX)) return false;
  const middle = candidate.slice(base.length + 1, -TEMP_SUFFIX.length);
  return /^\d+-[0-9a-f]{8}$/.test(middle);
}

/**
 * Replaces `file` so that a reader (or a restart after a crash or power cut) sees either the old
 * contents or the new ones, never a torn mix: write a sibling temp file, fsync it, rename it over
 * the target (atomic on POSIX within one directory), then fsync the directory so the rename
 * itself is durable.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const temp = tempNameFor(file);
  let renamed = false;
  try {
    // 'wx' refuses to follow a planted symlink or reuse a file someone else created.
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
    renamed = true;
    await syncDirectory(path.dirname(file));
  } finally {
    if (!renamed) await unlink(temp).catch(() => undefined);
  }
}

async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some filesystems (and Windows) cannot fsync a directory; the rename is still atomic there.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Removes temp files a crash left behind next to `file`; they are never read. */
export async function removeStaleTempFiles(file: string): Promise<void> {
  const dir = path.dirname(file);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(
    names
      .filter((name) => isTempOf(file, name))
      .map((name) => unlink(path.join(dir, name)).catch(() => undefined)),
  );
}
