import { getChat, sendChatAction } from './chats.ts';
import { deleteMyCommands, getMyCommands, setMyCommands } from './commands.ts';
import { editMessageMedia, sendAudio, sendDocument, sendPhoto } from './media.ts';
import {
  deleteMessage,
  editMessageCaption,
  editMessageReplyMarkup,
  editMessageText,
  sendMessage,
} from './messages.ts';
import { answerCallbackQuery, answerInlineQuery } from './queries.ts';
import type { MethodHandler } from './types.ts';
import { deleteWebhook, getMe, getUpdates, getWebhookInfo, setWebhook } from './updates.ts';

/** Every method the fake implements; anything else answers 404 like an unknown method on Telegram. */
export const METHODS: Record<string, MethodHandler> = {
  getMe,
  getUpdates,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
  sendMessage,
  editMessageText,
  editMessageCaption,
  editMessageReplyMarkup,
  editMessageMedia,
  deleteMessage,
  sendPhoto,
  sendAudio,
  sendDocument,
  sendChatAction,
  getChat,
  answerCallbackQuery,
  answerInlineQuery,
  setMyCommands,
  getMyCommands,
  deleteMyCommands,
};
