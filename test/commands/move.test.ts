import { describe, expect, it } from 'vitest';
import { allCommands } from '../../src/commands/index.ts';
import { usePlaybackWorld } from '../helpers/playback-world.ts';
import { replyText } from '../helpers/reply-text.ts';

const world = usePlaybackWorld(allCommands);

async function scene() {
  const w = world();
  for (const song of ['晴天', '稻香', '七里香', '夜曲']) await w.run('play', song);
  return w;
}

describe('move', () => {
  it('moves a song for a DJ', async () => {
    const w = await scene();
    expect(replyText(await w.run('move', '3 1', { dj: true }))).toBe('↕️ Moved “夜曲” from #3 to #1.');
    expect(w.queued()).toEqual(['晴天', '夜曲', '稻香', '七里香']);
  });

  it('is DJ-only', async () => {
    const w = await scene();
    expect(replyText(await w.run('move', '3 1'))).toBe(
      'Only DJs (or members with Manage Server) can do that while others are listening.',
    );
    expect(w.queued()).toEqual(['晴天', '稻香', '七里香', '夜曲']);
  });

  it('checks both positions', async () => {
    const w = await scene();
    expect(replyText(await w.run('move', '4 1', { dj: true }))).toBe(
      'There is no track at position 4; the queue has 3.',
    );
    expect(replyText(await w.run('move', '1 7', { dj: true }))).toBe(
      'There is no track at position 7; the queue has 3.',
    );
    expect(replyText(await w.run('move', '2', { dj: true }))).toBe(
      '`to` is missing. Usage: `move <from> <to>`',
    );
    expect(replyText(await w.run('move', '2 2', { dj: true }))).toBe('“七里香” is already at #2.');
    expect(w.playback.calls.filter((call) => call.startsWith('move'))).toEqual([]);
  });
});
