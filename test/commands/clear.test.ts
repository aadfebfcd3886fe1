import { describe, expect, it } from 'vitest';
import { allCommands } from '../../src/commands/index.ts';
import { usePlaybackWorld } from '../helpers/playback-world.ts';
import { replyText } from '../helpers/reply-text.ts';

const world = usePlaybackWorld(allCommands);

describe('clear', () => {
  it('empties the upcoming songs and keeps the current one', async () => {
    const w = world();
    for (const song of ['晴天', '稻香', '七里香']) await w.run('play', song);
    expect(replyText(await w.run('clear', '', { dj: true }))).toBe(
      '🧹 Cleared 2 songs from the queue; “晴天” keeps playing.',
    );
    expect(w.queued()).toEqual(['晴天']);
  });

  it('is DJ-only and needs something waiting', async () => {
    const w = world();
    await w.run('play', '晴天');
    await w.run('play', '稻香');
    expect(replyText(await w.run('clear'))).toBe(
      'Only DJs (or members with Manage Server) can do that while others are listening.',
    );
    await w.run('clear', '', { dj: true });
    expect(replyText(await w.run('clear', '', { dj: true }))).toBe('The queue is empty.');
  });
});
