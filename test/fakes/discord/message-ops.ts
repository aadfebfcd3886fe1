// Creating, editing and deleting messages the way Discord does for every route that can
// (channel messages, interaction callbacks, interaction webhooks): validate, resolve
// attachments, store, and tell gateway sessions that asked for message events.
import type { FakeContext } from './context.ts';
import { Intent } from './context.ts';
import { snowflake } from './ids.ts';
import type { MessagePatch } from './message-store.ts';
import { messagePayload } from './payloads.ts';
import type { Json, RecordedFile, StoredAttachment, StoredMessage } from './types.ts';
import { validateMessage } from './validate.ts';
import { ChannelType } from './world.ts';

export const MessageFlag = {
  SuppressEmbeds: 1 << 2,
  Ephemeral: 1 << 6,
  Loading: 1 << 7,
  SuppressNotifications: 1 << 12,
  IsVoiceMessage: 1 << 13,
  IsComponentsV2: 1 << 15,
} as const;

const SETTABLE_FLAGS =
  MessageFlag.SuppressEmbeds |
  MessageFlag.SuppressNotifications |
  MessageFlag.IsVoiceMessage |
  MessageFlag.IsComponentsV2;

export interface CreateOptions {
  channelId: string;
  authorId: string;
  body: Json;
  files: RecordedFile[];
  /** Interaction responses may be ephemeral; plain channel messages may not. */
  allowEphemeral?: boolean;
  /** Only the placeholder of a deferred reply may be empty. */
  allowEmpty?: boolean;
  extraFlags?: number;
  interaction?: StoredMessage['interaction'];
  webhookId?: string;
}

/**
 * New uploads are `files[n]` parts referenced from `attachments` as `{id: n}`; existing ones are
 * referenced by their snowflake id. Without an `attachments` list every upload is attached.
 */
function resolveAttachments(
  listed: Json[] | undefined,
  files: RecordedFile[],
  existing: StoredAttachment[],
): StoredAttachment[] {
  const upload = (file: RecordedFile, meta: Json = {}): StoredAttachment => ({
    id: snowflake(),
    filename: meta.filename ?? file.name,
    contentType: file.contentType,
    size: file.bytes.length,
    bytes: file.bytes,
    ...(meta.description ? { description: meta.description } : {}),
  });
  if (!Array.isArray(listed)) return [...existing, ...files.map((f) => upload(f))];
  const result: StoredAttachment[] = [];
  for (const entry of listed) {
    const kept = existing.find((a) => a.id === String(entry.id));
    if (kept) {
      result.push(kept);
      continue;
    }
    const file = files.find((f) => f.field === `files[${entry.id}]`);
    if (file) result.push(upload(file, entry));
  }
  return result;
}

function dispatchIntent(ctx: FakeContext, message: StoredMessage): number {
  return ctx.world.channel(message.channelId).type === ChannelType.DM
    ? Intent.DirectMessages
    : Intent.GuildMessages;
}

export function createMessage(ctx: FakeContext, options: CreateOptions): StoredMessage {
  const { body } = options;
  validateMessage(body ?? {}, {
    allowEmpty: options.allowEmpty ?? false,
    hasFiles: options.files.length > 0,
  });
  const channel = ctx.world.channel(options.channelId);
  const allowed = SETTABLE_FLAGS | (options.allowEphemeral ? MessageFlag.Ephemeral : 0);
  const message = ctx.messages.create({
    channelId: channel.id,
    guildId: channel.guildId,
    authorId: options.authorId,
    content: body?.content ?? '',
    embeds: body?.embeds ?? [],
    components: body?.components ?? [],
    flags: ((body?.flags ?? 0) & allowed) | (options.extraFlags ?? 0),
    attachments: resolveAttachments(body?.attachments, options.files, []),
    ...(options.interaction ? { interaction: options.interaction } : {}),
    ...(options.webhookId ? { webhookId: options.webhookId } : {}),
  });
  channel.lastMessageId = message.id;
  // Ephemeral messages exist only for their recipient: Discord never puts them on the gateway.
  if (!(message.flags & MessageFlag.Ephemeral)) {
    ctx.dispatch(
      'MESSAGE_CREATE',
      messagePayload(ctx.world, ctx.baseUrl, message, true),
      dispatchIntent(ctx, message),
    );
  }
  ctx.hub.notify();
  return message;
}

export function editMessage(
  ctx: FakeContext,
  message: StoredMessage,
  body: Json,
  files: RecordedFile[],
): StoredMessage {
  body ??= {};
  validateMessage(body, { allowEmpty: true, hasFiles: files.length > 0 });
  const patch: MessagePatch = {};
  if ('content' in body) patch.content = body.content ?? '';
  if ('embeds' in body) patch.embeds = body.embeds ?? [];
  if ('components' in body) patch.components = body.components ?? [];
  if ('flags' in body && body.flags !== null) {
    // Only a few flags can change after sending; ephemeral and loading-state are Discord's own.
    const keep = message.flags & ~SETTABLE_FLAGS;
    patch.flags = keep | (body.flags & SETTABLE_FLAGS);
  }
  if ('attachments' in body || files.length > 0) {
    patch.attachments = resolveAttachments(body.attachments ?? undefined, files, message.attachments);
  }
  // The first edit of a deferred ("thinking") reply turns it into a normal message.
  patch.flags = (patch.flags ?? message.flags) & ~MessageFlag.Loading;
  const next = { ...message, ...patch };
  if (
    !next.content &&
    next.embeds.length === 0 &&
    next.components.length === 0 &&
    next.attachments.length === 0
  ) {
    validateMessage({}, { allowEmpty: false, hasFiles: false }); // throws Discord's "empty message" error
  }
  ctx.messages.edit(message.id, patch);
  if (!(message.flags & MessageFlag.Ephemeral)) {
    ctx.dispatch(
      'MESSAGE_UPDATE',
      messagePayload(ctx.world, ctx.baseUrl, message, true),
      dispatchIntent(ctx, message),
    );
  }
  ctx.hub.notify();
  return message;
}

export function deleteMessage(ctx: FakeContext, message: StoredMessage): void {
  ctx.messages.delete(message.id);
  if (!(message.flags & MessageFlag.Ephemeral)) {
    const data = {
      id: message.id,
      channel_id: message.channelId,
      ...(message.guildId ? { guild_id: message.guildId } : {}),
    };
    ctx.dispatch('MESSAGE_DELETE', data, dispatchIntent(ctx, message));
  }
  ctx.hub.notify();
}
