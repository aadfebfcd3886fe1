// Voice state changes on the main gateway: the bot's join/leave requests (op 4) answered with
// VOICE_STATE_UPDATE then VOICE_SERVER_UPDATE (that order: @discordjs/voice only starts
// networking once it has both, and the server packet triggers it), and server-side changes a
// test causes: users joining or leaving, the bot being moved or kicked, channels deleted.
import type { FakeContext } from './context.ts';
import { Intent } from './context.ts';
import { channelPayload, voiceStatePayload } from './payloads.ts';
import type { Json } from './types.ts';
import type { VoiceGatewayServer } from './voice-gateway.ts';
import type { VoiceRegistry } from './voice-registry.ts';
import { ChannelType } from './world.ts';

/** Close code Discord's voice server uses when the bot was disconnected (kicked, channel gone). */
const VOICE_DISCONNECTED = 4014;

export class VoiceSignalling {
  constructor(
    private readonly ctx: FakeContext,
    private readonly registry: VoiceRegistry,
    private readonly voiceGateway: VoiceGatewayServer,
  ) {}

  /** Gateway op 4 from the bot. */
  onBotRequest(gatewaySessionId: string, d: Json): void {
    const { world } = this.ctx;
    const guildId = String(d.guild_id);
    if (!world.guilds.has(guildId)) {
      this.ctx.log(`op 4 for unknown guild ${guildId} ignored`);
      return;
    }
    if (d.channel_id === null || d.channel_id === undefined) {
      this.setState(guildId, world.bot.id, null);
      this.registry.end(guildId);
      return;
    }
    const channel = world.channels.get(String(d.channel_id));
    if (!channel || channel.guildId !== guildId || channel.type !== ChannelType.GuildVoice) {
      this.ctx.log(`op 4 for ${d.channel_id}, not a voice channel of ${guildId}: ignored`);
      return;
    }
    this.setState(guildId, world.bot.id, channel.id, {
      sessionId: gatewaySessionId,
      selfDeaf: Boolean(d.self_deaf),
      selfMute: Boolean(d.self_mute),
    });
    // Every join, even into the current channel, gets fresh credentials: the lenient choice, so a
    // rejoin after a voice socket failure always proceeds (see README "gaps").
    const grant = this.registry.grant(guildId, channel.id, world.bot.id, gatewaySessionId);
    this.ctx.dispatch('VOICE_SERVER_UPDATE', {
      token: grant.token,
      guild_id: guildId,
      endpoint: `127.0.0.1:${this.voiceGateway.port}`,
    });
  }

  /** A human joins, moves or (channelId null) leaves voice. */
  setUserVoiceChannel(guildId: string, userId: string, channelId: string | null): void {
    if (userId === this.ctx.world.bot.id) throw new Error('fake discord: use moveBot() for the bot');
    this.setState(guildId, userId, channelId);
  }

  /** Server-side move of the bot (like a moderator dragging it); null disconnects it. */
  moveBot(guildId: string, channelId: string | null): void {
    const { world } = this.ctx;
    if (channelId !== null) {
      const session = this.registry.session(guildId);
      if (session) session.channelId = channelId;
      this.setState(guildId, world.bot.id, channelId);
      return;
    }
    this.setState(guildId, world.bot.id, null);
    const session = this.registry.end(guildId);
    if (session?.socket) session.socket.close(VOICE_DISCONNECTED, 'Disconnected.');
  }

  /** Deletes a channel: members in it (bot included) are disconnected first, as on Discord. */
  deleteChannel(channelId: string): void {
    const { world } = this.ctx;
    const channel = world.channel(channelId);
    if (channel.guildId) {
      for (const state of [...world.guild(channel.guildId).voiceStates.values()]) {
        if (state.channelId !== channelId) continue;
        if (state.userId === world.bot.id) this.moveBot(channel.guildId, null);
        else this.setState(channel.guildId, state.userId, null);
      }
    }
    const payload = channelPayload(world, channel);
    world.removeChannel(channelId);
    this.ctx.dispatch('CHANNEL_DELETE', payload, Intent.Guilds);
    this.ctx.hub.notify();
  }

  private setState(
    guildId: string,
    userId: string,
    channelId: string | null,
    flags?: { sessionId?: string; selfDeaf?: boolean; selfMute?: boolean },
  ): void {
    const { world } = this.ctx;
    const previous = world.guild(guildId).voiceStates.get(userId);
    const state = world.setVoiceState(guildId, userId, channelId, flags);
    const payload = voiceStatePayload(world, guildId, state, userId, true);
    // A leave still names the session that left.
    if (!state && previous) payload.session_id = previous.sessionId;
    this.ctx.dispatch('VOICE_STATE_UPDATE', payload, Intent.GuildVoiceStates);
    this.ctx.hub.notify();
  }
}
