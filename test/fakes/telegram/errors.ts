import type { ResponseParameters } from 'grammy/types';

/**
 * An error the fake answers the way the Bot API does: the HTTP status equals `error_code` and the body
 * is `{ ok: false, error_code, description, parameters? }`. Handlers throw it; the dispatcher turns it
 * into the response, so no handler ever writes HTTP itself.
 */
export class TelegramError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
    this.name = 'TelegramError';
  }

  toBody(): TelegramErrorBody {
    return {
      ok: false,
      error_code: this.errorCode,
      description: this.description,
      ...(this.parameters ? { parameters: this.parameters } : {}),
    };
  }
}

export interface TelegramErrorBody {
  ok: false;
  error_code: number;
  description: string;
  parameters?: ResponseParameters;
}

// Telegram prefixes each description with the HTTP reason phrase; keeping the prefixing here means a
// handler only writes the part that differs, and every 400 reads exactly like the real one.
export const badRequest = (detail: string): TelegramError => new TelegramError(400, `Bad Request: ${detail}`);
export const forbidden = (detail: string): TelegramError => new TelegramError(403, `Forbidden: ${detail}`);
export const conflict = (detail: string): TelegramError => new TelegramError(409, `Conflict: ${detail}`);
export const unauthorized = (): TelegramError => new TelegramError(401, 'Unauthorized');
export const notFound = (): TelegramError => new TelegramError(404, 'Not Found');
export const entityTooLarge = (): TelegramError => new TelegramError(413, 'Request Entity Too Large');
export const tooManyRequests = (retryAfter: number): TelegramError =>
  new TelegramError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });

/**
 * Descriptions that more than one handler uses, or that bot code is likely to match on
 * (e.g. "message is not modified"), spelled once so they cannot drift apart.
 */
export const Reason = {
  queryTooOld: 'query is too old and response timeout expired or query ID is invalid',
  notModified:
    'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
  editNotFound: 'message to edit not found',
  deleteNotFound: 'message to delete not found',
  cantBeEdited: "message can't be edited",
  cantBeDeleted: "message can't be deleted",
  replyNotFound: 'message to be replied not found',
  chatNotFound: 'chat not found',
  chatIdEmpty: 'chat_id is empty',
  messageIdMissing: 'message identifier is not specified',
  wrongFileId: 'wrong file identifier/HTTP URL specified',
  fileTypeMismatch: 'type of file mismatch',
  urlContentFailed: 'failed to get HTTP URL content',
  textEmpty: 'message text is empty',
  textTooLong: 'message is too long',
  captionTooLong: 'message caption is too long',
  buttonDataInvalid: 'BUTTON_DATA_INVALID',
  buttonUrlInvalid: 'BUTTON_URL_INVALID',
  textButtonsUnallowed:
    "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
  markupNotObject: 'object expected as reply markup',
  markupUnparsable: "can't parse reply keyboard markup JSON object",
  inlineKeyboardExpected: 'inline keyboard expected',
  blocked: 'bot was blocked by the user',
  cantInitiate: "bot can't initiate conversation with a user",
  webhookActive:
    "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
  otherGetUpdates: 'terminated by other getUpdates request; make sure that only one bot instance is running',
} as const;
