import { describe, expect, it } from 'vitest';
import { allCommands } from '../../src/commands/index.ts';
import { PLAYLISTS } from '../fakes/netease/catalog.ts';
import { asCard, usePlaybackWorld } from '../helpers/playback-world.ts';
import { asList, itemTexts, pageAction, replyText } from '../helpers/reply-text.ts';

const world = usePlaybackWorld(allCommands);

describe('queue', () => {
  it('pages the upcoming songs under what plays now, with loop, volume and time left', async () => {
    const w = world();
    await w.run('play', `https://music.163.com/#/playlist?id=${PLAYLISTS.big.id}`);
    w.playback.setPositionMs(2_000);
    const list = asList(await w.run('queue'));
    expect(list).toMatchObject({ title: 'Queue: 26 songs up next', page: 1, pageCount: 3, firstNumber: 1 });
    expect(itemTexts(list).slice(0, 2)).toEqual([
      '稻香 — 周杰伦 · 0:06 · added by Alice',
      '七里香 — 周杰伦 · 0:04 · added by Alice',
    ]);
    expect(list.items).toHaveLength(10);
    const footer = list.footer?.split('\n') ?? [];
    expect(footer[0]).toBe('▶ Now playing: 晴天 — 周杰伦 (requested by Alice)');
    expect(footer[1]).toBe('▬▬▬▬▬🔘▬▬▬▬▬▬ 0:02 / 0:04');
    expect(footer[2]).toMatch(/^Loop: off · Volume: 100% · Time left: \d+:\d\d$/);
    expect(list.pager).toEqual({ command: 'queue', name: 'page', args: {} });
  });

  it('shows later pages through the pager and the page option', async () => {
    const w = world();
    await w.run('play', `https://music.163.com/#/playlist?id=${PLAYLISTS.big.id}`);
    const first = await w.run('queue');
    const third = asList(await w.press(pageAction(first, 3)));
    expect(third).toMatchObject({ page: 3, firstNumber: 21 });
    expect(third.items).toHaveLength(6);
    expect(asList(await w.run('queue', '2')).firstNumber).toBe(11);
    // A page past the end shows the last one.
    expect(asList(await w.run('queue', '9')).page).toBe(3);
  });

  it('marks VIP songs and shows loop mode, volume and fair queue', async () => {
    const w = world();
    await w.run('play', '晴天');
    await w.run('play', '孤勇者', { who: 'bob' });
    await w.playback.setLoop('queue');
    await w.playback.setVolume(80);
    await w.playback.setFair(true);
    const list = asList(await w.run('queue', '', { locale: 'zh' }));
    expect(list.title).toBe('播放队列：接下来 1 首歌');
    expect(itemTexts(list)).toEqual(['孤勇者 — 陈奕迅 · 0:06 · Bob 点播 [VIP]']);
    expect(list.footer?.split('\n')[2]).toBe('循环：整个队列 · 音量：80% · 剩余时长：0:10 · 公平队列：开启');
  });

  it('shows the now-playing card when nothing is queued after it', async () => {
    const w = world();
    await w.run('play', '晴天');
    const card = asCard(await w.run('queue'));
    expect(card.title).toBe('晴天');
    expect(replyText(card)).toContain('Up next: Nothing yet: add songs with `play`');
  });

  it('says the queue is empty, and needs voice', async () => {
    const w = world();
    expect(replyText(await w.run('queue'))).toBe('The queue is empty. Add songs with `play <song>`.');
    expect(replyText(await w.run('queue', '', { platform: 'console' }))).toBe(
      'Playback in a voice channel is not available here.',
    );
  });
});
