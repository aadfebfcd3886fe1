import { describe, expect, it } from 'vitest';
import { allCommands } from '../../src/commands/index.ts';
import { usePlaybackWorld } from '../helpers/playback-world.ts';
import { replyText } from '../helpers/reply-text.ts';

const world = usePlaybackWorld(allCommands);

describe('volume', () => {
  it('sets the volume for a DJ and warns above 100%', async () => {
    const w = world();
    await w.run('play', '晴天');
    expect(replyText(await w.run('volume', '80', { dj: true }))).toBe('🔊 Volume 80% (was 100%).');
    expect(replyText(await w.run('volume', '150', { dj: true }))).toBe(
      '🔊 Volume 150% (was 80%).\nAbove 100% some songs may sound distorted.',
    );
    expect(w.playback.state().volume).toBe(150);
  });

  it('is DJ-only', async () => {
    const w = world();
    await w.run('play', '晴天');
    expect(replyText(await w.run('volume', '50'))).toBe(
      'Only DJs (or members with Manage Server) can do that while others are listening.',
    );
    expect(w.playback.state().volume).toBe(100);
  });

  it('stays within 0–200 and needs something playing', async () => {
    const w = world();
    expect(replyText(await w.run('volume', '50', { dj: true }))).toBe('Nothing is playing.');
    await w.run('play', '晴天');
    const bounds = '`percent` must be a whole number from 0 to 200.';
    expect(replyText(await w.run('volume', '201', { dj: true }))).toBe(bounds);
    expect(replyText(await w.run('volume', '-1', { dj: true }))).toBe(bounds);
    expect(replyText(await w.run('volume', '0', { dj: true }))).toBe('🔊 Volume 0% (was 100%).');
  });
});
