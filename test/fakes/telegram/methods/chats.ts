import { badRequest } from '../errors.ts';
import { knownChat, writableChat } from './targets.ts';
import type { MethodHandler } from './types.ts';

const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);

export const sendChatAction: MethodHandler = ({ params }, state) => {
  const record = writableChat(state, params);
  const action = params.string('action');
  if (!action || !CHAT_ACTIONS.has(action)) throw badRequest('wrong parameter action in request');
  record.actions.push({ action, date: state.now() });
  return true;
};

export const getChat: MethodHandler = ({ params }, state) => {
  const { chat } = knownChat(state, params);
  // ChatFullInfo: the Chat plus the fields Bot API 7.3+ always includes.
  return {
    ...chat,
    accent_color_id: Math.abs(chat.id) % 7,
    max_reaction_count: 11,
    accepted_gift_types: {
      unlimited_gifts: false,
      limited_gifts: false,
      unique_gifts: false,
      premium_subscription: false,
      gifts_from_channels: false,
    },
  };
};
