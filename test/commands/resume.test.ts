import { describe, expect, it } from 'vitest';
import { allCommands } from '../../src/commands/index.ts';
import { controlAction } from '../../src/commands/support/control-actions.ts';
import { usePlaybackWorld } from '../helpers/playback-world.ts';
import { replyText } from '../helpers/reply-text.ts';

const world = usePlaybackWorld(allCommands);

describe('resume', () => {
  it('resumes a paused song', async () => {
    const w = world();
    await w.run('play', '晴天');
    await w.run('pause');
    expect(replyText(await w.run('resume'))).toBe('▶️ Resumed “晴天”.');
    expect(w.playback.state().paused).toBe(false);
  });

  it('says when the song is already playing, and works from the button', async () => {
    const w = world();
    await w.run('play', '晴天');
    expect(replyText(await w.run('resume'))).toBe('“晴天” is already playing.');
    await w.run('pause');
    expect(replyText(await w.press(controlAction('resume')))).toBe('▶️ Resumed “晴天”.');
  });

  it('needs something playing and a voice platform', async () => {
    const w = world();
    expect(replyText(await w.run('resume'))).toBe('Nothing is playing.');
    expect(replyText(await w.run('resume', '', { platform: 'files' }))).toBe(
      'Playback in a voice channel is not available here.',
    );
  });
});
