import { randomBytes, scrypt } from 'node:crypto';
import { chmod, link, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.ts';
import { StoreError } from './errors.ts';

export const KEY_FILE_NAME = 'session.key';

/**
 * scrypt rather than a bare hash or HKDF: SESSION_SECRET is typed by a person and may be weak,
 * and a memory-hard derivation makes guessing it from a stolen store expensive. ~130 ms, once
 * per start. The salt is fixed because the secret, not the salt, must reproduce the key on
 * every process and machine sharing the store.
 */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const SCRYPT_SALT = 'netease-music-bot/session-secret/v1';

export interface SessionKeyOptions {
  /** SESSION_SECRET, if the operator set one. */
  secret?: string;
  /** DATA_DIR: where the generated key lives when there is no secret. */
  dataDir: string;
  logger: Logger;
  /** True when several processes may share the store (Redis): they all need the same key. */
  shared?: boolean;
}

/** The 32-byte master key that encrypts sessions: derived from the secret, or read/generated. */
export async function resolveSessionKey(options: SessionKeyOptions): Promise<Buffer> {
  if (options.secret) return deriveFromSecret(options.secret);
  const file = path.join(options.dataDir, KEY_FILE_NAME);
  await ensurePrivateDirectory(options.dataDir);
  const sharedHint = options.shared
    ? '; several processes sharing this Redis need the same key: set SESSION_SECRET on all of them'
    : '';
  const existing = await readKeyFile(file, options.logger);
  if (existing) {
    // Per machine, a key file is fine; with Redis it silently splits logins between hosts.
    if (options.shared) options.logger.warn({ keyFile: file }, `SESSION_SECRET is not set${sharedHint}`);
    return existing;
  }
  const created = await createKeyFile(file);
  const key = await readKeyFile(file, options.logger);
  if (!key) throw new StoreError(`${file} vanished while it was being created; start the bot again`);
  // When another process won the race to create it, it has already warned.
  if (created) {
    options.logger.warn(
      { keyFile: file },
      `SESSION_SECRET is not set: generated a session key file; back it up (stored logins cannot be read without it) or set SESSION_SECRET${sharedHint}`,
    );
  }
  return key;
}

export function deriveFromSecret(secret: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret.normalize('NFC'), SCRYPT_SALT, 32, SCRYPT, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** DATA_DIR holds credentials, so it is created readable by the bot's user only. */
export async function ensurePrivateDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new StoreError(`cannot create data directory ${dir}: ${(error as Error).message}`);
  }
}

async function readKeyFile(file: string, logger: Logger): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StoreError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) {
    // Never replace it: it may be the only copy of the key to existing logins.
    throw new StoreError(
      `${file} is not a 64-hex-digit key: restore it from a backup, or delete it to generate a new one (users will need to log in again)`,
    );
  }
  const { mode } = await stat(file);
  if ((mode & 0o077) !== 0) {
    await chmod(file, 0o600).catch(() => undefined);
    logger.warn(
      { keyFile: file },
      'session key file was readable by other users; restricted it to mode 0600',
    );
  }
  return Buffer.from(hex, 'hex');
}

/**
 * Creates the key file only if it does not exist, and never visible half-written: the key is
 * written and synced to a private temp file, then hard-linked into place (link fails if the
 * target exists, so two processes starting at once cannot overwrite each other's key).
 */
async function createKeyFile(file: string): Promise<boolean> {
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(`${randomBytes(32).toString('hex')}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await link(temp, file);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  } catch (error) {
    throw new StoreError(`cannot create ${file}: ${(error as Error).message}`);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}
