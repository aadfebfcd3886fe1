/**
 * The wire: one NetEase call = rate-limit token, headers and cookies for the transport, the
 * transport's encryption, a POST with a timeout, decryption of `e_r` bodies, Set-Cookie into the
 * caller's jar, and NetEase's JSON `code` turned into typed errors. Network failures and 5xx are
 * retried with exponential backoff; 4xx and NetEase error codes are answers and are not.
 *
 * Rate-limit answers (405/406/-447) are not retried either: the observed cooldown is ~20 s and
 * grows to ~60 s when hit again (perf.md A), longer than anyone waits for a chat reply, and a
 * retry inside the window only extends the block. Instead the shared limiter is paused so the
 * whole bot backs off, and the caller gets RateLimitedError at once.
 */
import { Agent, type Dispatcher, ProxyAgent, request } from 'undici';
import type { Logger } from '../logger.ts';
import type { CookieJar } from './cookie-jar.ts';
import { eapiDecryptResponse, eapiEncrypt, weapiEncrypt } from './crypto.ts';
import {
  CaptchaRequiredError,
  CheatingError,
  type IdentityKind,
  NeedsLoginError,
  type NeteaseError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  UnexpectedResponseError,
} from './errors.ts';
import {
  appHeaderObject,
  type DeviceProfile,
  requestHeaders,
  serializeCookies,
  type Transport,
  weapiCookies,
} from './headers.ts';
import { type Clock, systemClock, type TokenBucket } from './rate-limiter.ts';

export const DEFAULT_WEB_BASE = 'https://music.163.com';
export const DEFAULT_INTERFACE_BASE = 'https://interface.music.163.com';

/** Whether eapi calls ask for encrypted answers (`e_r: true`), and gzipped inside (`x-aeapi`). */
export type EncryptedResponses = 'off' | 'plain' | 'gzip';

export interface HttpOptions {
  /** Replaces both music.163.com and interface.music.163.com (a proxy front, or a test fake). */
  baseUrl?: string;
  realIp?: string;
  /** HTTP(S) proxy URL for every NetEase call. */
  proxy?: string;
  timeoutMs: number;
  weapiKeySource: () => string;
  limiter: TokenBucket;
  device: DeviceProfile;
  anonymousToken?: string;
  encryptedResponses?: EncryptedResponses;
  /** Retries after the first attempt, for network errors and 5xx only. */
  retries?: number;
  retryBaseDelayMs?: number;
  /** How long the shared limiter pauses after NetEase says "too often". */
  rateLimitCooldownMs?: number;
  /** Overrides the connection pool (tests, benchmarks); the client then does not close it. */
  dispatcher?: Dispatcher;
  clock?: Clock;
  logger: Logger;
}

export interface CallOptions {
  /** The logical path, `/api/...`; the transport rewrites it. */
  path: string;
  transport: Transport;
  payload?: Record<string, unknown>;
  jar: CookieJar;
  identity: IdentityKind;
  /** NetEase codes that are answers for this call rather than errors (QR states, 8821 fallback). */
  acceptCodes?: readonly number[];
  /** What the call looks up (`album 123`), so a 404 names it instead of the path. */
  subject?: string;
  signal?: AbortSignal;
}

/** A decoded NetEase JSON body; its `code` has already been checked. */
export type RawBody = Record<string, unknown> & { code: number };

const RATE_LIMIT_CODES = new Set([405, 406, -447]);
const CAPTCHA_CODES = new Set([-462, 8821]);

/** Marks failures worth another attempt; never escapes this module. */
class Retryable extends Error {
  constructor(readonly final: NeteaseError) {
    super(final.message);
  }
}

function logicalSuffix(path: string): string {
  if (!path.startsWith('/api/')) throw new TypeError(`NetEase logical paths start with /api/: ${path}`);
  return path.slice('/api/'.length);
}

function messageOf(body: Record<string, unknown>): string | undefined {
  for (const key of ['message', 'msg']) {
    const value = body[key];
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}

function verifyUrlOf(body: Record<string, unknown>): string | undefined {
  const data = body.data as Record<string, unknown> | undefined;
  const candidates = [body.verifyUrl, body.url, data?.verifyUrl, data?.url];
  return candidates.find((value): value is string => typeof value === 'string' && value.length > 0);
}

export class NeteaseHttp {
  private readonly webBase: string;
  private readonly interfaceBase: string;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly clock: Clock;
  private readonly retries: number;
  private readonly retryBaseDelayMs: number;
  private readonly rateLimitCooldownMs: number;
  private readonly encryptedResponses: EncryptedResponses;

  constructor(private readonly options: HttpOptions) {
    const base = options.baseUrl?.replace(/\/+$/, '');
    this.webBase = base ?? DEFAULT_WEB_BASE;
    this.interfaceBase = base ?? DEFAULT_INTERFACE_BASE;
    this.clock = options.clock ?? systemClock;
    this.retries = options.retries ?? 2;
    this.retryBaseDelayMs = options.retryBaseDelayMs ?? 300;
    this.rateLimitCooldownMs = options.rateLimitCooldownMs ?? 5_000;
    this.encryptedResponses = options.encryptedResponses ?? 'off';
    const timeouts = { headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs };
    if (options.dispatcher) {
      this.dispatcher = options.dispatcher;
      this.ownsDispatcher = false;
    } else {
      this.dispatcher = options.proxy
        ? new ProxyAgent({ uri: options.proxy, ...timeouts })
        : new Agent({ keepAliveTimeout: 10_000, ...timeouts });
      this.ownsDispatcher = true;
    }
  }

  async call(options: CallOptions): Promise<RawBody> {
    for (let attempt = 0; ; attempt++) {
      await this.options.limiter.acquire(options.signal);
      try {
        return await this.attempt(options);
      } catch (error) {
        if (!(error instanceof Retryable)) throw error;
        if (attempt >= this.retries) throw error.final;
        const delay = this.retryBaseDelayMs * 2 ** attempt + Math.random() * this.retryBaseDelayMs;
        this.options.logger.warn(
          { path: options.path, attempt: attempt + 1, delayMs: Math.round(delay), err: error.final },
          'NetEase call failed; retrying',
        );
        await this.clock.sleep(delay, options.signal);
      }
    }
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  private async attempt(options: CallOptions): Promise<RawBody> {
    const { path, transport, jar } = options;
    const suffix = logicalSuffix(path);
    const encrypted = transport === 'eapi' && this.encryptedResponses !== 'off';
    let url: string;
    let form: Record<string, string>;
    let cookie: string;

    if (transport === 'weapi') {
      const payload = { ...options.payload, csrf_token: jar.get('__csrf') ?? '' };
      form = { ...weapiEncrypt(JSON.stringify(payload), this.options.weapiKeySource()) };
      url = `${this.webBase}/weapi/${suffix}`;
      cookie = serializeCookies(weapiCookies(this.options.device, jar, path, this.options.anonymousToken));
    } else {
      const header = appHeaderObject(this.options.device, jar, this.options.anonymousToken);
      cookie = serializeCookies(header);
      if (transport === 'eapi') {
        const payload = { ...options.payload, header, e_r: encrypted };
        form = { params: eapiEncrypt(path, JSON.stringify(payload)) };
        url = `${this.interfaceBase}/eapi/${suffix}`;
      } else {
        form = {};
        for (const [key, value] of Object.entries({ ...options.payload, e_r: false })) {
          form[key] = typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
        }
        url = `${this.interfaceBase}/api/${suffix}`;
      }
    }

    const headers = requestHeaders({
      transport,
      cookie,
      realIp: this.options.realIp,
      gzipEncryptedResponse: encrypted && this.encryptedResponses === 'gzip',
    });
    const details = { path };
    const started = performance.now();
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;

    let statusCode: number;
    let bytes: Buffer;
    let setCookie: string[];
    try {
      const response = await request(url, {
        method: 'POST',
        headers,
        body: new URLSearchParams(form).toString(),
        dispatcher: this.dispatcher,
        signal,
      });
      statusCode = response.statusCode;
      bytes = Buffer.from(await response.body.arrayBuffer());
      const raw = response.headers['set-cookie'];
      setCookie = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    } catch (error) {
      // The caller's own cancellation is not a NetEase failure: pass it through untouched.
      if (options.signal?.aborted) throw options.signal.reason;
      const reason = timeout.aborted ? `timed out after ${this.options.timeoutMs} ms` : describe(error);
      throw new Retryable(
        new NetworkError(`NetEase unreachable (${path}): ${reason}`, { ...details, cause: error }),
      );
    }
    this.options.logger.debug(
      { path, transport, status: statusCode, ms: Math.round(performance.now() - started) },
      'NetEase call',
    );

    if (statusCode >= 500) {
      throw new Retryable(
        new NetworkError(`NetEase answered HTTP ${statusCode} (${path})`, {
          ...details,
          httpStatus: statusCode,
        }),
      );
    }

    jar.applySetCookie(setCookie);
    const body = this.decode(bytes, encrypted, statusCode, path);
    if (!body) {
      if (statusCode === 404)
        throw new NotFoundError(options.subject ?? `resource at ${path}`, {
          ...details,
          httpStatus: statusCode,
        });
      if (statusCode === 429) throw this.rateLimited({ ...details, httpStatus: statusCode });
      throw new UnexpectedResponseError(`NetEase answered HTTP ${statusCode} without a JSON body (${path})`, {
        ...details,
        httpStatus: statusCode,
      });
    }
    const code = body.code;
    if (typeof code !== 'number') {
      throw new UnexpectedResponseError(`NetEase answer has no numeric code (${path})`, details);
    }
    if (code === 200 || options.acceptCodes?.includes(code)) return body as RawBody;
    throw this.errorForCode(code, body, options.identity, options.subject, {
      ...details,
      apiCode: code,
      httpStatus: statusCode,
    });
  }

  /** JSON object, or undefined when the body is not a JSON object (an HTML error page, garbage). */
  private decode(
    bytes: Buffer,
    encrypted: boolean,
    statusCode: number,
    path: string,
  ): Record<string, unknown> | undefined {
    let text: string;
    // Errors from NetEase's gateway arrive as plain JSON even when an encrypted answer was asked for.
    const first = bytes.find((byte) => byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09);
    if (encrypted && first !== 0x7b && bytes.length > 0) {
      try {
        text = eapiDecryptResponse(bytes);
      } catch (error) {
        throw new UnexpectedResponseError(`NetEase sent an undecryptable body (${path})`, {
          path,
          httpStatus: statusCode,
          cause: error,
        });
      }
    } else {
      text = bytes.toString('utf8');
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        return parsed as Record<string, unknown>;
    } catch {
      // fall through: the caller words the error with the HTTP status in mind
    }
    return undefined;
  }

  private rateLimited(details: ConstructorParameters<typeof RateLimitedError>[0]): RateLimitedError {
    this.options.limiter.penalize(this.rateLimitCooldownMs);
    return new RateLimitedError(details);
  }

  private errorForCode(
    code: number,
    body: Record<string, unknown>,
    identity: IdentityKind,
    subject: string | undefined,
    details: { path: string; apiCode: number; httpStatus: number },
  ): NeteaseError {
    if (code === 301) return new NeedsLoginError(identity, details);
    if (code === -460) return new CheatingError(details);
    if (RATE_LIMIT_CODES.has(code)) return this.rateLimited(details);
    if (CAPTCHA_CODES.has(code)) return new CaptchaRequiredError(verifyUrlOf(body), details);
    const message = messageOf(body);
    if (code === 404)
      return new NotFoundError(
        subject ?? `resource at ${details.path}${message ? ` (${message})` : ''}`,
        details,
      );
    return new UnexpectedResponseError(
      `NetEase error ${code}${message ? ` "${message}"` : ''} (${details.path})`,
      details,
    );
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${code} ${error.message}` : error.message;
  }
  return String(error);
}
