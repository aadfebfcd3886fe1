// Building the interactions a user would trigger, checked the way the Discord client checks them
// before sending: the command must be registered, options must exist in its schema with the
// right type, a button must be present (and enabled) on the message. A test that clicks a button
// the bot never rendered fails here, which is the point.
import type { FakeContext } from './context.ts';
import { randomToken, snowflake } from './ids.ts';
import {
  channelPayload,
  interactionPayload,
  memberPayload,
  messagePayload,
  userPayload,
} from './payloads.ts';
import type { InteractionRecord, Json, StoredMessage } from './types.ts';
import { ChannelType } from './world.ts';

export type OptionValue = string | number | boolean;

export interface CommandInvocation {
  name: string;
  /** Option values by name; types come from the registered command. */
  options?: Record<string, OptionValue>;
  subcommand?: string;
  subcommandGroup?: string;
  /** Default: the first configured human user. */
  userId?: string;
  /** Default: the first guild. `null` invokes the command in the user's DM with the bot. */
  guildId?: string | null;
  /** Default: the guild's first text channel (or the DM channel). */
  channelId?: string;
  locale?: string;
}

export interface AutocompleteInvocation extends CommandInvocation {
  /** Name of the option being typed; its value is sent as typed (a string). */
  focused: string;
}

export interface ComponentInvocation {
  messageId: string;
  customId: string;
  userId?: string;
  locale?: string;
}

export class InteractionTracker {
  private readonly byId = new Map<string, InteractionRecord>();
  private readonly byToken = new Map<string, InteractionRecord>();

  add(record: InteractionRecord): void {
    this.byId.set(record.id, record);
    this.byToken.set(record.token, record);
  }

  get(id: string): InteractionRecord | undefined {
    return this.byId.get(id);
  }

  withToken(token: string): InteractionRecord | undefined {
    return this.byToken.get(token);
  }

  all(): InteractionRecord[] {
    return [...this.byId.values()];
  }
}

const OptionType = {
  Subcommand: 1,
  SubcommandGroup: 2,
  String: 3,
  Integer: 4,
  Boolean: 5,
  User: 6,
  Channel: 7,
  Role: 8,
  Mentionable: 9,
  Number: 10,
} as const;

function defaultUser(ctx: FakeContext): string {
  const user = [...ctx.world.users.values()].find((u) => !u.bot);
  if (!user) throw new Error('fake discord: no human user configured');
  return user.id;
}

function placeOf(
  ctx: FakeContext,
  inv: CommandInvocation,
  userId: string,
): { guildId: string | null; channelId: string } {
  if (inv.guildId === null) return { guildId: null, channelId: ctx.world.dmChannelFor(userId).id };
  const guildId = inv.guildId ?? [...ctx.world.guilds.keys()][0];
  if (!guildId) throw new Error('fake discord: no guild configured');
  const channelId = inv.channelId ?? ctx.world.defaultTextChannel(guildId).id;
  return { guildId, channelId };
}

function buildCommandData(
  ctx: FakeContext,
  inv: CommandInvocation,
  guildId: string | null,
  focused?: string,
): Json {
  const command = ctx.commands.find(inv.name, guildId);
  if (!command) {
    const known = ctx.commands.allNames(guildId).join(', ') || 'none';
    throw new Error(`fake discord: /${inv.name} is not registered (registered: ${known})`);
  }
  let schema: Json[] = command.options ?? [];
  const path: { name: string; type: number }[] = [];
  if (inv.subcommandGroup) {
    const group = schema.find((o) => o.type === OptionType.SubcommandGroup && o.name === inv.subcommandGroup);
    if (!group) throw new Error(`fake discord: /${inv.name} has no subcommand group ${inv.subcommandGroup}`);
    path.push({ name: group.name, type: OptionType.SubcommandGroup });
    schema = group.options ?? [];
  }
  if (inv.subcommand) {
    const sub = schema.find((o) => o.type === OptionType.Subcommand && o.name === inv.subcommand);
    if (!sub) throw new Error(`fake discord: /${inv.name} has no subcommand ${inv.subcommand}`);
    path.push({ name: sub.name, type: OptionType.Subcommand });
    schema = sub.options ?? [];
  } else if (schema.some((o) => o.type === OptionType.Subcommand || o.type === OptionType.SubcommandGroup)) {
    const subs = schema.map((o) => o.name).join(', ');
    throw new Error(`fake discord: /${inv.name} needs a subcommand (${subs})`);
  }
  const resolved: Json = {};
  const values: Json[] = Object.entries(inv.options ?? {}).map(([name, value]) => {
    const option = schema.find((o) => o.name === name);
    if (!option) throw new Error(`fake discord: /${inv.name} has no option "${name}"`);
    if (name === focused) return { name, type: option.type, value: String(value), focused: true };
    checkOptionValue(ctx, inv.name, option, value, guildId, resolved);
    return { name, type: option.type, value };
  });
  if (focused === undefined) {
    for (const option of schema) {
      if (option.required && !(option.name in (inv.options ?? {}))) {
        throw new Error(`fake discord: /${inv.name} requires option "${option.name}"`);
      }
    }
  } else if (!values.some((v) => v.focused)) {
    throw new Error(`fake discord: focused option "${focused}" needs a value in options`);
  }
  let options = values;
  for (const level of [...path].reverse()) options = [{ name: level.name, type: level.type, options }];
  return {
    id: command.id,
    name: command.name,
    type: command.type,
    ...(command.guild_id ? { guild_id: command.guild_id } : {}),
    options,
    ...(Object.keys(resolved).length ? { resolved } : {}),
  };
}

function checkOptionValue(
  ctx: FakeContext,
  commandName: string,
  option: Json,
  value: OptionValue,
  guildId: string | null,
  resolved: Json,
): void {
  const fail = (why: string) => {
    throw new Error(`fake discord: /${commandName} option "${option.name}": ${why}`);
  };
  switch (option.type) {
    case OptionType.String:
      if (typeof value !== 'string') fail('expects a string');
      break;
    case OptionType.Integer:
      if (!Number.isInteger(value)) fail('expects an integer');
      break;
    case OptionType.Number:
      if (typeof value !== 'number') fail('expects a number');
      break;
    case OptionType.Boolean:
      if (typeof value !== 'boolean') fail('expects a boolean');
      break;
    case OptionType.User: {
      const user = ctx.world.user(String(value));
      resolved.users = { ...resolved.users, [user.id]: userPayload(user) };
      const member = guildId ? ctx.world.guild(guildId).members.get(user.id) : undefined;
      if (member) {
        const { user: _user, ...rest } = memberPayload(ctx.world, member);
        resolved.members = { ...resolved.members, [user.id]: rest };
      }
      break;
    }
    case OptionType.Channel: {
      const channel = ctx.world.channel(String(value));
      resolved.channels = {
        ...resolved.channels,
        [channel.id]: { ...channelPayload(ctx.world, channel), permissions: '0' },
      };
      break;
    }
    default:
      fail(`option type ${option.type} is not supported by the fake`);
  }
  const choices: Json[] | undefined = option.choices;
  if (choices?.length && !choices.some((c) => c.value === value)) {
    fail(`${JSON.stringify(value)} is not one of the choices`);
  }
  if (typeof value === 'number') {
    if (option.min_value !== undefined && value < option.min_value)
      fail(`below min_value ${option.min_value}`);
    if (option.max_value !== undefined && value > option.max_value)
      fail(`above max_value ${option.max_value}`);
  }
}

function newRecord(
  type: number,
  userId: string,
  guildId: string | null,
  channelId: string,
  messageId: string | null,
): InteractionRecord {
  return {
    id: snowflake(),
    token: randomToken('aW50ZXJhY3Rpb246'),
    type,
    payload: null,
    createdAt: Date.now(),
    userId,
    channelId,
    guildId,
    messageId,
    callbacks: [],
    ackDelayMs: null,
    originalMessageId: null,
    followUpIds: [],
    autocompleteChoices: null,
  };
}

function finish(
  ctx: FakeContext,
  record: InteractionRecord,
  data: Json,
  locale: string | undefined,
  message?: Json,
): InteractionRecord {
  record.payload = interactionPayload(ctx.world, {
    id: record.id,
    token: record.token,
    type: record.type,
    userId: record.userId,
    guildId: record.guildId,
    channelId: record.channelId,
    locale: locale ?? 'en-US',
    data,
    ...(message ? { message } : {}),
  });
  ctx.interactions.add(record);
  ctx.dispatch('INTERACTION_CREATE', record.payload);
  ctx.hub.notify();
  return record;
}

export function injectCommand(ctx: FakeContext, inv: CommandInvocation): InteractionRecord {
  const userId = inv.userId ?? defaultUser(ctx);
  const { guildId, channelId } = placeOf(ctx, inv, userId);
  const data = buildCommandData(ctx, inv, guildId);
  return finish(ctx, newRecord(2, userId, guildId, channelId, null), data, inv.locale);
}

export function injectAutocomplete(ctx: FakeContext, inv: AutocompleteInvocation): InteractionRecord {
  const userId = inv.userId ?? defaultUser(ctx);
  const { guildId, channelId } = placeOf(ctx, inv, userId);
  const data = buildCommandData(ctx, inv, guildId, inv.focused);
  return finish(ctx, newRecord(4, userId, guildId, channelId, null), data, inv.locale);
}

/** Finds a component by custom_id anywhere in a message (action rows or Components V2 trees). */
function findComponent(components: Json[], customId: string): Json | undefined {
  for (const component of components) {
    if (component.custom_id === customId) return component;
    const nested = findComponent(
      [...(component.components ?? []), ...(component.accessory ? [component.accessory] : [])],
      customId,
    );
    if (nested) return nested;
  }
  return undefined;
}

function componentTarget(
  ctx: FakeContext,
  inv: ComponentInvocation,
): { message: StoredMessage; component: Json; userId: string } {
  const message = ctx.messages.get(inv.messageId);
  if (!message || message.deleted) throw new Error(`fake discord: message ${inv.messageId} does not exist`);
  const component = findComponent(message.components, inv.customId);
  if (!component) {
    throw new Error(`fake discord: message ${message.id} has no component with custom_id "${inv.customId}"`);
  }
  if (component.disabled) throw new Error(`fake discord: component "${inv.customId}" is disabled`);
  const channel = ctx.world.channel(message.channelId);
  const userId = inv.userId ?? (channel.type === ChannelType.DM ? channel.recipientId! : defaultUser(ctx));
  if (message.flags & 64 && message.interaction && message.interaction.userId !== userId) {
    throw new Error('fake discord: only the invoking user can see (and click) an ephemeral message');
  }
  return { message, component, userId };
}

export function injectButton(ctx: FakeContext, inv: ComponentInvocation): InteractionRecord {
  const { message, component, userId } = componentTarget(ctx, inv);
  if (component.type !== 2) throw new Error(`fake discord: "${inv.customId}" is not a button`);
  const record = newRecord(3, userId, message.guildId, message.channelId, message.id);
  const data = { custom_id: inv.customId, component_type: 2 };
  return finish(ctx, record, data, inv.locale, messagePayload(ctx.world, ctx.baseUrl, message));
}

export function injectSelect(
  ctx: FakeContext,
  inv: ComponentInvocation & { values: string[] },
): InteractionRecord {
  const { message, component, userId } = componentTarget(ctx, inv);
  if (component.type !== 3) throw new Error(`fake discord: "${inv.customId}" is not a string select`);
  const allowed = new Set((component.options ?? []).map((o: Json) => o.value));
  const unknown = inv.values.filter((v) => !allowed.has(v));
  if (unknown.length)
    throw new Error(`fake discord: select "${inv.customId}" has no option(s) ${unknown.join(', ')}`);
  const min = component.min_values ?? 1;
  const max = component.max_values ?? 1;
  if (inv.values.length < min || inv.values.length > max) {
    throw new Error(
      `fake discord: select "${inv.customId}" takes ${min}..${max} values, got ${inv.values.length}`,
    );
  }
  const record = newRecord(3, userId, message.guildId, message.channelId, message.id);
  const data = { custom_id: inv.customId, component_type: 3, values: inv.values };
  return finish(ctx, record, data, inv.locale, messagePayload(ctx.world, ctx.baseUrl, message));
}
