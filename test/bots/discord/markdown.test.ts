import { describe, expect, it } from 'vitest';
import { clip, escapeMarkdown, toMarkdown } from '../../../src/bots/discord/markdown.ts';
import { rich } from '../../../src/commands/rich-text.ts';

describe('Discord markdown', () => {
  it('escapes what would format, link or mention', () => {
    expect(escapeMarkdown('**_晴天_**')).toBe('\\*\\*\\_晴天\\_\\*\\*');
    expect(escapeMarkdown('[free](http://evil.example)')).toBe('\\[free\\](http://evil.example)');
    expect(escapeMarkdown('||spoiler|| ~~x~~ `code`')).toBe('\\|\\|spoiler\\|\\| \\~\\~x\\~\\~ \\`code\\`');
    expect(escapeMarkdown('<@&123> <:pog:1>')).toBe('\\<@&123> \\<:pog:1>');
    expect(escapeMarkdown('a\\b')).toBe('a\\\\b');
  });

  it('escapes line-start marks only at the start of a line', () => {
    expect(escapeMarkdown('# big\n> quote\n- item\n1. first\n-# small')).toBe(
      '\\# big\n\\> quote\n\\- item\n1\\. first\n\\-# small',
    );
    expect(escapeMarkdown('a - b > c # d 2. e')).toBe('a - b > c # d 2. e');
  });

  it('leaves plain text, Chinese and parentheses alone', () => {
    expect(escapeMarkdown('晴天 (Live) — 周杰伦')).toBe('晴天 (Live) — 周杰伦');
  });

  it('renders the rich tree with the user parts escaped', () => {
    const text = rich.lines(
      [rich.bold('*晴天*'), ' — ', rich.italic('周杰伦')],
      rich.link('a [b]', 'https://music.163.com/song?id=1 (x)'),
      rich.code('a`b'),
      rich.quote('line 1\nline 2'),
    );
    expect(toMarkdown(text)).toBe(
      [
        '**\\*晴天\\*** — *周杰伦*',
        '[a \\[b\\]](https://music.163.com/song?id=1%20%28x%29)',
        '`aˋb`',
        '> line 1\n> line 2',
      ].join('\n'),
    );
  });

  it('drops links that are not http(s), keeping their text', () => {
    expect(toMarkdown(rich.link('click', 'javascript:alert(1)'))).toBe('click');
  });

  it('clips without leaving a dangling escape', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('ab\\*cd', 4)).toBe('ab…');
    expect(clip('short', 10)).toBe('short');
    const emoji = `${'a'.repeat(3)}😀😀`;
    expect(clip(emoji, 5)).toBe('aaa…');
  });
});
