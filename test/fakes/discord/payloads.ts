// Builders for the JSON objects Discord sends: users, members, channels, guilds, voice states,
// messages and interactions. Field sets follow discord-fake.md: every field discord.js reads
// unconditionally is present (missing ones crash it inside handlers, far from the cause).
import type { MessageStore } from './message-store.ts';
import type { Json, StoredMessage } from './types.ts';
import type {
  ChannelRecord,
  GuildRecord,
  MemberRecord,
  RoleRecord,
  UserRecord,
  VoiceStateRecord,
  World,
} from './world.ts';
import { ChannelType } from './world.ts';

export function userPayload(user: UserRecord): Json {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.globalName,
    avatar: null,
    bot: user.bot || undefined,
    system: false,
    public_flags: 0,
    flags: 0,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
  };
}

export function memberPayload(world: World, member: MemberRecord, permissionsInGuild?: string): Json {
  return {
    user: userPayload(world.user(member.userId)),
    nick: member.nick,
    avatar: null,
    roles: member.roles,
    joined_at: member.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
    ...(permissionsInGuild !== undefined ? { permissions: permissionsInGuild } : {}),
  };
}

export function rolePayload(role: RoleRecord): Json {
  return {
    id: role.id,
    name: role.name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: role.position,
    permissions: role.permissions.toString(),
    managed: role.managed,
    mentionable: false,
    flags: 0,
  };
}

export function channelPayload(world: World, channel: ChannelRecord): Json {
  if (channel.type === ChannelType.DM) {
    return {
      id: channel.id,
      type: ChannelType.DM,
      last_message_id: channel.lastMessageId,
      flags: 0,
      recipients: [userPayload(world.user(channel.recipientId!))],
    };
  }
  const base = {
    id: channel.id,
    type: channel.type,
    guild_id: channel.guildId,
    name: channel.name,
    position: channel.position,
    permission_overwrites: channel.permissionOverwrites,
    parent_id: null,
    nsfw: false,
    flags: 0,
    last_message_id: channel.lastMessageId,
    rate_limit_per_user: 0,
  };
  if (channel.type === ChannelType.GuildVoice) {
    return {
      ...base,
      bitrate: 64000,
      user_limit: channel.userLimit,
      rtc_region: null,
      video_quality_mode: 1,
    };
  }
  return { ...base, topic: null };
}

/** A voice state; `guild_id` is left out inside GUILD_CREATE, as Discord does. */
export function voiceStatePayload(
  world: World,
  guildId: string,
  state: VoiceStateRecord | null,
  userId: string,
  withGuild: boolean,
): Json {
  const guild = world.guild(guildId);
  const member = guild.members.get(userId);
  return {
    ...(withGuild ? { guild_id: guildId } : {}),
    channel_id: state?.channelId ?? null,
    user_id: userId,
    session_id: state?.sessionId ?? '',
    deaf: false,
    mute: false,
    self_deaf: state?.selfDeaf ?? false,
    self_mute: state?.selfMute ?? false,
    self_video: false,
    suppress: false,
    request_to_speak_timestamp: null,
    // discord.js routes the bot's own state to @discordjs/voice only if it can resolve the member.
    ...(withGuild && member ? { member: memberPayload(world, member) } : {}),
  };
}

export function guildCreatePayload(world: World, guild: GuildRecord, withVoiceStates: boolean): Json {
  const channels = world.guildChannels(guild.id).map((c) => {
    const { guild_id: _omitted, ...rest } = channelPayload(world, c);
    return rest;
  });
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: guild.roles.map(rolePayload),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: guild.locale,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    max_members: 500000,
    max_video_channel_users: 25,
    application_id: null,
    joined_at: guild.members.get(world.bot.id)?.joinedAt,
    large: false,
    unavailable: false,
    member_count: guild.members.size,
    members: [...guild.members.values()].map((m) => memberPayload(world, m)),
    channels,
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    voice_states: withVoiceStates
      ? [...guild.voiceStates.values()].map((s) => voiceStatePayload(world, guild.id, s, s.userId, false))
      : [],
  };
}

export function applicationPayload(world: World): Json {
  return {
    id: world.applicationId,
    name: world.bot.username,
    icon: null,
    description: 'Fake application',
    summary: '',
    type: null,
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    owner: userPayload(world.bot),
    team: null,
    bot: userPayload(world.bot),
    approximate_guild_count: world.guilds.size,
    integration_types_config: { 0: {} },
  };
}

export function attachmentPayload(
  baseUrl: string,
  channelId: string,
  a: StoredMessage['attachments'][number],
): Json {
  const url = `${baseUrl}/attachments/${channelId}/${a.id}/${encodeURIComponent(a.filename)}`;
  return {
    id: a.id,
    filename: a.filename,
    size: a.size,
    url,
    proxy_url: url,
    content_type: a.contentType,
    ...(a.description ? { description: a.description } : {}),
  };
}

/** A message as REST returns it (`withGuild` adds what gateway MESSAGE_* events also carry). */
export function messagePayload(
  world: World,
  baseUrl: string,
  message: StoredMessage,
  withGuild = false,
): Json {
  const author = world.user(message.authorId);
  const payload: Json = {
    id: message.id,
    type: message.interaction && message.interaction.type === 2 ? 20 : 0,
    channel_id: message.channelId,
    author: userPayload(author),
    content: message.content,
    timestamp: new Date(message.createdAt).toISOString(),
    edited_timestamp: message.editedAt === null ? null : new Date(message.editedAt).toISOString(),
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: message.attachments.map((a) => attachmentPayload(baseUrl, message.channelId, a)),
    embeds: message.embeds,
    components: message.components,
    pinned: false,
    flags: message.flags,
  };
  if (message.webhookId) {
    payload.webhook_id = message.webhookId;
    payload.application_id = world.applicationId;
  }
  if (message.interaction) {
    const { id, type, userId, name } = message.interaction;
    // Without `user` and `authorizing_integration_owners` discord.js throws inside editReply.
    payload.interaction_metadata = {
      id,
      type,
      user: userPayload(world.user(userId)),
      authorizing_integration_owners: ownersFor(message.guildId, userId),
      ...(name ? { name } : {}),
    };
  }
  if (withGuild && message.guildId) {
    payload.guild_id = message.guildId;
    const member = world.guild(message.guildId).members.get(message.authorId);
    if (member) {
      const { user: _user, ...rest } = memberPayload(world, member);
      payload.member = rest;
    }
  }
  return payload;
}

/** Key "0" is guild install: the guild id, or "0" in the bot's DM (Discord's convention). */
export function ownersFor(guildId: string | null, _userId: string): Json {
  return { 0: guildId ?? '0' };
}

export interface InteractionContext {
  id: string;
  token: string;
  type: number;
  userId: string;
  guildId: string | null;
  channelId: string;
  locale: string;
  data: Json;
  message?: Json;
}

export function interactionPayload(world: World, ctx: InteractionContext): Json {
  const channel = world.channel(ctx.channelId);
  const payload: Json = {
    id: ctx.id,
    application_id: world.applicationId,
    type: ctx.type,
    token: ctx.token,
    version: 1,
    channel_id: ctx.channelId,
    // discord.js takes channelId from `channel.id` only: with just channel_id it would be null.
    channel: channelPayload(world, channel),
    locale: ctx.locale,
    entitlements: [],
    authorizing_integration_owners: ownersFor(ctx.guildId, ctx.userId),
    context: ctx.guildId ? 0 : 1,
    attachment_size_limit: 10 * 1024 * 1024,
    data: ctx.data,
    ...(ctx.message ? { message: ctx.message } : {}),
  };
  if (ctx.guildId) {
    const guild = world.guild(ctx.guildId);
    payload.guild_id = ctx.guildId;
    payload.guild = { id: guild.id, locale: guild.locale, features: [] };
    payload.guild_locale = guild.locale;
    payload.app_permissions = world.permissions(ctx.guildId, world.bot.id).toString();
    payload.member = memberPayload(
      world,
      world.member(ctx.guildId, ctx.userId),
      world.permissions(ctx.guildId, ctx.userId).toString(),
    );
  } else {
    payload.user = userPayload(world.user(ctx.userId));
    payload.app_permissions = '0';
  }
  return payload;
}

/** Messages of a channel as REST would list them (newest first, Discord's order). */
export function messageListPayload(
  world: World,
  baseUrl: string,
  store: MessageStore,
  channelId: string,
  limit: number,
): Json[] {
  return store
    .list(channelId)
    .slice(-limit)
    .reverse()
    .map((m) => messagePayload(world, baseUrl, m));
}
