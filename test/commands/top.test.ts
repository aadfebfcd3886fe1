import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionRef } from '../../src/commands/reply.ts';
import { PLAYLISTS } from '../fakes/netease/catalog.ts';
import { type CommandHarness, startCommandHarness } from '../helpers/command-harness.ts';
import { asList, buttonAction, buttonsOf, itemTexts, pageAction, replyText } from '../helpers/reply-text.ts';

let h: CommandHarness;
beforeAll(async () => {
  h = await startCommandHarness();
});
afterAll(async () => {
  await h.close();
});

async function top(text: string, locale: 'en' | 'zh' = 'en') {
  const { ctx } = h.context({ locale });
  return h.dispatcher.runText(ctx, 'top', text);
}

async function press(ref: ActionRef) {
  const { ctx } = h.context();
  return h.dispatcher.runAction(ctx, await h.dispatcher.encodeAction(ref));
}

describe('top', () => {
  it('lists the charts, each one selectable', async () => {
    const reply = asList(await top(''));
    expect(replyText(reply)).toBe(
      [
        'NetEase charts',
        '1. 飙升榜 · 每天更新',
        '2. 新歌榜 · 每天更新',
        '3. 原创榜 · 每周四更新',
        '4. 热歌榜 · 每周四更新',
        '5. 欧美热歌榜 · 每周四更新',
        'Pick a chart, or type `top <name or number>`.',
      ].join('\n'),
    );
    expect(reply.select?.options[3]).toEqual({
      label: '4. 热歌榜',
      description: '每周四更新',
      action: { command: 'top', name: 'chart', args: { id: PLAYLISTS.hot.id } },
    });
    const chosen = asList(await press(reply.select!.options[3]!.action));
    expect(chosen.title).toBe('热歌榜 · NetEase chart');
  });

  it('shows a chart’s songs in rank order, with badges, paged', async () => {
    const reply = asList(await top('热歌'));
    expect(reply).toMatchObject({ page: 1, pageCount: 2, firstNumber: 1 });
    expect(itemTexts(reply).slice(0, 3)).toEqual([
      '晴天 — 周杰伦 · 叶惠美 · 0:04',
      '孤勇者 — 陈奕迅 · 孤勇者 · 0:06 [VIP]',
      '稻香 — 周杰伦 · 魔杰座 · 0:06',
    ]);
    expect(reply.footer).toBe('每周四更新 · 20 songs\nVIP: VIP members hear the full song, others a preview');
    expect(reply.select?.options[1]).toEqual({
      label: '2. 孤勇者',
      description: '陈奕迅',
      action: { command: 'play', name: 'song', args: { id: 1901371647 } },
    });

    const second = asList(await press(pageAction(reply, 2)));
    expect(second).toMatchObject({ page: 2, firstNumber: 11 });
    expect(itemTexts(second)[0]).toBe('可惜没如果 — 林俊杰 · 新地球 · 0:06');
    expect(itemTexts(second)).toHaveLength(10);
  });

  it('offers to play the whole chart and to open it in NetEase', async () => {
    const reply = await top('热歌榜');
    expect(buttonAction(reply, 'Play the whole chart')).toEqual({
      command: 'play',
      name: 'collection',
      args: { type: 'toplist', id: PLAYLISTS.hot.id },
    });
    expect(buttonsOf(reply).find((b) => b.url)?.url).toBe(
      `https://music.163.com/#/discover/toplist?id=${PLAYLISTS.hot.id}`,
    );
  });

  it('finds a chart by its number in the list, its id, its link or part of its name', async () => {
    expect(asList(await top('2')).title).toBe('新歌榜 · NetEase chart');
    expect(asList(await top(String(PLAYLISTS.soaring.id))).title).toBe('飙升榜 · NetEase chart');
    expect(
      asList(await top(`https://music.163.com/#/discover/toplist?id=${PLAYLISTS.western.id}`)).title,
    ).toBe('欧美热歌榜 · NetEase chart');
    expect(asList(await top('欧美')).title).toBe('欧美热歌榜 · NetEase chart');
    expect(asList(await top('原创 2')).page).toBe(1);
  });

  it('says when there is no such chart', async () => {
    expect(replyText(await top('nope'))).toBe('There is no chart “nope”. Type `top` to see them all.');
    expect(replyText(await top('99'))).toBe('There is no chart “99”. Type `top` to see them all.');
    expect(replyText(await top('nope', 'zh'))).toBe('没有“nope”这个榜单。输入 `top` 查看所有榜单。');
    expect(replyText(await top('热歌 page:21'))).toBe('`page` must be a whole number from 1 to 20.');
  });

  it('speaks Chinese', async () => {
    const reply = asList(await top('热歌', 'zh'));
    expect(reply.title).toBe('热歌榜 · 网易云音乐排行榜');
    expect(reply.footer).toBe('每周四更新 · 20 首歌\nVIP：VIP 会员可听完整版，其他人只能试听');
    expect(buttonsOf(reply).map((b) => b.label)).toEqual(['播放整个榜单', '在网易云音乐中打开']);
  });

  it('suggests charts by name while typing', async () => {
    const { ctx } = h.context();
    expect(await h.dispatcher.autocomplete(ctx, 'top', 'chart', '热歌')).toEqual([
      { name: '热歌榜', value: String(PLAYLISTS.hot.id) },
      { name: '欧美热歌榜', value: String(PLAYLISTS.western.id) },
    ]);
  });

  it('reports NetEase trouble as a message', async () => {
    h.services.netease.clearCache();
    h.fake.failNext('/api/toplist', { code: 405 });
    expect(replyText(await top(''))).toBe(
      'NetEase says we are asking too often. Please try again in a minute.',
    );
  });
});
