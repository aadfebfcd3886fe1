/**
 * Everything an engine test needs, real where it matters: the loopback fake NetEase serving real
 * MP3s, our NetEase client, real ffmpeg, a real-time AudioPlayer sink per guild, and either
 * backend (Redis on the test server with a unique prefix, or a temporary DATA_DIR).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { silentLogger } from '../../../src/logger.ts';
import { createNeteaseClient, type NeteaseApi, type NeteaseClient } from '../../../src/netease/client.ts';
import type { Song } from '../../../src/netease/models.ts';
import { type FfmpegInfo, locateFfmpeg } from '../../../src/player/ffmpeg-locator.ts';
import { SpawnGate } from '../../../src/player/spawn-gate.ts';
import { openPlaybackBackend } from '../../../src/queue/backend.ts';
import { createPlaybackEngine, type PlaybackEngine } from '../../../src/queue/engine.ts';
import type { PlaybackSettings, PlayerTuning } from '../../../src/queue/guild-player.ts';
import { createNeteaseTrackResolver, type ResolveTrack } from '../../../src/queue/track-resolver.ts';
import type { Requester } from '../../../src/queue/types.ts';
import { SONGS, USERS } from '../../fakes/netease/catalog.ts';
import { type FakeNetease, startFakeNetease } from '../../fakes/netease/server.ts';
import { connectTestRedis, deleteKeys, uniquePrefix } from '../../helpers/redis.ts';
import { EventLog } from './event-log.ts';
import { RecordingSink } from './recording-sink.ts';

export type BackendKind = 'redis' | 'embedded';

export const DEFAULT_SETTINGS: PlaybackSettings = {
  allowTrialClips: true,
  defaultVolume: 100,
  idleTimeoutSeconds: 300,
  stay247: false,
  fairQueue: false,
};

export const requester = (key = 'anon', name = key): Requester => ({
  userKey: `test:${key}`,
  displayName: name,
});

export interface World {
  fake: FakeNetease;
  client: NeteaseClient;
  ffmpeg: FfmpegInfo;
  songs: Record<'qingtian' | 'paomo' | 'guanghui' | 'haikuo' | 'grey' | 'vipOnly', Song>;
  apiFor(userKey: string): NeteaseApi;
  close(): Promise<void>;
}

/** `ttlMs`: how long the fake's signed song URLs stay valid (NetEase: ~20 min). */
export async function startWorld(options: { ttlMs?: number } = {}): Promise<World> {
  const [fake, ffmpeg] = await Promise.all([startFakeNetease(options), locateFfmpeg()]);
  const client = createNeteaseClient({
    baseUrl: fake.baseUrl,
    weapiKeySource: fake.weapiKeySource,
    requestsPerSecond: 1000,
    burst: 1000,
    retryBaseDelayMs: 1,
  });
  const ids = {
    qingtian: SONGS.qingtian.id,
    paomo: SONGS.paomo.id,
    guanghui: SONGS.guanghuisuiyue.id,
    haikuo: SONGS.haikuotiankong.id,
    grey: SONGS.grey.id,
    vipOnly: SONGS.vipOnly.id,
  };
  const found = await client.anonymous.songs(Object.values(ids));
  const byId = new Map(found.map((song) => [song.id, song]));
  const songs = Object.fromEntries(
    Object.entries(ids).map(([name, id]) => [name, byId.get(id) ?? fail(`fake has no song ${id}`)]),
  ) as World['songs'];
  return {
    fake,
    client,
    ffmpeg,
    songs,
    apiFor(userKey) {
      if (userKey === 'test:vip') return client.as({ kind: 'user', cookie: `MUSIC_U=${USERS.vip.musicU}` });
      if (userKey === 'test:free') return client.as({ kind: 'user', cookie: `MUSIC_U=${USERS.free.musicU}` });
      return client.anonymous;
    },
    async close() {
      await client.close();
      await fake.close();
    },
  };
}

function fail(message: string): never {
  throw new Error(message);
}

/** Where an engine keeps its state, so a second engine can be opened on the same one. */
export interface BackendPlace {
  kind: BackendKind;
  redis?: Redis;
  keyPrefix: string;
  shardId: string;
  dataDir: string;
  cleanup(): Promise<void>;
}

export async function makePlace(kind: BackendKind): Promise<BackendPlace> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'queue-test-'));
  const keyPrefix = uniquePrefix('queue');
  const redis = kind === 'redis' ? await connectTestRedis() : undefined;
  return {
    kind,
    redis,
    keyPrefix,
    shardId: `s${process.pid}`,
    dataDir,
    async cleanup() {
      if (redis) {
        await deleteKeys(redis, keyPrefix);
        redis.disconnect();
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface EngineHandle {
  engine: PlaybackEngine;
  log: EventLog;
  sinks: Map<string, RecordingSink>;
  settings: Map<string, Partial<PlaybackSettings>>;
  left: Array<{ guildId: string; at: number }>;
  sinkOf(guildId: string): RecordingSink;
}

export interface EngineOptions {
  resolveTrack?: ResolveTrack;
  tuning?: Partial<PlayerTuning>;
  log?: EventLog;
  settings?: Map<string, Partial<PlaybackSettings>>;
}

export async function openEngine(
  world: World,
  place: BackendPlace,
  options: EngineOptions = {},
): Promise<EngineHandle> {
  const logger = silentLogger();
  const log = options.log ?? new EventLog();
  const sinks = new Map<string, RecordingSink>();
  const settings = options.settings ?? new Map<string, Partial<PlaybackSettings>>();
  const left: EngineHandle['left'] = [];
  const backend = await openPlaybackBackend({
    redis: place.redis,
    keyPrefix: place.keyPrefix,
    dataDir: place.dataDir,
    shardId: place.shardId,
    logger,
  });
  const sinkOf = (guildId: string) => {
    let sink = sinks.get(guildId);
    if (!sink) {
      sink = new RecordingSink();
      sinks.set(guildId, sink);
    }
    return sink;
  };
  const engine = createPlaybackEngine({
    ...backend,
    resolveTrack: options.resolveTrack ?? createNeteaseTrackResolver({ apiFor: (key) => world.apiFor(key) }),
    openSink: async (guildId) => sinkOf(guildId),
    leave: (guildId) => void left.push({ guildId, at: Date.now() }),
    announce: log.announce,
    settings: async (guildId) => ({ ...DEFAULT_SETTINGS, ...settings.get(guildId) }),
    ffmpeg: world.ffmpeg,
    // Tests start many short tracks; the production spacing (150 ms) only adds waiting here.
    gate: new SpawnGate({ maxConcurrent: 4, minIntervalMs: 20 }),
    logger,
    tuning: { retryDelaysMs: [50, 100], ...options.tuning },
  });
  await engine.start();
  return { engine, log, sinks, settings, left, sinkOf };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `condition` holds; rejects with `what` after `timeoutMs`. */
export async function until(what: string, condition: () => boolean, timeoutMs = 5000): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
  return Date.now();
}

let guildCounter = 0;
/** A guild id no other test (or file) uses. */
export const newGuild = (label: string) => `g${process.pid}-${++guildCounter}-${label}`;
