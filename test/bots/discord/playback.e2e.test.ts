/**
 * The main flow, with the real bot as a child process against the fake Discord and NetEase:
 * `/play` defers, joins the caller's channel and plays audio of the right length; the
 * now-playing message appears and follows the queue; queue controls work; the bot leaves once
 * the queue ended and the idle time passed; a voice socket closed by the server mid-song is
 * reconnected and the song plays on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SONGS } from '../../fakes/netease/catalog.ts';
import {
  buttonsOf,
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
const QINGTIAN_MS = 4049;
const DAOXIANG_MS = 6034;

let world: DiscordWorld;

beforeAll(async () => {
  world = await startDiscordWorld({ fake: musicWorld() });
}, 120_000);

afterAll(async () => {
  await world?.close();
}, 60_000);

/** Makes a failing assertion show what the bot logged. */
async function withLog<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    (error as Error).message += `\n--- bot log ---\n${world.logTail()}`;
    throw error;
  }
}

function nowPlayingMessages() {
  return world.discord
    .messages(TEXT)
    .filter(
      (message) =>
        buttonsOf(message).some((button) => button.label === 'Skip') || /Finished/.test(textOf(message)),
    );
}

describe('playing in a voice channel', () => {
  it(
    'defers, joins, plays 晴天 in full, shows it playing, and leaves when idle',
    () =>
      withLog(async () => {
        const { discord } = world;
        discord.clearVoiceFrames(GUILD);
        const play = discord.sendCommand({ name: 'play', options: { query: '晴天' } });

        const ack = await play.waitForAck(15_000);
        expect(ack.type).toBe(5); // deferred: joining voice may take longer than Discord's 3 s
        expect(play.record.ackDelayMs).toBeLessThan(3_000);
        const reply = await settled(discord, play);
        expect(textOf(reply)).toContain('晴天');
        expect(textOf(reply)).toContain('Playing now');
        expect(reply.flags & 64).toBe(0); // public

        // The bot sits where the caller is.
        expect(discord.voiceChannelOf(GUILD, FAKE_IDS.bot)).toBe(FAKE_IDS.voiceChannel);

        const voice = await waitForSilence(discord, GUILD, 40_000);
        expect(voice.decryptFailures).toBe(0);
        expect(voice.sequenceContiguous).toBe(true);
        // Every 20 ms of the song arrives once: 4049 ms is about 202 frames.
        expect(Math.abs(voice.nonSilentFrameCount - expectedFrames(QINGTIAN_MS))).toBeLessThanOrEqual(4);
        const spanMs = (voice.lastPacketAt ?? 0) - (voice.firstPacketAt ?? 0);
        // Paced in real time, not dumped at once.
        expect(spanMs).toBeGreaterThan(QINGTIAN_MS - 400);

        // The now-playing card showed the song with its controls; at the end it stays as a record.
        const card = await waitForMessage(
          discord,
          TEXT,
          (m) => textOf(m).includes('晴天') && /Finished/.test(textOf(m)),
        );
        expect(card.embeds[0]?.thumbnail?.url).toMatch(/^http/);
        expect(card.components).toEqual([]);
        const live = card.history.find((state) => state.components.length > 0);
        const labels = (live?.components ?? []).flatMap((row) =>
          row.components.map((c: { label: string }) => c.label),
        );
        expect(labels).toEqual(['Pause', 'Skip', 'Stop', 'Lyrics', 'Like']);
        await waitForMessage(discord, TEXT, (m) => m.content.includes('The queue is finished'));

        // IDLE_TIMEOUT_SECONDS=3: the bot leaves, and says so.
        await discord.waitFor(
          () => discord.voiceChannelOf(GUILD, FAKE_IDS.bot) === null || undefined,
          20_000,
          'the bot to leave',
        );
        await waitForMessage(discord, TEXT, (m) => m.content.includes('left the voice channel'));
      }),
    120_000,
  );

  it(
    'queues, pauses, resumes, skips and stops',
    () =>
      withLog(async () => {
        const { discord } = world;
        discord.clearVoiceFrames(GUILD);
        const first = discord.sendCommand({
          name: 'play',
          options: { query: String(SONGS.daoxiang.id) },
          userId: LISTENERS.alice,
        });
        expect(textOf(await settled(discord, first))).toContain('稻香');
        const second = discord.sendCommand({
          name: 'play',
          options: { query: '晴天' },
          userId: LISTENERS.alice,
        });
        expect(textOf(await settled(discord, second))).toContain('Up next');

        const queue = discord.sendCommand({ name: 'queue', userId: LISTENERS.alice });
        const list = textOf(await settled(discord, queue));
        expect(list).toContain('稻香');
        expect(list).toContain('晴天');

        await waitForMoreFrames(discord, GUILD, 0, 50);
        const pause = discord.sendCommand({ name: 'pause', userId: LISTENERS.bob });
        expect(textOf(await settled(discord, pause))).toContain('Paused');
        const pausedAt = (await waitForSilence(discord, GUILD)).nonSilentFrameCount;
        // The now-playing card follows: it offers Resume now.
        await discord.waitFor(
          () => nowPlayingMessages().find((m) => buttonsOf(m).some((b) => b.label === 'Resume')),
          15_000,
          'the now-playing card to show Resume',
        );
        expect(discord.voice(GUILD).nonSilentFrameCount - pausedAt).toBeLessThanOrEqual(2);

        const resume = discord.sendCommand({ name: 'resume', userId: LISTENERS.bob });
        expect(textOf(await settled(discord, resume))).toMatch(/Resum|continu/i);
        await waitForMoreFrames(discord, GUILD, pausedAt, 25);

        const skip = discord.sendCommand({ name: 'skip', userId: LISTENERS.bob });
        const skipped = textOf(await settled(discord, skip));
        expect(skipped).toContain('稻香');
        expect(skipped).toContain('晴天');
        // One card, now on the next song.
        await discord.waitFor(
          () => nowPlayingMessages().find((m) => m.embeds[0]?.title === '晴天'),
          15_000,
          'the now-playing card to move on to 晴天',
        );
        expect(nowPlayingMessages().filter((m) => !m.deleted && buttonsOf(m).length > 0)).toHaveLength(1);

        const before = discord.voice(GUILD).nonSilentFrameCount;
        await waitForMoreFrames(discord, GUILD, before, 25);
        const stop = discord.sendCommand({ name: 'stop', userId: LISTENERS.carol });
        expect(textOf(await settled(discord, stop))).toContain('Stopped');
        const stoppedAt = (await waitForSilence(discord, GUILD)).nonSilentFrameCount;
        // Stopped well before 稻香 + the rest of 晴天 could have played.
        expect(stoppedAt).toBeLessThan(expectedFrames(DAOXIANG_MS + QINGTIAN_MS) - 50);
        // The card ends too: a stopped queue leaves a record without controls.
        await discord.waitFor(
          () => nowPlayingMessages().every((m) => buttonsOf(m).length === 0) || undefined,
          15_000,
          'the now-playing card to end after stop',
        );
        const after = discord.sendCommand({ name: 'queue', userId: LISTENERS.carol });
        expect(textOf(await settled(discord, after))).toMatch(/empty|Nothing/i);
      }),
    120_000,
  );

  it(
    'reconnects when the voice server closes the socket mid-song, and the song plays on',
    () =>
      withLog(async () => {
        const { discord } = world;
        discord.clearVoiceFrames(GUILD);
        const play = discord.sendCommand({
          name: 'play',
          options: { query: String(SONGS.daoxiang.id) },
          userId: LISTENERS.carol,
        });
        await settled(discord, play);
        await waitForMoreFrames(discord, GUILD, 0, 60);
        const identifiesBefore = discord.voice(GUILD).identifyCount;
        // 4006 "session no longer valid": the bot must signal again and identify anew.
        expect(discord.closeVoiceSocket(GUILD, 4006)).toBe(true);
        await discord.waitFor(
          () => discord.voice(GUILD).identifyCount > identifiesBefore || undefined,
          20_000,
          'a fresh voice identify',
        );
        const voice = await waitForSilence(discord, GUILD, 40_000);
        // Nothing lost: the player waited while the connection was down.
        expect(Math.abs(voice.nonSilentFrameCount - expectedFrames(DAOXIANG_MS))).toBeLessThanOrEqual(5);
        expect(voice.decryptFailures).toBe(0);
      }),
    120_000,
  );

  it(
    'after a restart, rejoins the channel and plays on from where it was',
    () =>
      withLog(async () => {
        const { discord } = world;
        discord.clearVoiceFrames(GUILD);
        const play = discord.sendCommand({
          name: 'play',
          options: { query: String(SONGS.daoxiang.id) },
          userId: FAKE_IDS.user,
        });
        await settled(discord, play);
        await waitForMoreFrames(discord, GUILD, 0, 100);
        // SIGTERM: the bot saves the position and leaves; a new process takes over the same data.
        // A clean stop exits 0, so a process manager does not count it as a crash.
        expect(await world.restartBot()).toBe(0);
        const before = discord.voice(GUILD).nonSilentFrameCount;
        expect(before).toBeLessThan(expectedFrames(DAOXIANG_MS) - 50);
        await waitForMoreFrames(discord, GUILD, before, 50, 60_000);
        expect(discord.voiceChannelOf(GUILD, FAKE_IDS.bot)).toBe(FAKE_IDS.voiceChannel);
        const voice = await waitForSilence(discord, GUILD, 40_000);
        // Together the two processes played the song about once: no restart from the top.
        expect(Math.abs(voice.nonSilentFrameCount - expectedFrames(DAOXIANG_MS))).toBeLessThanOrEqual(25);
      }),
    150_000,
  );
});
