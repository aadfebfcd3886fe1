/**
 * The neutral command specs as Discord slash commands (English, with zh-CN localizations), and
 * their registration: to one guild when DISCORD_GUILD_ID is set (instant, for development), else
 * globally. Registration is skipped when Discord already has exactly these definitions: Discord
 * limits command creations per day, and a bot restarted in a crash loop must not burn them.
 *
 * The comparison is against what Discord returns (one GET per start), not a hash in our cache:
 * only Discord knows whether someone deleted or edited the commands meanwhile, and the embedded
 * cache does not survive a restart anyway.
 */
import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  type Client,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  Routes,
} from 'discord.js';
import type { Command } from '../../commands/command.ts';
import { type Localized, MAX_TEXT_LENGTH, type OptionSpec } from '../../commands/options.ts';
import type { Logger } from '../../logger.ts';

export type SlashCommand = RESTPostAPIChatInputApplicationCommandsJSONBody;

const DESCRIPTION_LIMIT = 100;
const CHOICE_NAME_LIMIT = 100;
/** Discord's cap on a string option's max_length. */
const STRING_LIMIT = 6000;

function text(value: string, max: number): string {
  const trimmed = value.trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1)}…`;
}

function description(localized: Localized): Pick<SlashCommand, 'description' | 'description_localizations'> {
  return {
    description: text(localized.en, DESCRIPTION_LIMIT) || '…',
    description_localizations: { 'zh-CN': text(localized.zh, DESCRIPTION_LIMIT) || '…' },
  };
}

function option(name: string, spec: OptionSpec): APIApplicationCommandBasicOption {
  const base = { name, ...description(spec.description), required: spec.required === true };
  if (spec.type === 'integer') {
    return { ...base, type: ApplicationCommandOptionType.Integer, min_value: spec.min, max_value: spec.max };
  }
  const max_length = Math.min(spec.maxLength ?? MAX_TEXT_LENGTH, STRING_LIMIT);
  if (spec.choices?.length) {
    return {
      ...base,
      type: ApplicationCommandOptionType.String,
      choices: spec.choices.slice(0, 25).map((choice) => ({
        name: text(choice.label.en, CHOICE_NAME_LIMIT),
        name_localizations: { 'zh-CN': text(choice.label.zh, CHOICE_NAME_LIMIT) },
        value: choice.value,
      })),
    };
  }
  // Discord does not allow autocomplete together with fixed choices, hence only here.
  return {
    ...base,
    type: ApplicationCommandOptionType.String,
    max_length,
    ...(spec.autocomplete ? { autocomplete: true } : {}),
  };
}

/** One command's slash definition. Voice commands make no sense in a DM, so they are guild-only. */
export function toSlashCommand<S>(command: Command<S>): SlashCommand {
  const options = Object.entries(command.options).map(([name, spec]) => option(name, spec));
  // Discord requires required options first; the dispatcher reads values by name, so order is free.
  options.sort((a, b) => Number(b.required === true) - Number(a.required === true));
  const guildOnly = command.needs?.includes('voice') === true;
  return {
    type: ApplicationCommandType.ChatInput,
    name: command.name,
    ...description(command.description),
    options,
    integration_types: [ApplicationIntegrationType.GuildInstall],
    contexts: guildOnly
      ? [InteractionContextType.Guild]
      : [InteractionContextType.Guild, InteractionContextType.BotDM],
  };
}

export function toSlashCommands<S>(commands: readonly Command<S>[]): SlashCommand[] {
  return commands.map((command) => toSlashCommand(command));
}

type Loose = Record<string, unknown>;

const sortedKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Loose)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, sortedKeys(v)]),
    );
  }
  return value;
};

const localizations = (value: unknown) =>
  value && typeof value === 'object' && Object.keys(value).length > 0 ? value : undefined;

/**
 * The parts of a definition we control, with Discord's defaults filled in: Discord answers with
 * ids, versions and defaults we never sent, and leaves out `false` flags we did send.
 */
function canonical(command: Loose): string {
  const options = ((command.options as Loose[] | undefined) ?? []).map((o) => ({
    type: o.type,
    name: o.name,
    description: o.description,
    description_localizations: localizations(o.description_localizations),
    required: o.required === true,
    autocomplete: o.autocomplete === true,
    choices: (o.choices as Loose[] | undefined)?.map((c) => ({
      name: c.name,
      value: c.value,
      name_localizations: localizations(c.name_localizations),
    })),
    min_value: o.min_value ?? undefined,
    max_value: o.max_value ?? undefined,
    min_length: o.min_length ?? undefined,
    max_length: o.max_length ?? undefined,
  }));
  return JSON.stringify(
    sortedKeys({
      type: command.type ?? ApplicationCommandType.ChatInput,
      name: command.name,
      description: command.description,
      description_localizations: localizations(command.description_localizations),
      name_localizations: localizations(command.name_localizations),
      contexts: Array.isArray(command.contexts) ? [...(command.contexts as number[])].sort() : undefined,
      options,
    }),
  );
}

/** Whether Discord's current commands (raw API objects) are exactly `wanted`. */
export function sameCommands(existing: readonly unknown[], wanted: readonly SlashCommand[]): boolean {
  if (existing.length !== wanted.length) return false;
  const have = new Set(existing.map((command) => canonical(command as Loose)));
  return wanted.every((definition) => have.has(canonical(definition as unknown as Loose)));
}

export interface RegisterResult {
  scope: 'guild' | 'global';
  changed: boolean;
  count: number;
}

/** Puts the commands on Discord unless they are there already. Throws on REST failure. */
export async function registerCommands<S>(
  client: Client<true>,
  commands: readonly Command<S>[],
  options: { guildId?: string; logger: Logger },
): Promise<RegisterResult> {
  const wanted = toSlashCommands(commands);
  const scope = options.guildId ? 'guild' : 'global';
  const route = options.guildId
    ? Routes.applicationGuildCommands(client.application.id, options.guildId)
    : Routes.applicationCommands(client.application.id);
  // Raw REST rather than the command manager: the comparison wants Discord's own JSON, and the
  // bot never uses discord.js' command cache.
  const existing = (await client.rest.get(route)) as unknown[];
  if (sameCommands(existing, wanted)) {
    options.logger.info({ scope, count: wanted.length }, 'slash commands unchanged; not re-registering');
    return { scope, changed: false, count: wanted.length };
  }
  await client.rest.put(route, { body: wanted });
  options.logger.info(
    { scope, count: wanted.length, guildId: options.guildId },
    scope === 'global'
      ? 'slash commands registered globally (Discord may take a while to show changes)'
      : 'slash commands registered for the guild',
  );
  return { scope, changed: true, count: wanted.length };
}
