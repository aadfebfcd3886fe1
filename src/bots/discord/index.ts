/** Starting the Discord adapter from configuration: what main.ts calls when DISCORD_TOKEN is set. */
import type { App } from '../../app.ts';
import type { Config } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import { type DiscordBot, startDiscordBot } from './discord-bot.ts';
import { createDiscordPlaybackEngine } from './playback-engine.ts';

export { DiscordLoginError } from './client.ts';
export type { DiscordBot } from './discord-bot.ts';

export interface StartDiscordOptions {
  config: Config;
  app: Pick<App, 'dispatcher' | 'services' | 'stores'>;
  logger: Logger;
  /** Called when this process must stop (another process took over its playback). */
  onFatal?: (reason: string) => void;
}

export function startDiscord(options: StartDiscordOptions): Promise<DiscordBot> {
  const { config, app, logger } = options;
  const token = config.discord.token;
  if (!token) throw new Error('DISCORD_TOKEN is not set');
  return startDiscordBot({
    token,
    apiUrl: config.discord.apiUrl,
    guildId: config.discord.guildId,
    dispatcher: app.dispatcher,
    services: app.services,
    logger,
    defaultLocale: config.defaultLanguage,
    createEngine: (hooks) =>
      createDiscordPlaybackEngine({
        config,
        stores: app.stores,
        services: app.services,
        logger,
        hooks,
        onLeaseLost: () => options.onFatal?.('another bot process took over this shard’s playback'),
      }),
  });
}
