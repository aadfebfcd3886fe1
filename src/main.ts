/**
 * Entry point: `npm start` runs the adapters whose tokens are set, or the console when none
 * is; `npm start -- console` always opens the console.
 */
import dotenv from 'dotenv';
import { createApp } from './app.ts';
import { runConsole } from './bots/console/console-adapter.ts';
import { type DiscordBot, startDiscord } from './bots/discord/index.ts';
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
    // A failed promise somewhere in a platform library must not end the bot for every guild.
    process.on('unhandledRejection', (reason) =>
      logger.error({ err: reason }, 'unhandled promise rejection'),
    );
    const running: { stop(): Promise<void> }[] = [];
    try {
      if (config.discord.token) {
        const discord: DiscordBot = await startDiscord({
          config,
          app,
          logger,
          onFatal: (reason) => {
            logger.error(`stopping: ${reason}`);
            shutdown.abort();
          },
        });
        running.push(discord);
      }
      if (config.telegram.token) {
        logger.warn('TELEGRAM_TOKEN is set, but the Telegram adapter is not in this build yet');
      }
      await new Promise<void>((resolve) => {
        if (shutdown.signal.aborted) resolve();
        shutdown.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      logger.info('shutting down');
      return 0;
    } finally {
      await Promise.all(running.map((adapter) => adapter.stop()));
    }
  } finally {
    shutdown.abort();
    await app.close();
  }
}

main().then(
  (status) => {
    process.exitCode = status;
    // Everything was closed; a library handle left open (a socket in a pool) must not keep a
    // stopped bot alive. Unref'd, so a clean exit does not wait for it.
    setTimeout(() => process.exit(), 5_000).unref();
  },
  (error: unknown) => {
    if (error instanceof ConfigError || (error instanceof Error && error.name === 'StoreError')) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
    } else if (error instanceof Error && error.name === 'DiscordLoginError') {
      process.stderr.write(`Discord login failed: ${error.message}\n`);
    } else {
      process.stderr.write(
        `Fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    process.exitCode = 1;
    setTimeout(() => process.exit(), 5_000).unref();
  },
);
