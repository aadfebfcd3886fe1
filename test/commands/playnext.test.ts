import { describe, expect, it } from 'vitest';
import { allCommands } from '../../src/commands/index.ts';
import type { AudioReply } from '../../src/commands/reply.ts';
import { PLAYLISTS, SONGS } from '../fakes/netease/catalog.ts';
import { asCard, fieldsOf, usePlaybackWorld } from '../helpers/playback-world.ts';
import { replyText } from '../helpers/reply-text.ts';

const world = usePlaybackWorld(allCommands);

describe('playnext', () => {
  it('puts the song in front of everything already waiting', async () => {
    const w = world();
    await w.run('play', '晴天');
    await w.run('play', '稻香');
    await w.run('play', '夜曲');
    const card = asCard(await w.run('playnext', '七里香', { who: 'bob' }));
    expect(card.title).toBe('七里香');
    expect(fieldsOf(card).Queue).toBe('Up next');
    expect(w.queued()).toEqual(['晴天', '七里香', '稻香', '夜曲']);
    expect(w.playback.calls.at(-1)).toBe('enqueue 1 next');
  });

  it('puts a whole collection in front, in its own order', async () => {
    const w = world();
    await w.run('play', '晴天');
    await w.run('play', 'Summer Rain');
    const card = asCard(
      await w.run('playnext', `https://music.163.com/#/playlist?id=${PLAYLISTS.english.id}`),
    );
    expect(replyText(card)).toContain('The first one is #1 in the queue.');
    const names = w.queued();
    expect(names.slice(0, 1)).toEqual(['晴天']);
    expect(names.at(-1)).toBe('Summer Rain');
    expect(names).toHaveLength(2 + PLAYLISTS.english.trackIds.length);
  });

  it('starts playing when nothing plays yet', async () => {
    const w = world();
    expect(fieldsOf(await w.run('playnext', '稻香')).Queue).toBe('▶ Playing now');
  });

  it('refuses a grey song and sends files where there is no voice, like play', async () => {
    const w = world();
    expect(replyText(await w.run('playnext', String(SONGS.grey.id)))).toBe(
      '“红豆” is not available (no copyright in this region).',
    );
    const audio = (await w.run('playnext', '晴天', { platform: 'files' })) as AudioReply;
    expect(audio).toMatchObject({ kind: 'audio', song: { id: SONGS.qingtian.id } });
    expect(w.playback.calls).toEqual([]);
  });
});
