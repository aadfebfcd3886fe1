/**
 * What happens to the voice connection from outside, and the live lyric line, with the real bot
 * process: a moderator moving the bot (playback goes on), kicking it (playback pauses, the bot
 * says so, `/resume` brings it back), deleting its channel; and the now-playing card following
 * the song's lines without editing more than once per ~5 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SONGS } from '../../fakes/netease/catalog.ts';
import {
  type DiscordWorld,
  FAKE_IDS,
  LISTENERS,
  musicWorld,
  settled,
  startDiscordWorld,
  textOf,
  waitForMessage,
} from './helpers/discord-world.ts';
import { expectedFrames, waitForMoreFrames, waitForSilence } from './helpers/voice.ts';

const GUILD = FAKE_IDS.guild;
const TEXT = FAKE_IDS.textChannel;
const DAOXIANG_MS = 6034;
const SPARE_VOICE = '900000000000000123';

let world: DiscordWorld;

beforeAll(async () => {
  world = await startDiscordWorld({
    fake: musicWorld({
      channels: [
        { id: FAKE_IDS.textChannel, name: 'general', type: 'text' },
        { id: FAKE_IDS.voiceChannel, name: 'Music', type: 'voice' },
        { id: FAKE_IDS.otherVoiceChannel, name: 'Lounge', type: 'voice' },
        { id: SPARE_VOICE, name: 'Spare', type: 'voice' },
      ],
    }),
    // Long enough that the bot stays between the steps of one test.
    env: { IDLE_TIMEOUT_SECONDS: '30' },
  });
}, 120_000);

afterAll(async () => {
  await world?.close();
}, 60_000);

async function step<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    (error as Error).message += `\n--- bot log ---\n${world.logTail()}`;
    throw error;
  }
}

async function play(userId: string, query = String(SONGS.daoxiang.id)) {
  const handle = world.discord.sendCommand({ name: 'play', options: { query }, userId });
  return settled(world.discord, handle);
}

describe('voice from the outside', () => {
  it(
    'moved by a moderator, the bot plays on in the new channel',
    () =>
      step(async () => {
        const { discord } = world;
        discord.clearVoiceFrames(GUILD);
        await play(LISTENERS.alice);
        await waitForMoreFrames(discord, GUILD, 0, 50);
        discord.moveBot(GUILD, FAKE_IDS.otherVoiceChannel);
        const voice = await waitForSilence(discord, GUILD, 40_000);
        expect(voice.botChannelId).toBe(FAKE_IDS.otherVoiceChannel);
        expect(Math.abs(voice.nonSilentFrameCount - expectedFrames(DAOXIANG_MS))).toBeLessThanOrEqual(5);
        // Back to where everyone is, for the next test.
        discord.moveBot(GUILD, FAKE_IDS.voiceChannel);
      }),
    90_000,
  );

  it(
    'kicked, the bot pauses and says so; /resume brings it back and the song goes on',
    () =>
      step(async () => {
        const { discord } = world;
        discord.clearVoiceFrames(GUILD);
        await play(LISTENERS.bob);
        await waitForMoreFrames(discord, GUILD, 0, 50);
        discord.moveBot(GUILD, null);
        await waitForMessage(
          discord,
          TEXT,
          (m) => m.content.includes('disconnected from the voice channel'),
          20_000,
        );
        const before = discord.voice(GUILD).nonSilentFrameCount;
        expect(discord.voiceChannelOf(GUILD, FAKE_IDS.bot)).toBeNull();

        const resume = discord.sendCommand({ name: 'resume', userId: LISTENERS.bob });
        expect(textOf(await settled(discord, resume))).toMatch(/Resum|continu/i);
        expect(discord.voiceChannelOf(GUILD, FAKE_IDS.bot)).toBe(FAKE_IDS.voiceChannel);
        const voice = await waitForSilence(discord, GUILD, 40_000);
        // The song picked up where it stopped: before + after ≈ the whole song, nothing twice.
        expect(voice.nonSilentFrameCount).toBeGreaterThan(before);
        expect(Math.abs(voice.nonSilentFrameCount - expectedFrames(DAOXIANG_MS))).toBeLessThanOrEqual(8);
      }),
    90_000,
  );
});

describe('the live lyric line', () => {
  it(
    'follows the song, editing the card at most once per ~5 s and only when the line changed',
    () =>
      step(async () => {
        const { discord } = world;
        const startedAt = Date.now();
        await play(FAKE_IDS.user);
        const card = await waitForMessage(
          discord,
          TEXT,
          (m) => m.embeds[0]?.title === '稻香 · Finished' && m.createdAt >= startedAt - 1000,
          40_000,
        );
        const states = [
          ...card.history,
          { embeds: card.embeds, components: card.components, at: card.editedAt ?? 0 },
        ];
        // The live states of this song (the last one is the "Finished" record).
        const live = states.filter(
          (state) => state.components.length > 0 && state.embeds[0]?.title === '稻香',
        );
        const lines = live.map((state) =>
          /♪ ([^\n*]+)/.exec(state.embeds[0]?.description ?? '')?.[1]?.trim(),
        );
        expect(lines.filter(Boolean).length).toBeGreaterThanOrEqual(2);
        expect(new Set(lines).size).toBe(lines.length); // every edit showed something new
        for (let i = 1; i < live.length; i++) {
          expect(live[i]!.at - live[i - 1]!.at).toBeGreaterThanOrEqual(4_500);
        }
      }),
    90_000,
  );
});

describe('a deleted channel', () => {
  it(
    'its channel deleted, the bot pauses and carries on serving',
    () =>
      step(async () => {
        const { discord } = world;
        discord.clearVoiceFrames(GUILD);
        await play(LISTENERS.carol);
        await waitForMoreFrames(discord, GUILD, 0, 25);
        // Dragged into a side channel, which is then deleted under it.
        discord.setUserVoiceChannel(GUILD, LISTENERS.carol, SPARE_VOICE);
        discord.moveBot(GUILD, SPARE_VOICE);
        const notices = discord.messages(TEXT).filter((m) => m.content.includes('disconnected')).length;
        discord.deleteChannel(SPARE_VOICE);
        await discord.waitFor(
          () =>
            discord.messages(TEXT).filter((m) => m.content.includes('disconnected')).length > notices ||
            undefined,
          20_000,
          'a notice that the bot was disconnected',
        );
        const stop = discord.sendCommand({ name: 'stop', userId: FAKE_IDS.user });
        expect(textOf(await settled(discord, stop))).toContain('Stopped');
        expect(world.bot.child.exitCode).toBeNull();
      }),
    90_000,
  );
});
