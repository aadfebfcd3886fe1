/**
 * Slash command definitions from the neutral specs, and registration that only writes when the
 * definitions changed, against the fake Discord with a real discord.js client in this process.
 */
import type { Client } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordClient, loginDiscord } from '../../../src/bots/discord/client.ts';
import { registerCommands, toSlashCommands } from '../../../src/bots/discord/register-commands.ts';
import type { Command } from '../../../src/commands/command.ts';
import { allCommands } from '../../../src/commands/index.ts';
import { silentLogger } from '../../../src/logger.ts';
import { FAKE_IDS, type FakeDiscord, startFakeDiscord } from '../../fakes/discord/server.ts';

describe('slash command definitions', () => {
  const definitions = toSlashCommands(allCommands);

  it('describes every command within Discord’s rules, with Chinese localizations', () => {
    expect(definitions.length).toBe(allCommands.length);
    for (const command of definitions) {
      expect(command.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(command.description.length).toBeGreaterThan(0);
      expect(command.description.length).toBeLessThanOrEqual(100);
      expect(command.description_localizations?.['zh-CN']).toBeTruthy();
      const options = command.options ?? [];
      expect(options.length).toBeLessThanOrEqual(25);
      // Required options first, as Discord demands.
      const firstOptional = options.findIndex((option) => !option.required);
      if (firstOptional >= 0)
        expect(options.slice(firstOptional).some((option) => option.required)).toBe(false);
    }
  });

  it('maps option kinds: autocomplete, choices, integer bounds; voice commands only in guilds', () => {
    const play = definitions.find((command) => command.name === 'play')!;
    expect(play.options?.[0]).toMatchObject({ name: 'query', type: 3, required: true, autocomplete: true });
    expect(play.contexts).toEqual([0]);
    const skip = definitions.find((command) => command.name === 'skip')!;
    expect(skip.options?.[0]).toMatchObject({ name: 'count', type: 4, min_value: 1 });
    const search = definitions.find((command) => command.name === 'search')!;
    const type = search.options?.find((option) => option.name === 'type') as {
      choices?: unknown[];
      autocomplete?: boolean;
    };
    expect(type.choices?.length).toBeGreaterThan(0);
    expect(type.autocomplete).toBeUndefined();
    const login = definitions.find((command) => command.name === 'login')!;
    expect(login.contexts).toEqual([0, 1]);
  });
});

describe('registration', () => {
  let fake: FakeDiscord;
  let client: Client<true>;
  const logger = silentLogger();
  const puts = () =>
    fake.restCalls.filter((call) => call.method === 'PUT' && call.route?.includes('/commands')).length;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    const created = createDiscordClient({ apiUrl: fake.restUrl });
    await loginDiscord(created, fake.token);
    client = created as Client<true>;
  }, 30_000);

  afterAll(async () => {
    await client?.destroy();
    await fake?.close();
  });

  it('registers to the guild once, then skips while nothing changed', async () => {
    const first = await registerCommands(client, allCommands, { guildId: FAKE_IDS.guild, logger });
    expect(first).toMatchObject({ scope: 'guild', changed: true });
    expect(fake.commands(FAKE_IDS.guild).map((command) => command.name)).toContain('play');
    const second = await registerCommands(client, allCommands, { guildId: FAKE_IDS.guild, logger });
    expect(second.changed).toBe(false);
    expect(puts()).toBe(1);
  });

  it('registers again when a definition changed', async () => {
    const changed: Command<unknown>[] = allCommands.map((command) =>
      command.name === 'play' ? { ...command, description: { en: 'Play music', zh: '播放音乐' } } : command,
    ) as Command<unknown>[];
    const result = await registerCommands(client, changed, { guildId: FAKE_IDS.guild, logger });
    expect(result.changed).toBe(true);
    expect(fake.commands(FAKE_IDS.guild).find((command) => command.name === 'play')?.description).toBe(
      'Play music',
    );
  });

  it('registers globally without a guild id', async () => {
    const result = await registerCommands(client, allCommands, { logger });
    expect(result).toMatchObject({ scope: 'global', changed: true });
    expect(fake.commands(null).length).toBe(allCommands.length);
    expect((await registerCommands(client, allCommands, { logger })).changed).toBe(false);
  });
});
