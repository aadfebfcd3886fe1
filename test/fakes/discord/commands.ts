// Registered application commands, global and per guild, with Discord's id semantics: a bulk
// overwrite keeps the id of a command whose name and type are unchanged, so ids stay stable
// across bot restarts just like on real Discord.
import { snowflake } from './ids.ts';
import type { Json } from './types.ts';

const GLOBAL = 'global';

export class CommandRegistry {
  private readonly scopes = new Map<string, Json[]>();

  constructor(private readonly applicationId: string) {}

  list(guildId: string | null): Json[] {
    return this.scopes.get(guildId ?? GLOBAL) ?? [];
  }

  /** PUT: replaces the whole scope. */
  overwrite(guildId: string | null, bodies: Json[]): Json[] {
    const previous = this.list(guildId);
    const next = bodies.map((body) => this.materialize(guildId, body, previous));
    this.scopes.set(guildId ?? GLOBAL, next);
    return next;
  }

  /** POST: creates, or replaces the command with the same name and type. Returns [command, created]. */
  upsert(guildId: string | null, body: Json): [Json, boolean] {
    const previous = this.list(guildId);
    const command = this.materialize(guildId, body, previous);
    const index = previous.findIndex((c) => c.id === command.id);
    const next = [...previous];
    if (index >= 0) next[index] = command;
    else next.push(command);
    this.scopes.set(guildId ?? GLOBAL, next);
    return [command, index < 0];
  }

  get(guildId: string | null, id: string): Json | undefined {
    return this.list(guildId).find((c) => c.id === id);
  }

  patch(guildId: string | null, id: string, body: Json): Json | undefined {
    const existing = this.get(guildId, id);
    if (!existing) return undefined;
    const [command] = this.upsert(guildId, { ...existing, ...body, id });
    return command;
  }

  remove(guildId: string | null, id: string): boolean {
    const previous = this.list(guildId);
    const next = previous.filter((c) => c.id !== id);
    this.scopes.set(guildId ?? GLOBAL, next);
    return next.length !== previous.length;
  }

  /** What a user in this guild can invoke: guild commands shadow global ones of the same name. */
  find(name: string, guildId: string | null, type = 1): Json | undefined {
    const matches = (c: Json) => c.name === name && (c.type ?? 1) === type;
    return (guildId ? this.list(guildId).find(matches) : undefined) ?? this.list(null).find(matches);
  }

  allNames(guildId: string | null): string[] {
    return [...(guildId ? this.list(guildId) : []), ...this.list(null)].map((c) => c.name);
  }

  private materialize(guildId: string | null, body: Json, previous: Json[]): Json {
    const type = body.type ?? 1;
    const same = previous.find((c) => c.name === body.name && c.type === type);
    return {
      id: same?.id ?? snowflake(),
      application_id: this.applicationId,
      version: snowflake(),
      default_member_permissions: null,
      type,
      name: body.name,
      name_localizations: body.name_localizations ?? null,
      description: body.description ?? '',
      description_localizations: body.description_localizations ?? null,
      options: body.options ?? [],
      nsfw: body.nsfw ?? false,
      contexts: body.contexts ?? null,
      integration_types: body.integration_types ?? [0],
      ...(body.default_member_permissions !== undefined
        ? { default_member_permissions: body.default_member_permissions }
        : {}),
      ...(guildId ? { guild_id: guildId } : { dm_permission: body.dm_permission ?? true }),
    };
  }
}
