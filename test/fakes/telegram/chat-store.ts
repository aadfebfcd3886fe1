import type { Chat, Message, User } from 'grammy/types';
import type { IdSource } from './ids.ts';

/** One message as the fake keeps it: the current state plus what it looked like before each edit. */
export interface StoredMessage {
  message: Message;
  sender: 'bot' | 'user';
  deleted: boolean;
  /** Earlier versions, oldest first. */
  history: Message[];
  /** Set for messages sent through inline mode that carry a keyboard (the bot can edit those). */
  inlineMessageId?: string;
}

export interface ChatActionRecord {
  action: string;
  date: number;
}

export interface ChatRecord {
  chat: Chat;
  /** The person on the other side, for private chats. */
  user?: User;
  blocked: boolean;
  /** Admin bots see every group message and may delete others' messages. */
  botIsAdmin: boolean;
  messages: Map<number, StoredMessage>;
  nextMessageId: number;
  actions: ChatActionRecord[];
  chatInstance: string;
}

export interface GroupChatInput {
  id: number;
  type?: 'group' | 'supergroup';
  title?: string;
  username?: string;
  botIsAdmin?: boolean;
}

/** Chats the bot knows, their messages, and messages sent via inline mode. */
export class ChatStore {
  /** Everyone the bot has seen: the difference between "chat not found" and "can't initiate conversation". */
  readonly users = new Map<number, User>();
  readonly inlineMessages = new Map<string, StoredMessage>();
  private readonly chats = new Map<number, ChatRecord>();

  constructor(
    private readonly ids: IdSource,
    private readonly now: () => number,
  ) {}

  rememberUser(user: User): void {
    this.users.set(user.id, { ...this.users.get(user.id), ...user });
  }

  /** The private chat with a user; it exists once the user has written to (started) the bot. */
  privateChat(user: User): ChatRecord {
    this.rememberUser(user);
    const existing = this.chats.get(user.id);
    if (existing) return existing;
    const chat: Chat.PrivateChat = {
      id: user.id,
      type: 'private',
      first_name: user.first_name,
      ...(user.last_name ? { last_name: user.last_name } : {}),
      ...(user.username ? { username: user.username } : {}),
    };
    return this.create(chat, user, false);
  }

  groupChat(input: GroupChatInput): ChatRecord {
    const existing = this.chats.get(input.id);
    if (existing) {
      if (input.botIsAdmin !== undefined) existing.botIsAdmin = input.botIsAdmin;
      return existing;
    }
    if (input.id >= 0) throw new Error(`group chat ids are negative in Telegram (got ${input.id})`);
    const type = input.type ?? (input.id < -1_000_000_000_000 ? 'supergroup' : 'group');
    const title = input.title ?? `Test ${type}`;
    const chat: Chat =
      type === 'supergroup'
        ? { id: input.id, type, title, ...(input.username ? { username: input.username } : {}) }
        : { id: input.id, type, title };
    return this.create(chat, undefined, input.botIsAdmin ?? false);
  }

  private create(chat: Chat, user: User | undefined, botIsAdmin: boolean): ChatRecord {
    const record: ChatRecord = {
      chat,
      ...(user ? { user } : {}),
      blocked: false,
      botIsAdmin,
      messages: new Map(),
      nextMessageId: 1,
      actions: [],
      chatInstance: this.ids.chatInstance(),
    };
    this.chats.set(chat.id, record);
    return record;
  }

  get(chatId: number): ChatRecord | undefined {
    return this.chats.get(chatId);
  }

  /** "@name" addresses public groups and channels only; users cannot be reached by username. */
  byUsername(username: string): ChatRecord | undefined {
    const wanted = username.replace(/^@/, '').toLowerCase();
    return [...this.chats.values()].find(
      (r) => r.chat.type !== 'private' && 'username' in r.chat && r.chat.username?.toLowerCase() === wanted,
    );
  }

  /** Adds a message with the next id of that chat (ids are per chat, as in private chats and groups). */
  append(record: ChatRecord, content: Partial<Message>, sender: 'bot' | 'user', from: User): StoredMessage {
    const message = {
      message_id: record.nextMessageId++,
      from,
      chat: record.chat,
      date: this.now(),
      ...content,
    } as Message;
    const stored: StoredMessage = { message, sender, deleted: false, history: [] };
    record.messages.set(message.message_id, stored);
    return stored;
  }

  find(chatId: number, messageId: number): StoredMessage | undefined {
    return this.chats.get(chatId)?.messages.get(messageId);
  }

  /** Applies an edit, keeping the previous version in history. */
  edit(stored: StoredMessage, apply: (message: Message) => void): void {
    stored.history.push(structuredClone(stored.message));
    apply(stored.message);
    stored.message.edit_date = this.now();
  }
}
