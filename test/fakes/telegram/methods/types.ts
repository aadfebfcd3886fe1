import type { Params } from '../params.ts';
import type { Upload } from '../request-body.ts';
import type { FakeState } from '../state.ts';

export interface ApiRequest {
  /** Canonical method name. */
  method: string;
  params: Params;
  uploads: Upload[];
  /** Aborted when the client disconnects or the fake closes (ends long polls). */
  signal: AbortSignal;
}

export type MethodHandler = (request: ApiRequest, state: FakeState) => unknown;

/** A success that carries Telegram's optional `description`, e.g. "Webhook was set". */
export class Described {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}
