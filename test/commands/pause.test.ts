import { describe, expect, it } from 'vitest';
import { allCommands } from '../../src/commands/index.ts';
import { controlAction } from '../../src/commands/support/control-actions.ts';
import { usePlaybackWorld } from '../helpers/playback-world.ts';
import { replyText } from '../helpers/reply-text.ts';

const world = usePlaybackWorld(allCommands);

describe('pause', () => {
  it('pauses the song, once', async () => {
    const w = world();
    await w.run('play', '晴天');
    expect(replyText(await w.run('pause', '', { who: 'bob' }))).toBe(
      '⏸ Paused “晴天”. Use `resume` to continue.',
    );
    expect(w.playback.state().paused).toBe(true);
    expect(replyText(await w.run('pause'))).toBe('“晴天” is already paused. Use `resume` to continue.');
    expect(w.playback.calls.filter((call) => call === 'pause')).toHaveLength(1);
  });

  it('works from the now-playing button', async () => {
    const w = world();
    await w.run('play', '晴天');
    expect(replyText(await w.press(controlAction('pause')))).toContain('⏸ Paused');
    expect(w.playback.state().paused).toBe(true);
  });

  it('needs something playing', async () => {
    const w = world();
    expect(replyText(await w.run('pause'))).toBe('Nothing is playing.');
    expect(replyText(await w.run('pause', '', { locale: 'zh' }))).toBe('当前没有在播放。');
  });
});
