import type { Message } from 'grammy/types';
import { badRequest, Reason } from '../errors.ts';
import { parseReplyMarkup } from '../reply-markup.ts';
import { formatCaption, formatMessageText } from '../text-format.ts';
import {
  botUser,
  editResult,
  editTarget,
  hasMedia,
  knownChat,
  sameJson,
  sendOptions,
  writableChat,
} from './targets.ts';
import type { MethodHandler } from './types.ts';

export const sendMessage: MethodHandler = ({ params }, state) => {
  const record = writableChat(state, params);
  const formatted = formatMessageText(
    params.string('text'),
    params.string('parse_mode'),
    params.values.entities,
  );
  const markup = parseReplyMarkup(params.values.reply_markup, false);
  const stored = state.chats.append(
    record,
    {
      ...sendOptions(record, params),
      ...formatted,
      ...(markup ? { reply_markup: markup } : {}),
    },
    'bot',
    botUser(state),
  );
  return stored.message;
};

export const editMessageText: MethodHandler = ({ params }, state) => {
  const target = editTarget(state, params);
  const current = target.stored.message;
  if (current.text === undefined) throw badRequest('there is no text in the message to edit');
  const formatted = formatMessageText(
    params.string('text'),
    params.string('parse_mode'),
    params.values.entities,
  );
  // Omitting reply_markup in an edit removes the keyboard, so "unchanged" compares against none.
  const markup = parseReplyMarkup(params.values.reply_markup, true);
  if (
    current.text === formatted.text &&
    sameJson(current.entities, formatted.entities) &&
    sameJson(current.reply_markup, markup)
  ) {
    throw badRequest(Reason.notModified);
  }
  state.chats.edit(target.stored, (message) => {
    message.text = formatted.text;
    setOrDelete(message, 'entities', formatted.entities);
    setOrDelete(message, 'reply_markup', markup);
  });
  return editResult(target);
};

export const editMessageCaption: MethodHandler = ({ params }, state) => {
  const target = editTarget(state, params);
  const current = target.stored.message;
  if (!hasMedia(current)) throw badRequest('there is no caption in the message to edit');
  const caption = formatCaption(
    params.string('caption'),
    params.string('parse_mode'),
    params.values.caption_entities,
  );
  const markup = parseReplyMarkup(params.values.reply_markup, true);
  if (
    current.caption === caption?.text &&
    sameJson(current.caption_entities, caption?.entities) &&
    sameJson(current.reply_markup, markup)
  ) {
    throw badRequest(Reason.notModified);
  }
  state.chats.edit(target.stored, (message) => {
    setOrDelete(message, 'caption', caption?.text);
    setOrDelete(message, 'caption_entities', caption?.entities);
    setOrDelete(message, 'reply_markup', markup);
  });
  return editResult(target);
};

export const editMessageReplyMarkup: MethodHandler = ({ params }, state) => {
  const target = editTarget(state, params);
  const markup = parseReplyMarkup(params.values.reply_markup, true);
  if (sameJson(target.stored.message.reply_markup, markup)) throw badRequest(Reason.notModified);
  state.chats.edit(target.stored, (message) => setOrDelete(message, 'reply_markup', markup));
  return editResult(target);
};

export const deleteMessage: MethodHandler = ({ params }, state) => {
  const record = knownChat(state, params);
  const messageId = params.int('message_id');
  if (messageId === undefined) throw badRequest(Reason.messageIdMissing);
  const stored = record.messages.get(messageId);
  if (!stored || stored.deleted) throw badRequest(Reason.deleteNotFound);
  // Bots delete their own messages anywhere and users' messages in private chats; in groups the
  // latter needs admin rights.
  if (stored.sender === 'user' && record.chat.type !== 'private' && !record.botIsAdmin) {
    throw badRequest(Reason.cantBeDeleted);
  }
  stored.deleted = true;
  return true;
};

/** Sets an optional Message field, or removes it so the JSON has no key at all (as Telegram's). */
export function setOrDelete<K extends keyof Message>(
  message: Message,
  key: K,
  value: Message[K] | undefined,
): void {
  if (value === undefined) delete message[key];
  else message[key] = value;
}
