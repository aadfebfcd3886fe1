import type { User } from 'grammy/types';
import type { ChatRecord, GroupChatInput } from './chat-store.ts';
import type { FakeState } from './state.ts';

// Shared by the user-* modules, which play the user's side of Telegram. A mistake in a test (pressing
// a button that does not exist, writing in an unknown chat) throws a plain Error at once instead of
// producing an update Telegram could never send.

export type UserInput = Partial<Omit<User, 'is_bot'>> & { id: number };

export const DEFAULT_USER: User = {
  id: 10_001,
  is_bot: false,
  first_name: 'Alice',
  username: 'alice',
  language_code: 'en',
};

export function toUser(input: UserInput | undefined): User {
  if (!input) return { ...DEFAULT_USER };
  return { is_bot: false, first_name: `User ${input.id}`, ...input };
}

/** 'private' (the default): the sender's private chat with the bot; a number: a chat that exists. */
export type ChatInput = 'private' | number | GroupChatInput;

export function chatFor(state: FakeState, chat: ChatInput | undefined, from: User): ChatRecord {
  state.chats.rememberUser(from);
  if (chat === undefined || chat === 'private') return state.chats.privateChat(from);
  if (typeof chat === 'number') {
    const record = state.chats.get(chat);
    if (!record) {
      throw new Error(`chat ${chat} does not exist yet; pass { id, type, title } to create a group`);
    }
    return record;
  }
  return state.chats.groupChat(chat);
}
