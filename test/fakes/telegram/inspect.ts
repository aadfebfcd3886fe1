import type { Message } from 'grammy/types';
import type { ChatActionRecord, StoredMessage } from './chat-store.ts';
import type { FakeState } from './state.ts';

/** A message with its past: what tests read to check edits and deletions. */
export interface MessageView {
  message: Message;
  sender: 'bot' | 'user';
  deleted: boolean;
  /** Earlier versions, oldest first. */
  history: Message[];
  inlineMessageId?: string;
}

export interface MessagesQuery {
  /** Only the bot's or only the user's messages. */
  sender?: 'bot' | 'user';
  includeDeleted?: boolean;
}

// Copies, so a test cannot change the fake's state by mutating what it read.
const view = (stored: StoredMessage): MessageView => structuredClone(stored);

export function messagesOf(state: FakeState, chatId: number, query: MessagesQuery = {}): Message[] {
  return storedIn(state, chatId, query).map((stored) => structuredClone(stored.message));
}

export function lastMessageOf(
  state: FakeState,
  chatId: number,
  query: MessagesQuery = {},
): Message | undefined {
  const stored = storedIn(state, chatId, query).at(-1);
  return stored ? structuredClone(stored.message) : undefined;
}

export function messageView(state: FakeState, chatId: number, messageId: number): MessageView | undefined {
  const stored = state.chats.find(chatId, messageId);
  return stored ? view(stored) : undefined;
}

export function inlineMessageView(state: FakeState, inlineMessageId: string): MessageView | undefined {
  const stored = state.chats.inlineMessages.get(inlineMessageId);
  return stored ? view(stored) : undefined;
}

export function chatActionsOf(state: FakeState, chatId: number): ChatActionRecord[] {
  return structuredClone(state.chats.get(chatId)?.actions ?? []);
}

function storedIn(state: FakeState, chatId: number, query: MessagesQuery): StoredMessage[] {
  const record = state.chats.get(chatId);
  if (!record) return [];
  return [...record.messages.values()].filter(
    (m) => (query.includeDeleted || !m.deleted) && (query.sender === undefined || m.sender === query.sender),
  );
}
