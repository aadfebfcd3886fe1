/**
 * The CommandContext of one Discord interaction: who asked (`discord:<id>`), in which language
 * (the user's client locale), where replies go (the interaction; the user's DM for private
 * commands used in a guild), the guild's player, and whether the caller counts as a DJ.
 */
import {
  type AutocompleteInteraction,
  type Client,
  DiscordAPIError,
  type Guild,
  type Message,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  type RepliableInteraction,
} from 'discord.js';
import type { Capabilities, CommandContext, MessageHandle } from '../../commands/context.ts';
import { UserError } from '../../commands/errors.ts';
import { type Locale, localeFromTag, translator } from '../../commands/i18n/index.ts';
import type { Reply } from '../../commands/reply.ts';
import type { Services } from '../../commands/services.ts';
import { settingsScopeKey } from '../../commands/support/settings-scope.ts';
import type { Logger } from '../../logger.ts';
import type { GuildPlayback } from '../../queue/types.ts';
import type { DiscordMessage } from './render.ts';
import {
  editPayload,
  type InteractionResponder,
  messagePayload,
  type RenderFn,
  renderEdit,
} from './responder.ts';
import { callerPlayback } from './voice/caller-playback.ts';
import { listenersIn, type VoiceManager } from './voice/voice-manager.ts';

export const DISCORD_CAPABILITIES: Capabilities = {
  voice: true,
  audioFiles: false,
  editMessages: true,
  buttons: true,
  openPrivateChat: true,
};

/** What every interaction's context is built from; one per running bot. */
export interface AdapterDeps {
  client: Client<true>;
  services: Services;
  logger: Logger;
  voice: VoiceManager;
  /** The engine's player of a guild. */
  playback(guildId: string): GuildPlayback;
  defaultLocale: Locale;
  /** Aborted at shutdown. */
  signal: AbortSignal;
  background(name: string, task: () => Promise<void>): void;
  /** Renders replies in a language (render.ts with the dispatcher's action codec). */
  renderer(locale: Locale): RenderFn;
}

export function userKey(userId: string): string {
  return `discord:${userId}`;
}

export function localeOf(interaction: { locale: string }, fallback: Locale): Locale {
  return localeFromTag(interaction.locale, fallback);
}

function isDmClosed(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser;
}

function handleOf(message: Message, render: RenderFn): MessageHandle {
  return {
    edit: async (reply) => {
      await message.edit(editPayload(await renderEdit(render, reply)));
    },
    delete: async () => {
      await message.delete();
    },
  };
}

/** Sends messages to a user's DM; a closed DM becomes the sentence that tells them how to open it. */
export async function sendDirect(
  client: Client<true>,
  userId: string,
  messages: readonly DiscordMessage[],
  render: RenderFn,
): Promise<MessageHandle> {
  try {
    const channel = await client.users.createDM(userId);
    let first: MessageHandle | undefined;
    for (const message of messages) {
      const sent = await channel.send(messagePayload(message));
      first ??= handleOf(sent, render);
    }
    if (!first) throw new Error('nothing to send');
    return first;
  } catch (error) {
    if (isDmClosed(error)) throw new UserError('error.dms_closed');
    throw error;
  }
}

/**
 * Who may change what everyone hears: anyone when the guild has no DJ role, else members with the
 * role or Manage Server, or whoever is alone with the bot (nobody else is affected).
 */
/** Interactions a context is built for; autocomplete cannot be answered with messages. */
export type ContextInteraction = RepliableInteraction | AutocompleteInteraction;

export async function callerIsDj(
  interaction: ContextInteraction,
  guild: Guild,
  services: Services,
  scopeKey: string,
): Promise<boolean> {
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  const { djRoleId } = await services.settings.get(scopeKey);
  if (!djRoleId) return true;
  const roles = interaction.member?.roles;
  const hasRole = Array.isArray(roles) ? roles.includes(djRoleId) : roles?.cache.has(djRoleId) === true;
  if (hasRole) return true;
  const botChannel = guild.members.me?.voice.channelId;
  if (!botChannel) return true;
  const listeners = listenersIn(guild, botChannel);
  return listeners.every((id) => id === interaction.user.id);
}

export interface ContextOptions {
  /** The command only answers in private: in a guild its messages go to the caller's DM. */
  privateCommand: boolean;
}

export function buildContext(
  interaction: ContextInteraction,
  responder: InteractionResponder | undefined,
  deps: AdapterDeps,
  options: ContextOptions,
): CommandContext<Services> {
  const locale = localeOf(interaction, deps.defaultLocale);
  const render = deps.renderer(locale);
  const user = interaction.user;
  const member = interaction.member;
  const displayName =
    (member && 'displayName' in member ? member.displayName : undefined) ??
    (member && 'nick' in member ? (member.nick ?? undefined) : undefined) ??
    user.globalName ??
    user.username;
  const guild = interaction.inCachedGuild() ? interaction.guild : null;
  const toDm = options.privateCommand && interaction.inGuild();
  const logger = deps.logger.child({ user: userKey(user.id), guildId: interaction.guildId ?? undefined });

  const ctx: CommandContext<Services> = {
    user: { key: userKey(user.id), id: user.id, name: displayName },
    chat: {
      id: interaction.channelId ?? `dm:${user.id}`,
      private: !interaction.inGuild(),
      ...(interaction.guildId ? { guildId: interaction.guildId } : {}),
    },
    locale,
    t: translator(locale),
    capabilities: DISCORD_CAPABILITIES,
    services: deps.services,
    logger,
    async send(reply: Reply) {
      const messages = await render(reply);
      if (toDm) return sendDirect(deps.client, user.id, messages, render);
      if (!responder) throw new Error('this interaction cannot send messages');
      let first: MessageHandle | undefined;
      for (const message of messages) {
        const handle = await responder.deliver(message);
        first ??= handle;
      }
      if (!first) throw new Error('a reply rendered to no message');
      return first;
    },
    async playback() {
      if (!guild) throw new UserError('error.no_voice_here');
      // The member in the interaction payload does not carry voice; the gateway's voice states do.
      const channelId = guild.voiceStates.cache.get(user.id)?.channelId;
      const channel = channelId ? guild.channels.cache.get(channelId) : undefined;
      if (!channel?.isVoiceBased()) throw new UserError('error.not_in_voice');
      return callerPlayback(deps.playback(guild.id), {
        channelId: channel.id,
        join: () => deps.voice.join(channel),
        connected: () => deps.voice.channelOf(guild.id) !== undefined,
      });
    },
    async isDj() {
      if (!guild) return true;
      return callerIsDj(interaction, guild, deps.services, settingsScopeKey(ctx));
    },
    signal: deps.signal,
    background: deps.background,
  };
  return ctx;
}
