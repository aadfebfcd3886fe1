import type { CallbackQuery, Update, User } from 'grammy/types';
import type { ChatRecord, StoredMessage } from './chat-store.ts';
import type { CallbackAnswer } from './query-store.ts';
import { callbackButtons } from './reply-markup.ts';
import type { FakeState } from './state.ts';
import { toUser, type UserInput } from './user-common.ts';

export interface PressButtonInput {
  /** The message with the keyboard (a Message from a call result or from fake.messages()). */
  message?: { message_id: number; chat: { id: number } };
  /** Or an inline message, by the id chooseInlineResult returned. */
  inlineMessageId?: string;
  from?: UserInput;
  /** The button's callback_data; or pick it by `text`; or omit both if there is one button. */
  data?: string;
  text?: string;
}

export interface CallbackQueryHandle {
  id: string;
  update: Update;
  answer(): CallbackAnswer | undefined;
  waitForAnswer(timeoutMs?: number): Promise<CallbackAnswer>;
  expire(): void;
}

export function pressButton(state: FakeState, input: PressButtonInput): CallbackQueryHandle {
  let stored: StoredMessage | undefined;
  let record: ChatRecord | undefined;
  if (input.inlineMessageId !== undefined) {
    stored = state.chats.inlineMessages.get(input.inlineMessageId);
    if (!stored) throw new Error(`unknown inline message ${input.inlineMessageId}`);
  } else if (input.message) {
    record = state.chats.get(input.message.chat.id);
    stored = record?.messages.get(input.message.message_id);
    if (!stored) throw new Error(`no message ${input.message.message_id} in chat ${input.message.chat.id}`);
  } else {
    throw new Error('pressButton needs a message or an inlineMessageId');
  }
  if (stored.deleted) throw new Error('the message was deleted; its buttons cannot be pressed');
  const buttons = callbackButtons(stored.message.reply_markup);
  const candidates = buttons.filter(
    (b) =>
      (input.data === undefined || b.callback_data === input.data) &&
      (input.text === undefined || b.text === input.text),
  );
  const button = candidates[0];
  if (!button || (input.data === undefined && input.text === undefined && buttons.length > 1)) {
    const list = buttons.map((b) => `"${b.text}" (${b.callback_data})`).join(', ') || 'none';
    throw new Error(
      `no unique callback button matches ${JSON.stringify({ data: input.data, text: input.text })}; buttons: ${list}`,
    );
  }
  let from: User;
  if (input.from) from = toUser(input.from);
  else if (record?.user) from = record.user;
  else if (stored.inlineMessageId) from = stored.message.from as User;
  else throw new Error('pressButton in a group needs `from`');
  state.chats.rememberUser(from);

  const query: CallbackQuery = {
    id: state.ids.queryId(),
    from,
    chat_instance: record?.chatInstance ?? state.ids.chatInstance(),
    data: button.callback_data,
    // Messages sent via inline mode are not the bot's: Telegram identifies them by inline_message_id only.
    ...(stored.inlineMessageId
      ? { inline_message_id: stored.inlineMessageId }
      : { message: structuredClone(stored.message) }),
  };
  state.queries.openCallback(query);
  const update = state.updates.push({ callback_query: structuredClone(query) });
  return {
    id: query.id,
    update,
    answer: () => state.queries.callbackAnswer(query.id),
    waitForAnswer: async (timeoutMs = 5000) => {
      await state.queries.waitForAnswer(query.id, timeoutMs);
      return state.queries.callbackAnswer(query.id) as CallbackAnswer;
    },
    expire: () => state.queries.expire(query.id),
  };
}
