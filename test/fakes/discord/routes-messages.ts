// REST routes for channels, guild lookups, DM channels and messages sent with the bot token.
import type { FakeContext } from './context.ts';
import { createMessage, deleteMessage, editMessage } from './message-ops.ts';
import {
  channelPayload,
  guildCreatePayload,
  memberPayload,
  messageListPayload,
  messagePayload,
  voiceStatePayload,
} from './payloads.ts';
import type { Route, RouteRequest } from './rest.ts';
import type { StoredMessage } from './types.ts';
import { RestError } from './validate.ts';
import { type ChannelRecord, ChannelType } from './world.ts';

function channelOf(ctx: FakeContext, req: RouteRequest): ChannelRecord {
  const channel = ctx.world.channels.get(req.params.channelId!);
  if (!channel) throw new RestError(404, 10003, 'Unknown Channel');
  return channel;
}

function messageOf(ctx: FakeContext, req: RouteRequest): StoredMessage {
  const channel = channelOf(ctx, req);
  const message = ctx.messages.get(req.params.messageId!);
  if (!message || message.deleted || message.channelId !== channel.id)
    throw new RestError(404, 10008, 'Unknown Message');
  return message;
}

function guildOf(ctx: FakeContext, req: RouteRequest) {
  const guild = ctx.world.guilds.get(req.params.guildId!);
  if (!guild) throw new RestError(404, 10004, 'Unknown Guild');
  return guild;
}

export const messageRoutes: Route[] = [
  {
    method: 'POST',
    template: '/users/@me/channels',
    auth: true,
    handle: (req, ctx) => {
      const userId = req.body?.recipient_id;
      if (typeof userId !== 'string' || !ctx.world.users.has(userId))
        throw new RestError(400, 50035, 'Invalid Form Body');
      return { status: 200, body: channelPayload(ctx.world, ctx.world.dmChannelFor(userId)) };
    },
  },
  {
    method: 'GET',
    template: '/channels/:channelId',
    auth: true,
    handle: (req, ctx) => ({ status: 200, body: channelPayload(ctx.world, channelOf(ctx, req)) }),
  },
  {
    method: 'POST',
    template: '/channels/:channelId/typing',
    auth: true,
    handle: (req, ctx) => {
      channelOf(ctx, req);
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    template: '/channels/:channelId/messages',
    auth: true,
    handle: (req, ctx) => {
      const channel = channelOf(ctx, req);
      const limit = Math.min(Number(req.query.limit ?? 50), 100);
      return {
        status: 200,
        body: messageListPayload(ctx.world, ctx.baseUrl, ctx.messages, channel.id, limit),
      };
    },
  },
  {
    method: 'POST',
    template: '/channels/:channelId/messages',
    auth: true,
    handle: (req, ctx) => {
      const channel = channelOf(ctx, req);
      if (channel.type === ChannelType.DM && ctx.world.user(channel.recipientId!).dmsClosed) {
        throw new RestError(403, 50007, 'Cannot send messages to this user');
      }
      const message = createMessage(ctx, {
        channelId: channel.id,
        authorId: ctx.world.bot.id,
        body: req.body,
        files: req.files,
      });
      return { status: 200, body: messagePayload(ctx.world, ctx.baseUrl, message) };
    },
  },
  {
    method: 'GET',
    template: '/channels/:channelId/messages/:messageId',
    auth: true,
    handle: (req, ctx) => ({
      status: 200,
      body: messagePayload(ctx.world, ctx.baseUrl, messageOf(ctx, req)),
    }),
  },
  {
    method: 'PATCH',
    template: '/channels/:channelId/messages/:messageId',
    auth: true,
    handle: (req, ctx) => {
      const message = messageOf(ctx, req);
      if (message.authorId !== ctx.world.bot.id)
        throw new RestError(403, 50005, 'Cannot edit a message authored by another user');
      editMessage(ctx, message, req.body, req.files);
      return { status: 200, body: messagePayload(ctx.world, ctx.baseUrl, message) };
    },
  },
  {
    method: 'DELETE',
    template: '/channels/:channelId/messages/:messageId',
    auth: true,
    handle: (req, ctx) => {
      deleteMessage(ctx, messageOf(ctx, req));
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    template: '/guilds/:guildId',
    auth: true,
    handle: (req, ctx) => {
      const {
        members: _m,
        voice_states: _v,
        channels: _c,
        ...guild
      } = guildCreatePayload(ctx.world, guildOf(ctx, req), false);
      return { status: 200, body: guild };
    },
  },
  {
    method: 'GET',
    template: '/guilds/:guildId/channels',
    auth: true,
    handle: (req, ctx) => ({
      status: 200,
      body: ctx.world.guildChannels(guildOf(ctx, req).id).map((c) => channelPayload(ctx.world, c)),
    }),
  },
  {
    method: 'GET',
    template: '/guilds/:guildId/members/:userId',
    auth: true,
    handle: (req, ctx) => {
      const member = guildOf(ctx, req).members.get(req.params.userId!);
      if (!member) throw new RestError(404, 10007, 'Unknown Member');
      return { status: 200, body: memberPayload(ctx.world, member) };
    },
  },
  {
    method: 'GET',
    template: '/guilds/:guildId/voice-states/:userId',
    auth: true,
    handle: (req, ctx) => {
      const guild = guildOf(ctx, req);
      const userId = req.params.userId === '@me' ? ctx.world.bot.id : req.params.userId!;
      const state = guild.voiceStates.get(userId);
      if (!state) throw new RestError(404, 10065, 'Unknown Voice State');
      return { status: 200, body: voiceStatePayload(ctx.world, guild.id, state, userId, true) };
    },
  },
];
