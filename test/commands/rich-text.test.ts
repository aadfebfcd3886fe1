import { describe, expect, it } from 'vitest';
import { plainText, type RichRenderer, renderRich, rich } from '../../src/commands/rich-text.ts';

describe('rich text', () => {
  const html: RichRenderer = {
    text: (value) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;'),
    bold: (inner) => `<b>${inner}</b>`,
    italic: (inner) => `<i>${inner}</i>`,
    code: (value) => `<code>${value.replace(/</g, '&lt;')}</code>`,
    link: (inner, url) => `<a href="${url}">${inner}</a>`,
    quote: (inner) => `<blockquote>${inner}</blockquote>`,
  };

  it('renders nested nodes through the renderer, escaping text leaves', () => {
    const node = rich.lines(
      rich.bold(['<晴天>', ' ', rich.italic('周杰伦')]),
      rich.link('open', 'https://x.test/?a=1'),
    );
    expect(renderRich(node, html)).toBe(
      '<b>&lt;晴天> <i>周杰伦</i></b>\n<a href="https://x.test/?a=1">open</a>',
    );
  });

  it('drops empty parts when joining', () => {
    expect(plainText(rich.join(['a', undefined, '', false, 'b'], ' · '))).toBe('a · b');
    expect(plainText(rich.lines('x', undefined, 'y'))).toBe('x\ny');
  });

  it('writes links and quotes readably as plain text', () => {
    expect(plainText(rich.link('NetEase', 'https://music.163.com'))).toBe('NetEase (https://music.163.com)');
    expect(plainText(rich.quote('a\nb'))).toBe('> a\n> b');
  });
});
