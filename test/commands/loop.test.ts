import { describe, expect, it } from 'vitest';
import { allCommands } from '../../src/commands/index.ts';
import { usePlaybackWorld } from '../helpers/playback-world.ts';
import { replyText } from '../helpers/reply-text.ts';

const world = usePlaybackWorld(allCommands);

describe('loop', () => {
  it('sets each mode', async () => {
    const w = world();
    await w.run('play', '晴天');
    expect(replyText(await w.run('loop', 'track'))).toBe('🔂 Looping “晴天”.');
    expect(w.playback.state().loop).toBe('track');
    expect(replyText(await w.run('loop', 'queue'))).toBe(
      '🔁 Looping the queue: it starts over when it ends.',
    );
    expect(replyText(await w.run('loop', 'OFF'))).toBe('➡️ Loop off: the queue plays through once.');
    expect(w.playback.state().loop).toBe('off');
  });

  it('steps to the next mode without one, and takes Chinese names', async () => {
    const w = world();
    await w.run('play', '晴天');
    await w.run('loop');
    expect(w.playback.state().loop).toBe('track');
    await w.run('loop');
    expect(w.playback.state().loop).toBe('queue');
    await w.run('loop');
    expect(w.playback.state().loop).toBe('off');
    expect(replyText(await w.run('loop', '单曲', { locale: 'zh' }))).toBe('🔂 单曲循环《晴天》。');
  });

  it('refuses an unknown mode and needs something playing', async () => {
    const w = world();
    expect(replyText(await w.run('loop', 'forever'))).toBe('`mode` must be one of: off, track, queue.');
    expect(replyText(await w.run('loop', 'track'))).toBe('Nothing is playing.');
  });
});
