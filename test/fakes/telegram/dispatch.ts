import type { ApiCall, RecordedFile } from './call-log.ts';
import { notFound, TelegramError, type TelegramErrorBody } from './errors.ts';
import { faultToError } from './faults.ts';
import { METHODS } from './methods/index.ts';
import { Described, type MethodHandler } from './methods/types.ts';
import { detectMime } from './mime.ts';
import { normalizeParams, Params } from './params.ts';
import type { Upload } from './request-body.ts';
import type { FakeState } from './state.ts';

export interface CallInput {
  /** As written in the URL; Telegram matches method names case-insensitively. */
  method: string;
  values: Record<string, unknown>;
  uploads: Upload[];
  transport: ApiCall['transport'];
  signal: AbortSignal;
  /** A failure found before the method could run (wrong token, body too large, unparsable body). */
  rejectWith?: TelegramError;
}

export type CallOutcome =
  | { kind: 'answer'; status: number; body: Record<string, unknown> }
  /** An injected network fault: close the connection without answering. */
  | { kind: 'drop' };

const DROPPED: TelegramErrorBody = {
  ok: false,
  error_code: 0,
  description: 'connection dropped (injected fault)',
};

const BY_LOWER_NAME = new Map<string, [string, MethodHandler]>(
  Object.entries(METHODS).map(([name, handler]) => [name.toLowerCase(), [name, handler]]),
);

/** Runs one API call (from HTTP or from a webhook reply) and records it. */
export async function executeCall(state: FakeState, input: CallInput): Promise<CallOutcome> {
  const seq = state.calls.nextSeq();
  const startedAt = Date.now();
  const entry = BY_LOWER_NAME.get(input.method.toLowerCase());
  const method = entry?.[0] ?? input.method;
  const params = normalizeParams(input.values);
  let outcome: CallOutcome;
  try {
    if (input.rejectWith) throw input.rejectWith;
    if (!entry) throw notFound();
    const fault = state.faults.take(method);
    if (fault === 'network') {
      outcome = { kind: 'drop' };
    } else {
      if (fault) throw faultToError(fault);
      const value = await entry[1](
        { method, params: new Params(params), uploads: input.uploads, signal: input.signal },
        state,
      );
      const described = value instanceof Described ? value : undefined;
      // Cloned so that later edits to stored messages cannot change what this call returned.
      const result = structuredClone(described ? described.result : value);
      outcome = {
        kind: 'answer',
        status: 200,
        body: { ok: true, result, ...(described ? { description: described.description } : {}) },
      };
    }
  } catch (error) {
    outcome = { kind: 'answer', ...toErrorAnswer(error, method) };
  }

  const answered = outcome.kind === 'answer' ? outcome : undefined;
  const ok = answered?.status === 200;
  state.calls.record({
    seq,
    method,
    params,
    files: input.uploads.map(recordFile),
    transport: input.transport,
    ok,
    status: answered?.status ?? 0,
    ...(ok
      ? { result: answered?.body.result }
      : { error: answered ? (answered.body as unknown as TelegramErrorBody) : DROPPED }),
    startedAt,
    endedAt: Date.now(),
  });
  return outcome;
}

function toErrorAnswer(error: unknown, method: string): { status: number; body: Record<string, unknown> } {
  if (error instanceof TelegramError) return { status: error.errorCode, body: { ...error.toBody() } };
  // A bug in the fake, not a Telegram answer. 400 rather than 500: auto-retry would retry a 5xx for
  // ever and turn the bug into a test timeout.
  console.error(`[fake-telegram] ${method} crashed:`, error);
  return {
    status: 400,
    body: {
      ok: false,
      error_code: 400,
      description: `Bad Request: fake Telegram crashed in ${method}: ${String(error)}`,
    },
  };
}

function recordFile(upload: Upload): RecordedFile {
  return {
    ...(upload.usedAs !== undefined ? { param: upload.usedAs } : {}),
    partName: upload.partName,
    filename: upload.filename,
    contentType: upload.contentType,
    mime: detectMime(upload.bytes, upload.filename, upload.contentType),
    size: upload.bytes.length,
    bytes: upload.bytes,
  };
}
