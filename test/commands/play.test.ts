import { beforeEach, describe, expect, it } from 'vitest';
import { allCommands } from '../../src/commands/index.ts';
import type { AudioReply, MultiReply } from '../../src/commands/reply.ts';
import { plainText } from '../../src/commands/rich-text.ts';
import { ALBUMS, ARTISTS, PLAYLISTS, SONGS } from '../fakes/netease/catalog.ts';
import type { FakeNetease } from '../fakes/netease/server.ts';
import { asCard, fieldsOf, type PlaybackWorld, usePlaybackWorld } from '../helpers/playback-world.ts';
import { asList, replyText } from '../helpers/reply-text.ts';

const world = usePlaybackWorld(allCommands);
let w: PlaybackWorld;
let fake: FakeNetease;
beforeEach(() => {
  w = world();
  fake = w.account.fake;
});

const queued = () => w.queued();

describe('play in a voice channel', () => {
  it('plays the first search hit now and shows its card', async () => {
    const card = asCard(await w.run('play', '晴天'));
    expect(card).toMatchObject({
      title: '晴天',
      url: `https://music.163.com/#/song?id=${SONGS.qingtian.id}`,
      thumbnailUrl: expect.stringContaining('http'),
    });
    expect(plainText(card.description ?? '')).toBe('周杰伦 · 叶惠美');
    expect(fieldsOf(card)).toEqual({ Duration: '0:04', Queue: '▶ Playing now' });
    const current = w.playback.state().current?.track;
    expect(current?.song.id).toBe(SONGS.qingtian.id);
    expect(current?.requester).toEqual({ userKey: 'test:alice', displayName: 'Alice' });
  });

  it('says where a song lands when something is already playing', async () => {
    await w.run('play', '晴天');
    expect(fieldsOf(await w.run('play', '稻香')).Queue).toBe('Up next');
    expect(fieldsOf(await w.run('play', '七里香', { who: 'bob' })).Queue).toBe('#2 in the queue');
    expect(queued()).toEqual(['晴天', '稻香', '七里香']);
  });

  it('takes a song id and song links, including the app’s share text', async () => {
    expect(asCard(await w.run('play', String(SONGS.daoxiang.id))).title).toBe('稻香');
    expect(asCard(await w.run('play', `https://music.163.com/#/song?id=${SONGS.qingtian.id}`)).title).toBe(
      '晴天',
    );
    const share = `分享周杰伦的单曲《晴天》: https://y.music.163.com/m/song?id=${SONGS.qingtian.id}&uct2=abc (来自@网易云音乐)`;
    expect(asCard(await w.run('play', share)).title).toBe('晴天');
    expect(queued()).toEqual(['稻香', '晴天', '晴天']);
  });

  it('queues a whole playlist and skips its grey song, saying so', async () => {
    const card = asCard(await w.run('play', `https://music.163.com/#/playlist?id=${PLAYLISTS.big.id}`));
    expect(card.title).toBe(PLAYLISTS.big.name);
    expect(card.url).toBe(`https://music.163.com/#/playlist?id=${PLAYLISTS.big.id}`);
    expect(replyText(card).split('\n').slice(1)).toEqual([
      `Added 27 songs from “${PLAYLISTS.big.name}” to the queue.`,
      'The first one plays now.',
      'Skipped 1 song that cannot be played here (no copyright).',
    ]);
    expect(queued()).toHaveLength(27);
    expect(queued()).not.toContain('红豆');
  });

  it('queues an album, an artist’s top songs and a chart', async () => {
    await w.run('play', '晴天');
    const album = asCard(await w.run('play', `https://music.163.com/#/album?id=${ALBUMS.yehuimei.id}`));
    expect(album.title).toBe('叶惠美');
    expect(replyText(album)).toMatch(
      /Added \d+ songs from “叶惠美” to the queue\.\nThe first one is #1 in the queue\./,
    );

    const artist = asCard(await w.run('play', `https://music.163.com/#/artist?id=${ARTISTS.jay.id}`));
    expect(artist.title).toBe('周杰伦');

    const before = queued().length;
    const chart = asCard(await w.run('play', 'https://music.163.com/#/discover/toplist?id=3778678'));
    expect(chart.title).toBe('热歌榜');
    expect(replyText(chart)).toContain('Added 20 songs from “热歌榜”');
    expect(queued()).toHaveLength(before + 20);
  });

  it('refuses a grey song before queueing it', async () => {
    expect(replyText(await w.run('play', String(SONGS.grey.id)))).toBe(
      '“红豆” is not available (no copyright in this region).',
    );
    expect(w.playback.calls).toEqual([]);
  });

  it('queues a VIP song and explains what non-members will hear', async () => {
    const card = asCard(await w.run('play', String(SONGS.vipOnly.id)));
    expect(card.footer).toBe('VIP: VIP members hear the full song, others a preview');
  });

  it('asks the caller to join a voice channel before looking anything up', async () => {
    const requests = fake.requests.length;
    expect(replyText(await w.run('play', '晴天', { inVoice: false }))).toBe(
      'Join a voice channel first, then ask again.',
    );
    expect(fake.requests.length).toBe(requests);
  });

  it('reports a search without results and a query that is missing', async () => {
    expect(replyText(await w.run('play', 'qqqzzzxxx nothing matches'))).toBe(
      'No results for “qqqzzzxxx nothing matches”.',
    );
    expect(replyText(await w.run('play', ''))).toBe('`query` is missing. Usage: `play <query>`');
  });

  it('answers in Chinese', async () => {
    const card = asCard(await w.run('play', '晴天', { locale: 'zh' }));
    expect(fieldsOf(card)).toEqual({ 时长: '0:04', 队列: '▶ 正在播放' });
  });
});

describe('play without voice', () => {
  it('sends the song as audio on Telegram and in the console', async () => {
    for (const platform of ['files', 'console'] as const) {
      const audio = (await w.run('play', '晴天', { platform })) as AudioReply;
      expect(audio).toMatchObject({ kind: 'audio', userKey: 'test:alice', song: { id: SONGS.qingtian.id } });
    }
    expect(w.playback.calls).toEqual([]);
  });

  it('sends the first few songs of a collection and says how many there were', async () => {
    const multi = (await w.run('play', `https://music.163.com/#/playlist?id=${PLAYLISTS.big.id}`, {
      platform: 'files',
    })) as MultiReply;
    expect(multi.kind).toBe('multi');
    const [intro, ...songs] = multi.parts;
    expect(replyText(intro).split('\n')).toEqual([
      `Here are 5 songs from “${PLAYLISTS.big.name}”.`,
      'Only the first 5 of 27 are sent as files; ask for the others by name.',
      'Skipped 1 song that cannot be played here (no copyright).',
    ]);
    expect(songs.map((part) => (part as AudioReply).song.name)).toEqual([
      '晴天',
      '稻香',
      '七里香',
      '夜曲',
      '十年',
    ]);
  });

  it('still refuses a grey song', async () => {
    expect(replyText(await w.run('play', String(SONGS.grey.id), { platform: 'files' }))).toBe(
      '“红豆” is not available (no copyright in this region).',
    );
  });
});

describe('play buttons', () => {
  it('plays the song picked from a search menu', async () => {
    const list = asList(await w.run('search', '稻香'));
    const pick = list.select?.options[0]?.action;
    expect(pick).toEqual({ command: 'play', name: 'song', args: { id: SONGS.daoxiang.id } });
    expect(asCard(await w.press(pick!)).title).toBe('稻香');
    expect(queued()).toEqual(['稻香']);
  });

  it('plays a collection named by a button', async () => {
    const card = asCard(
      await w.press({
        command: 'play',
        name: 'collection',
        args: { type: 'playlist', id: PLAYLISTS.jay.id },
      }),
    );
    expect(card.title).toBe(PLAYLISTS.jay.name);
    expect(queued()).toHaveLength(8);
  });

  it('treats a tampered collection button as expired', async () => {
    const reply = await w.press({ command: 'play', name: 'collection', args: { type: 'user', id: 1 } });
    expect(replyText(reply)).toBe('Those buttons have expired; run the command again.');
  });

  it('plays daily recommendations and personal FM only for a logged-in caller', async () => {
    expect(replyText(await w.press({ command: 'play', name: 'daily', args: {} }))).toBe(
      'This needs your NetEase account. Use `login` in a private chat with me first.',
    );
    await w.account.logIn('test:alice', 'vip');
    expect(replyText(await w.press({ command: 'play', name: 'daily', args: {} }))).toMatch(
      /^Daily recommendations\nAdded \d+ songs from “Daily recommendations” to the queue\./,
    );
    const before = queued().length;
    expect(replyText(await w.press({ command: 'play', name: 'fm', args: {} }))).toContain(
      'Added 3 songs from “Personal FM” to the queue.',
    );
    expect(queued()).toHaveLength(before + 3);
  });

  it('suggests searches while the query is typed', async () => {
    const { ctx } = w.context();
    const choices = await w.account.dispatcher.autocomplete(ctx, 'play', 'query', '晴');
    expect(choices.length).toBeGreaterThan(0);
  });
});
