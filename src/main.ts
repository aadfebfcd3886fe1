/**
 * Entry point: `npm start` runs the adapters whose tokens are set, or the console when none
 * is; `npm start -- console` always opens the console.
 */
import dotenv from 'dotenv';
import { createApp } from './app.ts';
import { runConsole } from './bots/console/console-adapter.ts';
import { localeFromTag } from './commands/i18n/index.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';

type Mode = 'console' | 'platforms';

function chooseMode(argument: string | undefined, hasPlatformToken: boolean): Mode {
  if (argument === 'console') return 'console';
  if (argument && argument !== 'start') {
    throw new ConfigError(`unknown mode "${argument}": use \`npm start\` or \`npm start -- console\``);
  }
  return hasPlatformToken ? 'platforms' : 'console';
}

async function main(): Promise<number> {
  dotenv.config({ quiet: true });
  const config = loadConfig(process.env);
  const mode = chooseMode(process.argv[2], Boolean(config.discord.token || config.telegram.token));
  const pretty =
    config.log.format === 'pretty' || (config.log.format === 'auto' && process.stderr.isTTY === true);
  // The console prints replies on stdout; keep its logs quiet unless asked for.
  const level = mode === 'console' && !process.env.LOG_LEVEL ? 'warn' : config.log.level;
  const logger = createLogger({ level, pretty });

  const app = await createApp(config, logger);
  const shutdown = new AbortController();
  const stop = () => shutdown.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  try {
    if (mode === 'console') {
      const status = await runConsole({
        dispatcher: app.dispatcher,
        services: app.services,
        input: process.stdin,
        output: process.stdout,
        interactive: process.stdin.isTTY === true,
        locale: localeFromTag(process.env.LANG, config.defaultLanguage),
        logger,
        signal: shutdown.signal,
      });
      return status !== 0 || app.internalErrors() > 0 ? 1 : 0;
    }
    logger.error(
      'Discord and Telegram adapters are not available in this build yet; use `npm start -- console`.',
    );
    return 1;
  } finally {
    shutdown.abort();
    await app.close();
  }
}

main().then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    if (error instanceof ConfigError || (error instanceof Error && error.name === 'StoreError')) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
    } else {
      process.stderr.write(
        `Fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    process.exitCode = 1;
  },
);
