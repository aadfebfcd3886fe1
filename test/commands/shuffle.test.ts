import { describe, expect, it } from 'vitest';
import { allCommands } from '../../src/commands/index.ts';
import { usePlaybackWorld } from '../helpers/playback-world.ts';
import { replyText } from '../helpers/reply-text.ts';

const world = usePlaybackWorld(allCommands);

describe('shuffle', () => {
  it('reorders the upcoming songs and keeps the current one', async () => {
    const w = world();
    for (const song of ['晴天', '稻香', '七里香', '夜曲']) await w.run('play', song);
    expect(replyText(await w.run('shuffle', '', { who: 'bob' }))).toBe('🔀 Shuffled 3 songs in the queue.');
    const names = w.queued();
    expect(names[0]).toBe('晴天');
    expect(names.slice(1)).not.toEqual(['稻香', '七里香', '夜曲']);
    expect([...names.slice(1)].sort()).toEqual(['七里香', '夜曲', '稻香'].sort());
  });

  it('needs two songs waiting, and something in the queue', async () => {
    const w = world();
    expect(replyText(await w.run('shuffle'))).toBe('Nothing is playing.');
    await w.run('play', '晴天');
    await w.run('play', '稻香');
    expect(replyText(await w.run('shuffle'))).toBe(
      'There is nothing to shuffle: fewer than two songs are waiting.',
    );
    expect(w.playback.calls).not.toContain('shuffle');
  });
});
