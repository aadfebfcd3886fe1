/**
 * Where guild queues live: Redis (redis-queue-store.ts) or memory mirrored to DATA_DIR
 * (file-queue-store.ts). Both store the whole GuildQueueState as JSON under a version number and
 * write only if nobody wrote since it was read (compare-and-set), so a stale writer (a process
 * that lost its shard, a second bot sharing the Redis by mistake) cannot silently undo a change.
 */
import { z } from 'zod';
import type { Logger } from '../logger.ts';
import type { GuildQueueState } from './queue-state.ts';

export interface QueueStore {
  readonly kind: 'redis' | 'embedded';
  /** The stored queue; undefined when there is none (or it was unreadable and has been set aside). */
  get(guildId: string): Promise<GuildQueueState | undefined>;
  /**
   * Stores `state` if the stored version is `expectedVersion` (0: nothing stored yet). False on a
   * conflict: the caller reloads and applies its transition again.
   */
  put(state: GuildQueueState, expectedVersion: number): Promise<boolean>;
  delete(guildId: string): Promise<void>;
  /** Guilds with a stored queue (start-up recovery of the embedded backend). */
  guildIds(): Promise<string[]>;
  /** Resolves once every accepted write is durable. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** Guild ids end up in Redis keys and file names: keep them to a safe, bounded alphabet. */
const GUILD_ID = /^[A-Za-z0-9_.:-]{1,100}$/;

export function assertGuildId(guildId: string): void {
  if (typeof guildId !== 'string' || !GUILD_ID.test(guildId)) {
    throw new TypeError(
      `guild id must match ${GUILD_ID}, got ${JSON.stringify(String(guildId)).slice(0, 60)}`,
    );
  }
}

/**
 * Song metadata is checked loosely (the fields playback relies on) and otherwise kept as stored:
 * an older or newer Song shape must not make a whole queue unreadable.
 */
const song = z.looseObject({
  id: z.number(),
  name: z.string(),
  durationMs: z.number(),
  artists: z.array(z.looseObject({ id: z.number(), name: z.string() })),
  album: z.looseObject({ id: z.number(), name: z.string() }),
});

const track = z.object({
  entryId: z.string(),
  song,
  requester: z.object({ userKey: z.string(), displayName: z.string() }),
  addedAt: z.number(),
});

const stateSchema = z.object({
  guildId: z.string(),
  version: z.number().int().nonnegative(),
  updatedAt: z.number(),
  current: z.object({ track, positionMs: z.number().nonnegative() }).optional(),
  upcoming: z.array(track),
  history: z.array(track),
  loop: z.enum(['off', 'track', 'queue']),
  volume: z.number().min(0).max(200),
  paused: z.boolean(),
  fair: z.boolean(),
  textChannelId: z.string().optional(),
  voiceChannelId: z.string().optional(),
  runId: z.string().optional(),
});

export function serializeState(state: GuildQueueState): string {
  return JSON.stringify(state);
}

/** The stored state, or undefined (logged) when it is not JSON or not a queue: one bad record must not stop the bot. */
export function parseState(text: string, guildId: string, logger: Logger): GuildQueueState | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    logger.warn({ guildId }, 'stored queue is not JSON; starting an empty queue');
    return undefined;
  }
  const parsed = stateSchema.safeParse(raw);
  if (!parsed.success) {
    logger.warn(
      { guildId, issue: parsed.error.issues[0]?.message, path: parsed.error.issues[0]?.path.join('.') },
      'stored queue does not fit the current format; starting an empty queue',
    );
    return undefined;
  }
  // Song fields beyond the checked ones are kept as stored (looseObject), see `song` above.
  return parsed.data as unknown as GuildQueueState;
}
