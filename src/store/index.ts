/** The persistence layer's public surface; other layers import from here. */
export { SessionCipher } from './cipher.ts';
export {
  type CreateStoresOptions,
  createStores,
  DEFAULT_KEY_PREFIX,
  type StoreConfig,
  type Stores,
} from './create-stores.ts';
export { StoreClosedError, StoreError } from './errors.ts';
export {
  createTelegramFileCache,
  FILE_ID_TTL_MS,
  type TelegramFileCache,
  type TelegramFileRef,
} from './file-id-cache.ts';
// Building blocks for unit tests elsewhere: real stores over memory, no files or Redis.
export { MemoryKv } from './memory-kv.ts';
export { connectRedis, redactRedisUrl } from './redis-connection.ts';
export { createSessionStore } from './session-store.ts';
export {
  createSettingsStore,
  type GuildSettings,
  type GuildSettingsPatch,
  guildSettingsSchema,
  InvalidSettingsError,
  SETTING_NAMES,
  type SettingName,
  type SettingsStore,
} from './settings-store.ts';
export { createTtlStore } from './ttl-store.ts';
export type {
  Json,
  KvStore,
  NeteaseSession,
  Parser,
  SessionInput,
  SessionStore,
  SessionTouch,
  StorageBackend,
  TtlStore,
} from './types.ts';
