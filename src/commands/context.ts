/**
 * What a command can see and do. Adapters build one per interaction; nothing in here is
 * discord.js or grammY.
 */
import type { Logger } from '../logger.ts';
import type { GuildPlayback } from '../queue/types.ts';
import type { Locale, Translate } from './i18n/index.ts';
import type { Reply } from './reply.ts';

export interface UserRef {
  /** Stable key across the bot, `<platform>:<id>`: sessions and rate limits hang off it. */
  key: string;
  id: string;
  name: string;
  /** The person running the bot (the console): exempt from per-user rate limits. */
  operator?: boolean;
}

export interface ChatRef {
  id: string;
  /** A one-to-one chat with the bot (Telegram private chat, Discord DM, the console). */
  private: boolean;
  /** Set where playback and settings are shared by a server (Discord guild, Telegram group). */
  guildId?: string;
}

/** What the platform can do; commands adapt to it instead of asking which platform this is. */
export interface Capabilities {
  voice: boolean;
  audioFiles: boolean;
  editMessages: boolean;
  buttons: boolean;
  /** Whether the adapter can move a conversation into a private chat by itself (Discord DMs). */
  openPrivateChat: boolean;
}

/** A message the bot sent, which a command may edit later (login status, progress). */
export interface MessageHandle {
  edit(reply: Reply): Promise<void>;
  delete(): Promise<void>;
}

export interface CommandContext<Services = unknown> {
  user: UserRef;
  chat: ChatRef;
  locale: Locale;
  t: Translate;
  capabilities: Capabilities;
  services: Services;
  logger: Logger;
  /** Sends an extra message to where the command's replies go (the DM for private commands). */
  send(reply: Reply): Promise<MessageHandle>;
  /** The caller's guild player; throws a UserError when there is no voice or the caller is not in one. */
  playback(): Promise<GuildPlayback>;
  /** Whether the caller may control what others are listening to (DJ role, Manage Server, or alone). */
  isDj(): Promise<boolean>;
  /** Aborted when the bot shuts down; long-running work (login polling) stops on it. */
  signal: AbortSignal;
  /** Registers work that outlives the reply, so it is awaited at exit and its errors are logged. */
  background(name: string, task: () => Promise<void>): void;
}
