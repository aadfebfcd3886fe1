import type { MessageEntity } from 'grammy/types';
import { badRequest, Reason } from './errors.ts';
import { HtmlParseError, parseHtml } from './html-parser.ts';

export interface FormattedText {
  text: string;
  entities?: MessageEntity[];
}

// Bot API limits, counted in UTF-16 code units like entity offsets.
export const MAX_TEXT_LENGTH = 4096;
export const MAX_CAPTION_LENGTH = 1024;

/** A message text: required, at most 4096 characters after parsing. */
export function formatMessageText(
  raw: string | undefined,
  parseMode: string | undefined,
  entities: unknown,
): FormattedText {
  const formatted = formatText('text', raw, parseMode, entities);
  if (!formatted) throw badRequest(Reason.textEmpty);
  return formatted;
}

/** A caption: optional (empty means none), at most 1024 characters after parsing. */
export function formatCaption(
  raw: string | undefined,
  parseMode: string | undefined,
  entities: unknown,
): FormattedText | undefined {
  return formatText('caption', raw, parseMode, entities);
}

/** The Message fields of a caption. */
export function captionFields(caption: FormattedText | undefined): {
  caption?: string;
  caption_entities?: MessageEntity[];
} {
  if (!caption) return {};
  return { caption: caption.text, ...(caption.entities ? { caption_entities: caption.entities } : {}) };
}

/**
 * Turns text + parse_mode (or explicit entities) into what Telegram stores: plain text and entities,
 * trimmed, with the length limits applied after parsing as the Bot API documents.
 */
function formatText(
  kind: 'text' | 'caption',
  raw: string | undefined,
  parseMode: string | undefined,
  explicitEntities: unknown,
): FormattedText | undefined {
  if (raw === undefined || raw === '') {
    if (kind === 'text') throw badRequest(Reason.textEmpty);
    return undefined;
  }
  let parsed: FormattedText;
  const mode = (parseMode ?? '').toLowerCase();
  if (mode === 'html') {
    try {
      parsed = parseHtml(raw);
    } catch (error) {
      if (error instanceof HtmlParseError) throw badRequest(`can't parse entities: ${error.message}`);
      throw error;
    }
  } else if (mode === '' || mode === 'markdown' || mode === 'markdownv2') {
    // Markdown modes are accepted but not parsed (this project renders HTML); see README "Known gaps".
    parsed = { text: raw, entities: validEntities(explicitEntities, raw.length) };
  } else {
    throw badRequest('unsupported parse_mode');
  }
  const trimmed = trim(parsed);
  if (trimmed.text === '') {
    if (kind === 'text') throw badRequest(Reason.textEmpty);
    return undefined;
  }
  if (kind === 'text' && trimmed.text.length > MAX_TEXT_LENGTH) throw badRequest(Reason.textTooLong);
  if (kind === 'caption' && trimmed.text.length > MAX_CAPTION_LENGTH) throw badRequest(Reason.captionTooLong);
  return trimmed.entities?.length ? trimmed : { text: trimmed.text };
}

function validEntities(value: unknown, textLength: number): MessageEntity[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw badRequest("can't parse entities JSON object");
  for (const e of value as Array<Partial<MessageEntity>>) {
    if (typeof e?.type !== 'string' || !Number.isInteger(e.offset) || !Number.isInteger(e.length)) {
      throw badRequest('can\'t parse MessageEntity: Field "type", "offset" and "length" must be present');
    }
    if (
      (e.offset as number) < 0 ||
      (e.length as number) <= 0 ||
      (e.offset as number) + (e.length as number) > textLength
    ) {
      throw badRequest('entity beginning or length is out of bounds');
    }
  }
  return structuredClone(value as MessageEntity[]);
}

/** Telegram strips leading and trailing whitespace and shifts or clips entities to match. */
function trim(input: FormattedText): FormattedText {
  const lead = input.text.length - input.text.trimStart().length;
  const text = input.text.trim();
  if (!input.entities) return { text };
  const entities: MessageEntity[] = [];
  for (const entity of input.entities) {
    const start = Math.max(0, entity.offset - lead);
    const end = Math.min(text.length, entity.offset + entity.length - lead);
    if (end > start) entities.push({ ...entity, offset: start, length: end - start });
  }
  return { text, entities };
}
