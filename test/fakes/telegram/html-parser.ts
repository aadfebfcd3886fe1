import type { MessageEntity } from 'grammy/types';

/**
 * Telegram's parse_mode "HTML", following the behaviour of TDLib's parser (which the Bot API runs):
 * the same tags, the same leniencies (`&lt` without ';', `</>` closing the last tag, bare '>',
 * valueless attributes) and the same error texts with UTF-8 byte offsets, so that a bot that gets
 * past this fake does not trip over the real server, and its error handling sees real descriptions.
 */

export class HtmlParseError extends Error {}

export interface ParsedText {
  text: string;
  entities: MessageEntity[];
}

type EntityType = MessageEntity['type'];

const TAG_TYPES: Record<string, EntityType> = {
  a: 'text_link',
  b: 'bold',
  blockquote: 'blockquote',
  code: 'code',
  del: 'strikethrough',
  em: 'italic',
  i: 'italic',
  ins: 'underline',
  pre: 'pre',
  s: 'strikethrough',
  span: 'spoiler',
  strike: 'strikethrough',
  strong: 'bold',
  'tg-emoji': 'custom_emoji',
  'tg-spoiler': 'spoiler',
  u: 'underline',
};

// Order of entities that cover exactly the same text (TDLib sorts by offset, then longest first).
const TYPE_ORDER: EntityType[] = [
  'blockquote',
  'expandable_blockquote',
  'pre',
  'code',
  'bold',
  'italic',
  'underline',
  'strikethrough',
  'spoiler',
  'text_link',
  'custom_emoji',
];

interface OpenTag {
  name: string;
  attrs: Map<string, string>;
  start: number; // UTF-16 offset in the output text, the unit Bot API entities use
}

interface Collected {
  entity: MessageEntity;
  /** A <code class="language-x"> language, kept only until we know whether it merges into a <pre>. */
  codeLanguage?: string;
}

const isSpace = (ch: string | undefined): boolean =>
  ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v';
const isNameChar = (ch: string | undefined): boolean => ch !== undefined && /[A-Za-z0-9.-]/.test(ch);

export function parseHtml(input: string): ParsedText {
  const byteOffset = (index: number): number => Buffer.byteLength(input.slice(0, index), 'utf8');
  const stack: OpenTag[] = [];
  const collected: Collected[] = [];
  let text = '';
  let i = 0;

  const openTag = (): void => {
    const tagStart = i;
    const at = byteOffset(tagStart);
    i++;
    const nameStart = i;
    while (i < input.length && !isSpace(input[i]) && input[i] !== '>') i++;
    if (i >= input.length) throw new HtmlParseError(`Unclosed start tag at byte offset ${at}`);
    const name = input.slice(nameStart, i).toLowerCase();
    if (!Object.hasOwn(TAG_TYPES, name))
      throw new HtmlParseError(`Unsupported start tag "${name}" at byte offset ${at}`);
    const attrs = new Map<string, string>();
    for (;;) {
      while (isSpace(input[i])) i++;
      if (i >= input.length) throw new HtmlParseError(`Unclosed start tag "${name}" at byte offset ${at}`);
      if (input[i] === '>') {
        i++;
        break;
      }
      const attrStart = i;
      while (i < input.length && !isSpace(input[i]) && input[i] !== '=' && input[i] !== '>') i++;
      const attrName = input.slice(attrStart, i).toLowerCase();
      if (!attrName)
        throw new HtmlParseError(`Empty attribute name in the tag "${name}" at byte offset ${at}`);
      while (isSpace(input[i])) i++;
      if (i >= input.length) throw new HtmlParseError(`Unclosed start tag "${name}" at byte offset ${at}`);
      if (input[i] !== '=') {
        // A valueless attribute, e.g. <blockquote expandable>.
        if (!attrs.has(attrName)) attrs.set(attrName, '');
        continue;
      }
      i++;
      while (isSpace(input[i])) i++;
      if (i >= input.length) throw new HtmlParseError(`Unclosed start tag "${name}" at byte offset ${at}`);
      let value: string;
      const quote = input[i];
      if (quote === '"' || quote === "'") {
        const close = input.indexOf(quote, i + 1);
        if (close < 0) throw new HtmlParseError(`Unclosed start tag at byte offset ${at}`);
        value = decodeEntities(input.slice(i + 1, close));
        i = close + 1;
      } else {
        const valueStart = i;
        while (isNameChar(input[i])) i++;
        if (i >= input.length) throw new HtmlParseError(`Unclosed start tag "${name}" at byte offset ${at}`);
        if (!isSpace(input[i]) && input[i] !== '>') {
          // TDLib reports the position where the unquoted value began, not the offending character.
          throw new HtmlParseError(`Unexpected end of name token at byte offset ${byteOffset(valueStart)}`);
        }
        value = input.slice(valueStart, i);
      }
      if (!attrs.has(attrName)) attrs.set(attrName, value);
    }
    if (name === 'span' && attrs.get('class') !== 'tg-spoiler') {
      throw new HtmlParseError(`Tag "span" must have class "tg-spoiler" at byte offset ${at}`);
    }
    if (name === 'tg-emoji' && !/^\d+$/.test(attrs.get('emoji-id') ?? '')) {
      throw new HtmlParseError(`Custom emoji entity must contain a tag "emoji-id" at byte offset ${at}`);
    }
    stack.push({ name, attrs, start: text.length });
  };

  const closeTag = (): void => {
    const at = byteOffset(i);
    i += 2;
    const nameStart = i;
    while (i < input.length && !isSpace(input[i]) && input[i] !== '>') i++;
    const name = input.slice(nameStart, i).toLowerCase();
    while (isSpace(input[i])) i++;
    const open = stack.pop();
    if (!open) throw new HtmlParseError(`Unexpected end tag at byte offset ${at}`);
    if (input[i] !== '>') throw new HtmlParseError(`Unclosed end tag at byte offset ${at}`);
    i++;
    // "</>" (an empty name) closes whatever is open.
    if (name && name !== open.name) {
      throw new HtmlParseError(
        `Unmatched end tag at byte offset ${at}, expected "</${open.name}>", found "</${name}>"`,
      );
    }
    const length = text.length - open.start;
    if (length > 0) addEntity(open, length);
  };

  const addEntity = (open: OpenTag, length: number): void => {
    const offset = open.start;
    const type = TAG_TYPES[open.name] as EntityType;
    const last = collected.at(-1);
    const sameSpan = last !== undefined && last.entity.offset === offset && last.entity.length === length;
    if (type === 'text_link') {
      // Without href the link text itself is the URL, if it is one.
      const url = normalizeUrl(open.attrs.get('href') || text.slice(offset));
      if (url) collected.push({ entity: { type, offset, length, url } });
      return;
    }
    if (type === 'custom_emoji') {
      const id = open.attrs.get('emoji-id') ?? '';
      collected.push({ entity: { type, offset, length, custom_emoji_id: id } });
      return;
    }
    if (type === 'blockquote' && open.attrs.has('expandable')) {
      collected.push({ entity: { type: 'expandable_blockquote', offset, length } });
      return;
    }
    const language =
      open.name === 'code' ? /^language-(.+)$/.exec(open.attrs.get('class') ?? '')?.[1] : undefined;
    // <pre><code class="language-x"> (in either nesting) spanning the same text is one pre entity with
    // a language; without a language both entities stay, as TDLib does.
    if (type === 'pre' && sameSpan && last.entity.type === 'code' && last.codeLanguage) {
      last.entity = { type: 'pre', offset, length, language: last.codeLanguage };
      delete last.codeLanguage;
      return;
    }
    if (type === 'code' && language && sameSpan && last.entity.type === 'pre') {
      last.entity = { type: 'pre', offset, length, language };
      return;
    }
    if (type === 'pre') {
      collected.push({ entity: { type: 'pre', offset, length } });
      return;
    }
    collected.push({
      entity: { type, offset, length } as MessageEntity,
      ...(language ? { codeLanguage: language } : {}),
    });
  };

  while (i < input.length) {
    const ch = input[i] as string;
    if (ch === '&') {
      const decoded = decodeEntityAt(input, i);
      text += decoded.value;
      i = decoded.next;
    } else if (ch === '<' && input[i + 1] === '/') {
      closeTag();
    } else if (ch === '<') {
      openTag();
    } else {
      text += ch;
      i++;
    }
  }
  const unclosed = stack.at(-1);
  if (unclosed) throw new HtmlParseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)) {
    throw new HtmlParseError(
      'Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units',
    );
  }
  const entities = collected.map((c) => c.entity);
  entities.sort(
    (a, b) =>
      a.offset - b.offset || b.length - a.length || TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type),
  );
  return { text, entities };
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/**
 * One `&...` reference. Only the four named entities the Bot API documents are decoded (even without
 * the ';'); any other `&name;` and out-of-range numbers stay literally in the text.
 */
function decodeEntityAt(input: string, at: number): { value: string; next: number } {
  let i = at + 1;
  if (input[i] === '#') {
    i++;
    const hex = input[i] === 'x' || input[i] === 'X';
    if (hex) i++;
    const digitsStart = i;
    while (i < input.length && (hex ? /[0-9a-fA-F]/ : /[0-9]/).test(input[i] as string)) i++;
    const digits = input.slice(digitsStart, i);
    const code = digits ? Number.parseInt(digits, hex ? 16 : 10) : Number.NaN;
    if (!(code > 0 && code <= 0x10ffff)) return { value: '&', next: at + 1 };
    if (input[i] === ';') i++;
    // Surrogate code points become lone UTF-16 units here; parseHtml rejects them afterwards, like TDLib.
    return {
      value: code >= 0xd800 && code <= 0xdfff ? String.fromCharCode(code) : String.fromCodePoint(code),
      next: i,
    };
  }
  const nameStart = i;
  while (i < input.length && /[A-Za-z]/.test(input[i] as string)) i++;
  const name = input.slice(nameStart, i);
  const value = Object.hasOwn(NAMED, name) ? NAMED[name] : undefined;
  if (value === undefined) return { value: '&', next: at + 1 };
  if (input[i] === ';') i++;
  return { value, next: i };
}

function decodeEntities(raw: string): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    if (raw[i] === '&') {
      const decoded = decodeEntityAt(raw, i);
      out += decoded.value;
      i = decoded.next;
    } else {
      out += raw[i];
      i++;
    }
  }
  return out;
}

/**
 * Roughly TDLib's check_url: no whitespace, a host, http:// assumed when no scheme is given, and a '/'
 * after the host of web URLs. Returns undefined when Telegram would drop the link.
 */
export function normalizeUrl(raw: string): string | undefined {
  if (!raw || /\s/.test(raw)) return undefined;
  const withScheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.test(raw) ? raw : `http://${raw}`;
  const web = /^(https?|ftp|tonsite):\/\/([^/?#]+)(.*)$/i.exec(withScheme);
  if (web) {
    const [, scheme, host, rest] = web as unknown as [string, string, string, string];
    if (!/^[^@:\s]+(:\d+)?$/.test(host.replace(/^[^@]*@/, '')) || !host.replace(/:\d+$/, '').includes('.')) {
      if (!/^localhost(:\d+)?$/i.test(host)) return undefined;
    }
    return `${scheme.toLowerCase()}://${host}${rest.startsWith('/') ? rest : `/${rest}`}`;
  }
  return /^tg:\/\/./i.test(withScheme) ? withScheme : undefined;
}
