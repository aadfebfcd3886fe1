import { describe, expect, it } from 'vitest';
import { allCommands } from '../../src/commands/index.ts';
import { controlAction } from '../../src/commands/support/control-actions.ts';
import { usePlaybackWorld } from '../helpers/playback-world.ts';
import { replyText } from '../helpers/reply-text.ts';

const world = usePlaybackWorld(allCommands);

/** Alice's 晴天 plays; Bob's 稻香 and Alice's 七里香 wait. */
async function threeSongs() {
  const w = world();
  await w.run('play', '晴天');
  await w.run('play', '稻香', { who: 'bob' });
  await w.run('play', '七里香');
  w.playback.calls.length = 0;
  return w;
}

describe('skip', () => {
  it('skips your own song and says what plays now', async () => {
    const w = await threeSongs();
    expect(replyText(await w.run('skip'))).toBe('⏭ Skipped “晴天”.\nNow playing: 稻香 — 周杰伦.');
    expect(w.queued()).toEqual(['稻香', '七里香']);
  });

  it('will not skip someone else’s song for a non-DJ', async () => {
    const w = await threeSongs();
    expect(replyText(await w.run('skip', '', { who: 'bob' }))).toBe(
      '“晴天” was requested by Alice: only DJs can skip other people’s songs while others are listening.',
    );
    expect(w.playback.calls).toEqual([]);
  });

  it('lets a DJ skip anyone’s song', async () => {
    const w = await threeSongs();
    expect(replyText(await w.run('skip', '', { who: 'bob', dj: true }))).toContain('⏭ Skipped “晴天”.');
  });

  it('skips several, but only when all of them are yours (or you are a DJ)', async () => {
    const w = await threeSongs();
    // skip 2 lands on Alice's 七里香, jumping over Bob's 稻香.
    expect(replyText(await w.run('skip', '2'))).toContain('“稻香” was requested by Bob');
    expect(replyText(await w.run('skip', '2', { dj: true }))).toBe(
      '⏭ Skipped 2 songs.\nNow playing: 七里香 — 周杰伦.',
    );
  });

  it('says so when the count runs past the queue or out of bounds', async () => {
    const w = await threeSongs();
    expect(replyText(await w.run('skip', '5'))).toBe('There is no track at position 5; the queue has 2.');
    expect(replyText(await w.run('skip', '0'))).toBe('`count` must be a whole number from 1 to 100.');
    expect(replyText(await w.run('skip', '101'))).toBe('`count` must be a whole number from 1 to 100.');
  });

  it('says when the queue ran out', async () => {
    const w = world();
    await w.run('play', '晴天');
    expect(replyText(await w.run('skip'))).toBe(
      '⏭ Skipped “晴天”.\nThat was the last one: the queue is empty now.',
    );
    expect(replyText(await w.run('skip'))).toBe('Nothing is playing.');
  });

  it('explains voice problems', async () => {
    const w = world();
    expect(replyText(await w.run('skip', '', { inVoice: false }))).toBe(
      'Join a voice channel first, then ask again.',
    );
    expect(replyText(await w.run('skip', '', { platform: 'console' }))).toBe(
      'Playback in a voice channel is not available here.',
    );
  });

  it('skips from a now-playing button, but not a song that already ended', async () => {
    const w = await threeSongs();
    const entry = w.playback.state().current!.track.entryId;
    expect(replyText(await w.press(controlAction('skip', entry), { dj: true }))).toContain(
      '⏭ Skipped “晴天”.',
    );
    // The same old card pressed again: 稻香 plays now and must not be skipped by it.
    expect(replyText(await w.press(controlAction('skip', entry), { dj: true }))).toBe(
      'That song is no longer playing.',
    );
    expect(w.queued()).toEqual(['稻香', '七里香']);
  });
});
