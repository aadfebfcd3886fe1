/**
 * Builds the platform-independent part of the bot from configuration: NetEase client, stores,
 * command dispatcher. Adapters (Discord, Telegram, console) are started on top by main.ts.
 */

import type { Command } from './commands/command.ts';
import { createDispatcher, type Dispatcher } from './commands/dispatcher.ts';
import { explainError } from './commands/explain-error.ts';
import { allCommands } from './commands/index.ts';
import type { Services } from './commands/services.ts';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import { createNeteaseClient } from './netease/client.ts';
import { createStores, type Stores } from './store/index.ts';

export interface App {
  services: Services;
  stores: Stores;
  dispatcher: Dispatcher<Services>;
  /** Failures no one explained (bugs) since start; the console's exit status uses it. */
  internalErrors(): number;
  close(): Promise<void>;
}

export async function createApp(
  config: Config,
  logger: Logger,
  commands: readonly Command<Services>[] = allCommands,
): Promise<App> {
  const netease = createNeteaseClient({
    baseUrl: config.netease.baseUrl,
    cookie: config.netease.cookie,
    realIp: config.netease.realIp,
    proxy: config.netease.proxy,
    weapiKey: config.netease.weapiKey,
    requestsPerSecond: config.netease.requestsPerSecond,
    timeoutMs: config.netease.timeoutMs,
    logger: logger.child({ module: 'netease' }),
  });
  const stores = await createStores({ config, logger });
  const services: Services = {
    netease,
    sessions: stores.sessions,
    settings: stores.settings,
    cache: stores.cache,
    config: { defaultLanguage: config.defaultLanguage },
  };
  let internalErrors = 0;
  const dispatcher = createDispatcher<Services>({
    commands,
    actionStore: stores.cache.namespace('actions'),
    logger: logger.child({ module: 'commands' }),
    hasLogin: async (ctx) => (await ctx.services.sessions.get(ctx.user.key)) !== undefined,
    explain: explainError,
    onInternalError: () => {
      internalErrors++;
    },
  });
  return {
    services,
    stores,
    dispatcher,
    internalErrors: () => internalErrors,
    async close() {
      await stores.close();
      await netease.close();
    },
  };
}
