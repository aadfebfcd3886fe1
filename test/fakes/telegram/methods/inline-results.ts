import type { InlineQueryResult, InlineQueryResultsButton } from 'grammy/types';
import { badRequest } from '../errors.ts';
import type { FileKind, FileStore } from '../file-store.ts';
import { resolveInputFile } from '../input-files.ts';
import { parseReplyMarkup } from '../reply-markup.ts';
import { formatCaption, formatMessageText } from '../text-format.ts';

const MAX_RESULTS = 50;
const MAX_ID_BYTES = 64;
const MAX_NEXT_OFFSET_BYTES = 64;

const RESULT_TYPES = new Set([
  'article',
  'audio',
  'contact',
  'document',
  'game',
  'gif',
  'location',
  'mpeg4_gif',
  'photo',
  'sticker',
  'venue',
  'video',
  'voice',
]);

// Results that point at a file the bot sent before.
const CACHED_FILE_FIELDS: Record<string, FileKind> = {
  audio_file_id: 'audio',
  document_file_id: 'document',
  photo_file_id: 'photo',
};

type ResultJson = Record<string, unknown>;

/** Checks an answerInlineQuery payload the way Telegram does and returns the stored copy. */
export function checkInlineResults(value: unknown, files: FileStore): InlineQueryResult[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw badRequest("can't parse JSON encoded inline query results");
  if (value.length > MAX_RESULTS) throw badRequest('RESULTS_TOO_MUCH');
  const seen = new Set<string>();
  for (const raw of value as unknown[]) {
    if (raw === null || typeof raw !== 'object')
      throw badRequest("can't parse inline query result: Object expected");
    const result = raw as ResultJson;
    if (typeof result.type !== 'string') throw missingField('type');
    if (!RESULT_TYPES.has(result.type)) throw badRequest('RESULT_TYPE_INVALID');
    if (result.id === undefined) throw missingField('id');
    const id = String(result.id);
    if (id === '') throw badRequest('RESULT_ID_EMPTY');
    if (Buffer.byteLength(id, 'utf8') > MAX_ID_BYTES) throw badRequest('RESULT_ID_INVALID');
    if (seen.has(id)) throw badRequest('RESULT_ID_DUPLICATE');
    seen.add(id);
    checkResult(result, files);
  }
  return structuredClone(value as InlineQueryResult[]);
}

function checkResult(result: ResultJson, files: FileStore): void {
  if (result.type === 'article') {
    if (typeof result.title !== 'string') throw missingField('title');
    if (result.input_message_content === undefined) throw missingField('input_message_content');
  }
  const content = result.input_message_content as ResultJson | undefined;
  if (content !== undefined && 'message_text' in content) {
    formatMessageText(
      content.message_text as string,
      content.parse_mode as string | undefined,
      content.entities,
    );
  }
  if (typeof result.caption === 'string') {
    formatCaption(result.caption, result.parse_mode as string | undefined, result.caption_entities);
  }
  parseReplyMarkup(result.reply_markup, true);
  for (const [field, kind] of Object.entries(CACHED_FILE_FIELDS)) {
    if (result[field] === undefined) continue;
    resolveInputFile(
      { uploads: [], files, remoteFiles: new Map() },
      { param: field, value: result[field], accepts: [kind], noun: kind, allowUpload: false },
    );
  }
}

export function checkNextOffset(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (Buffer.byteLength(value, 'utf8') > MAX_NEXT_OFFSET_BYTES) throw badRequest('NEXT_OFFSET_INVALID');
  return value;
}

export function checkResultsButton(value: unknown): InlineQueryResultsButton | undefined {
  if (value === undefined) return undefined;
  const button = value as Partial<InlineQueryResultsButton>;
  if (typeof button?.text !== 'string' || button.text === '') {
    throw badRequest('can\'t parse InlineQueryResultsButton: Field "text" must be of type String');
  }
  if (button.start_parameter !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(button.start_parameter)) {
    throw badRequest('START_PARAM_INVALID');
  }
  return structuredClone(button as InlineQueryResultsButton);
}

const missingField = (field: string) =>
  badRequest(`can't parse inline query result: Can't find field "${field}"`);
