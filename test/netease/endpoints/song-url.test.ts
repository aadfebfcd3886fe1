import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNeteaseClient } from '../../../src/netease/client.ts';
import { eapiDecryptRequest } from '../../../src/netease/crypto.ts';
import { NoCopyrightError, VipOnlyError } from '../../../src/netease/errors.ts';
import { SONGS } from '../../fakes/netease/catalog.ts';
import { clientFor, type FakeNetease, free, pathsSince, recording, startFake, vip } from '../helpers/fake.ts';
import { json, startMiniServer } from '../helpers/mini-server.ts';

let fake: FakeNetease;
beforeAll(async () => {
  fake = await startFake();
});
afterAll(async () => {
  await fake.close();
});

describe('song URL', () => {
  it('resolves a playable URL with level, bitrate, size, type and expiry', async () => {
    const now = 1_700_000_000_000;
    const client = clientFor(fake, { now: () => now });
    const { result, requests } = await recording(fake, () =>
      client.anonymous.songUrl(SONGS.qingtian.id, { level: 'exhigh' }),
    );
    expect(requests[0]).toMatchObject({
      transport: 'eapi',
      path: '/api/song/enhance/player/url/v1',
      payload: { ids: `[${SONGS.qingtian.id}]`, level: 'exhigh', encodeType: 'flac' },
    });
    expect(result).toMatchObject({ id: SONGS.qingtian.id, level: 'exhigh', bitrate: 320000, type: 'mp3' });
    expect(result.url).toMatch(/^https?:\/\//);
    expect(result.sizeBytes).toBeGreaterThan(0);
    expect(result.expiresAt).toBeGreaterThan(now);
    expect(result.expiresAt).toBeLessThanOrEqual(now + 3_600_000);
    expect(result.trial).toBeUndefined();
    // The URL really serves the audio.
    const audio = await request(result.url);
    expect(audio.statusCode).toBe(200);
    expect((await audio.body.arrayBuffer()).byteLength).toBeGreaterThan(0);
    await client.close();
  });

  it('gives a VIP lossless FLAC, and a non-VIP the best level they may have', async () => {
    const client = clientFor(fake);
    const lossless = await client.as(vip).songUrl(SONGS.qingtian.id, { level: 'lossless' });
    expect(lossless).toMatchObject({ level: 'lossless', type: 'flac' });
    const capped = await client.as(free).songUrl(SONGS.qingtian.id, { level: 'lossless' });
    expect(capped.level).toBe('exhigh');
    await client.close();
  });

  it('steps down when the song does not exist at the level asked', async () => {
    const client = clientFor(fake);
    // 晴天 stops at lossless; hires is not there even for VIP.
    const best = await client.as(vip).songUrl(SONGS.qingtian.id, { level: 'hires' });
    expect(best.level).toBe('lossless');
    await client.close();
  });

  it('reports the size the service reports (a > 50 MB lossless)', async () => {
    const client = clientFor(fake);
    const url = await client.anonymous.songUrl(SONGS.bigLossless.id, { level: 'lossless' });
    expect(url.sizeBytes).toBe(58_734_112);
    await client.close();
  });

  it('returns the trial window for a VIP song, or VipOnlyError when trials are not wanted', async () => {
    const client = clientFor(fake);
    const trial = await client.anonymous.songUrl(SONGS.vipOnly.id);
    expect(trial.trial).toBeDefined();
    expect(trial.trial!.endMs).toBeGreaterThan(trial.trial!.startMs);
    await expect(client.anonymous.songUrl(SONGS.vipOnly.id, { allowTrial: false })).rejects.toBeInstanceOf(
      VipOnlyError,
    );
    const full = await client.as(vip).songUrl(SONGS.vipOnly.id, { allowTrial: false });
    expect(full.trial).toBeUndefined();
    await client.close();
  });

  it('a grey song is NoCopyrightError after one request', async () => {
    const client = clientFor(fake);
    const start = fake.requests.length;
    await expect(client.anonymous.songUrl(SONGS.grey.id, { level: 'lossless' })).rejects.toBeInstanceOf(
      NoCopyrightError,
    );
    expect(pathsSince(fake, start)).toHaveLength(1);
    await client.close();
  });

  it('is never cached', async () => {
    const client = clientFor(fake);
    const { requests } = await recording(fake, async () => {
      await client.anonymous.songUrl(SONGS.daoxiang.id);
      await client.anonymous.songUrl(SONGS.daoxiang.id);
    });
    expect(requests).toHaveLength(2);
    await client.close();
  });
});

describe('song URL level fallback (stub server)', () => {
  it('asks again one level lower when a level has no file and no reason is given', async () => {
    // The fake NetEase always steps down by itself (as the real one usually does); this stub
    // answers the rarer "url null, no reason" that makes the client step down on its own.
    const levels: string[] = [];
    const server = await startMiniServer((req, res) => {
      const params = new URLSearchParams(req.body).get('params')!;
      const payload = JSON.parse(eapiDecryptRequest(params).text) as { level: string };
      levels.push(payload.level);
      json(res, {
        code: 200,
        data: [
          payload.level === 'higher'
            ? {
                id: 7,
                url: 'http://cdn.example/7.mp3',
                br: 192000,
                size: 1000,
                code: 200,
                level: 'higher',
                type: 'mp3',
              }
            : { id: 7, url: null, br: 0, size: 0, code: -110, fee: 0 },
        ],
      });
    });
    const client = createNeteaseClient({ baseUrl: server.baseUrl, requestsPerSecond: 1000, burst: 1000 });
    try {
      const url = await client.anonymous.songUrl(7, { level: 'lossless' });
      expect(levels).toEqual(['lossless', 'exhigh', 'higher']);
      expect(url).toMatchObject({ level: 'higher', bitrate: 192000, url: 'http://cdn.example/7.mp3' });
    } finally {
      await client.close();
      await server.close();
    }
  });
});
