// Messages per channel, kept in their current state (after edits) with their earlier states,
// so a test can read what a user would see now and what was shown before.
import { snowflake } from './ids.ts';
import type { Json, StoredAttachment, StoredMessage } from './types.ts';

export interface NewMessage {
  channelId: string;
  guildId: string | null;
  authorId: string;
  content?: string;
  embeds?: Json[];
  components?: Json[];
  flags?: number;
  attachments?: StoredAttachment[];
  interaction?: StoredMessage['interaction'];
  webhookId?: string;
}

export type MessagePatch = Partial<
  Pick<StoredMessage, 'content' | 'embeds' | 'components' | 'flags' | 'attachments'>
>;

export class MessageStore {
  private readonly byId = new Map<string, StoredMessage>();
  private readonly byChannel = new Map<string, string[]>();

  create(init: NewMessage): StoredMessage {
    const message: StoredMessage = {
      id: snowflake(),
      channelId: init.channelId,
      guildId: init.guildId,
      authorId: init.authorId,
      content: init.content ?? '',
      embeds: init.embeds ?? [],
      components: init.components ?? [],
      flags: init.flags ?? 0,
      attachments: init.attachments ?? [],
      createdAt: Date.now(),
      editedAt: null,
      deleted: false,
      history: [],
      ...(init.interaction ? { interaction: init.interaction } : {}),
      ...(init.webhookId ? { webhookId: init.webhookId } : {}),
    };
    this.byId.set(message.id, message);
    const list = this.byChannel.get(init.channelId) ?? [];
    list.push(message.id);
    this.byChannel.set(init.channelId, list);
    return message;
  }

  get(id: string): StoredMessage | undefined {
    return this.byId.get(id);
  }

  edit(id: string, patch: MessagePatch): StoredMessage {
    const message = this.byId.get(id);
    if (!message) throw new Error(`fake discord: unknown message ${id}`);
    const { content, embeds, components, flags } = message;
    message.history.push({ content, embeds, components, flags, at: message.editedAt ?? message.createdAt });
    Object.assign(message, patch);
    message.editedAt = Date.now();
    return message;
  }

  delete(id: string): void {
    const message = this.byId.get(id);
    if (message) message.deleted = true;
  }

  /** Messages of a channel in send order; deleted ones only when asked. */
  list(channelId: string, includeDeleted = false): StoredMessage[] {
    return (this.byChannel.get(channelId) ?? [])
      .map((id) => this.byId.get(id))
      .filter((m): m is StoredMessage => m !== undefined && (includeDeleted || !m.deleted));
  }
}
