// REST routes about the bot itself: gateway discovery, application, users, application commands.
import type { FakeContext } from './context.ts';
import { applicationPayload, userPayload } from './payloads.ts';
import type { Route, RouteRequest } from './rest.ts';
import type { Json } from './types.ts';
import { RestError, validateCommand } from './validate.ts';

function gatewayUrl(ctx: FakeContext): string {
  return `${ctx.baseUrl.replace(/^http/, 'ws')}/gateway`;
}

function checkApp(ctx: FakeContext, req: RouteRequest): void {
  if (req.params.appId !== ctx.world.applicationId) throw new RestError(403, 50001, 'Missing Access');
}

/** Guild commands need the bot in that guild (Discord answers Missing Access otherwise). */
function scope(ctx: FakeContext, req: RouteRequest): string | null {
  checkApp(ctx, req);
  const guildId = req.params.guildId;
  if (guildId === undefined) return null;
  if (!ctx.world.guilds.has(guildId)) throw new RestError(403, 50001, 'Missing Access');
  return guildId;
}

function commandRoutes(prefix: string): Route[] {
  return [
    {
      method: 'GET',
      template: prefix,
      auth: true,
      handle: (req, ctx) => ({ status: 200, body: ctx.commands.list(scope(ctx, req)) }),
    },
    {
      method: 'PUT',
      template: prefix,
      auth: true,
      handle: (req, ctx) => {
        const guildId = scope(ctx, req);
        const bodies: Json[] = Array.isArray(req.body) ? req.body : [];
        bodies.forEach((body, i) => {
          validateCommand(body, [i]);
        });
        const limit = 100;
        if (bodies.length > limit)
          throw new RestError(400, 30032, 'Maximum number of application commands reached (100)');
        return { status: 200, body: ctx.commands.overwrite(guildId, bodies) };
      },
    },
    {
      method: 'POST',
      template: prefix,
      auth: true,
      handle: (req, ctx) => {
        const guildId = scope(ctx, req);
        validateCommand(req.body ?? {});
        const [command, created] = ctx.commands.upsert(guildId, req.body);
        return { status: created ? 201 : 200, body: command };
      },
    },
    {
      method: 'GET',
      template: `${prefix}/:commandId`,
      auth: true,
      handle: (req, ctx) => {
        const command = ctx.commands.get(scope(ctx, req), req.params.commandId!);
        if (!command) throw new RestError(404, 10063, 'Unknown application command');
        return { status: 200, body: command };
      },
    },
    {
      method: 'PATCH',
      template: `${prefix}/:commandId`,
      auth: true,
      handle: (req, ctx) => {
        const command = ctx.commands.patch(scope(ctx, req), req.params.commandId!, req.body ?? {});
        if (!command) throw new RestError(404, 10063, 'Unknown application command');
        return { status: 200, body: command };
      },
    },
    {
      method: 'DELETE',
      template: `${prefix}/:commandId`,
      auth: true,
      handle: (req, ctx) => {
        if (!ctx.commands.remove(scope(ctx, req), req.params.commandId!)) {
          throw new RestError(404, 10063, 'Unknown application command');
        }
        return { status: 204 };
      },
    },
  ];
}

export const appRoutes: Route[] = [
  {
    method: 'GET',
    template: '/gateway/bot',
    auth: true,
    handle: (_req, ctx) => ({
      status: 200,
      body: {
        url: gatewayUrl(ctx),
        shards: 1,
        // `remaining` must cover the shard count or @discordjs/ws refuses to connect.
        session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
      },
    }),
  },
  {
    method: 'GET',
    template: '/gateway',
    auth: false,
    handle: (_req, ctx) => ({ status: 200, body: { url: gatewayUrl(ctx) } }),
  },
  {
    method: 'GET',
    template: '/applications/@me',
    auth: true,
    handle: (_req, ctx) => ({ status: 200, body: applicationPayload(ctx.world) }),
  },
  {
    method: 'GET',
    template: '/oauth2/applications/@me',
    auth: true,
    handle: (_req, ctx) => ({ status: 200, body: applicationPayload(ctx.world) }),
  },
  {
    method: 'GET',
    template: '/users/@me',
    auth: true,
    handle: (_req, ctx) => ({ status: 200, body: userPayload(ctx.world.bot) }),
  },
  {
    method: 'GET',
    template: '/users/:userId',
    auth: true,
    handle: (req, ctx) => {
      const user = ctx.world.users.get(req.params.userId!);
      if (!user) throw new RestError(404, 10013, 'Unknown User');
      return { status: 200, body: userPayload(user) };
    },
  },
  ...commandRoutes('/applications/:appId/guilds/:guildId/commands'),
  ...commandRoutes('/applications/:appId/commands'),
];
