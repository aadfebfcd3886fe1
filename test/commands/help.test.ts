import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineCommand } from '../../src/commands/command.ts';
import { createHelpCommand, usageOf } from '../../src/commands/help.ts';
import { allCommands } from '../../src/commands/index.ts';
import type { Services } from '../../src/commands/services.ts';
import { type CommandHarness, startCommandHarness } from '../helpers/command-harness.ts';
import { replyText } from '../helpers/reply-text.ts';

let h: CommandHarness;
beforeAll(async () => {
  h = await startCommandHarness();
});
afterAll(async () => {
  await h.close();
});

async function help(text: string, locale: 'en' | 'zh' = 'en') {
  const { ctx } = h.context({ locale });
  return h.dispatcher.runText(ctx, 'help', text);
}

describe('help', () => {
  it('lists every registered command with its one-line description', async () => {
    const reply = await help('');
    expect(reply?.kind).toBe('card');
    const lines = replyText(reply).split('\n');
    expect(lines[0]).toBe('Commands');
    expect(lines.at(-1)).toBe('Type `help <command>` for details, e.g. `help search`.');
    const listed = lines.slice(1, -1);
    expect(listed).toEqual(allCommands.map((command) => `${command.name} — ${command.description.en}`));
    expect(listed).toContain('search — Search NetEase Cloud Music and pick a result to play');
    expect(listed).toContain('help — What the bot can do, and how');
  });

  it('lists them in Chinese for Chinese users', async () => {
    const lines = replyText(await help('', 'zh')).split('\n');
    expect(lines[0]).toBe('命令列表');
    expect(lines).toContain('lyrics — 查看歌词（含翻译）');
    expect(lines.at(-1)).toBe('输入 `help <命令>` 查看详情，例如 `help search`。');
  });

  it('explains one command: usage, options, example', async () => {
    expect(replyText(await help('search'))).toBe(
      [
        'search',
        'Shows ten results per page: songs with artist, album, length and a badge when they need VIP, a purchase or are not available; or albums, artists and playlists. Pick one from the menu to play it.',
        'Usage: search <query> [type] [page]',
        'Options: query — What to look for: a title, an artist, or both · required',
        'type — What kind of results (default: songs) · song (Songs), album (Albums), artist (Artists), playlist (Playlists)',
        'page — Page of results · 1–30',
        'Example: search 晴天 type:song',
      ].join('\n'),
    );
    // Typed the way Telegram users type commands, in any case.
    expect(replyText(await help('/TOP'))).toMatch(/^top\n/);
  });

  it('explains a command in Chinese', async () => {
    expect(replyText(await help('comments', 'zh'))).toBe(
      [
        'comments',
        '显示正在播放或指定的歌曲、专辑、歌单的热门评论，之后是最新评论。回复会以引用形式显示被回复的评论。',
        '用法: comments [query] [page] [sort]',
        '选项: query — 歌曲、专辑或歌单：名称、ID 或链接（默认：正在播放的歌曲）',
        'page — 评论页码 · 1–50',
        'sort — 热门优先（默认）或最新优先 · hot (热门), new (最新)',
        '示例: comments 晴天 sort:new',
      ].join('\n'),
    );
  });

  it('names the commands there are when asked about one that does not exist', async () => {
    const names = allCommands.map((command) => command.name).join(', ');
    expect(replyText(await help('dance'))).toBe(`There is no command \`dance\`. The commands are: ${names}.`);
  });

  it('says what a command needs', async () => {
    const d = { en: 'Skip the song', zh: '跳过' };
    const skip = defineCommand<Services, Record<string, never>>({
      name: 'skip',
      description: d,
      options: {},
      needs: ['voice', 'login', 'private'],
      djOnly: true,
      run: async () => undefined,
    });
    const dispatcher = h.dispatcherFor([skip, createHelpCommand(() => [skip])]);
    const { ctx } = h.context();
    expect(replyText(await dispatcher.runText(ctx, 'help', 'skip'))).toBe(
      [
        'skip',
        'Skip the song',
        'Usage: skip',
        'Needs: You in a voice channel (elsewhere songs come as files)',
        'Your own NetEase login (`login`)',
        'A private chat with the bot',
        'The DJ role while others are listening',
      ].join('\n'),
    );
    expect(usageOf(skip)).toBe('skip');
  });

  it('autocompletes command names', async () => {
    const { ctx } = h.context();
    expect(await h.dispatcher.autocomplete(ctx, 'help', 'command', 'l')).toEqual(
      allCommands.filter((c) => c.name.startsWith('l')).map((c) => ({ name: c.name, value: c.name })),
    );
  });
});
