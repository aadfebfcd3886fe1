/**
 * How the engine deals with NetEase's rules and failures: previews of VIP songs, a refusing
 * service, expiring URLs, a CDN that drops the connection. Backend-independent, so it runs on the
 * embedded backend only (the contract suite covers both backends).
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaybackSettings } from '../../src/queue/guild-player.ts';
import type { ResolveTrack } from '../../src/queue/track-resolver.ts';
import { startAudioServer } from '../player/helpers/audio-server.ts';
import { EventLog } from './helpers/event-log.ts';
import {
  type BackendPlace,
  type EngineHandle,
  makePlace,
  newGuild,
  openEngine,
  requester,
  sleep,
  startWorld,
  type World,
} from './helpers/world.ts';

const SONG_URL = '/api/song/enhance/player/url/v1';

let world: World;
let place: BackendPlace;
let handle: EngineHandle;
const log = new EventLog();
const settings = new Map<string, Partial<PlaybackSettings>>();

beforeAll(async () => {
  world = await startWorld();
  place = await makePlace('embedded');
  handle = await openEngine(world, place, { log, settings });
});

afterAll(async () => {
  await handle?.engine.close();
  await place?.cleanup();
  await world?.close();
});

const urlRequests = () => world.fake.requests.filter((r) => r.path === SONG_URL).length;

describe('VIP songs', () => {
  it('plays the preview for a listener without VIP and says it is one', async () => {
    const player = handle.engine.forGuild(newGuild('preview'));
    const { vipOnly } = world.songs;
    await player.enqueue([vipOnly], requester('free'));
    const started = await log.waitFor(player.guildId, 'trackStarted');
    expect(started.event.preview).toEqual({ startMs: 2000, endMs: 4000 });
    const ended = await log.waitFor(player.guildId, 'queueEnded');
    // The clip's own length (2 s), not the song's 6 s.
    expect(ended.at - started.at).toBeGreaterThan(1800);
    expect(ended.at - started.at).toBeLessThan(3300);
  });

  it('skips it with the reason when the guild turned previews off', async () => {
    const player = handle.engine.forGuild(newGuild('no-preview'));
    settings.set(player.guildId, { allowTrialClips: false });
    const { vipOnly, qingtian } = world.songs;
    await player.enqueue([vipOnly, qingtian], requester('free'));
    const skipped = await log.waitFor(player.guildId, 'trackSkipped');
    expect(skipped.event).toMatchObject({ reason: 'vip_only' });
    const started = await log.waitFor(player.guildId, 'trackStarted');
    expect(started.event.track.song.id).toBe(qingtian.id);
    await player.stop();
  });

  it('plays the full song for a VIP requester', async () => {
    const player = handle.engine.forGuild(newGuild('vip'));
    await player.enqueue([world.songs.vipOnly], requester('vip'));
    const started = await log.waitFor(player.guildId, 'trackStarted');
    expect(started.event.preview).toBeUndefined();
    await player.stop();
  });
});

describe('NetEase trouble', () => {
  it('pauses the guild (queue kept) when NetEase refuses us, and resume tries again', async () => {
    const player = handle.engine.forGuild(newGuild('cheating'));
    const { qingtian, paomo } = world.songs;
    world.fake.failNext(SONG_URL, { code: -460 });
    await player.enqueue([qingtian, paomo], requester('alice'), { textChannelId: '5' });
    const error = await log.waitFor(player.guildId, 'error');
    expect(error.event).toMatchObject({ code: 'netease_unavailable', textChannelId: '5' });
    await sleep(50);
    const snapshot = await player.snapshot();
    expect(snapshot.current).toMatchObject({ paused: true, positionMs: 0 });
    expect(snapshot.current?.track.song.id).toBe(qingtian.id);
    expect(snapshot.upcoming).toHaveLength(1);

    await player.resume();
    const started = await log.waitFor(player.guildId, 'trackStarted');
    expect(started.event.track.song.id).toBe(qingtian.id);
    await player.stop();
  });

  it('retries a passing network failure before giving up on the song', async () => {
    const player = handle.engine.forGuild(newGuild('flaky'));
    world.fake.failNext(SONG_URL, { httpStatus: 502 }, 3);
    await player.enqueue([world.songs.qingtian], requester('alice'));
    const started = await log.waitFor(player.guildId, 'trackStarted');
    expect(started.event.track.song.id).toBe(world.songs.qingtian.id);
    expect(log.of(player.guildId).map((e) => e.type)).toEqual(['trackStarted']);
    await player.stop();
  });

  it('continues at the position reached, with a fresh URL, when the old one expires mid-song', async () => {
    // A CDN stand-in: the first URL is cut halfway and answers 403 to ffmpeg's reconnect (it
    // "expired"); the stream has to come back to the engine for a new URL and carry on.
    const cdn = await startAudioServer();
    const data = await readFile(new URL('../fixtures/audio/tone-6s.mp3', import.meta.url));
    const urls: string[] = [];
    const resolveTrack: ResolveTrack = async (track) => {
      const path = `/${track.entryId}/${urls.length}.mp3`;
      const url =
        urls.length === 0
          ? cdn.route(path, { kind: 'expiring', data, cutAt: data.length / 2 })
          : cdn.route(path, { kind: 'file', data });
      urls.push(url);
      return { url, expiresAt: Date.now() + 20 * 60_000 };
    };
    const cdnPlace = await makePlace('embedded');
    const engine = await openEngine(world, cdnPlace, { log, resolveTrack });
    try {
      const player = engine.engine.forGuild(newGuild('expiring'));
      const { haikuo } = world.songs;
      await player.enqueue([haikuo], requester('alice'));
      const started = await log.waitFor(player.guildId, 'trackStarted');
      const ended = await log.waitFor(player.guildId, 'queueEnded', { timeoutMs: 15_000 });
      expect(log.of(player.guildId).map((e) => e.type)).toEqual(['trackStarted', 'queueEnded']);
      expect(urls).toHaveLength(2);
      // Heard once through: neither restarted from 0 nor cut short.
      const packets = engine.sinkOf(player.guildId).packets.length;
      expect(Math.abs(packets - haikuo.durationMs / 20)).toBeLessThanOrEqual(15);
      expect(ended.at - started.at).toBeLessThan(haikuo.durationMs + 3000);
    } finally {
      await engine.engine.close();
      await cdnPlace.cleanup();
      await cdn.close();
    }
  });
});

describe('URL freshness', () => {
  it('seeks in place while the URL is fresh, and asks NetEase again when it is not', async () => {
    const { haikuo } = world.songs;
    const fresh = handle.engine.forGuild(newGuild('fresh'));
    await fresh.enqueue([haikuo], requester('alice'));
    await log.waitFor(fresh.guildId, 'trackStarted');
    await sleep(300);
    let before = urlRequests();
    await fresh.seek(3000);
    await fresh.setVolume(50);
    await sleep(300);
    expect(urlRequests() - before).toBe(0);
    expect(handle.sinkOf(fresh.guildId).plays).toBe(1);
    await fresh.stop();

    // A second engine that trusts no URL for more than a moment: every seek must re-resolve.
    const strictPlace = await makePlace('embedded');
    const strict = await openEngine(world, strictPlace, { log, tuning: { urlFreshForMs: 30 * 60_000 } });
    try {
      const player = strict.engine.forGuild(newGuild('stale'));
      await player.enqueue([haikuo], requester('alice'));
      await log.waitFor(player.guildId, 'trackStarted');
      await sleep(300);
      before = urlRequests();
      await player.seek(3000);
      await sleep(500);
      expect(urlRequests() - before).toBeGreaterThanOrEqual(1);
      expect((await player.snapshot()).current?.positionMs).toBeGreaterThanOrEqual(3000);
      await player.stop();
    } finally {
      await strict.engine.close();
      await strictPlace.cleanup();
    }
  });
});

describe('the audio output', () => {
  it('holds the guild paused where it was when the adapter stops the sink itself', async () => {
    const player = handle.engine.forGuild(newGuild('external-stop'));
    await player.enqueue([world.songs.qingtian], requester('alice'));
    await log.waitFor(player.guildId, 'trackStarted');
    await sleep(1200);
    handle.sinkOf(player.guildId).stop();
    await sleep(100);
    const snapshot = await player.snapshot();
    expect(snapshot.current?.paused).toBe(true);
    expect(snapshot.current?.positionMs).toBeGreaterThan(1000);
    const mark = log.mark();
    await player.resume();
    await log.waitFor(player.guildId, 'queueEnded', { from: mark });
    expect(log.of(player.guildId).filter((e) => e.type === 'trackStarted')).toHaveLength(1);
  });
});
