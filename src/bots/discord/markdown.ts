/**
 * Discord markdown for the neutral rich text. Every user-supplied string (song titles, comments,
 * nicknames) goes through `escapeMarkdown`, so a song called `**_晴天_**` or `[x](http://evil)`
 * shows as typed and can neither format the message nor smuggle in a masked link.
 */
import { type Rich, type RichRenderer, renderRich } from '../../commands/rich-text.ts';

// Discord's parser treats a backslash before any ASCII punctuation as an escape. These are the
// characters that start formatting anywhere in a line: emphasis, strike, code, spoilers, masked
// links (`[` and `]` suffice to break `[text](url)`), and `<...>` (mentions, emoji, timestamps).
// Parentheses stay as they are: escaping every `(` would only clutter the text.
const INLINE = /[\\*_~`|<[\]]/g;
// These only mean something at the start of a line: headings, quotes, lists, subtext (`-#`).
const LINE_START = /^(\s*)([#>+-]|\d+[.)])/gm;

export function escapeMarkdown(text: string): string {
  return text.replace(INLINE, '\\$&').replace(LINE_START, (_whole, space: string, mark: string) => {
    return `${space}${mark.replace(/[#>+\-.)]/, '\\$&')}`;
  });
}

/** Inline code cannot escape a backtick, so one inside the value becomes a look-alike. */
function inlineCode(value: string): string {
  if (value === '') return '';
  return `\`${value.replace(/`/g, 'ˋ').replace(/\n/g, ' ')}\``;
}

/** Parentheses and spaces would end the link target early; percent-encoding keeps it one URL. */
function linkTarget(url: string): string {
  // encodeURIComponent leaves parentheses as they are, hence the explicit codes.
  const codes: Record<string, string> = { '(': '%28', ')': '%29', '<': '%3C', '>': '%3E' };
  return url.replace(/[()\s<>]/g, (c) => codes[c] ?? encodeURIComponent(c));
}

const wrap = (marker: string) => (inner: string) => (inner === '' ? '' : `${marker}${inner}${marker}`);

export const discordMarkdown: RichRenderer = {
  text: escapeMarkdown,
  bold: wrap('**'),
  // `*` rather than `_`: an underscore next to a word character is not treated as emphasis.
  italic: wrap('*'),
  code: inlineCode,
  link: (inner, url) => {
    if (!/^https?:\/\//i.test(url)) return inner;
    return inner === '' ? `<${linkTarget(url)}>` : `[${inner}](${linkTarget(url)})`;
  },
  quote: (inner) =>
    inner
      .split('\n')
      .map((line) => `> ${line}`)
      .join('\n'),
};

export function toMarkdown(node: Rich): string {
  return renderRich(node, discordMarkdown);
}

/** Cuts text to Discord's limit for a field, marking the cut; never splits a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  let cut = text.slice(0, end);
  // A cut right after a lone backslash would escape the ellipsis instead of the next character.
  if (/(^|[^\\])(\\\\)*\\$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}
