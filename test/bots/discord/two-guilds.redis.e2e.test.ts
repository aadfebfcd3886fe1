/**
 * Two guilds playing at the same time, with the bot on Redis + BullMQ (REDIS_URL set) and its
 * commands registered globally: each guild hears its own song, in full, on its own connection.
 *
 * The bot's Redis keys use the fixed `nmb:` prefix, so this file gives the bot a Redis database
 * of its own (REDIS_URL ending in /13) and clears that prefix there before and after.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeDiscordOptions } from '../../fakes/discord/server.ts';
import { SONGS } from '../../fakes/netease/catalog.ts';
import { requireRedis, TEST_REDIS_URL } from '../../helpers/redis.ts';
import { type DiscordWorld, settled, startDiscordWorld, textOf } from './helpers/discord-world.ts';
import { expectedFrames, waitForSilence } from './helpers/voice.ts';

const DB = 13;
const A = {
  guild: '910000000000000100',
  text: '910000000000000110',
  voice: '910000000000000120',
  user: '910000000000000200',
};
const B = {
  guild: '920000000000000100',
  text: '920000000000000110',
  voice: '920000000000000120',
  user: '920000000000000200',
};

function twoGuilds(): FakeDiscordOptions {
  return {
    users: [
      { id: A.user, username: 'ann', globalName: 'Ann' },
      { id: B.user, username: 'ben', globalName: 'Ben' },
    ],
    guilds: [A, B].map((g, i) => ({
      id: g.guild,
      name: `Guild ${i + 1}`,
      channels: [
        { id: g.text, name: 'general', type: 'text' as const },
        { id: g.voice, name: 'Music', type: 'voice' as const },
      ],
      members: [g.user],
      voiceStates: { [g.user]: g.voice },
    })),
  };
}

function redisUrl(): string {
  const url = new URL(TEST_REDIS_URL);
  url.pathname = `/${DB}`;
  return url.toString();
}

async function clearBotKeys(): Promise<void> {
  const redis = new Redis(redisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', 'nmb:*', 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

let world: DiscordWorld;

beforeAll(async () => {
  await requireRedis();
  await clearBotKeys();
  world = await startDiscordWorld({
    fake: twoGuilds(),
    guildId: null,
    env: { REDIS_URL: redisUrl(), SESSION_SECRET: 'a-test-secret-of-enough-length' },
  });
}, 120_000);

afterAll(async () => {
  await world?.close();
  await clearBotKeys().catch(() => undefined);
}, 60_000);

describe('two guilds at once (Redis)', () => {
  it('plays a different song in each guild, each complete and on its own connection', async () => {
    const { discord } = world;
    expect(discord.commands(null).map((command) => command.name)).toContain('play');
    const inA = discord.sendCommand({
      name: 'play',
      options: { query: '晴天' },
      guildId: A.guild,
      userId: A.user,
    });
    const inB = discord.sendCommand({
      name: 'play',
      options: { query: String(SONGS.daoxiang.id) },
      guildId: B.guild,
      userId: B.user,
    });
    try {
      expect(textOf(await settled(discord, inA))).toContain('晴天');
      expect(textOf(await settled(discord, inB))).toContain('稻香');
      const [a, b] = await Promise.all([
        waitForSilence(discord, A.guild, 40_000),
        waitForSilence(discord, B.guild, 40_000),
      ]);

      expect(discord.voiceChannelOf(A.guild, discord.botId)).toBe(A.voice);
      expect(discord.voiceChannelOf(B.guild, discord.botId)).toBe(B.voice);
      expect(a.ssrc).not.toBe(b.ssrc);
      for (const voice of [a, b]) {
        expect(voice.decryptFailures).toBe(0);
        expect(voice.sequenceContiguous).toBe(true);
      }
      // 4049 ms and 6034 ms: each guild got its own song, not the other's or a mix.
      expect(Math.abs(a.nonSilentFrameCount - expectedFrames(4049))).toBeLessThanOrEqual(4);
      expect(Math.abs(b.nonSilentFrameCount - expectedFrames(6034))).toBeLessThanOrEqual(4);
      // They played side by side, not one after the other.
      expect(
        (a.firstPacketAt ?? 0) < (b.lastPacketAt ?? 0) && (b.firstPacketAt ?? 0) < (a.lastPacketAt ?? 0),
      ).toBe(true);
      // Different audio: the first ten frames of the two songs do not match.
      const head = (frames: typeof a.frames) =>
        Buffer.concat(
          frames
            .filter((f) => !f.silence)
            .slice(5, 15)
            .map((f) => f.opus),
        );
      expect(head(a.frames).equals(head(b.frames))).toBe(false);
    } catch (error) {
      (error as Error).message += `\n--- bot log ---\n${world.logTail()}`;
      throw error;
    }
  }, 120_000);
});
