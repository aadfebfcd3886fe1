import { z } from 'zod';
import type { Logger } from '../logger.ts';
import { KeyedLock } from './keyed-lock.ts';
import { assertScopeKey } from './keys.ts';
import type { KvStore } from './types.ts';

/** Platform ids (Discord snowflakes, Telegram chat ids) as strings; null means "none". */
const platformId = z
  .string()
  .regex(/^-?\d{1,24}$/, 'must be a platform id (digits)')
  .nullable();

/** One schema per field, so a stored record with one bad field keeps its other fields. */
const fields = {
  language: z.enum(['zh', 'en']).default('zh'),
  /** Members with this role may skip, stop and reorder for everyone; null lets anyone. */
  djRoleId: platformId.default(null),
  /** Percent, as in the queue's setVolume: 0–200. */
  defaultVolume: z.number().int().min(0).max(200).default(100),
  /** Seconds alone or idle in a voice channel before leaving; 0 leaves as soon as the queue ends. */
  idleTimeoutSeconds: z.number().int().min(0).max(86_400).default(300),
  /** Where "now playing" is announced; null answers where the command was typed. */
  announceChannelId: platformId.default(null),
  /** Stay in the voice channel when idle (24/7 radio); overrides idleTimeoutSeconds. */
  stay247: z.boolean().default(false),
  /** Play NetEase's ~30 s previews of VIP-only songs instead of skipping them. */
  allowTrialClips: z.boolean().default(true),
  /** Interleave requesters round-robin instead of first come, first served. */
  fairQueue: z.boolean().default(false),
};

/** Settings of one guild (Discord) or chat (Telegram). `parse({})` gives the built-in defaults. */
export const guildSettingsSchema = z.object(fields);
export type GuildSettings = z.output<typeof guildSettingsSchema>;
export type SettingName = keyof GuildSettings;
export const SETTING_NAMES = Object.keys(fields) as SettingName[];

/** What `update` accepts: any subset of the fields, nothing else (a typo is an error, not ignored). */
const patchSchema = z.strictObject(
  Object.fromEntries(SETTING_NAMES.map((name) => [name, fields[name].unwrap().optional()])),
);
export type GuildSettingsPatch = Partial<GuildSettings>;

/** A patch that does not fit the schema; `field` and `issue` are safe to show the user. */
export class InvalidSettingsError extends Error {
  override name = 'InvalidSettingsError';
  constructor(
    readonly field: string,
    readonly issue: string,
  ) {
    super(`invalid setting ${field}: ${issue}`);
  }
}

export interface SettingsStore {
  /** The operator's defaults merged with what this guild/chat changed. */
  get(scopeKey: string): Promise<GuildSettings>;
  /** Validates and stores the given fields; returns the merged result. */
  update(scopeKey: string, patch: GuildSettingsPatch): Promise<GuildSettings>;
  /** Forgets the guild's own values (all, or the named fields), so the defaults apply again. */
  reset(scopeKey: string, names?: SettingName[]): Promise<GuildSettings>;
}

export interface SettingsStoreOptions {
  kv: KvStore;
  logger: Logger;
  /** Operator defaults (DEFAULT_LANGUAGE, IDLE_TIMEOUT_SECONDS); validated like a patch. */
  defaults?: GuildSettingsPatch;
}

/**
 * Only the fields a guild changed are stored, never the merged result, so when the operator
 * changes a default it reaches every guild that did not choose otherwise.
 */
export function createSettingsStore(options: SettingsStoreOptions): SettingsStore {
  const { kv, logger } = options;
  const defaults = guildSettingsSchema.parse(checkPatch(options.defaults ?? {}));
  const lock = new KeyedLock();

  async function readOverrides(scopeKey: string): Promise<GuildSettingsPatch> {
    const text = await kv.get(scopeKey);
    if (text === undefined) return {};
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      logger.warn({ scopeKey }, 'stored settings are not JSON; using defaults');
      return {};
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
    const kept: Record<string, unknown> = {};
    const dropped: string[] = [];
    for (const [name, value] of Object.entries(raw)) {
      const schema = fields[name as SettingName];
      const parsed = schema?.unwrap().safeParse(value);
      if (parsed?.success) kept[name] = parsed.data;
      else dropped.push(name);
    }
    // Fields renamed or narrowed by a newer version fall back to their defaults, one by one.
    if (dropped.length > 0) logger.warn({ scopeKey, dropped }, 'ignoring stored settings that no longer fit');
    return kept as GuildSettingsPatch;
  }

  async function writeOverrides(scopeKey: string, overrides: GuildSettingsPatch): Promise<void> {
    if (Object.keys(overrides).length === 0) await kv.delete(scopeKey);
    else await kv.set(scopeKey, JSON.stringify(overrides));
  }

  return {
    async get(scopeKey) {
      assertScopeKey(scopeKey, 'settings scope');
      return { ...defaults, ...(await readOverrides(scopeKey)) };
    },

    async update(scopeKey, patch) {
      assertScopeKey(scopeKey, 'settings scope');
      const checked = checkPatch(patch);
      return lock.run(scopeKey, async () => {
        const overrides = { ...(await readOverrides(scopeKey)), ...checked };
        await writeOverrides(scopeKey, overrides);
        return { ...defaults, ...overrides };
      });
    },

    async reset(scopeKey, names) {
      assertScopeKey(scopeKey, 'settings scope');
      return lock.run(scopeKey, async () => {
        const overrides: Record<string, unknown> = names ? await readOverrides(scopeKey) : {};
        for (const name of names ?? []) delete overrides[name];
        await writeOverrides(scopeKey, overrides as GuildSettingsPatch);
        return { ...defaults, ...(overrides as GuildSettingsPatch) };
      });
    },
  };
}

/** Validates a patch and drops keys given as undefined (they mean "leave as is"). */
function checkPatch(patch: unknown): GuildSettingsPatch {
  const parsed = patchSchema.safeParse(patch);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field =
      issue.code === 'unrecognized_keys'
        ? (issue.keys[0] ?? 'settings')
        : String(issue.path[0] ?? 'settings');
    const text = issue.code === 'unrecognized_keys' ? 'is not a setting' : issue.message;
    throw new InvalidSettingsError(field, text);
  }
  return Object.fromEntries(
    Object.entries(parsed.data).filter(([, value]) => value !== undefined),
  ) as GuildSettingsPatch;
}
