/**
 * What users get wrong, and what Discord refuses, as the real bot process answers it: each case
 * is a private (ephemeral) sentence that says what to do, never a crash or a public error, and
 * the bot keeps serving afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SONGS } from '../../fakes/netease/catalog.ts';
import {
  type DiscordWorld,
  FAKE_IDS,
  isEphemeral,
  LISTENERS,
  musicWorld,
  settled,
  startDiscordWorld,
  textOf,
} from './helpers/discord-world.ts';

const LOCKED = '900000000000000122';
const DJ_ROLE = '900000000000000300';
const CONNECT = 1n << 20n;

let world: DiscordWorld;

beforeAll(async () => {
  const fake = musicWorld({
    channels: [
      { id: FAKE_IDS.textChannel, name: 'general', type: 'text' },
      { id: FAKE_IDS.voiceChannel, name: 'Music', type: 'voice' },
      { id: FAKE_IDS.otherVoiceChannel, name: 'Lounge', type: 'voice' },
      // The bot may not connect here (a member overwrite, as a moderator would set it).
      {
        id: LOCKED,
        name: 'Locked',
        type: 'voice',
        permissionOverwrites: [{ id: FAKE_IDS.bot, type: 1, allow: '0', deny: String(CONNECT) }],
      },
    ],
    roles: [{ id: DJ_ROLE, name: 'DJ', permissions: 0n }],
  });
  fake.users?.push({ id: '900000000000000209', username: 'shy', globalName: 'Shy', dmsClosed: true });
  fake.guilds?.[0]?.members.push('900000000000000209');
  world = await startDiscordWorld({ fake });
}, 120_000);

afterAll(async () => {
  await world?.close();
}, 60_000);

async function answer(name: string, options: Record<string, string | number>, userId: string) {
  const handle = world.discord.sendCommand({ name, options, userId });
  try {
    return await settled(world.discord, handle);
  } catch (error) {
    (error as Error).message += `\n--- bot log ---\n${world.logTail()}`;
    throw error;
  }
}

describe('mistakes and refusals', () => {
  it('/play from someone outside voice says to join a channel first', async () => {
    const reply = await answer('play', { query: '晴天' }, FAKE_IDS.otherUser);
    expect(isEphemeral(reply)).toBe(true);
    expect(textOf(reply)).toContain('Join a voice channel first');
    expect(world.discord.voiceChannelOf(FAKE_IDS.guild, FAKE_IDS.bot)).toBeNull();
  });

  it('/play of a grey song says it is not available', async () => {
    const reply = await answer('play', { query: String(SONGS.grey.id) }, LISTENERS.alice);
    expect(isEphemeral(reply)).toBe(true);
    expect(textOf(reply)).toContain('红豆');
    expect(textOf(reply)).toMatch(/not available/);
  });

  it('/play of an unknown id says NetEase has no such song', async () => {
    const reply = await answer('play', { query: '987654321' }, LISTENERS.bob);
    expect(isEphemeral(reply)).toBe(true);
    expect(textOf(reply)).toMatch(/no song|Nothing found|No results/i);
  });

  it('/play into a channel the bot may not join names the missing permission', async () => {
    world.discord.setUserVoiceChannel(FAKE_IDS.guild, FAKE_IDS.otherUser, LOCKED);
    try {
      const reply = await answer('play', { query: '晴天' }, FAKE_IDS.otherUser);
      expect(isEphemeral(reply)).toBe(true);
      expect(textOf(reply)).toContain('I cannot join Locked');
      expect(textOf(reply)).toContain('Connect and Speak');
    } finally {
      world.discord.setUserVoiceChannel(FAKE_IDS.guild, FAKE_IDS.otherUser, null);
    }
  });

  it('a DJ-only command from a plain member is refused while others listen; a manager may', async () => {
    // The owner (Manage Server) names a DJ role; alice does not have it.
    const set = await answer('settings', { name: 'dj-role', value: DJ_ROLE }, FAKE_IDS.user);
    expect(textOf(set)).toContain(DJ_ROLE);
    const play = await answer('play', { query: String(SONGS.daoxiang.id) }, FAKE_IDS.user);
    expect(textOf(play)).toContain('稻香');
    await world.discord.waitFor(
      () => world.discord.voiceChannelOf(FAKE_IDS.guild, FAKE_IDS.bot) === FAKE_IDS.voiceChannel || undefined,
      15_000,
      'the bot in Music',
    );

    const refused = await answer('stop', {}, LISTENERS.carol);
    expect(isEphemeral(refused)).toBe(true);
    expect(textOf(refused)).toContain('Only DJs');

    const stopped = await answer('stop', {}, FAKE_IDS.user);
    expect(isEphemeral(stopped)).toBe(false);
    expect(textOf(stopped)).toContain('Stopped');
  });

  it('/login with closed DMs says how to open them', async () => {
    const reply = await answer('login', {}, '900000000000000209');
    expect(isEphemeral(reply)).toBe(true);
    expect(textOf(reply)).toContain('cannot send you a private message');
  });

  it('keeps serving after all of that', async () => {
    const reply = await answer('top', {}, LISTENERS.bob);
    expect(textOf(reply)).toMatch(/飙升榜|Soaring|chart/i);
    expect(world.bot.child.exitCode).toBeNull();
  });
});
