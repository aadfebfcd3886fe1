import { badRequest, Reason } from './errors.ts';

/**
 * Parameters whose values are objects or arrays. JSON bodies carry them as such, but urlencoded and
 * multipart bodies (grammY switches to multipart as soon as one file is attached) carry them as JSON
 * strings, and Telegram accepts a JSON string in a JSON body too. Only these keys are decoded: a
 * free-text value such as `text: "[1] song"` must never be mistaken for JSON.
 */
const JSON_KEYS = new Set([
  'allowed_updates',
  'button',
  'caption_entities',
  'commands',
  'entities',
  'input_message_content',
  'link_preview_options',
  'media',
  'reply_markup',
  'reply_parameters',
  'results',
  'scope',
]);

/** Numeric parameters, so that recorded params read the same whatever body encoding the client used. */
const INT_KEYS = new Set([
  'cache_time',
  'chat_id',
  'duration',
  'height',
  'limit',
  'max_connections',
  'message_id',
  'message_thread_id',
  'offset',
  'reply_to_message_id',
  'timeout',
  'user_id',
  'width',
]);

const BOOL_KEYS = new Set([
  'allow_sending_without_reply',
  'disable_content_type_detection',
  'disable_notification',
  'disable_web_page_preview',
  'drop_pending_updates',
  'has_spoiler',
  'is_personal',
  'protect_content',
  'show_alert',
  'show_caption_above_media',
]);

/** Decodes form-encoded strings into the values a JSON body would have carried. */
export function normalizeParams(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === null || value === undefined) continue;
    out[key] = typeof value === 'string' ? decodeString(key, value) : value;
  }
  return out;
}

function decodeString(key: string, value: string): unknown {
  if (JSON_KEYS.has(key)) {
    try {
      return JSON.parse(value);
    } catch {
      // Left as a string: the handler reports it in Telegram's words, which differ per parameter.
      return value;
    }
  }
  // chat_id may legitimately be "@channelusername", so only all-digit strings become numbers.
  if (INT_KEYS.has(key) && /^-?\d+$/.test(value)) return Number(value);
  if (BOOL_KEYS.has(key) && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/** Typed, Telegram-worded access to one call's parameters. */
export class Params {
  constructor(readonly values: Readonly<Record<string, unknown>>) {}

  has(key: string): boolean {
    return this.values[key] !== undefined;
  }

  string(key: string): string | undefined {
    const value = this.values[key];
    if (value === undefined) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw badRequest(`field "${key}" must be of type String`);
  }

  requiredString(key: string, missing = `${key} is empty`): string {
    const value = this.string(key);
    if (value === undefined || value === '') throw badRequest(missing);
    return value;
  }

  int(key: string): number | undefined {
    const value = this.values[key];
    if (value === undefined || value === '') return undefined;
    const n = typeof value === 'string' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isInteger(n))
      throw badRequest(`field "${key}" must be of type Integer`);
    return n;
  }

  bool(key: string): boolean {
    const value = this.values[key];
    return value === true || value === 'true' || value === 1 || value === '1';
  }

  /** An object or array parameter; `invalid` is the description Telegram uses when it is not JSON. */
  json<T>(key: string, invalid: string): T | undefined {
    const value = this.values[key];
    if (value === undefined || value === '') return undefined;
    if (typeof value === 'string') {
      // normalizeParams already tried JSON.parse; a string here means the text was not valid JSON.
      throw badRequest(invalid);
    }
    return value as T;
  }

  /** chat_id as a number, or "@username" for public chats. */
  chatId(): number | string {
    const value = this.values.chat_id;
    if (value === undefined || value === '') throw badRequest(Reason.chatIdEmpty);
    if (typeof value === 'number') return value;
    if (typeof value === 'string') return value;
    throw badRequest(Reason.chatNotFound);
  }
}
