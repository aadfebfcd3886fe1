/**
 * The playback contract, run once per backend (engine.redis.test.ts, engine.embedded.test.ts):
 * real ffmpeg, real @discordjs/voice AudioPlayer pacing at 20 ms per packet, the fake NetEase's
 * real MP3s (4–6 s long, so every test is short). Each test uses its own guild, so one engine
 * per backend serves the whole file, as one process serves many guilds in production.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaybackSettings } from '../../../src/queue/guild-player.ts';
import type { ResolveTrack } from '../../../src/queue/track-resolver.ts';
import { decodePackets, rmsOf } from '../../player/helpers/audio.ts';
import { EventLog } from './event-log.ts';
import {
  type BackendKind,
  type BackendPlace,
  type EngineHandle,
  makePlace,
  newGuild,
  openEngine,
  requester,
  sleep,
  startWorld,
  until,
  type World,
} from './world.ts';

/** Loopback, ffmpeg start-up and the player's buffering: how late "right away" may be. */
const PROMPT_MS = 1500;

export function defineEngineContract(kind: BackendKind): void {
  describe(`playback engine on the ${kind} backend`, () => {
    let world: World;
    let place: BackendPlace;
    let handle: EngineHandle;
    let log: EventLog;
    const settings = new Map<string, Partial<PlaybackSettings>>();
    /** Requesters named "slow" wait this long for every URL: a NetEase that hangs for one guild. */
    const SLOW_MS = 3000;

    beforeAll(async () => {
      world = await startWorld();
      place = await makePlace(kind);
      log = new EventLog();
      const base = (await import('../../../src/queue/track-resolver.ts')).createNeteaseTrackResolver({
        apiFor: (key) => world.apiFor(key),
      });
      const resolveTrack: ResolveTrack = async (track, options) => {
        if (track.requester.userKey === 'test:slow') await sleep(SLOW_MS);
        return base(track, options);
      };
      handle = await openEngine(world, place, { log, settings, resolveTrack });
    });

    afterAll(async () => {
      await handle?.engine.close();
      await place?.cleanup();
      await world?.close();
    });

    const guild = (label: string) => handle.engine.forGuild(newGuild(label));

    it('plays a track to its end in real time, then starts the next', async () => {
      const player = guild('end');
      const { qingtian, paomo } = world.songs;
      const result = await player.enqueue([qingtian, paomo], requester('alice'), { textChannelId: '42' });
      expect(result).toEqual({ position: 0, added: 2, startedPlaying: true });

      const first = await log.waitFor(player.guildId, 'trackStarted');
      expect(first.event.track.song.id).toBe(qingtian.id);
      expect(first.event).toMatchObject({ positionMs: 0, resumed: false, upcoming: 1, textChannelId: '42' });
      const second = await log.waitFor(player.guildId, 'trackStarted', {
        where: (e) => e.track.song.id === paomo.id,
      });
      // Paced by the AudioPlayer: the first track lasted its real length, not less, not much more.
      const playedMs = second.at - first.at;
      expect(playedMs).toBeGreaterThan(qingtian.durationMs - 300);
      expect(playedMs).toBeLessThan(qingtian.durationMs + 1200);
      const packets = handle.sinkOf(player.guildId).packets.filter((p) => p.play === 1).length;
      expect(Math.abs(packets - qingtian.durationMs / 20)).toBeLessThanOrEqual(5);

      const snapshot = await player.snapshot();
      expect(snapshot.current?.track.song.id).toBe(paomo.id);
      expect(snapshot.upcoming).toEqual([]);
      await player.stop();
      expect((await player.snapshot()).current).toBeUndefined();
    });

    it('skip moves to the next track at once', async () => {
      const player = guild('skip');
      const { qingtian, paomo } = world.songs;
      await player.enqueue([qingtian, paomo], requester('alice'));
      await log.waitFor(player.guildId, 'trackStarted');
      const mark = log.mark();
      const skippedAt = Date.now();
      const result = await player.skip();
      expect(result.skipped.map((t) => t.song.id)).toEqual([qingtian.id]);
      expect(result.current?.song.id).toBe(paomo.id);
      const next = await log.waitFor(player.guildId, 'trackStarted', { from: mark });
      expect(next.event.track.song.id).toBe(paomo.id);
      // Heard, not just announced: the new track's audio reaches the sink promptly...
      const sink = handle.sinkOf(player.guildId);
      const heardAt = await until('audio of the next track', () => sink.packets.some((p) => p.play === 2));
      expect(heardAt - skippedAt).toBeLessThan(PROMPT_MS);
      // ...and the skipped one stopped at once.
      expect(sink.packets.filter((p) => p.play === 1 && p.at > skippedAt + 50)).toEqual([]);
      await player.stop();
    });

    it('seek continues from the new position', async () => {
      const player = guild('seek');
      const { qingtian } = world.songs;
      await player.enqueue([qingtian], requester('alice'));
      await log.waitFor(player.guildId, 'trackStarted');
      await sleep(300);
      const seekAt = Date.now();
      await player.seek(3000);
      expect((await player.snapshot()).current?.positionMs).toBeGreaterThanOrEqual(3000);
      const ended = await log.waitFor(player.guildId, 'queueEnded');
      // About a second was left; the start of the song was not played again.
      expect(ended.at - seekAt).toBeGreaterThan(qingtian.durationMs - 3000 - 300);
      expect(ended.at - seekAt).toBeLessThan(qingtian.durationMs - 3000 + PROMPT_MS);
    });

    it('pause holds the position and sends nothing; resume continues', async () => {
      const player = guild('pause');
      const { qingtian } = world.songs;
      const sink = () => handle.sinkOf(player.guildId);
      await player.enqueue([qingtian], requester('alice'));
      await log.waitFor(player.guildId, 'trackStarted');
      await sleep(1000);
      await player.pause();
      const paused = await player.snapshot();
      expect(paused.current?.paused).toBe(true);
      const pausedAt = Date.now();
      await sleep(1000);
      const during = sink().between(pausedAt + 100).length;
      const still = await player.snapshot();
      expect(during).toBeLessThanOrEqual(2);
      expect(Math.abs(still.current!.positionMs - paused.current!.positionMs)).toBeLessThan(60);

      const resumedAt = Date.now();
      await player.resume();
      expect((await player.snapshot()).current?.paused).toBe(false);
      const ended = await log.waitFor(player.guildId, 'queueEnded');
      const rest = qingtian.durationMs - paused.current!.positionMs;
      expect(ended.at - resumedAt).toBeGreaterThan(rest - 400);
      expect(ended.at - resumedAt).toBeLessThan(rest + PROMPT_MS);
    });

    it('volume changes what is heard within a second, without skipping', async () => {
      const player = guild('volume');
      const { haikuo } = world.songs;
      const sink = () => handle.sinkOf(player.guildId);
      await player.enqueue([haikuo], requester('alice'));
      const started = await log.waitFor(player.guildId, 'trackStarted');
      await sleep(1500);
      const changedAt = Date.now();
      await player.setVolume(25);
      expect((await player.snapshot()).volume).toBe(25);
      const ended = await log.waitFor(player.guildId, 'queueEnded');

      const before = await decodePackets(world.ffmpeg.path, sink().between(started.at + 200, changedAt));
      const after = await decodePackets(world.ffmpeg.path, sink().between(changedAt + 1000, ended.at));
      const ratio = rmsOf(after) / rmsOf(before);
      expect(ratio).toBeGreaterThan(0.15);
      expect(ratio).toBeLessThan(0.4);
      // Restarted at the position reached: the whole song was heard once, not more, not less.
      expect(Math.abs(sink().packets.length - haikuo.durationMs / 20)).toBeLessThanOrEqual(15);
    });

    it('skips a grey song with the reason and plays the next', async () => {
      const player = guild('grey');
      const { grey, qingtian } = world.songs;
      await player.enqueue([grey, qingtian], requester('alice'), { textChannelId: '7' });
      const skipped = await log.waitFor(player.guildId, 'trackSkipped');
      expect(skipped.event).toMatchObject({ reason: 'no_copyright', textChannelId: '7' });
      expect(skipped.event.track.song.id).toBe(grey.id);
      const started = await log.waitFor(player.guildId, 'trackStarted');
      expect(started.event.track.song.id).toBe(qingtian.id);
      expect(started.at - skipped.at).toBeLessThan(PROMPT_MS);
      expect((await player.snapshot()).current?.track.song.id).toBe(qingtian.id);
      await player.stop();
    });

    it('previous plays the last track again and puts the current one next', async () => {
      const player = guild('previous');
      const { qingtian, paomo } = world.songs;
      await player.enqueue([qingtian, paomo], requester('alice'));
      await log.waitFor(player.guildId, 'trackStarted');
      await player.skip();
      await log.waitFor(player.guildId, 'trackStarted', { where: (e) => e.track.song.id === paomo.id });
      const mark = log.mark();
      const again = await player.previous();
      expect(again.song.id).toBe(qingtian.id);
      const started = await log.waitFor(player.guildId, 'trackStarted', { from: mark });
      expect(started.event.track.song.id).toBe(qingtian.id);
      const snapshot = await player.snapshot();
      expect(snapshot.upcoming.map((t) => t.song.id)).toEqual([paomo.id]);
      await player.stop();
    });

    it('a slow NetEase in one guild delays neither another guild nor its own skip', async () => {
      const slow = guild('slow');
      const fast = guild('fast');
      const { qingtian, paomo } = world.songs;
      const t0 = Date.now();
      await slow.enqueue([qingtian, paomo], requester('slow'));
      await fast.enqueue([qingtian], requester('alice'));
      const fastStarted = await log.waitFor(fast.guildId, 'trackStarted');
      expect(fastStarted.at - t0).toBeLessThan(PROMPT_MS);
      expect(log.of(slow.guildId)).toEqual([]);

      // A command in the hanging guild answers at once instead of waiting for NetEase.
      const skipAt = Date.now();
      const skipped = await slow.skip();
      expect(Date.now() - skipAt).toBeLessThan(300);
      expect(skipped.current?.song.id).toBe(paomo.id);
      const slowStarted = await log.waitFor(slow.guildId, 'trackStarted');
      expect(slowStarted.event.track.song.id).toBe(paomo.id);
      await Promise.all([slow.stop(), fast.stop()]);
    });

    it('leaves after the idle timeout, unless 24/7 is on', async () => {
      const idle = guild('idle');
      const radio = guild('radio');
      settings.set(idle.guildId, { idleTimeoutSeconds: 1 });
      settings.set(radio.guildId, { idleTimeoutSeconds: 1, stay247: true });
      const { qingtian } = world.songs;
      for (const player of [idle, radio]) {
        await player.enqueue([qingtian], requester('alice'));
        await log.waitFor(player.guildId, 'trackStarted');
        await player.seek(3600);
      }
      const ended = await log.waitFor(idle.guildId, 'queueEnded');
      await log.waitFor(idle.guildId, 'idleLeft', { timeoutMs: 3000 });
      const leftAt = handle.left.find((l) => l.guildId === idle.guildId)!.at;
      expect(leftAt - ended.at).toBeGreaterThan(900);
      expect(leftAt - ended.at).toBeLessThan(1600);
      await log.waitFor(radio.guildId, 'queueEnded');
      await sleep(1300);
      expect(handle.left.some((l) => l.guildId === radio.guildId)).toBe(false);
    });

    it('resumes where it was, queue intact, after the engine is restarted', async () => {
      const player = guild('restart');
      const guildId = player.guildId;
      const { haikuo, paomo } = world.songs;
      await player.enqueue([haikuo, paomo], requester('alice'), { textChannelId: '9' });
      await log.waitFor(guildId, 'trackStarted');
      await sleep(2000);
      const before = await player.snapshot();
      await handle.engine.close();

      const reopenedAt = Date.now();
      handle = await openEngine(world, place, { log, settings });
      const resumed = await log.waitFor(guildId, 'trackStarted', { where: (e) => e.resumed });
      expect(resumed.at - reopenedAt).toBeLessThan(3000);
      expect(resumed.event.track.song.id).toBe(haikuo.id);
      expect(Math.abs(resumed.event.positionMs - before.current!.positionMs)).toBeLessThan(300);
      const snapshot = await handle.engine.forGuild(guildId).snapshot();
      expect(snapshot.upcoming.map((t) => t.song.id)).toEqual([paomo.id]);
      expect(snapshot.textChannelId).toBe('9');
      await handle.engine.forGuild(guildId).stop();
    });
  });
}
