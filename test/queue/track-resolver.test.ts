/** The default resolver against the fake NetEase (real client, real wire), and the URL look-ahead. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NeteaseApi } from '../../src/netease/client.ts';
import {
  CheatingError,
  NeedsLoginError,
  NetworkError,
  NoCopyrightError,
  RateLimitedError,
  VipOnlyError,
} from '../../src/netease/errors.ts';
import { TrackPrefetch } from '../../src/queue/track-prefetch.ts';
import {
  classifyResolveError,
  createNeteaseTrackResolver,
  type ResolvedTrack,
  type ResolveTrack,
} from '../../src/queue/track-resolver.ts';
import type { QueuedTrack } from '../../src/queue/types.ts';
import { track } from './helpers/tracks.ts';
import { requester, startWorld, type World } from './helpers/world.ts';

let world: World;

beforeAll(async () => {
  world = await startWorld();
});

afterAll(() => world?.close());

const queued = (song: World['songs'][keyof World['songs']], who: string): QueuedTrack => ({
  entryId: `${who}-${song.id}`,
  song,
  requester: requester(who),
  addedAt: 0,
});

describe('NetEase track resolver', () => {
  const resolver = () => createNeteaseTrackResolver({ apiFor: (key) => world.apiFor(key) });

  it('resolves a signed, expiring URL that serves real audio', async () => {
    const resolved = await resolver()(queued(world.songs.qingtian, 'anon'), { allowTrial: true });
    expect(resolved.trial).toBeUndefined();
    expect(resolved.expiresAt).toBeGreaterThan(Date.now() + 60_000);
    const response = await fetch(resolved.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/mpeg');
    await response.arrayBuffer();
  });

  it('asks as the requester: a VIP gets the full song, others a preview or nothing', async () => {
    const resolve = resolver();
    const vip = await resolve(queued(world.songs.vipOnly, 'vip'), { allowTrial: true });
    expect(vip.trial).toBeUndefined();
    const free = await resolve(queued(world.songs.vipOnly, 'free'), { allowTrial: true });
    expect(free.trial).toEqual({ startMs: 2000, endMs: 4000 });
    const refused = resolve(queued(world.songs.vipOnly, 'free'), { allowTrial: false });
    await expect(refused).rejects.toBeInstanceOf(VipOnlyError);
  });

  it('reports a grey song as no copyright', async () => {
    const error = await resolver()(queued(world.songs.grey, 'vip'), { allowTrial: true }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NoCopyrightError);
    expect(classifyResolveError(error)).toEqual({
      action: 'skip',
      reason: 'no_copyright',
      code: 'no_copyright',
    });
  });

  it('falls back once when the requester’s own login was rejected', async () => {
    const expired = {
      songUrl: async () => {
        throw new NeedsLoginError('user');
      },
    } as unknown as NeteaseApi;
    const resolve = createNeteaseTrackResolver({ apiFor: () => expired, fallback: world.client.anonymous });
    const resolved = await resolve(queued(world.songs.qingtian, 'expired'), { allowTrial: true });
    expect(resolved.url).toContain('/_audio/');
  });
});

describe('classifyResolveError', () => {
  it('skips song problems, retries passing ones, pauses on refusals', () => {
    expect(classifyResolveError(new VipOnlyError(1)).action).toBe('skip');
    expect(classifyResolveError(new NetworkError('down'))).toEqual({ action: 'retry', code: 'network' });
    expect(classifyResolveError(new RateLimitedError()).action).toBe('retry');
    expect(classifyResolveError(new CheatingError())).toEqual({ action: 'pause', code: 'cheating' });
    expect(classifyResolveError(new TypeError('bug'))).toMatchObject({
      action: 'skip',
      reason: 'unavailable',
    });
  });
});

describe('TrackPrefetch', () => {
  function counting(make: (calls: number) => ResolvedTrack | Error) {
    let calls = 0;
    const resolve: ResolveTrack = async () => {
      const result = make(++calls);
      if (result instanceof Error) throw result;
      return result;
    };
    return { resolve, calls: () => calls };
  }

  it('hands out a prefetched URL while it stays fresh, and resolves again once it would not', async () => {
    let now = 1_000_000;
    const source = counting((n) => ({ url: `u${n}`, expiresAt: now + 120_000 }));
    const prefetch = new TrackPrefetch(source.resolve, { freshForMs: 60_000, now: () => now });
    prefetch.prefetch(track('a1'), true);
    expect((await prefetch.take(track('a1'), { allowTrial: true })).resolved.url).toBe('u1');
    expect(source.calls()).toBe(1);

    prefetch.prefetch(track('a2'), true);
    now += 61_000; // only 59 s left: too close to expiry for a song that may last minutes
    expect((await prefetch.take(track('a2'), { allowTrial: true })).resolved.url).toBe('u3');
    expect(source.calls()).toBe(3);
  });

  it('does not reuse a URL asked for under another trial rule, or when a fresh one is wanted', async () => {
    const source = counting((n) => ({ url: `u${n}` }));
    const prefetch = new TrackPrefetch(source.resolve);
    prefetch.prefetch(track('a1'), true);
    expect((await prefetch.take(track('a1'), { allowTrial: false })).resolved.url).toBe('u2');
    prefetch.prefetch(track('a1'), true);
    expect((await prefetch.take(track('a1'), { allowTrial: true, fresh: true })).resolved.url).toBe('u4');
  });

  it('keeps a prefetched failure for when the track comes up', async () => {
    const source = counting(() => new NoCopyrightError(7));
    const prefetch = new TrackPrefetch(source.resolve);
    prefetch.prefetch(track('grey7'), true);
    await expect(prefetch.take(track('grey7'), { allowTrial: true })).rejects.toBeInstanceOf(
      NoCopyrightError,
    );
    expect(source.calls()).toBe(1);
  });

  it('stops waiting when the track is skipped meanwhile', async () => {
    const prefetch = new TrackPrefetch(() => new Promise(() => {}));
    const controller = new AbortController();
    const taking = prefetch.take(track('a1'), { allowTrial: true, signal: controller.signal });
    controller.abort(new Error('skipped'));
    await expect(taking).rejects.toThrow('skipped');
  });
});
