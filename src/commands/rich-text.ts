/**
 * A small neutral text tree. Commands build it; each adapter renders it (Discord markdown,
 * Telegram HTML, plain text) and escapes user-supplied strings itself, so a song called
 * `*<b>_` can never break formatting or inject markup.
 */
export type Rich =
  | string
  | readonly Rich[]
  | { readonly bold: Rich }
  | { readonly italic: Rich }
  | { readonly code: string }
  | { readonly link: string; readonly text: Rich }
  | { readonly quote: Rich };

export const rich = {
  bold: (content: Rich): Rich => ({ bold: content }),
  italic: (content: Rich): Rich => ({ italic: content }),
  code: (content: string | number): Rich => ({ code: String(content) }),
  link: (text: Rich, url: string): Rich => ({ link: url, text }),
  quote: (content: Rich): Rich => ({ quote: content }),
  /** Joins parts with line breaks, dropping empty ones. */
  lines: (...parts: (Rich | undefined | false)[]): Rich =>
    parts
      .filter((part): part is Rich => part !== undefined && part !== false && part !== '')
      .flatMap((part, i) => (i === 0 ? [part] : ['\n', part])),
  /** Joins parts with a separator, dropping empty ones. */
  join: (parts: (Rich | undefined | false)[], separator: Rich): Rich =>
    parts
      .filter((part): part is Rich => part !== undefined && part !== false && part !== '')
      .flatMap((part, i) => (i === 0 ? [part] : [separator, part])),
};

export interface RichRenderer {
  text(value: string): string;
  bold(inner: string): string;
  italic(inner: string): string;
  code(value: string): string;
  link(inner: string, url: string): string;
  quote(inner: string): string;
}

// Array.isArray does not narrow readonly arrays, hence the explicit guard.
function isRichList(node: Rich): node is readonly Rich[] {
  return Array.isArray(node);
}

export function renderRich(node: Rich, renderer: RichRenderer): string {
  if (typeof node === 'string') return renderer.text(node);
  if (isRichList(node)) return node.map((child) => renderRich(child, renderer)).join('');
  if ('bold' in node) return renderer.bold(renderRich(node.bold, renderer));
  if ('italic' in node) return renderer.italic(renderRich(node.italic, renderer));
  if ('code' in node) return renderer.code(node.code);
  if ('link' in node) return renderer.link(renderRich(node.text, renderer), node.link);
  return renderer.quote(renderRich(node.quote, renderer));
}

const plainRenderer: RichRenderer = {
  text: (value) => value,
  bold: (inner) => inner,
  italic: (inner) => inner,
  code: (value) => value,
  link: (inner, url) => (inner === url ? url : `${inner} (${url})`),
  quote: (inner) =>
    inner
      .split('\n')
      .map((line) => `> ${line}`)
      .join('\n'),
};

export function plainText(node: Rich): string {
  return renderRich(node, plainRenderer);
}
