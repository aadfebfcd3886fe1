import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionRef } from '../../src/commands/reply.ts';
import { ALBUMS, PLAYLISTS, SONGS } from '../fakes/netease/catalog.ts';
import { commentsOf, hotCommentsOf } from '../fakes/netease/fixtures/comments.ts';
import { type CommandHarness, startCommandHarness } from '../helpers/command-harness.ts';
import { playbackDoublePlaying } from '../helpers/playback-double.ts';
import { asList, buttonAction, itemTexts, pageAction, replyText } from '../helpers/reply-text.ts';

let h: CommandHarness;
beforeAll(async () => {
  h = await startCommandHarness();
});
afterAll(async () => {
  await h.close();
});

const QINGTIAN_THREAD = `R_SO_4_${SONGS.qingtian.id}`;

async function comments(text: string, overrides: Parameters<CommandHarness['context']>[0] = {}) {
  const { ctx } = h.context(overrides);
  return h.dispatcher.runText(ctx, 'comments', text);
}

async function press(ref: ActionRef) {
  const { ctx } = h.context();
  return h.dispatcher.runAction(ctx, await h.dispatcher.encodeAction(ref));
}

/** The nickname each item starts with. */
function authors(reply: Awaited<ReturnType<typeof comments>>): string[] {
  return itemTexts(reply).map((text) => text.split(' · ')[0]!);
}

describe('comments', () => {
  it('shows the hot comments of a song: author, likes, date and text', async () => {
    const reply = asList(await comments('晴天'));
    expect(reply.title).toBe('Hot comments · 晴天 — 周杰伦');
    expect(reply).toMatchObject({ page: 1, pageCount: 17, firstNumber: 1 });
    expect(itemTexts(reply).slice(0, 2)).toEqual([
      '今天也要加油鸭 · ♥ 186.5k · 16 May 2024\n十年前听是旋律，十年后听是自己',
      '听歌的阿楠 · ♥ 153.2k · 13 May 2024\n评论区的故事比歌还好听',
    ]);
    expect(authors(reply)).toEqual(
      hotCommentsOf(QINGTIAN_THREAD)
        .slice(0, 5)
        .map((c) => c.nickname),
    );
    expect(reply.footer).toBe('68 comments');
  });

  it('quotes the comment a reply answers', async () => {
    const reply = asList(await comments('晴天'));
    expect(itemTexts(reply)[2]).toBe(
      '晚风与你 · ♥ 132.5k · 25 May 2024\n> @kiwi_小鹿: 这首歌陪我度过了最难熬的那个夏天\n同感，我也是',
    );
    expect(JSON.stringify(reply.items[2])).toContain('"quote"');
  });

  it('formats numbers and dates for Chinese readers', async () => {
    const reply = asList(await comments('晴天', { locale: 'zh' }));
    expect(reply.title).toBe('热门评论 · 晴天 — 周杰伦');
    expect(itemTexts(reply)[0]).toBe(
      '今天也要加油鸭 · ♥ 18.7万 · 2024年5月16日\n十年前听是旋律，十年后听是自己',
    );
    expect(reply.footer).toBe('68 条评论');
  });

  it('pages on into the newest comments when the hot ones run out', async () => {
    const first = await comments('晴天');
    const hot = hotCommentsOf(QINGTIAN_THREAD);
    const newest = commentsOf(QINGTIAN_THREAD);
    expect(hot).toHaveLength(15);

    const third = asList(await press(pageAction(first, 3)));
    expect(third.title).toBe('Hot comments · 晴天 — 周杰伦');
    expect(third.firstNumber).toBe(11);
    expect(authors(third)).toEqual(hot.slice(10, 15).map((c) => c.nickname));

    const fourth = asList(await press(pageAction(third, 4)));
    expect(fourth.title).toBe('Newest comments · 晴天 — 周杰伦');
    expect(fourth.firstNumber).toBe(16);
    expect(itemTexts(fourth).map((text) => text.split('\n').at(-1))).toEqual(
      newest.slice(0, 5).map((c) => c.content),
    );

    // Forward one page at a time: each newest page is fetched with the previous page's cursor.
    const before = h.fake.requests.length;
    const fifth = asList(await press(pageAction(fourth, 5)));
    expect(authors(fifth)).toEqual(newest.slice(5, 10).map((c) => c.nickname));
    const cursors = h.fake.requests
      .slice(before)
      .filter((r) => r.path === '/api/v2/resource/comments')
      .map((r) => r.payload.cursor);
    expect(cursors).toContain(String(newest[4]!.time));
  });

  it('jumps deep into the newest comments and clamps a page past the end', async () => {
    const ninth = asList(await comments('晴天 page:9'));
    expect(ninth.firstNumber).toBe(41);
    // Pages 4 onwards are the newest comments, five to a page: page 9 shows the 26th to 30th.
    const newest = commentsOf(QINGTIAN_THREAD);
    expect(authors(ninth)).toEqual(newest.slice(25, 30).map((c) => c.nickname));

    const last = asList(await comments('晴天 page:50'));
    expect(last).toMatchObject({ page: 17, pageCount: 17 });
    expect(authors(last)).toEqual(newest.slice(65, 68).map((c) => c.nickname));
  });

  it('sorts by newest on request, and switches with the button', async () => {
    const newest = commentsOf(QINGTIAN_THREAD);
    const byTime = asList(await comments('晴天 sort:new'));
    expect(byTime.title).toBe('Newest comments · 晴天 — 周杰伦');
    expect(byTime.pageCount).toBe(14);
    expect(authors(byTime)).toEqual(newest.slice(0, 5).map((c) => c.nickname));

    const hot = asList(await press(buttonAction(byTime, 'Most liked first')));
    expect(hot.title).toBe('Hot comments · 晴天 — 周杰伦');
    const back = asList(await press(buttonAction(hot, 'Newest first')));
    expect(back.title).toBe('Newest comments · 晴天 — 周杰伦');
  });

  it('cuts a long story short', async () => {
    // 发如雪's newest comment is the fixture's long story (233 characters).
    const story = commentsOf(`R_SO_4_${SONGS.faruxue.id}`)[0]!.content;
    expect(story.length).toBeGreaterThan(220);
    const reply = asList(await comments(`${SONGS.faruxue.id} sort:new`));
    const text = itemTexts(reply)[0]!.split('\n').at(-1)!;
    expect([...text]).toHaveLength(220);
    expect(text).toBe(`${story.slice(0, 219)}…`);
  });

  it('shows album and playlist comments from their links', async () => {
    const album = asList(await comments(`https://music.163.com/#/album?id=${ALBUMS.yehuimei.id}`));
    expect(album.title).toBe('Hot comments · 叶惠美 — 周杰伦');
    expect(album.footer).toBe('4 comments');
    const playlist = asList(await comments(`https://music.163.com/playlist?id=${PLAYLISTS.jay.id}`));
    expect(playlist.title).toBe('Hot comments · 周杰伦 | 深夜循环');
    expect(playlist.pager?.args).toEqual({ th: 'playlist', id: PLAYLISTS.jay.id, s: 'hot' });
    const page2 = asList(await press(pageAction(playlist, 2)));
    expect(page2.title).toBe('Newest comments · 周杰伦 | 深夜循环');
  });

  it('says artists have no comment section', async () => {
    expect(replyText(await comments('https://music.163.com/#/artist?id=6452'))).toBe(
      'Artists have no comment section; name a song, an album or a playlist.',
    );
  });

  it('defaults to the song playing now, and says when nothing is', async () => {
    const song = await h.services.netease.anonymous.song(SONGS.vipOnly.id);
    const reply = asList(await comments('', { playbackImpl: playbackDoublePlaying(song) }));
    expect(reply.title).toBe('Hot comments · 孤勇者 — 陈奕迅');
    expect(replyText(await comments(''))).toBe(
      'Nothing is playing for you right now. Name a song instead, e.g. `comments 晴天`.',
    );
  });

  it('explains unknown songs, empty searches and dead links', async () => {
    expect(replyText(await comments('999999'))).toBe('NetEase has no song with that id.');
    expect(replyText(await comments('xyzzy'))).toBe('No results for “xyzzy”.');
    expect(replyText(await comments('https://163cn.tv/dead'))).toBe(
      'That link does not lead anywhere any more.',
    );
    expect(replyText(await comments('晴天 sort:best'))).toBe('`sort` must be one of: Hot, Newest.');
  });

  it('rejects a forged page button', async () => {
    const reply = await press({ command: 'comments', name: 'page', args: { th: 'user', id: 1, s: 'hot' } });
    expect(replyText(reply)).toBe('Those buttons have expired; run the command again.');
    const negative = await press({ command: 'comments', name: 'page', args: { th: 'song', id: -5 } });
    expect(replyText(negative)).toBe('Those buttons have expired; run the command again.');
  });
});
