/**
 * The contracts of the persistence layer. Typed stores (sessions, settings, caches) are built
 * once over the tiny `KvStore` below, and each backend (Redis, embedded) only implements that,
 * so one contract test suite covers every backend.
 */

/** One namespace of string keys to string values. Implementations never log values. */
export interface KvStore {
  get(key: string): Promise<string | undefined>;
  /** `ttlMs` makes the entry expire; without it the entry lives until deleted. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
}

export type BackendKind = 'redis' | 'embedded';

export interface StorageBackend {
  readonly kind: BackendKind;
  /** A namespace that survives a restart: Redis, or a file in DATA_DIR. */
  durable(namespace: string): KvStore;
  /** A namespace that may be lost on restart: Redis, or a bounded in-memory cache. */
  volatile(namespace: string): KvStore;
  /** Resolves once every accepted write has reached durable storage. */
  flush(): Promise<void>;
  /** Flushes, then releases files and connections. Idempotent. */
  close(): Promise<void>;
}

/** What a NetEase login leaves us with; the whole record is encrypted at rest. */
export interface NeteaseSession {
  /** The `Cookie` header value (MUSIC_U and friends): a credential, never logged or echoed. */
  cookie: string;
  userId: number;
  nickname: string;
  /** 0 none, 10 豪华VIP, 11 黑胶VIP (as reported by NetEase). */
  vipType: number;
  /** Epoch milliseconds of the login. */
  createdAt: number;
  /** Epoch milliseconds of the last time the login was confirmed to still work. */
  checkedAt: number;
}

export type SessionInput = Omit<NeteaseSession, 'createdAt' | 'checkedAt'> &
  Partial<Pick<NeteaseSession, 'createdAt' | 'checkedAt'>>;

/** What a later re-check of a login may change. */
export type SessionTouch = Partial<Pick<NeteaseSession, 'nickname' | 'vipType' | 'checkedAt'>>;

/** Logins per platform user; `userKey` looks like `discord:<id>`, `telegram:<id>`, `console:local`. */
export interface SessionStore {
  /** Undefined when there is no login or it cannot be decrypted (a warning is logged, never the cookie). */
  get(userKey: string): Promise<NeteaseSession | undefined>;
  set(userKey: string, session: SessionInput): Promise<NeteaseSession>;
  delete(userKey: string): Promise<void>;
  /** Records a successful re-check (and any new nickname/VIP level); undefined if there is no readable login. */
  touch(userKey: string, changes?: SessionTouch): Promise<NeteaseSession | undefined>;
}

/** Any value JSON can carry unchanged through a store. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Optional runtime check of what comes back out of a cache (e.g. a zod schema). */
export interface Parser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

/** Small JSON values with a time to live: button state, Telegram file ids, short-lived lookups. */
export interface TtlStore {
  /** The value, or undefined when missing, expired, or rejected by `parser`. */
  get<T = unknown>(key: string, parser?: Parser<T>): Promise<T | undefined>;
  set(key: string, value: Json | object, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** A view whose keys live under `name:`, so separate features cannot collide. */
  namespace(name: string): TtlStore;
}
