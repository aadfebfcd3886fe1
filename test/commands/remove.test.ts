import { describe, expect, it } from 'vitest';
import { allCommands } from '../../src/commands/index.ts';
import { usePlaybackWorld } from '../helpers/playback-world.ts';
import { replyText } from '../helpers/reply-text.ts';

const world = usePlaybackWorld(allCommands);

/** Alice's 晴天 plays; Alice's 稻香 (#1) and Bob's 七里香 (#2) wait. */
async function scene() {
  const w = world();
  await w.run('play', '晴天');
  await w.run('play', '稻香');
  await w.run('play', '七里香', { who: 'bob' });
  return w;
}

describe('remove', () => {
  it('removes your own upcoming song', async () => {
    const w = await scene();
    expect(replyText(await w.run('remove', '1'))).toBe('🗑 Removed “稻香” (#1) from the queue.');
    expect(w.queued()).toEqual(['晴天', '七里香']);
  });

  it('needs a DJ for someone else’s song', async () => {
    const w = await scene();
    expect(replyText(await w.run('remove', '2'))).toBe(
      '“七里香” was requested by Bob: only DJs can remove other people’s songs while others are listening.',
    );
    expect(w.queued()).toHaveLength(3);
    expect(replyText(await w.run('remove', '2', { dj: true }))).toBe(
      '🗑 Removed “七里香” (#2) from the queue.',
    );
  });

  it('explains positions that do not exist', async () => {
    const w = await scene();
    expect(replyText(await w.run('remove', '9'))).toBe('There is no track at position 9; the queue has 2.');
    expect(replyText(await w.run('remove', '0'))).toBe('`position` must be a whole number from 1 to 1000.');
    expect(replyText(await w.run('remove', 'first'))).toBe(
      '`position` is missing. Usage: `remove <position>`',
    );
  });

  it('says when nothing is waiting', async () => {
    const w = world();
    await w.run('play', '晴天');
    expect(replyText(await w.run('remove', '1'))).toBe('The queue is empty.');
  });
});
