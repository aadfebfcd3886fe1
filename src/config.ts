import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/** Raised when a setting is missing, malformed or contradicts another; its message is one line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const emptyToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());

const urlString = z
  .string()
  .trim()
  .url('must be a URL such as http://host:port')
  .transform((value) => value.replace(/\/+$/, ''));
const urlWithDefault = (fallback: string) => z.preprocess(emptyToUndefined, urlString.default(fallback));
const optionalUrl = () => z.preprocess(emptyToUndefined, urlString.optional());

const number = (fallback: number, min: number, max: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: 'must be a number' })
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`)
      .default(fallback),
  );

const envSchema = z.object({
  DISCORD_TOKEN: optionalString,
  DISCORD_GUILD_ID: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d{15,21}$/, 'must be a server id (digits)')
      .optional(),
  ),
  DISCORD_API_URL: urlWithDefault('https://discord.com/api'),
  TELEGRAM_TOKEN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d+:[\w-]{20,}$/, 'must look like 123456:ABC... (from @BotFather)')
      .optional(),
  ),
  TELEGRAM_API_ROOT: urlWithDefault('https://api.telegram.org'),
  TELEGRAM_WEBHOOK_URL: optionalUrl(),
  TELEGRAM_WEBHOOK_SECRET: optionalString,
  TELEGRAM_WEBHOOK_PORT: number(8443, 1, 65535),
  NETEASE_BASE_URL: optionalUrl(),
  NETEASE_COOKIE: optionalString,
  NETEASE_REAL_IP: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .refine((value) => isIP(value) !== 0, 'must be an IP address')
      .optional(),
  ),
  NETEASE_PROXY: optionalUrl(),
  NETEASE_WEAPI_KEY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9]{16}$/, 'must be 16 letters or digits')
      .optional(),
  ),
  NETEASE_RATE_LIMIT: number(2, 0.1, 100),
  NETEASE_TIMEOUT_MS: number(10_000, 500, 120_000),
  REDIS_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^rediss?:\/\/.+/, 'must be a redis:// or rediss:// URL')
      .optional(),
  ),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  SESSION_SECRET: z.preprocess(
    emptyToUndefined,
    z.string().min(16, 'must be at least 16 characters (use a long random string)').optional(),
  ),
  FFMPEG_PATH: optionalString,
  IDLE_TIMEOUT_SECONDS: number(300, 0, 86_400),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  LOG_FORMAT: z.preprocess(emptyToUndefined, z.enum(['auto', 'pretty', 'json']).default('auto')),
  DEFAULT_LANGUAGE: z.preprocess(emptyToUndefined, z.enum(['zh', 'en']).default('zh')),
});

export interface Config {
  readonly discord: { readonly token?: string; readonly guildId?: string; readonly apiUrl: string };
  readonly telegram: {
    readonly token?: string;
    readonly apiRoot: string;
    readonly webhook?: { readonly url: string; readonly secret: string; readonly port: number };
  };
  readonly netease: {
    /** Replaces both https://music.163.com and https://interface.music.163.com when set. */
    readonly baseUrl?: string;
    readonly cookie?: string;
    readonly realIp?: string;
    readonly proxy?: string;
    /** A fixed weapi session key instead of a fresh random one per request (for reading one's own traffic). */
    readonly weapiKey?: string;
    readonly requestsPerSecond: number;
    readonly timeoutMs: number;
  };
  readonly redisUrl?: string;
  readonly dataDir: string;
  readonly sessionSecret?: string;
  readonly ffmpegPath?: string;
  readonly idleTimeoutSeconds: number;
  readonly defaultLanguage: 'zh' | 'en';
  readonly log: { readonly level: string; readonly format: 'auto' | 'pretty' | 'json' };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * Reads every setting from the given environment. Throws ConfigError naming the first bad
 * variable, so the operator sees one clear line instead of a stack trace.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`${name} ${issue.message}`);
  }
  const e = parsed.data;

  if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_WEBHOOK_SECRET) {
    throw new ConfigError('TELEGRAM_WEBHOOK_SECRET must be set when TELEGRAM_WEBHOOK_URL is set');
  }
  if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_TOKEN) {
    throw new ConfigError('TELEGRAM_WEBHOOK_URL is set but TELEGRAM_TOKEN is not');
  }
  if (e.DISCORD_GUILD_ID && !e.DISCORD_TOKEN) {
    throw new ConfigError('DISCORD_GUILD_ID is set but DISCORD_TOKEN is not');
  }

  return deepFreeze({
    discord: { token: e.DISCORD_TOKEN, guildId: e.DISCORD_GUILD_ID, apiUrl: e.DISCORD_API_URL },
    telegram: {
      token: e.TELEGRAM_TOKEN,
      apiRoot: e.TELEGRAM_API_ROOT,
      webhook:
        e.TELEGRAM_WEBHOOK_URL && e.TELEGRAM_WEBHOOK_SECRET
          ? { url: e.TELEGRAM_WEBHOOK_URL, secret: e.TELEGRAM_WEBHOOK_SECRET, port: e.TELEGRAM_WEBHOOK_PORT }
          : undefined,
    },
    netease: {
      baseUrl: e.NETEASE_BASE_URL,
      cookie: e.NETEASE_COOKIE,
      realIp: e.NETEASE_REAL_IP,
      proxy: e.NETEASE_PROXY,
      weapiKey: e.NETEASE_WEAPI_KEY,
      requestsPerSecond: e.NETEASE_RATE_LIMIT,
      timeoutMs: e.NETEASE_TIMEOUT_MS,
    },
    redisUrl: e.REDIS_URL,
    dataDir: path.resolve(e.DATA_DIR),
    sessionSecret: e.SESSION_SECRET,
    ffmpegPath: e.FFMPEG_PATH,
    idleTimeoutSeconds: e.IDLE_TIMEOUT_SECONDS,
    defaultLanguage: e.DEFAULT_LANGUAGE,
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
  });
}
