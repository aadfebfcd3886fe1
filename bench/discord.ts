/**
 * Discord end-to-end latency: the real bot process against the loopback fake Discord and fake
 * NetEase, timed from injecting a `/play` interaction to the first RTP packet arriving at the
 * fake's UDP socket. Every play is "cold" (IDLE_TIMEOUT_SECONDS=0 makes the bot leave after each
 * one): it includes the defer, the NetEase look-ups, joining the channel (gateway op 4, voice
 * WebSocket over TLS, UDP discovery), resolving the song URL, ffmpeg's start and the player's
 * first packet. Then the same with several guilds starting at once.
 *
 * Run alone with `npx tsx bench/discord.ts` (prints JSON). Returns numbers; formatting is the
 * runner's job.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { type DiscordWorld, startDiscordWorld } from '../test/bots/discord/helpers/discord-world.ts';
import type { FakeDiscordOptions } from '../test/fakes/discord/server.ts';

export interface DiscordBenchOptions {
  /** Plays, one after another, in one guild. */
  sequentialPlays?: number;
  /** Guilds that start playing at the same moment. */
  concurrentGuilds?: number;
}

export interface LatencyStats {
  median: number;
  p95: number;
  min: number;
  max: number;
  runs: number;
}

export interface DiscordBenchResult {
  /** Interaction → first RTP packet, one play at a time (ms). */
  sequential: LatencyStats;
  /** Interaction → first RTP packet per guild, all guilds starting together (ms). */
  concurrent: LatencyStats & { guilds: number };
  song: string;
}

const SONG = '晴天';

function stats(values: number[]): LatencyStats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return {
    median: at(0.5),
    p95: at(0.95),
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
    runs: values.length,
  };
}

/** Guild i: ids built from i, one text and one voice channel, one member per play sitting in voice. */
function world(guilds: number, usersPerGuild: number): FakeDiscordOptions {
  const id = (guild: number, kind: number, n = 0) =>
    `9${String(guild + 10).padStart(2, '0')}${kind}${String(n).padStart(14, '0')}`;
  const users = [];
  const guildInits = [];
  for (let g = 0; g < guilds; g++) {
    const members = Array.from({ length: usersPerGuild }, (_, n) => id(g, 3, n));
    users.push(...members.map((userId, n) => ({ id: userId, username: `g${g}u${n}` })));
    guildInits.push({
      id: id(g, 0),
      name: `Bench ${g}`,
      channels: [
        { id: id(g, 1), name: 'general', type: 'text' as const },
        { id: id(g, 2), name: 'Music', type: 'voice' as const },
      ],
      members,
      voiceStates: Object.fromEntries(members.map((userId) => [userId, id(g, 2)])),
    });
  }
  return { users, guilds: guildInits };
}

const now = () => performance.timeOrigin + performance.now();

/** Sends /play and resolves with ms from the interaction to the guild's first RTP packet. */
async function timePlay(w: DiscordWorld, guildId: string, userId: string): Promise<number> {
  const { discord } = w;
  discord.clearVoiceFrames(guildId);
  const started = now();
  discord.sendCommand({ name: 'play', options: { query: SONG }, guildId, userId });
  const voice = await discord.waitForFrames(guildId, 1, 60_000);
  return (voice.firstPacketAt ?? Number.NaN) - started;
}

/** Stops the guild's music and waits until the bot has left, so the next play starts cold. */
async function reset(w: DiscordWorld, guildId: string, userId: string): Promise<void> {
  const { discord } = w;
  discord.sendCommand({ name: 'stop', guildId, userId });
  await discord.waitFor(
    () => discord.voiceChannelOf(guildId, discord.botId) === null || undefined,
    60_000,
    `the bot to leave voice in ${guildId}`,
  );
}

export async function benchDiscord(options: DiscordBenchOptions = {}): Promise<DiscordBenchResult> {
  const plays = options.sequentialPlays ?? 20;
  const guilds = Math.max(1, options.concurrentGuilds ?? 10);
  const fake = world(guilds, Math.max(plays, 1));
  const w = await startDiscordWorld({
    fake,
    guildId: null,
    env: { IDLE_TIMEOUT_SECONDS: '0', LOG_LEVEL: 'warn' },
  });
  try {
    const guildIds = fake.guilds!.map((guild) => guild.id);
    const members = fake.guilds!.map((guild) => guild.members as string[]);
    const first = guildIds[0]!;

    // A warm-up play: tsx has compiled everything and ffmpeg has been located once.
    await timePlay(w, first, members[0]![0]!);
    await reset(w, first, members[0]![0]!);

    const sequential: number[] = [];
    for (let i = 0; i < plays; i++) {
      // A different member each time: the bot rate-limits each user to a few commands.
      const user = members[0]![i % members[0]!.length]!;
      sequential.push(await timePlay(w, first, user));
      await reset(w, first, user);
    }

    const together = await Promise.all(
      guildIds.map((guildId, g) => timePlay(w, guildId, members[g]![1 % members[g]!.length]!)),
    );
    await Promise.all(guildIds.map((guildId, g) => reset(w, guildId, members[g]![1 % members[g]!.length]!)));

    return { sequential: stats(sequential), concurrent: { ...stats(together), guilds }, song: SONG };
  } catch (error) {
    (error as Error).message += `\n--- bot log ---\n${w.logTail()}`;
    throw error;
  } finally {
    await w.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchDiscord()
    .then((result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    });
}
