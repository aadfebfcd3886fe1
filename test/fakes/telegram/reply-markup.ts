import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import { badRequest, Reason } from './errors.ts';
import { normalizeUrl } from './html-parser.ts';

// Exactly one of these makes a button do something; a button with none is a "text button".
const ACTIONS = [
  'url',
  'callback_data',
  'web_app',
  'login_url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'copy_text',
  'callback_game',
  'pay',
  'disabled',
] as const;

const MAX_CALLBACK_DATA_BYTES = 64;

/**
 * Validates reply_markup as Telegram does and returns what a Message would carry: only inline
 * keyboards are stored on messages, reply keyboards and force_reply are accepted and forgotten.
 * `inlineOnly` is for edits and inline results, which take nothing but an inline keyboard.
 */
export function parseReplyMarkup(value: unknown, inlineOnly: boolean): InlineKeyboardMarkup | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') throw badRequest(Reason.markupUnparsable);
  if (typeof value !== 'object' || Array.isArray(value)) throw badRequest(Reason.markupNotObject);
  const markup = value as Record<string, unknown>;
  if (!('inline_keyboard' in markup)) {
    if (inlineOnly) throw badRequest(Reason.inlineKeyboardExpected);
    return undefined;
  }
  const rows = markup.inline_keyboard;
  if (!Array.isArray(rows) || rows.some((row) => !Array.isArray(row))) {
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
  }
  const checked = (rows as unknown[][]).map((row) => row.map(checkButton)).filter((row) => row.length > 0);
  // An empty keyboard is how a bot removes one; the message then has no reply_markup at all.
  return checked.length > 0 ? { inline_keyboard: checked } : undefined;
}

function checkButton(raw: unknown): InlineKeyboardButton {
  if (raw === null || typeof raw !== 'object') {
    throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
  }
  const button = raw as Record<string, unknown>;
  if (typeof button.text !== 'string') {
    throw badRequest('can\'t parse inline keyboard button: Field "text" must be of type String');
  }
  const actions = ACTIONS.filter((key) => button[key] !== undefined);
  if (actions.length === 0) throw badRequest(Reason.textButtonsUnallowed);
  if (button.callback_data !== undefined) {
    const data = button.callback_data;
    const bytes = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : 0;
    if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) throw badRequest(Reason.buttonDataInvalid);
  }
  if (button.url !== undefined && (typeof button.url !== 'string' || !normalizeUrl(button.url))) {
    throw badRequest(Reason.buttonUrlInvalid);
  }
  return structuredClone(button) as unknown as InlineKeyboardButton;
}

/** Every callback button of a keyboard, in reading order (for pressing buttons in tests). */
export function callbackButtons(
  markup: InlineKeyboardMarkup | undefined,
): InlineKeyboardButton.CallbackButton[] {
  return (markup?.inline_keyboard ?? [])
    .flat()
    .filter(
      (b): b is InlineKeyboardButton.CallbackButton => 'callback_data' in b && b.callback_data !== undefined,
    );
}
