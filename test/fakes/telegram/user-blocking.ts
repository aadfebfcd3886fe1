import type { ChatMemberUpdated } from 'grammy/types';
import type { ChatRecord } from './chat-store.ts';
import { botUser } from './methods/targets.ts';
import type { FakeState } from './state.ts';

/**
 * The user blocks the bot (private chat) or removes it (group): sends now fail with 403. In a private
 * chat Telegram tells the bot with a my_chat_member update, unless `notify` is false.
 */
export function blockChat(state: FakeState, chatId: number, notify = true): void {
  const record = state.chats.get(chatId);
  if (!record) throw new Error(`chat ${chatId} does not exist`);
  record.blocked = true;
  if (notify && record.user) pushMemberUpdate(state, record, 'member', 'kicked');
}

export function unblockChat(state: FakeState, chatId: number, notify = true): void {
  const record = state.chats.get(chatId);
  if (!record) throw new Error(`chat ${chatId} does not exist`);
  if (!record.blocked) return;
  record.blocked = false;
  if (notify && record.user) pushMemberUpdate(state, record, 'kicked', 'member');
}

function pushMemberUpdate(
  state: FakeState,
  record: ChatRecord,
  from: 'member' | 'kicked',
  to: 'member' | 'kicked',
): void {
  const bot = botUser(state);
  const member = (status: 'member' | 'kicked') =>
    status === 'kicked' ? { status, user: bot, until_date: 0 } : { status, user: bot };
  const change = {
    chat: record.chat,
    from: record.user,
    date: state.now(),
    old_chat_member: member(from),
    new_chat_member: member(to),
  } as ChatMemberUpdated;
  state.updates.push({ my_chat_member: change });
}
