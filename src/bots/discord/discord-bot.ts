/**
 * The Discord adapter, assembled: log in, build the voice side and the now-playing boards, let
 * the caller build the playback engine on top of them (it needs our `openSink`, `leave` and
 * `announce`; we need its players), register the slash commands, then take interactions.
 *
 * Failure isolation: every interaction and announcement is caught where it happens, client
 * errors are logged, and a guild's voice trouble pauses that guild only. Only a failed login
 * (bad token) is fatal: it is thrown from `startDiscordBot`, and main exits with its message.
 */
import type { Client } from 'discord.js';
import type { Dispatcher } from '../../commands/dispatcher.ts';
import { type Locale, translator } from '../../commands/i18n/index.ts';
import type { Services } from '../../commands/services.ts';
import type { Logger } from '../../logger.ts';
import { isQueueError } from '../../queue/errors.ts';
import type { Announce } from '../../queue/events.ts';
import type { SinkRequest } from '../../queue/guild-player.ts';
import type { GuildPlayback } from '../../queue/types.ts';
import type { VoiceSink } from '../../queue/voice-sink.ts';
import { createDiscordClient, loginDiscord } from './client.ts';
import type { AdapterDeps } from './context.ts';
import { createInteractionHandler, type InteractionTiming } from './interactions.ts';
import { NowPlayingBoards, type NowPlayingTiming } from './now-playing.ts';
import { registerCommands } from './register-commands.ts';
import { renderReply } from './render.ts';
import type { RenderFn } from './responder.ts';
import type { VoiceTuning } from './voice/guild-voice.ts';
import { VoiceManager } from './voice/voice-manager.ts';

/** What the engine gets from the adapter. */
export interface PlaybackHooks {
  openSink(guildId: string, request: SinkRequest): Promise<VoiceSink>;
  leave(guildId: string): void;
  announce: Announce;
}

/** What the adapter needs of the engine. */
export interface DiscordPlaybackEngine {
  forGuild(guildId: string): GuildPlayback;
  /** Resumes what was playing before a restart. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface DiscordBotOptions {
  token: string;
  /** DISCORD_API_URL. */
  apiUrl: string;
  /** Register commands to this guild only (instant; for development). */
  guildId?: string;
  dispatcher: Dispatcher<Services>;
  services: Services;
  logger: Logger;
  defaultLocale: Locale;
  createEngine(hooks: PlaybackHooks): Promise<DiscordPlaybackEngine> | DiscordPlaybackEngine;
  voiceTuning?: Partial<VoiceTuning>;
  nowPlayingTiming?: Partial<NowPlayingTiming>;
  interactionTiming?: Partial<InteractionTiming>;
  /** Bound on waiting for background work (login polls) at shutdown. */
  shutdownGraceMs?: number;
}

export interface DiscordBot {
  readonly client: Client<true>;
  /** Stops taking interactions, saves playback positions, leaves voice, logs out. Idempotent. */
  stop(): Promise<void>;
}

export async function startDiscordBot(options: DiscordBotOptions): Promise<DiscordBot> {
  const logger = options.logger.child({ platform: 'discord' });
  const { dispatcher, services } = options;
  const client = createDiscordClient({ apiUrl: options.apiUrl });
  // Without listeners these would be thrown as uncaught 'error' events and end the process.
  client.on('error', (error) => logger.error({ err: error }, 'Discord client error'));
  client.on('warn', (message) => logger.warn(message));
  client.on('shardError', (error, shardId) => logger.warn({ err: error, shardId }, 'Discord gateway error'));

  const shutdown = new AbortController();
  const pending = new Set<Promise<void>>();
  const background = (name: string, task: () => Promise<void>) => {
    const promise = Promise.resolve()
      .then(task)
      .catch((error: unknown) => logger.error({ err: error, task: name }, 'background task failed'))
      .finally(() => pending.delete(promise));
    pending.add(promise);
  };
  const renderer = (locale: Locale): RenderFn => {
    const deps = { t: translator(locale), encodeAction: dispatcher.encodeAction };
    return (reply) => renderReply(reply, deps);
  };

  let engine: DiscordPlaybackEngine | undefined;
  const playback = (guildId: string): GuildPlayback => {
    if (!engine) throw new Error('playback is not running');
    return engine.forGuild(guildId);
  };

  try {
    await loginDiscord(client, options.token);
  } catch (error) {
    await client.destroy().catch(() => undefined);
    throw error;
  }
  const ready = client as Client<true>;
  logger.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, 'logged in to Discord');

  const voice = new VoiceManager({
    client: ready,
    logger,
    tuning: options.voiceTuning,
    onLost: (guildId) => {
      // Kicked or unreachable: keep the queue, hold the track where it was, and say how to go on.
      background('voice-lost', async () => {
        try {
          await playback(guildId).pause();
        } catch (error) {
          if (!isQueueError(error)) throw error;
        }
        boards.touch(guildId);
        await boards.notice(guildId, 'announce.voice_lost');
      });
    },
  });

  const boards = new NowPlayingBoards({
    client: ready,
    services,
    logger,
    playback,
    playerStatus: (guildId) => voice.playerStatus(guildId),
    renderDeps: (locale) => ({ t: translator(locale), encodeAction: dispatcher.encodeAction }),
    timing: options.nowPlayingTiming,
  });
  try {
    engine = await options.createEngine({
      openSink: (guildId, request) => voice.openSink(guildId, request),
      leave: (guildId) => voice.leave(guildId),
      announce: (guildId, event) => boards.announce(guildId, event),
    });
  } catch (error) {
    boards.close();
    await client.destroy().catch(() => undefined);
    throw error;
  }

  const deps: AdapterDeps = {
    client: ready,
    services,
    logger,
    voice,
    playback,
    defaultLocale: options.defaultLocale,
    signal: shutdown.signal,
    background,
    renderer,
  };
  const onInteraction = createInteractionHandler({ ...deps, dispatcher, timing: options.interactionTiming });
  client.on('interactionCreate', (interaction) => {
    void onInteraction(interaction);
  });
  client.on('guildDelete', (guild) => {
    // Removed from the server: stop its music and hang up. The engine keeps the guild's sink
    // until its idle timer calls `leave`, so only the connection goes here.
    voice.disconnect(guild.id);
    background('guild-removed', async () => {
      try {
        await playback(guild.id).stop();
      } catch (error) {
        if (!isQueueError(error)) throw error;
      }
    });
  });

  try {
    await registerCommands(ready, dispatcher.commands, { guildId: options.guildId, logger });
  } catch (error) {
    // Commands registered earlier keep working; a bot that stays up can be fixed without a restart loop.
    logger.error(
      { err: error, guildId: options.guildId },
      'could not register slash commands (was the bot invited with the applications.commands scope?)',
    );
  }

  try {
    await engine.start();
  } catch (error) {
    boards.close();
    voice.closeAll();
    await client.destroy().catch(() => undefined);
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    client: ready,
    stop() {
      stopping ??= (async () => {
        client.removeAllListeners('interactionCreate');
        shutdown.abort();
        // Positions are saved first, while the streams still know them.
        await engine
          ?.close()
          .catch((error: unknown) => logger.warn({ err: error }, 'closing playback failed'));
        boards.close();
        voice.closeAll();
        const grace = new Promise<void>((resolve) =>
          setTimeout(resolve, options.shutdownGraceMs ?? 5_000).unref(),
        );
        await Promise.race([Promise.all(pending), grace]);
        await client
          .destroy()
          .catch((error: unknown) => logger.debug({ err: error }, 'client destroy failed'));
      })();
      return stopping;
    },
  };
}
