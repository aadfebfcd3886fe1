import { describe, expect, it } from 'vitest';
import { allCommands } from '../../src/commands/index.ts';
import { plainText } from '../../src/commands/rich-text.ts';
import { SONGS } from '../fakes/netease/catalog.ts';
import { asCard, fieldsOf, usePlaybackWorld } from '../helpers/playback-world.ts';
import { buttonAction, buttonsOf, replyText } from '../helpers/reply-text.ts';

const world = usePlaybackWorld(allCommands);

/** 晴天 as a full-length song (the fake's audio is 4 s), 1:23 in. */
async function playingQingtian() {
  const w = world();
  await w.queueAs('alice', await w.song(SONGS.qingtian.id, { durationMs: 269_000 }));
  await w.queueAs('bob', await w.song(SONGS.daoxiang.id));
  w.playback.setPositionMs(83_000);
  return w;
}

describe('nowplaying', () => {
  it('shows the song with a progress bar, who asked, and what comes next', async () => {
    const w = await playingQingtian();
    const card = asCard(await w.run('nowplaying', '', { who: 'carol' }));
    expect(card).toMatchObject({
      title: '晴天',
      url: `https://music.163.com/#/song?id=${SONGS.qingtian.id}`,
    });
    expect(card.thumbnailUrl).toBeTruthy();
    expect(plainText(card.description ?? '')).toBe('周杰伦 · 叶惠美\n▶ ▬▬▬🔘▬▬▬▬▬▬▬▬ 1:23 / 4:29');
    expect(fieldsOf(card)).toEqual({
      'Requested by': 'Alice',
      'Up next': '稻香 — 周杰伦',
      Loop: 'off',
      Volume: '100%',
    });
    expect(card.footer).toBe('1 song in the queue · 3:12 left in total');
  });

  it('has pause, skip, stop and lyrics buttons', async () => {
    const w = await playingQingtian();
    const card = await w.run('nowplaying');
    const entry = w.playback.state().current!.track.entryId;
    expect(buttonsOf(card).map((button) => [button.label, button.action])).toEqual([
      ['Pause', { command: 'pause', name: 'run', args: {} }],
      ['Skip', { command: 'skip', name: 'run', args: { entry } }],
      ['Stop', { command: 'stop', name: 'run', args: {} }],
      ['Lyrics', { command: 'lyrics', name: 'page', args: { id: SONGS.qingtian.id } }],
    ]);
  });

  it('buttons work: pause turns into resume, lyrics shows the words', async () => {
    const w = await playingQingtian();
    expect(replyText(await w.press(buttonAction(await w.run('nowplaying'), 'Pause')))).toContain('⏸ Paused');
    const paused = asCard(await w.run('nowplaying'));
    expect(plainText(paused.description ?? '')).toContain('⏸ ▬▬▬🔘');
    expect(buttonsOf(paused)[0]).toMatchObject({ label: 'Resume', action: { command: 'resume' } });
    const lyrics = asCard(await w.press(buttonAction(paused, 'Lyrics')));
    expect(lyrics.title).toBe('晴天 — 周杰伦');
  });

  it('needs something playing', async () => {
    const w = world();
    expect(replyText(await w.run('nowplaying'))).toBe('Nothing is playing.');
  });
});
