import { describe, expect, it } from 'vitest';
import { allCommands } from '../../src/commands/index.ts';
import { controlAction } from '../../src/commands/support/control-actions.ts';
import { usePlaybackWorld } from '../helpers/playback-world.ts';
import { replyText } from '../helpers/reply-text.ts';

const world = usePlaybackWorld(allCommands);

const DJ_ONLY = 'Only DJs (or members with Manage Server) can do that while others are listening.';

describe('stop', () => {
  it('stops and clears the queue for a DJ', async () => {
    const w = world();
    await w.run('play', '晴天');
    await w.run('play', '稻香');
    await w.run('play', '七里香');
    expect(replyText(await w.run('stop', '', { dj: true }))).toBe(
      '⏹ Stopped, and cleared 2 songs from the queue.',
    );
    expect(w.queued()).toEqual([]);
  });

  it('says just “stopped” when nothing was waiting', async () => {
    const w = world();
    await w.run('play', '晴天');
    expect(replyText(await w.run('stop', '', { dj: true }))).toBe('⏹ Stopped.');
  });

  it('is for DJs only, typed or pressed', async () => {
    const w = world();
    await w.run('play', '晴天');
    expect(replyText(await w.run('stop'))).toBe(DJ_ONLY);
    expect(replyText(await w.press(controlAction('stop')))).toBe(DJ_ONLY);
    expect(w.queued()).toEqual(['晴天']);
  });

  it('needs something playing', async () => {
    const w = world();
    expect(replyText(await w.run('stop', '', { dj: true }))).toBe('Nothing is playing.');
  });
});
