import type { Message, User } from 'grammy/types';
import type { ChatRecord, StoredMessage } from '../chat-store.ts';
import { badRequest, forbidden, Reason } from '../errors.ts';
import type { Params } from '../params.ts';
import type { FakeState } from '../state.ts';

/** The bot as it appears in `from` of its own messages. */
export function botUser(state: FakeState): User {
  const { id, is_bot, first_name, username } = state.bot;
  return { id, is_bot, first_name, username };
}

/** The chat named by chat_id (a number or "@username"), or Telegram's "chat not found". */
export function knownChat(state: FakeState, params: Params): ChatRecord {
  const id = params.chatId();
  const numeric = typeof id === 'number' ? id : /^-?\d+$/.test(id) ? Number(id) : undefined;
  const record = numeric !== undefined ? state.chats.get(numeric) : state.chats.byUsername(String(id));
  if (record) return record;
  // A user the bot has seen (in a group, or in inline mode) but who never opened a private chat with it.
  if (numeric !== undefined && numeric > 0 && state.chats.users.has(numeric))
    throw forbidden(Reason.cantInitiate);
  throw badRequest(Reason.chatNotFound);
}

/** A chat the bot may write to now. */
export function writableChat(state: FakeState, params: Params): ChatRecord {
  const record = knownChat(state, params);
  assertNotBlocked(record);
  return record;
}

export function assertNotBlocked(record: ChatRecord): void {
  if (!record.blocked) return;
  if (record.chat.type === 'private') throw forbidden(Reason.blocked);
  throw forbidden(
    `bot was kicked from the ${record.chat.type === 'group' ? 'group' : record.chat.type} chat`,
  );
}

/** What an edit method refers to: chat_id + message_id, or inline_message_id. */
export type EditTarget =
  | { kind: 'chat'; record: ChatRecord; stored: StoredMessage }
  | { kind: 'inline'; stored: StoredMessage };

export function editTarget(state: FakeState, params: Params): EditTarget {
  const inlineId = params.string('inline_message_id');
  if (inlineId) {
    const stored = state.chats.inlineMessages.get(inlineId);
    if (!stored) throw badRequest('MESSAGE_ID_INVALID');
    return { kind: 'inline', stored };
  }
  const record = writableChat(state, params);
  const messageId = params.int('message_id');
  if (messageId === undefined) throw badRequest(Reason.messageIdMissing);
  const stored = record.messages.get(messageId);
  if (!stored || stored.deleted) throw badRequest(Reason.editNotFound);
  if (stored.sender !== 'bot' || stored.message.via_bot) throw badRequest(Reason.cantBeEdited);
  return { kind: 'chat', record, stored };
}

/** Edits answer with the edited Message, or `true` for inline messages. */
export function editResult(target: EditTarget): Message | true {
  return target.kind === 'inline' ? true : target.stored.message;
}

/** reply_parameters (or the older reply_to_message_id): the message being replied to. */
export function replyTarget(record: ChatRecord, params: Params): Message | undefined {
  const parameters = params.json<{ message_id?: number; allow_sending_without_reply?: boolean }>(
    'reply_parameters',
    "can't parse reply parameters JSON object",
  );
  const messageId = parameters?.message_id ?? params.int('reply_to_message_id');
  if (messageId === undefined) return undefined;
  const stored = record.messages.get(messageId);
  if (!stored || stored.deleted) {
    if (parameters?.allow_sending_without_reply ?? params.bool('allow_sending_without_reply'))
      return undefined;
    throw badRequest(Reason.replyNotFound);
  }
  // Telegram nests only one level of replies.
  const { reply_to_message: _nested, ...replied } = structuredClone(stored.message);
  return replied as Message;
}

/** Fields every send method copies from its parameters onto the message. */
export function sendOptions(record: ChatRecord, params: Params): Partial<Message> {
  const reply = replyTarget(record, params);
  return {
    ...(reply ? { reply_to_message: reply as Message & { reply_to_message: undefined } } : {}),
    ...(params.bool('protect_content') ? { has_protected_content: true as const } : {}),
  };
}

export const MEDIA_KEYS = ['photo', 'audio', 'document', 'video', 'animation', 'voice'] as const;

export function hasMedia(message: Message): boolean {
  return MEDIA_KEYS.some((key) => message[key] !== undefined);
}

/** Deep equality of JSON values, ignoring key order (for "message is not modified"). */
export function sameJson(a: unknown, b: unknown): boolean {
  return stable(a) === stable(b);
}

function stable(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) {
    return value.length === 0 ? 'undefined' : `[${value.map(stable).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
