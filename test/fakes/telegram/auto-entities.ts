import type { MessageEntity } from 'grammy/types';

// Telegram's clients and servers mark these in every user message; grammY's bot.command() relies on
// the bot_command entity at offset 0, so injected messages must carry it exactly as Telegram would.
const PATTERNS: Array<[MessageEntity['type'], RegExp]> = [
  ['bot_command', /(?<![\w/@#])\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![\w/@])/g],
  ['mention', /(?<![\w/@#])@[A-Za-z0-9_]{5,32}(?![\w@])/g],
  ['hashtag', /(?<![\w/@#])#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*/gu],
  ['url', /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'"]/g],
];

/** The entities Telegram would attach to plain text a user typed. Offsets are UTF-16, like the API's. */
export function detectEntities(text: string): MessageEntity[] {
  const found: MessageEntity[] = [];
  for (const [type, pattern] of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const offset = match.index;
      const length = match[0].length;
      // A URL's "/path" or "@user" must not also count as a command or a mention.
      if (found.some((e) => offset < e.offset + e.length && e.offset < offset + length)) continue;
      found.push({ type, offset, length } as MessageEntity);
    }
  }
  return found.sort((a, b) => a.offset - b.offset);
}
