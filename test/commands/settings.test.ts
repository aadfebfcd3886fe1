import { describe, expect, it } from 'vitest';
import { allCommands } from '../../src/commands/index.ts';
import { plainText } from '../../src/commands/rich-text.ts';
import { asCard, usePlaybackWorld } from '../helpers/playback-world.ts';
import { replyText } from '../helpers/reply-text.ts';

const world = usePlaybackWorld(allCommands);

/** Where the test guild's settings live: platform of the caller, then the guild id. */
const SCOPE = 'test:guild-1';

describe('settings', () => {
  it('shows every setting with its value and what it takes, to anyone', async () => {
    const w = world();
    const card = asCard(await w.run('settings'));
    expect(card.title).toBe('Settings');
    expect(card.fields?.map((field) => `${field.name}: ${plainText(field.value).split('\n')[0]}`)).toEqual([
      'Language (language): 中文 (zh)',
      'DJ role (dj-role): none (everyone may control playback)',
      'Default volume (volume): 100%',
      'Idle timeout (idle-timeout): 300 s',
      'Announcement channel (announce-channel): where commands are typed',
      'Stay 24/7 (24-7): off',
      'VIP previews (trial-clips): on',
      'Fair queue (fair-queue): off',
    ]);
    expect(card.footer).toContain('settings volume 80');
  });

  it('shows one setting', async () => {
    const w = world();
    expect(replyText(await w.run('settings', 'volume'))).toBe(
      'Default volume (volume): 100%\na percentage from 0 to 200, used when a queue starts',
    );
  });

  it('changes settings for a DJ, understanding the usual spellings', async () => {
    const w = world();
    const dj = { dj: true };
    expect(replyText(await w.run('settings', 'volume 80%', dj))).toBe(
      '✅ Default volume (volume) is now 80%.',
    );
    await w.run('settings', 'dj-role <@&123456789>', dj);
    await w.run('settings', 'idle-timeout 5m', dj);
    await w.run('settings', 'announce-channel <#987654321>', dj);
    await w.run('settings', '24-7 on', dj);
    await w.run('settings', 'trial-clips 关', dj);
    await w.run('settings', 'fair-queue yes', dj);
    await w.run('settings', 'language english', dj);
    expect(await w.account.services.settings.get(SCOPE)).toEqual({
      language: 'en',
      djRoleId: '123456789',
      defaultVolume: 80,
      idleTimeoutSeconds: 300,
      announceChannelId: '987654321',
      stay247: true,
      allowTrialClips: false,
      fairQueue: true,
    });
    expect(replyText(await w.run('settings', 'dj-role none', dj))).toBe(
      '✅ DJ role (dj-role) is now none (everyone may control playback).',
    );
  });

  it('goes back to the default', async () => {
    const w = world();
    await w.run('settings', 'volume 50', { dj: true });
    expect(replyText(await w.run('settings', 'volume default', { dj: true }))).toBe(
      '↩️ Default volume (volume) is back to the default: 100%.',
    );
    expect((await w.account.services.settings.get(SCOPE)).defaultVolume).toBe(100);
  });

  it('rejects values the setting cannot take, saying what it expects', async () => {
    const w = world();
    const dj = { dj: true };
    expect(replyText(await w.run('settings', 'volume 300', dj))).toBe(
      '“300” does not work for Default volume (volume). Expected a percentage from 0 to 200, used when a queue starts.',
    );
    expect(replyText(await w.run('settings', 'volume loud', dj))).toContain('“loud” does not work for');
    expect(replyText(await w.run('settings', 'language fr', dj))).toBe(
      '“fr” does not work for Language (language). Expected zh or en.',
    );
    expect(replyText(await w.run('settings', '24-7 maybe', dj))).toContain('Expected on or off');
    expect(replyText(await w.run('settings', 'idle-timeout 2d', dj))).toContain('Expected seconds');
    expect(replyText(await w.run('settings', 'idle-timeout 25h', dj))).toContain('Expected seconds');
    expect(replyText(await w.run('settings', 'dj-role moderators', dj))).toContain('Expected a role');
    expect(replyText(await w.run('settings', 'colour blue', dj))).toMatch(
      /^`name` must be one of: Language, /,
    );
    expect(await w.account.services.settings.get(SCOPE)).toMatchObject({
      defaultVolume: 100,
      language: 'zh',
    });
  });

  it('lets only DJs and managers change anything', async () => {
    const w = world();
    expect(replyText(await w.run('settings', 'volume 80'))).toBe(
      'Only DJs and members who manage the server can change settings.',
    );
    expect((await w.account.services.settings.get(SCOPE)).defaultVolume).toBe(100);
  });

  it('speaks Chinese, setting names included', async () => {
    const w = world();
    expect(replyText(await w.run('settings', '语言 en', { dj: true, locale: 'zh' }))).toBe(
      '✅ 语言 (language) 已设为 English (en)。',
    );
  });

  it('keeps a private chat’s settings apart from the guild’s', async () => {
    const w = world();
    const { ctx } = w.context({ dj: true });
    ctx.chat = { id: '42', private: true };
    await w.account.dispatcher.runText(ctx, 'settings', 'volume 70');
    expect((await w.account.services.settings.get('test:42')).defaultVolume).toBe(70);
    expect((await w.account.services.settings.get(SCOPE)).defaultVolume).toBe(100);
  });
});
