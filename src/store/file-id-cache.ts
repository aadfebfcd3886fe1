import { z } from 'zod';
import type { TtlStore } from './types.ts';

/** What Telegram returns for an uploaded audio; resending by file_id skips the upload. */
export interface TelegramFileRef {
  fileId: string;
  fileUniqueId: string;
  /** Bytes, to tell a re-encoded file from the one cached. */
  size: number;
}

const refSchema = z.object({
  fileId: z.string().min(1),
  fileUniqueId: z.string().min(1),
  size: z.number().int().nonnegative(),
});

/** Telegram keeps file ids valid for a long time; a month bounds the damage of a revoked one. */
export const FILE_ID_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export interface TelegramFileCache {
  get(songId: number, quality: string): Promise<TelegramFileRef | undefined>;
  set(songId: number, quality: string, ref: TelegramFileRef): Promise<void>;
  /** Drop an id Telegram rejected, so the next request uploads again. */
  delete(songId: number, quality: string): Promise<void>;
}

/** The Telegram `(songId, quality) → file_id` cache, over the shared TTL store. */
export function createTelegramFileCache(cache: TtlStore, ttlMs = FILE_ID_TTL_MS): TelegramFileCache {
  const store = cache.namespace('tg-file');
  const key = (songId: number, quality: string) => `${songId}:${quality}`;
  return {
    get: (songId, quality) => store.get(key(songId, quality), refSchema),
    set: (songId, quality, ref) => store.set(key(songId, quality), refSchema.parse(ref), ttlMs),
    delete: (songId, quality) => store.delete(key(songId, quality)),
  };
}
