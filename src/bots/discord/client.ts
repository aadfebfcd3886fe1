/**
 * The discord.js client: only the intents the bot needs (none of them privileged, so the bot
 * works without extra approval in the Developer Portal), the REST base from configuration, and a
 * login that turns Discord's refusals into one sentence an operator can act on.
 */
import { once } from 'node:events';
import { Client, DiscordjsErrorCodes, GatewayIntentBits, Options, Partials } from 'discord.js';

export interface DiscordClientOptions {
  /** REST base, e.g. https://discord.com/api (DISCORD_API_URL): a proxy, or a test fake. */
  apiUrl: string;
}

export function createDiscordClient(options: DiscordClientOptions): Client {
  return new Client({
    intents: [
      // Guild and channel data (where to post, who may do what).
      GatewayIntentBits.Guilds,
      // Who sits in which voice channel: joining the caller, "alone with the bot", moves and kicks.
      GatewayIntentBits.GuildVoiceStates,
      // Private chats: the QR login and account commands are answered there.
      GatewayIntentBits.DirectMessages,
    ],
    // DM channels arrive without the data discord.js caches them from.
    partials: [Partials.Channel],
    rest: { api: options.apiUrl },
    // The bot never reads chat history; the messages it edits are held where they were sent.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      PresenceManager: 0,
      ReactionManager: 0,
      GuildEmojiManager: 0,
      GuildStickerManager: 0,
    }),
    allowedMentions: { parse: [], repliedUser: false },
  });
}

/** Login failed for a reason the operator must fix; the message says what to do. */
export class DiscordLoginError extends Error {
  override name = 'DiscordLoginError';
}

function explainLogin(error: unknown): DiscordLoginError {
  const code = (error as { code?: unknown })?.code;
  if (code === DiscordjsErrorCodes.TokenInvalid || code === 4004) {
    return new DiscordLoginError(
      'Discord rejected DISCORD_TOKEN (invalid token). Copy the bot token from the Discord Developer Portal (Applications → your app → Bot → Reset Token) into DISCORD_TOKEN.',
    );
  }
  if (code === DiscordjsErrorCodes.TokenMissing) {
    return new DiscordLoginError('DISCORD_TOKEN is empty. Set it to the token of your bot.');
  }
  if (code === 4014 || code === DiscordjsErrorCodes.DisallowedIntents) {
    return new DiscordLoginError(
      'Discord refused the gateway intents this bot asked for. Check the bot settings in the Developer Portal.',
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new DiscordLoginError(`Could not connect to Discord: ${message}`);
}

/**
 * Logs in and waits until the gateway says the bot is ready. Throws DiscordLoginError (a bad
 * token fails at once; an unreachable Discord after `timeoutMs`).
 */
export async function loginDiscord(client: Client, token: string, timeoutMs = 60_000): Promise<void> {
  const ready = once(client, 'clientReady', { signal: AbortSignal.timeout(timeoutMs) });
  // once() rejects on 'error' events too; a failed login is reported by login() itself.
  ready.catch(() => undefined);
  try {
    await client.login(token);
  } catch (error) {
    throw explainLogin(error);
  }
  try {
    if (!client.isReady()) await ready;
  } catch {
    throw new DiscordLoginError(
      `Discord did not report the bot ready within ${Math.round(timeoutMs / 1000)} s.`,
    );
  }
}
