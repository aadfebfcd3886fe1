/**
 * Voice connections of all guilds: joining a caller's channel (with a sentence for each reason it
 * cannot be done), and the two calls the playback engine makes: `openSink` (where does this
 * guild's audio go) and `leave` (the guild went idle).
 *
 * A guild's GuildVoice, and with it its AudioPlayerSink, lives from the first join until the
 * engine calls `leave`: the engine keeps the sink it was given, so a connection that drops and
 * comes back must feed the very same player.
 */
import type { AudioPlayerStatus } from '@discordjs/voice';
import type { Client, Guild, VoiceBasedChannel } from 'discord.js';
import { PermissionFlagsBits } from 'discord.js';
import { UserError } from '../../../commands/errors.ts';
import type { Logger } from '../../../logger.ts';
import type { SinkRequest } from '../../../queue/guild-player.ts';
import type { VoiceSink } from '../../../queue/voice-sink.ts';
import {
  DEFAULT_VOICE_TUNING,
  GuildVoice,
  VoiceJoinTimeoutError,
  type VoiceLossReason,
  type VoiceTuning,
} from './guild-voice.ts';

export interface VoiceManagerOptions {
  client: Client;
  logger: Logger;
  tuning?: Partial<VoiceTuning>;
  /** The connection of a guild ended without us asking (kicked, channel deleted, unreachable). */
  onLost?: (guildId: string, reason: VoiceLossReason) => void;
}

/** Humans (not bots) in a voice channel, from the gateway's voice states. */
export function listenersIn(guild: Guild, channelId: string): string[] {
  return guild.voiceStates.cache
    .filter(
      (state) =>
        state.channelId === channelId && state.member?.user.bot !== true && state.id !== guild.client.user.id,
    )
    .map((state) => state.id);
}

export class VoiceManager {
  private readonly guilds = new Map<string, GuildVoice>();
  private readonly tuning: VoiceTuning;

  constructor(private readonly options: VoiceManagerOptions) {
    this.tuning = { ...DEFAULT_VOICE_TUNING, ...options.tuning };
  }

  /** The guild's audio player status (playing, paused...), when it has a player. */
  playerStatus(guildId: string): AudioPlayerStatus | undefined {
    return this.guilds.get(guildId)?.sink.player.state.status;
  }

  /** The channel the bot is connected to in a guild, if any. */
  channelOf(guildId: string): string | undefined {
    return this.guilds.get(guildId)?.channel;
  }

  /**
   * Whether the bot could join `channel`: a UserError naming the channel when it lacks Connect
   * or Speak, or the channel is full. Cheap, so commands can fail before any NetEase call.
   */
  checkJoinable(channel: VoiceBasedChannel): void {
    const me = channel.guild.members.me;
    const permissions = me ? channel.permissionsFor(me) : null;
    const name = channel.name;
    if (
      !permissions?.has([
        PermissionFlagsBits.ViewChannel,
        PermissionFlagsBits.Connect,
        PermissionFlagsBits.Speak,
      ])
    ) {
      throw new UserError('error.voice_no_permission', { channel: name });
    }
    const alreadyThere = me?.voice.channelId === channel.id;
    if (
      !alreadyThere &&
      channel.userLimit > 0 &&
      channel.members.size >= channel.userLimit &&
      !permissions.has(PermissionFlagsBits.MoveMembers)
    ) {
      throw new UserError('error.voice_channel_full', { channel: name });
    }
  }

  /**
   * Connects the bot to `channel` and waits until audio can flow. Moves it there from another
   * channel of the guild, unless people are listening there.
   */
  async join(channel: VoiceBasedChannel): Promise<void> {
    const guild = channel.guild;
    const voice = this.guildVoice(guild.id);
    const current = voice.channel;
    if (current && current !== channel.id && voice.ready && listenersIn(guild, current).length > 0) {
      const there = guild.channels.cache.get(current);
      throw new UserError('error.voice_busy', { channel: there?.name ?? current });
    }
    this.checkJoinable(channel);
    try {
      await voice.connect(channel.id);
    } catch (error) {
      if (error instanceof VoiceJoinTimeoutError) {
        this.options.logger.warn(
          { guildId: guild.id, channelId: channel.id, err: error },
          'could not join voice',
        );
        throw new UserError('error.voice_join_failed', { channel: channel.name });
      }
      throw error;
    }
  }

  /** The engine's `openSink`: the guild's sink, connecting first when needed (e.g. after a restart). */
  async openSink(guildId: string, request: SinkRequest): Promise<VoiceSink> {
    const voice = this.guildVoice(guildId);
    if (voice.channel) {
      if (!voice.ready) await voice.connect(voice.channel);
      return voice.sink;
    }
    const channelId = request.voiceChannelId;
    const guild = this.options.client.guilds.cache.get(guildId);
    const channel = channelId ? guild?.channels.cache.get(channelId) : undefined;
    if (!channel?.isVoiceBased()) {
      throw new Error(`not connected to voice in guild ${guildId}, and no voice channel to rejoin`);
    }
    this.checkJoinable(channel);
    await voice.connect(channel.id);
    return voice.sink;
  }

  /** Hangs up the guild's connection but keeps its player (the engine still holds it). */
  disconnect(guildId: string): void {
    this.guilds.get(guildId)?.disconnect();
  }

  /** The engine's `leave`: the guild is idle; disconnect and forget its player. */
  leave(guildId: string): void {
    const voice = this.guilds.get(guildId);
    this.guilds.delete(guildId);
    voice?.close();
  }

  closeAll(): void {
    for (const guildId of [...this.guilds.keys()]) this.leave(guildId);
  }

  private guildVoice(guildId: string): GuildVoice {
    let voice = this.guilds.get(guildId);
    if (!voice) {
      const client = this.options.client;
      voice = new GuildVoice({
        guildId,
        group: client.user?.id ?? 'default',
        adapterCreator: () => {
          const guild = client.guilds.cache.get(guildId);
          if (!guild) throw new Error(`guild ${guildId} is not available`);
          return guild.voiceAdapterCreator;
        },
        currentChannel: () => client.guilds.cache.get(guildId)?.members.me?.voice.channelId ?? null,
        tuning: this.tuning,
        logger: this.options.logger,
        onLost: (reason) => this.options.onLost?.(guildId, reason),
      });
      this.guilds.set(guildId, voice);
    }
    return voice;
  }
}
