import { z } from 'zod';
import type { Logger } from '../logger.ts';
import type { SessionCipher } from './cipher.ts';
import { KeyedLock } from './keyed-lock.ts';
import { assertScopeKey } from './keys.ts';
import type { KvStore, NeteaseSession, SessionInput, SessionStore, SessionTouch } from './types.ts';

const sessionSchema = z.object({
  cookie: z.string().min(1),
  userId: z.number().int().nonnegative(),
  nickname: z.string(),
  vipType: z.number().int().nonnegative(),
  createdAt: z.number().int().nonnegative(),
  checkedAt: z.number().int().nonnegative(),
});

const WHY: Record<'other-key' | 'tampered' | 'malformed' | 'invalid', string> = {
  'other-key': 'it was encrypted with another key (SESSION_SECRET or session.key changed)',
  tampered: 'it failed authentication (altered, or stored under another user)',
  malformed: 'it is not an encrypted session record',
  invalid: 'its decrypted contents have an unexpected shape',
};

/** Checks a record before it is sealed; the error names the rule, never the values (the cookie). */
function validated(session: NeteaseSession): NeteaseSession {
  const parsed = sessionSchema.safeParse(session);
  if (!parsed.success) {
    throw new TypeError(
      'a session needs a non-empty cookie, whole userId/vipType, a nickname and epoch-ms times',
    );
  }
  return parsed.data;
}

export interface SessionStoreOptions {
  kv: KvStore;
  cipher: SessionCipher;
  logger: Logger;
  now?: () => number;
}

/**
 * NetEase logins per platform user. The whole record (cookie, NetEase id, nickname) is sealed
 * with the user key as context, so the stored bytes reveal nothing and cannot be moved to
 * another user. Nothing here logs a cookie or a decrypted byte.
 */
export function createSessionStore(options: SessionStoreOptions): SessionStore {
  const { kv, cipher, logger } = options;
  const now = options.now ?? Date.now;
  const lock = new KeyedLock();
  // One warning per unreadable record per process: `get` runs on every command a user sends.
  const warned = new Set<string>();

  async function read(userKey: string): Promise<NeteaseSession | undefined> {
    const sealed = await kv.get(userKey);
    if (sealed === undefined) return undefined;
    const opened = cipher.open(sealed, userKey);
    if (!opened.ok) return unreadable(userKey, opened.reason);
    let value: unknown;
    try {
      value = JSON.parse(opened.plaintext);
    } catch {
      // JSON.parse messages quote the input, which here is the cookie: never keep the error.
      return unreadable(userKey, 'invalid');
    }
    const parsed = sessionSchema.safeParse(value);
    return parsed.success ? parsed.data : unreadable(userKey, 'invalid');
  }

  function unreadable(userKey: string, reason: keyof typeof WHY): undefined {
    if (!warned.has(userKey)) {
      warned.add(userKey);
      logger.warn(
        { userKey, reason },
        `ignoring stored NetEase login: ${WHY[reason]}; the user must log in again`,
      );
    }
    return undefined;
  }

  async function write(userKey: string, session: NeteaseSession): Promise<NeteaseSession> {
    const record = validated(session);
    await kv.set(userKey, cipher.seal(JSON.stringify(record), userKey));
    warned.delete(userKey);
    return record;
  }

  return {
    async get(userKey) {
      assertScopeKey(userKey, 'user key');
      return read(userKey);
    },

    async set(userKey, input: SessionInput) {
      assertScopeKey(userKey, 'user key');
      const at = now();
      const session: NeteaseSession = {
        cookie: input.cookie,
        userId: input.userId,
        nickname: input.nickname,
        vipType: input.vipType,
        createdAt: input.createdAt ?? at,
        checkedAt: input.checkedAt ?? at,
      };
      return lock.run(userKey, () => write(userKey, session));
    },

    async delete(userKey) {
      assertScopeKey(userKey, 'user key');
      await lock.run(userKey, () => kv.delete(userKey));
      warned.delete(userKey);
    },

    async touch(userKey, changes: SessionTouch = {}) {
      assertScopeKey(userKey, 'user key');
      return lock.run(userKey, async () => {
        const current = await read(userKey);
        if (!current) return undefined;
        return write(userKey, {
          ...current,
          nickname: changes.nickname ?? current.nickname,
          vipType: changes.vipType ?? current.vipType,
          checkedAt: changes.checkedAt ?? now(),
        });
      });
    },
  };
}
