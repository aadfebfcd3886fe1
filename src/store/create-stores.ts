import type { Redis } from 'ioredis';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { SessionCipher } from './cipher.ts';
import { openEmbeddedBackend } from './embedded-backend.ts';
import type { MemoryKvOptions } from './memory-kv.ts';
import { createRedisBackend } from './redis-backend.ts';
import { connectRedis, waitForRedis } from './redis-connection.ts';
import { resolveSessionKey } from './secret-key.ts';
import { createSessionStore } from './session-store.ts';
import { createSettingsStore, type SettingsStore } from './settings-store.ts';
import { createTtlStore } from './ttl-store.ts';
import type { BackendKind, SessionStore, StorageBackend, TtlStore } from './types.ts';

/** The namespaces under the key prefix (Redis) or the files in DATA_DIR (embedded). */
export const NAMESPACES = { sessions: 'sessions', settings: 'settings', cache: 'cache' } as const;

export type StoreConfig = Pick<
  Config,
  'redisUrl' | 'dataDir' | 'sessionSecret' | 'defaultLanguage' | 'idleTimeoutSeconds'
>;

export interface CreateStoresOptions {
  config: StoreConfig;
  logger: Logger;
  /** Prefix of every Redis key; lets several bots (or tests) share one Redis. */
  keyPrefix?: string;
  /** An existing connection to use instead of opening one (it is then not closed by `close`). */
  redis?: Redis;
  /** Start-up wait for Redis before giving up with a clear error. */
  redisTimeoutMs?: number;
  /** Embedded only: batch window of file writes. */
  debounceMs?: number;
  /** Embedded only: bounds of the in-memory cache. */
  memory?: MemoryKvOptions;
}

export interface Stores {
  readonly kind: BackendKind;
  readonly sessions: SessionStore;
  readonly settings: SettingsStore;
  /** Shared TTL cache; features take their own `cache.namespace('...')`. */
  readonly cache: TtlStore;
  /** The process' Redis connection when REDIS_URL is set, for other parts to share. */
  readonly redis?: Redis;
  /** Forces pending file writes out (embedded); resolves at once on Redis. */
  flush(): Promise<void>;
  /** Flushes and releases files and the connection. Idempotent. */
  close(): Promise<void>;
}

export const DEFAULT_KEY_PREFIX = 'nmb:';

/**
 * Builds the stores from configuration: Redis when REDIS_URL is set (or a connection is given),
 * the embedded store otherwise. Throws StoreError with one actionable line when Redis does not
 * answer or DATA_DIR/session.key cannot be used.
 */
export async function createStores(options: CreateStoresOptions): Promise<Stores> {
  const { config } = options;
  const logger = options.logger.child({ module: 'store' });
  const useRedis = Boolean(options.redis ?? config.redisUrl);

  // Resolve the key first: a bad key file should stop start-up before any connection is made.
  const masterKey = await resolveSessionKey({
    secret: config.sessionSecret,
    dataDir: config.dataDir,
    logger,
    shared: useRedis,
  });

  let backend: StorageBackend;
  let redis: Redis | undefined;
  if (useRedis) {
    const keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
    const timeoutMs = options.redisTimeoutMs ?? 5_000;
    if (options.redis) {
      redis = options.redis;
      await waitForRedis(redis, 'the given Redis connection', timeoutMs);
    } else {
      redis = await connectRedis(config.redisUrl!, logger, { timeoutMs });
    }
    backend = createRedisBackend({ redis, keyPrefix, ownsConnection: !options.redis });
    logger.info({ keyPrefix }, 'store: Redis');
  } else {
    backend = await openEmbeddedBackend({
      dataDir: config.dataDir,
      logger,
      durableNamespaces: [NAMESPACES.sessions, NAMESPACES.settings],
      debounceMs: options.debounceMs,
      memory: options.memory,
    });
    logger.info({ dataDir: config.dataDir }, 'store: embedded (no REDIS_URL)');
  }

  return {
    kind: backend.kind,
    redis,
    sessions: createSessionStore({
      kv: backend.durable(NAMESPACES.sessions),
      cipher: new SessionCipher(masterKey),
      logger,
    }),
    settings: createSettingsStore({
      kv: backend.durable(NAMESPACES.settings),
      logger,
      defaults: { language: config.defaultLanguage, idleTimeoutSeconds: config.idleTimeoutSeconds },
    }),
    cache: createTtlStore(backend.volatile(NAMESPACES.cache), logger),
    flush: () => backend.flush(),
    close: () => backend.close(),
  };
}
