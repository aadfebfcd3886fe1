import type { IncomingMessage, ServerResponse } from 'node:http';
import { executeCall } from './dispatch.ts';
import { notFound, TelegramError, unauthorized } from './errors.ts';
import { type ParsedBody, parseBody, readBody } from './request-body.ts';
import type { FakeState } from './state.ts';

/** Routes `/bot<token>/<method>` to the dispatcher; everything else is Telegram's 404. */
export function createRequestHandler(state: FakeState): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(state, req, res).catch((error: unknown) => {
      console.error('[fake-telegram] request failed:', error);
      if (!res.headersSent)
        send(res, 500, { ok: false, error_code: 500, description: 'Internal Server Error' });
      else res.destroy();
    });
  };
}

async function handle(state: FakeState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const route = /^\/bot([^/]+)\/([^/]*)$/.exec(url.pathname);
  if (!route) {
    await discard(req);
    send(res, 404, notFound().toBody());
    return;
  }
  const [, token, method] = route as unknown as [string, string, string];

  // Ends a long poll whose client went away (grammY aborts its fetch on bot.stop()).
  const clientGone = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) clientGone.abort();
  });

  let body: ParsedBody = { transport: 'none', values: {}, uploads: [] };
  let rejectWith: TelegramError | undefined;
  if (token !== state.token) {
    await discard(req);
    rejectWith = unauthorized();
  } else {
    try {
      const raw = await readBody(req, state.maxUploadBytes);
      body = parseBody(req.headers['content-type'], raw, url.searchParams, state.maxUploadBytes);
    } catch (error) {
      // The client gave up mid-upload (e.g. grammY aborted on bot.stop()): nobody is left to answer.
      if (!(error instanceof TelegramError) && req.destroyed) return;
      if (!(error instanceof TelegramError)) throw error;
      rejectWith = error;
    }
  }

  const outcome = await executeCall(state, {
    method,
    values: body.values,
    uploads: body.uploads,
    transport: body.transport,
    signal: AbortSignal.any([clientGone.signal, state.closing.signal]),
    ...(rejectWith ? { rejectWith } : {}),
  });
  if (outcome.kind === 'drop') req.socket.destroy();
  else send(res, outcome.status, outcome.body);
}

async function discard(req: IncomingMessage): Promise<void> {
  for await (const _chunk of req) {
    // Read to the end so the client sees our answer rather than a reset connection.
  }
}

function send(res: ServerResponse, status: number, body: object): void {
  if (res.destroyed || res.writableEnded) return;
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}
