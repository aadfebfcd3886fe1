/**
 * A wrong DISCORD_TOKEN must stop the bot with a clear sentence and a failing exit status, so a
 * process manager notices, instead of a stack trace or a process that sits there doing nothing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type DiscordWorld, startDiscordWorld } from './helpers/discord-world.ts';

let world: DiscordWorld;

beforeAll(async () => {
  world = await startDiscordWorld({ env: { DISCORD_TOKEN: 'not-the.right-token' }, expectFailure: true });
}, 60_000);

afterAll(async () => {
  await world?.close();
}, 60_000);

it('exits non-zero and says the token was rejected', async () => {
  const code = await Promise.race([
    world.bot.exited,
    new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 60_000)),
  ]);
  const output = world.logTail(40);
  expect(code, output).not.toBe('timeout');
  expect(code).not.toBe(0);
  expect(output).toContain('Discord login failed');
  expect(output).toContain('DISCORD_TOKEN');
  expect(output).not.toMatch(/\n\s+at /); // a sentence, not a stack trace
  // It never got as far as registering anything.
  expect(world.discord.commands(null)).toEqual([]);
}, 90_000);
