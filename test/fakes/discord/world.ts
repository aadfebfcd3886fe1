// The fake's model of Discord's state: users, guilds, channels, members, roles, voice states and
// DM channels. REST handlers, the gateway and the test controls all read and change this one model,
// so what discord.js sees over REST always agrees with what it got over the gateway.
import { randomToken, snowflake } from './ids.ts';
import {
  ALL_PERMISSIONS,
  BOT_ROLE_PERMISSIONS,
  DEFAULT_EVERYONE_PERMISSIONS,
  Permission,
} from './permissions.ts';
import type { FakeDiscordOptions, FakeGuildInit, FakeUserInit } from './types.ts';

/** Fixed ids of the default world, so tests can name things without configuring them. */
export const FAKE_IDS = {
  bot: '900000000000000001',
  guild: '900000000000000100',
  textChannel: '900000000000000110',
  voiceChannel: '900000000000000120',
  otherVoiceChannel: '900000000000000121',
  user: '900000000000000200',
  otherUser: '900000000000000201',
} as const;

export const DEFAULT_TOKEN = 'fake-discord-bot-token';

export const ChannelType = { GuildText: 0, DM: 1, GuildVoice: 2 } as const;

export interface UserRecord {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
  dmsClosed: boolean;
}

export interface ChannelRecord {
  id: string;
  type: number;
  name: string | null;
  guildId: string | null;
  position: number;
  permissionOverwrites: unknown[];
  userLimit: number;
  recipientId: string | null;
  lastMessageId: string | null;
}

export interface RoleRecord {
  id: string;
  name: string;
  permissions: bigint;
  position: number;
  managed: boolean;
}

export interface MemberRecord {
  userId: string;
  roles: string[];
  nick: string | null;
  joinedAt: string;
}

export interface VoiceStateRecord {
  userId: string;
  channelId: string;
  sessionId: string;
  selfDeaf: boolean;
  selfMute: boolean;
}

export interface GuildRecord {
  id: string;
  name: string;
  ownerId: string;
  locale: string;
  roles: RoleRecord[];
  channelIds: string[];
  members: Map<string, MemberRecord>;
  voiceStates: Map<string, VoiceStateRecord>;
}

export class World {
  readonly token: string;
  readonly bot: UserRecord;
  readonly applicationId: string;
  readonly users = new Map<string, UserRecord>();
  readonly guilds = new Map<string, GuildRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  private readonly dmByUser = new Map<string, string>();
  private readonly startedAt = new Date().toISOString();

  constructor(options: FakeDiscordOptions) {
    this.token = options.token ?? DEFAULT_TOKEN;
    this.bot = {
      id: options.bot?.id ?? FAKE_IDS.bot,
      username: options.bot?.username ?? 'NeteaseBot',
      globalName: null,
      bot: true,
      dmsClosed: false,
    };
    // Discord bots' application id equals the bot user id for every bot created since 2016.
    this.applicationId = this.bot.id;
    this.users.set(this.bot.id, this.bot);
    for (const user of options.users ?? defaultUsers()) this.addUser(user);
    for (const guild of options.guilds ?? defaultGuilds()) this.addGuild(guild);
  }

  addUser(init: FakeUserInit): UserRecord {
    const record: UserRecord = {
      id: init.id,
      username: init.username,
      globalName: init.globalName ?? null,
      bot: false,
      dmsClosed: init.dmsClosed ?? false,
    };
    this.users.set(init.id, record);
    return record;
  }

  private addGuild(init: FakeGuildInit): void {
    const botRole: RoleRecord = {
      id: snowflake(),
      name: this.bot.username,
      permissions: BOT_ROLE_PERMISSIONS,
      position: 1,
      managed: true,
    };
    const roles: RoleRecord[] = [
      {
        id: init.id,
        name: '@everyone',
        permissions: init.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS,
        position: 0,
        managed: false,
      },
      ...(init.roles ?? []).map((role, i) => ({ ...role, position: i + 2, managed: false })),
      botRole,
    ];
    const members = new Map<string, MemberRecord>();
    for (const entry of init.members) {
      const member = typeof entry === 'string' ? { userId: entry } : entry;
      this.user(member.userId); // unknown ids are a test bug: fail at start, not mid-run
      members.set(member.userId, {
        userId: member.userId,
        roles: member.roles ?? [],
        nick: member.nick ?? null,
        joinedAt: this.startedAt,
      });
    }
    members.set(this.bot.id, {
      userId: this.bot.id,
      roles: [botRole.id],
      nick: null,
      joinedAt: this.startedAt,
    });
    const guild: GuildRecord = {
      id: init.id,
      name: init.name ?? 'Fake Guild',
      ownerId: init.ownerId ?? [...members.keys()].find((id) => id !== this.bot.id) ?? this.bot.id,
      locale: init.locale ?? 'en-US',
      roles,
      channelIds: [],
      members,
      voiceStates: new Map(),
    };
    this.guilds.set(guild.id, guild);
    init.channels.forEach((channel, position) => {
      this.channels.set(channel.id, {
        id: channel.id,
        type: channel.type === 'voice' ? ChannelType.GuildVoice : ChannelType.GuildText,
        name: channel.name,
        guildId: guild.id,
        position,
        permissionOverwrites: channel.permissionOverwrites ?? [],
        userLimit: channel.userLimit ?? 0,
        recipientId: null,
        lastMessageId: null,
      });
      guild.channelIds.push(channel.id);
    });
    for (const [userId, channelId] of Object.entries(init.voiceStates ?? {})) {
      this.setVoiceState(guild.id, userId, channelId);
    }
  }

  user(id: string): UserRecord {
    const user = this.users.get(id);
    if (!user) throw new Error(`fake discord: unknown user ${id}`);
    return user;
  }

  guild(id: string): GuildRecord {
    const guild = this.guilds.get(id);
    if (!guild) throw new Error(`fake discord: unknown guild ${id}`);
    return guild;
  }

  channel(id: string): ChannelRecord {
    const channel = this.channels.get(id);
    if (!channel) throw new Error(`fake discord: unknown channel ${id}`);
    return channel;
  }

  guildChannels(guildId: string): ChannelRecord[] {
    return this.guild(guildId)
      .channelIds.map((id) => this.channels.get(id))
      .filter((c): c is ChannelRecord => c !== undefined);
  }

  /** The guild's first text channel: where injected interactions happen by default. */
  defaultTextChannel(guildId: string): ChannelRecord {
    const channel = this.guildChannels(guildId).find((c) => c.type === ChannelType.GuildText);
    if (!channel) throw new Error(`fake discord: guild ${guildId} has no text channel`);
    return channel;
  }

  /** Like Discord, one DM channel per user, created on first use and then reused. */
  dmChannelFor(userId: string): ChannelRecord {
    this.user(userId);
    const existing = this.dmByUser.get(userId);
    if (existing) return this.channel(existing);
    const channel: ChannelRecord = {
      id: snowflake(),
      type: ChannelType.DM,
      name: null,
      guildId: null,
      position: 0,
      permissionOverwrites: [],
      userLimit: 0,
      recipientId: userId,
      lastMessageId: null,
    };
    this.channels.set(channel.id, channel);
    this.dmByUser.set(userId, channel.id);
    return channel;
  }

  existingDmChannel(userId: string): string | undefined {
    return this.dmByUser.get(userId);
  }

  member(guildId: string, userId: string): MemberRecord {
    const member = this.guild(guildId).members.get(userId);
    if (!member) throw new Error(`fake discord: user ${userId} is not a member of guild ${guildId}`);
    return member;
  }

  /** Guild-level permissions (channel overwrites are not applied; see README gaps). */
  permissions(guildId: string, userId: string): bigint {
    const guild = this.guild(guildId);
    if (guild.ownerId === userId) return ALL_PERMISSIONS;
    const member = this.member(guildId, userId);
    let bits = 0n;
    for (const role of guild.roles) {
      if (role.id === guild.id || member.roles.includes(role.id)) bits |= role.permissions;
    }
    return bits & Permission.Administrator ? ALL_PERMISSIONS : bits;
  }

  /** Sets or clears (channelId null) a user's voice state; returns the new state. */
  setVoiceState(
    guildId: string,
    userId: string,
    channelId: string | null,
    flags: { sessionId?: string; selfDeaf?: boolean; selfMute?: boolean } = {},
  ): VoiceStateRecord | null {
    const guild = this.guild(guildId);
    this.member(guildId, userId);
    if (channelId === null) {
      guild.voiceStates.delete(userId);
      return null;
    }
    const channel = this.channel(channelId);
    if (channel.guildId !== guildId || channel.type !== ChannelType.GuildVoice) {
      throw new Error(`fake discord: ${channelId} is not a voice channel of guild ${guildId}`);
    }
    const previous = guild.voiceStates.get(userId);
    const state: VoiceStateRecord = {
      userId,
      channelId,
      sessionId: flags.sessionId ?? previous?.sessionId ?? randomToken(''),
      selfDeaf: flags.selfDeaf ?? previous?.selfDeaf ?? false,
      selfMute: flags.selfMute ?? previous?.selfMute ?? false,
    };
    guild.voiceStates.set(userId, state);
    return state;
  }

  removeChannel(channelId: string): ChannelRecord {
    const channel = this.channel(channelId);
    this.channels.delete(channelId);
    if (channel.guildId) {
      const guild = this.guild(channel.guildId);
      guild.channelIds = guild.channelIds.filter((id) => id !== channelId);
    }
    return channel;
  }
}

function defaultUsers(): FakeUserInit[] {
  return [
    { id: FAKE_IDS.user, username: 'tester', globalName: 'Tester' },
    { id: FAKE_IDS.otherUser, username: 'listener', globalName: 'Listener' },
  ];
}

function defaultGuilds(): FakeGuildInit[] {
  return [
    {
      id: FAKE_IDS.guild,
      name: 'Fake Guild',
      channels: [
        { id: FAKE_IDS.textChannel, name: 'general', type: 'text' },
        { id: FAKE_IDS.voiceChannel, name: 'Music', type: 'voice' },
        { id: FAKE_IDS.otherVoiceChannel, name: 'Lounge', type: 'voice' },
      ],
      members: [FAKE_IDS.user, FAKE_IDS.otherUser],
      voiceStates: { [FAKE_IDS.user]: FAKE_IDS.voiceChannel },
    },
  ];
}
