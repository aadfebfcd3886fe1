import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALBUMS, PLAYLISTS, SONGS } from '../fakes/netease/catalog.ts';
import { type CommandHarness, startCommandHarness } from '../helpers/command-harness.ts';
import { asList, itemTexts, pageAction, replyText } from '../helpers/reply-text.ts';

let h: CommandHarness;
beforeAll(async () => {
  h = await startCommandHarness();
});
afterAll(async () => {
  await h.close();
});

async function search(text: string, locale: 'en' | 'zh' = 'en') {
  const { ctx } = h.context({ locale });
  return h.dispatcher.runText(ctx, 'search', text);
}

async function press(ref: Parameters<CommandHarness['dispatcher']['encodeAction']>[0]) {
  const { ctx } = h.context();
  return h.dispatcher.runAction(ctx, await h.dispatcher.encodeAction(ref));
}

describe('search', () => {
  it('lists songs ten to a page with artist, album and length', async () => {
    const reply = asList(await search('周杰伦'));
    expect(reply.title).toBe('Songs matching “周杰伦”');
    expect(reply).toMatchObject({ page: 1, pageCount: 2, firstNumber: 1 });
    expect(itemTexts(reply).slice(0, 3)).toEqual([
      '晴天 — 周杰伦 · 叶惠美 · 0:04',
      '以父之名 — 周杰伦 · 叶惠美 · 0:06',
      '七里香 — 周杰伦 · 七里香 · 0:04',
    ]);
    expect(reply.items).toHaveLength(10);
    expect(reply.footer).toBe('13 results');
    expect(reply.pager).toEqual({ command: 'search', name: 'page', args: { q: '周杰伦', t: 'song' } });
  });

  it('shows the next page through the pager button', async () => {
    const first = await search('周杰伦');
    const second = asList(await press(pageAction(first, 2)));
    expect(second).toMatchObject({ page: 2, pageCount: 2, firstNumber: 11 });
    expect(replyText(second)).toBe(
      [
        'Songs matching “周杰伦”',
        '11. 说好的幸福呢 — 周杰伦 · 魔杰座 · 0:06',
        '12. 告白气球 — 周杰伦 · 周杰伦的床边故事 · 0:04',
        '13. 借口 — 周杰伦 · 七里香 · 0:06',
        '13 results',
      ].join('\n'),
    );
    expect(second.select?.options.map((option) => option.label)).toEqual([
      '11. 说好的幸福呢',
      '12. 告白气球',
      '13. 借口',
    ]);
  });

  it('offers every result in a menu that plays it', async () => {
    const reply = asList(await search('晴天'));
    expect(reply.select?.placeholder).toBe('Pick one to play');
    expect(reply.select?.options[0]).toEqual({
      label: '1. 晴天',
      description: '周杰伦 · 叶惠美',
      action: { command: 'play', name: 'song', args: { id: SONGS.qingtian.id } },
    });
  });

  it('marks a grey song as unavailable and explains the badge', async () => {
    const reply = asList(await search('红豆'));
    expect(itemTexts(reply)).toEqual(['红豆 — 王菲 · 唱游 · 4:13 [unavailable]']);
    expect(reply.footer).toBe('1 result\nunavailable: no copyright here, cannot be played');
    expect(reply.select?.options[0]?.description).toBe('王菲 · 唱游 · unavailable');
  });

  it('marks VIP and paid songs, in the caller’s language', async () => {
    expect(itemTexts(await search('孤勇者'))).toEqual(['孤勇者 — 陈奕迅 · 孤勇者 · 0:06 [VIP]']);
    expect(itemTexts(await search('Neon Heart'))).toEqual([
      'Neon Heart — The Velvet Hours · Midnight Drive · 0:06 [paid]',
    ]);
    const zh = asList(await search('孤勇者', 'zh'));
    expect(zh.title).toBe('“孤勇者”的单曲搜索结果');
    expect(zh.footer).toBe('1 个结果\nVIP：VIP 会员可听完整版，其他人只能试听');
    expect(itemTexts(await search('红豆', 'zh'))).toEqual(['红豆 — 王菲 · 唱游 · 4:13 [无版权]']);
  });

  it('searches albums, artists and playlists, each playable as a collection', async () => {
    const albums = asList(await search('周杰伦 type:album'));
    expect(albums.title).toBe('Albums matching “周杰伦”');
    expect(itemTexts(albums)[0]).toBe('叶惠美 — 周杰伦 · 2003 · 2 songs');
    expect(itemTexts(albums)[5]).toBe('周杰伦的床边故事 — 周杰伦 · 2016 · 1 song');
    expect(albums.select?.options[0]?.action).toEqual({
      command: 'play',
      name: 'collection',
      args: { type: 'album', id: ALBUMS.yehuimei.id },
    });

    const artists = asList(await search('Jay Chou type:artist'));
    expect(itemTexts(artists)).toEqual(['周杰伦 (Jay Chou / JAY) · 13 songs · 6 albums']);
    expect(artists.select?.options[0]?.action.args).toMatchObject({ type: 'artist' });

    const playlists = asList(await search('华语 type:playlist'));
    expect(itemTexts(playlists)[0]).toBe(
      '华语经典 | 那些年单曲循环的歌 — 云音乐曲库 · 28 songs · 98.8M plays',
    );
    expect(playlists.select?.options[0]?.action.args).toEqual({ type: 'playlist', id: PLAYLISTS.big.id });
  });

  it('says so when nothing matches', async () => {
    expect(replyText(await search('xyzzy'))).toBe('No results for “xyzzy”.');
    expect(replyText(await search('xyzzy', 'zh'))).toBe('没有找到与“xyzzy”相关的结果。');
  });

  it('asks for a query, and keeps page numbers in bounds', async () => {
    expect(replyText(await search(''))).toBe('`query` is missing. Usage: `search <query> [type] [page]`');
    expect(replyText(await search('晴天 page:31'))).toBe('`page` must be a whole number from 1 to 30.');
    expect(replyText(await search('周杰伦 type:lyrics'))).toBe(
      '`type` must be one of: Songs, Albums, Artists, Playlists.',
    );
  });

  it('shows the last page when asked for one past the end', async () => {
    const reply = asList(await search('周杰伦 page:7'));
    expect(reply).toMatchObject({ page: 2, pageCount: 2, firstNumber: 11 });
  });

  it('treats a tampered pager payload as an expired button', async () => {
    const { ctx } = h.context();
    const reply = await h.dispatcher.runAction(ctx, 'search|page|{"q":"晴天","t":"mv","page":2}');
    expect(replyText(reply)).toBe('Those buttons have expired; run the command again.');
  });

  it('autocompletes from NetEase suggestions, and from hot searches when nothing is typed', async () => {
    const { ctx } = h.context();
    const choices = await h.dispatcher.autocomplete(ctx, 'search', 'query', '晴');
    expect(choices).toEqual([{ name: '晴天 - 周杰伦', value: '晴天 周杰伦' }]);
    // The value is what gets searched when the user picks the suggestion.
    expect(itemTexts(await search(choices[0]!.value))[0]).toBe('晴天 — 周杰伦 · 叶惠美 · 0:04');
    const hot = await h.dispatcher.autocomplete(ctx, 'search', 'query', '');
    expect(hot.slice(0, 2)).toEqual([
      { name: '孤勇者', value: '孤勇者' },
      { name: '晴天', value: '晴天' },
    ]);
  });

  it('autocomplete never fails: a NetEase error means no suggestions', async () => {
    const { ctx } = h.context();
    h.fake.failNext('/api/search/suggest/web', { code: -460 });
    await expect(h.dispatcher.find('search')?.autocomplete?.(ctx, 'query', '七里')).resolves.toEqual([]);
  });

  it('turns a NetEase refusal into a message for the user', async () => {
    h.fake.failNext('/api/cloudsearch/pc', { code: -460 });
    expect(replyText(await search('光年之外'))).toMatch(/^NetEase refused the request \(-460\)/);
  });
});
