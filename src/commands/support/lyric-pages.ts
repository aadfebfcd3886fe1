/**
 * Lyrics as chat text: each line followed by its translation in italics, cut into pages that fit
 * one Discord or Telegram message. Pure functions, so paging is tested without a network.
 */
import type { Lyrics } from '../../netease/models.ts';
import { type Rich, rich } from '../rich-text.ts';
import { truncate } from './format.ts';

/** A line and its translation; an empty `text` marks a break between stanzas. */
export interface LyricBlock {
  text: string;
  translation?: string;
}

/**
 * Budget of one page in characters. Discord allows 2000 in a message and 4096 in an embed,
 * Telegram 4096: 1800 leaves room for a title, a footer and each platform's markup.
 */
export const LYRICS_PAGE_CHARS = 1800;
/** What italics cost once rendered (`<i></i>` in Telegram HTML, the most expensive). */
const ITALIC_MARKUP = 7;

/** The lines to show: timed lines with their translations, else the untimed text. */
export function lyricBlocks(lyrics: Lyrics): LyricBlock[] {
  const raw: LyricBlock[] =
    lyrics.lines.length > 0
      ? lyrics.lines.map((line) => ({
          text: line.text.trim(),
          ...(line.translation?.trim() ? { translation: line.translation.trim() } : {}),
        }))
      : (lyrics.plainText ?? '').split('\n').map((text) => ({ text: text.trim() }));
  // Blank lines mark the ends of phrases in LRC; several in a row, or at either end, add nothing.
  const blocks: LyricBlock[] = [];
  for (const block of raw) {
    if (block.text === '' && !block.translation && (blocks.length === 0 || blocks.at(-1)?.text === ''))
      continue;
    blocks.push(block.text === '' && !block.translation ? { text: '' } : block);
  }
  while (blocks.at(-1)?.text === '') blocks.pop();
  return blocks;
}

function cost(block: LyricBlock): number {
  // +1 per line for its line break.
  return block.text.length + 1 + (block.translation ? block.translation.length + 1 + ITALIC_MARKUP : 0);
}

/** A block that would not fit on any page is cut, so no page can exceed the budget. */
function fitted(block: LyricBlock, budget: number): LyricBlock {
  if (cost(block) <= budget) return block;
  const half = Math.floor((budget - ITALIC_MARKUP) / 2) - 1;
  return block.translation
    ? { text: truncate(block.text, half), translation: truncate(block.translation, half) }
    : { text: truncate(block.text, budget - 1) };
}

/**
 * Splits blocks into pages of at most `budget` characters. A stanza that would straddle two pages
 * moves to the next one when what it leaves behind is still more than half a page.
 */
export function paginateLyrics(blocks: readonly LyricBlock[], budget = LYRICS_PAGE_CHARS): LyricBlock[][] {
  const pages: LyricBlock[][] = [];
  let page: LyricBlock[] = [];
  let used = 0;
  const close = () => {
    while (page.at(-1)?.text === '') page.pop();
    if (page.length) pages.push(page);
    page = [];
    used = 0;
  };
  for (const original of blocks) {
    const block = fitted(original, budget);
    if (used + cost(block) > budget) {
      const lastBreak = page.findLastIndex((b) => b.text === '' && !b.translation);
      const tail = lastBreak > 0 ? page.slice(lastBreak + 1) : [];
      const tailCost = tail.reduce((sum, b) => sum + cost(b), 0);
      // Carry the unfinished stanza over only when it is the smaller part and still fits.
      const carried = tail.length && tailCost < budget / 2 && tailCost + cost(block) <= budget ? tail : [];
      page.splice(page.length - carried.length);
      close();
      for (const b of carried) {
        page.push(b);
        used += cost(b);
      }
    }
    if (page.length === 0 && block.text === '') continue;
    page.push(block);
    used += cost(block);
  }
  close();
  return pages;
}

/** One page as rich text: translations in italics under their lines, blank lines between stanzas. */
export function renderLyricPage(blocks: readonly LyricBlock[]): Rich {
  const parts: Rich[] = [];
  blocks.forEach((block, i) => {
    if (i > 0) parts.push('\n');
    if (block.text) parts.push(block.text);
    if (block.translation) parts.push(block.text ? '\n' : '', rich.italic(block.translation));
  });
  return parts;
}
