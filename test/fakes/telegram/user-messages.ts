import type { Message, MessageEntity, Update } from 'grammy/types';
import { detectEntities } from './auto-entities.ts';
import type { ChatRecord } from './chat-store.ts';
import type { FakeState } from './state.ts';
import { unblockChat } from './user-blocking.ts';
import { type ChatInput, chatFor, toUser, type UserInput } from './user-common.ts';

export interface UserMessageInput {
  text: string;
  from?: UserInput;
  chat?: ChatInput;
  /** Defaults to what Telegram detects: bot commands, mentions, hashtags, URLs. */
  entities?: MessageEntity[];
  /** message_id (in the same chat) of the message this one replies to. */
  replyTo?: number;
}

export interface UserMessageResult {
  message: Message;
  /** Missing when Telegram would not deliver the message to the bot (group privacy mode). */
  update?: Update;
}

export function sendUserMessage(state: FakeState, input: UserMessageInput): UserMessageResult {
  const from = toUser(input.from);
  const record = chatFor(state, input.chat, from);
  if (record.blocked && record.chat.type === 'private') unblockChat(state, record.chat.id, true);
  let reply: Message | undefined;
  if (input.replyTo !== undefined) {
    const target = record.messages.get(input.replyTo);
    if (!target || target.deleted) {
      throw new Error(`no message ${input.replyTo} in chat ${record.chat.id} to reply to`);
    }
    const { reply_to_message: _nested, ...replied } = structuredClone(target.message);
    reply = replied as Message;
  }
  const entities = input.entities ?? detectEntities(input.text);
  const stored = state.chats.append(
    record,
    {
      text: input.text,
      ...(entities.length > 0 ? { entities } : {}),
      ...(reply ? { reply_to_message: reply as Message & { reply_to_message: undefined } } : {}),
    },
    'user',
    from,
  );
  const message = structuredClone(stored.message);
  if (!delivered(state, record, message)) return { message };
  const update = state.updates.push({ message } as Update);
  return { message, update };
}

/**
 * Group privacy mode, simplified: the bot gets commands not addressed to another bot, replies to its
 * own messages and messages mentioning it. Admin bots and bots without privacy mode get everything.
 */
function delivered(state: FakeState, record: ChatRecord, message: Message): boolean {
  if (record.chat.type === 'private' || !state.privacyMode || record.botIsAdmin) return true;
  const text = message.text ?? '';
  const me = state.bot.username.toLowerCase();
  const entityText = (e: MessageEntity): string => text.slice(e.offset, e.offset + e.length);
  return (
    (message.entities ?? []).some((e) => {
      if (e.type === 'bot_command' && e.offset === 0) {
        const [, addressee] = entityText(e).split('@');
        return addressee === undefined || addressee.toLowerCase() === me;
      }
      return e.type === 'mention' && entityText(e).slice(1).toLowerCase() === me;
    }) || message.reply_to_message?.from?.id === state.bot.id
  );
}
