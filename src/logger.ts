import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Paths pino blanks out wherever they appear in a log record. NetEase cookies are credentials,
 * and the platform tokens are as good as a password, so they never reach a log line.
 */
const REDACTED_PATHS = [
  'cookie',
  'cookies',
  'token',
  'MUSIC_U',
  'MUSIC_A',
  'password',
  '*.cookie',
  '*.cookies',
  '*.token',
  '*.MUSIC_U',
  '*.MUSIC_A',
  '*.password',
  '*.headers.cookie',
  '*.headers.Cookie',
  '*.headers["set-cookie"]',
  '*.headers.authorization',
  '*.headers.Authorization',
];

/** Masks secrets that appear inside free text (error messages, URLs) rather than as named fields. */
export function scrubSecrets(text: string): string {
  return text
    .replace(/(MUSIC_[A-Z_]*=)[^;\s&"']+/g, '$1[redacted]')
    .replace(/(__csrf=)[^;\s&"']+/g, '$1[redacted]')
    .replace(/\bbot\d+:[A-Za-z0-9_-]{20,}/g, 'bot[redacted]')
    .replace(/\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}/g, '[redacted-token]');
}

export interface LoggerOptions {
  level: string;
  /** Human-readable output for a terminal; JSON lines otherwise (for log collectors). */
  pretty: boolean;
  /** Where the lines go; stderr by default so stdout stays free for the console adapter. */
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const base: pino.LoggerOptions = {
    level: options.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    formatters: {
      log(object) {
        const err = object.err as { message?: unknown; stack?: unknown } | undefined;
        if (err && typeof err === 'object') {
          if (typeof err.message === 'string') err.message = scrubSecrets(err.message);
          if (typeof err.stack === 'string') err.stack = scrubSecrets(err.stack);
        }
        return object;
      },
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubSecrets(arg) : arg));
        method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  };
  if (options.pretty) {
    const transport = pino.transport({
      target: 'pino-pretty',
      options: { colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname', destination: 2 },
    });
    return pino(base, transport);
  }
  return pino(base, (options.destination ?? process.stderr) as pino.DestinationStream);
}

/** A logger that writes nothing, for tests and benchmarks that do not inspect logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
