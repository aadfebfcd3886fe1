// The REST side: an HTTP request handler that matches Discord routes, checks the bot token,
// applies injected failures, records every call for the test and answers in Discord's shapes
// (JSON errors `{message, code}`; 404 for routes Discord would not know).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeContext } from './context.ts';
import { readBody, sendJson } from './http-body.ts';
import type { Json, RecordedFile, RestCall, RestFailureRule } from './types.ts';
import { RestError } from './validate.ts';

export interface RouteRequest {
  params: Record<string, string>;
  query: Record<string, string>;
  body: Json;
  files: RecordedFile[];
}

export interface RouteResult {
  status: number;
  body?: Json;
}

export interface Route {
  method: string;
  /** Segments starting with ':' capture; others must match exactly (after URL-decoding). */
  template: string;
  /** Needs `Authorization: Bot <token>`; interaction callbacks and webhooks do not. */
  auth: boolean;
  handle: (req: RouteRequest, ctx: FakeContext) => RouteResult | Promise<RouteResult>;
}

interface ActiveFailure {
  rule: RestFailureRule;
  hits: number;
}

export interface FailureHandle {
  /** How many calls this rule has failed so far. */
  readonly hits: number;
  remove(): void;
}

function matchTemplate(template: string, segments: string[]): Record<string, string> | null {
  const parts = template.split('/').filter(Boolean);
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const segment = segments[i]!;
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part !== segment) return null;
  }
  return params;
}

export class RestServer {
  readonly calls: RestCall[] = [];
  private readonly failures: ActiveFailure[] = [];

  constructor(
    private readonly ctx: FakeContext,
    private readonly routes: Route[],
  ) {}

  failRest(rule: RestFailureRule): FailureHandle {
    const active: ActiveFailure = { rule, hits: 0 };
    this.failures.push(active);
    return {
      get hits() {
        return active.hits;
      },
      remove: () => {
        const index = this.failures.indexOf(active);
        if (index >= 0) this.failures.splice(index, 1);
      },
    };
  }

  /** Handles a request under `/api/v{9,10}`; returns false for other paths. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const prefix = /^\/api\/v(9|10)(\/.*)$/.exec(url.pathname);
    if (!prefix) return false;
    const segments = prefix[2]!.split('/').filter(Boolean).map(decodeURIComponent);
    const path = `/${segments.join('/')}`;
    const method = req.method ?? 'GET';
    const call: RestCall = {
      index: -1, // assigned when recorded: concurrent requests finish out of order
      at: Date.now(),
      method,
      path,
      route: null,
      params: {},
      query: Object.fromEntries(url.searchParams),
      auth: req.headers.authorization ?? null,
      body: null,
      files: [],
      status: 0,
      response: null,
    };
    let status: number;
    let body: Json;
    let headers: Record<string, string> = {};
    try {
      const decoded = await readBody(req);
      call.body = decoded.body;
      call.files = decoded.files;
      const route = this.routes.find((r) => r.method === method && matchTemplate(r.template, segments));
      if (!route) throw new RestError(404, 0, '404: Not Found');
      call.route = route.template;
      call.params = matchTemplate(route.template, segments)!;
      if (route.auth && call.auth !== `Bot ${this.ctx.world.token}`)
        throw new RestError(401, 0, '401: Unauthorized');
      const failure = this.failures.find((f) => this.applies(f.rule, call));
      if (failure) {
        failure.hits++;
        const rule = failure.rule;
        if (rule.times !== undefined && failure.hits >= rule.times)
          this.failures.splice(this.failures.indexOf(failure), 1);
        status = rule.status;
        body = rule.body ?? { message: rule.message ?? 'Injected failure', code: rule.code ?? 0 };
        headers = rule.headers ?? {};
      } else {
        const result = await route.handle(
          { params: call.params, query: call.query, body: call.body, files: call.files },
          this.ctx,
        );
        status = result.status;
        body = result.body;
      }
    } catch (error) {
      if (!(error instanceof RestError)) {
        // A bug in the fake (or a test-world mistake) must not look like a Discord answer.
        this.ctx.log(`REST ${method} ${path} crashed: ${(error as Error).stack}`);
        status = 500;
        body = { message: `fake discord internal error: ${(error as Error).message}`, code: 0 };
      } else {
        status = error.status;
        body = error.body();
      }
    }
    call.status = status;
    call.response = body ?? null;
    call.index = this.calls.length;
    this.calls.push(call);
    this.ctx.log(`REST ${method} ${path} -> ${status}`);
    sendJson(res, status, body, headers);
    this.ctx.hub.notify();
    return true;
  }

  private applies(rule: RestFailureRule, call: RestCall): boolean {
    if (rule.method && rule.method.toUpperCase() !== call.method) return false;
    if (typeof rule.route === 'string' && rule.route !== call.route && rule.route !== call.path) return false;
    if (rule.route instanceof RegExp && !rule.route.test(call.path)) return false;
    return !rule.match || rule.match(call);
  }
}
