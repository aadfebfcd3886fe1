/**
 * Reading the three transports back into a logical call, and writing answers (plain JSON, or the
 * AES bytes an eapi `e_r: true` request asks for). What the real service cannot read it answers
 * with `{"code":-460,"msg":"Cheating"}`, so that is what every undecodable body gets here.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { eapiDecryptRequest, eapiEncryptResponse, weapiDecrypt } from '../../../src/netease/crypto.ts';
import type { TransportName } from './state.ts';
import { bool } from './util.ts';

export const CHEATING = { code: -460, msg: 'Cheating' } as const;

export interface DecodedRequest {
  transport: TransportName;
  /** Logical `/api/...` path. */
  path: string;
  payload: Record<string, unknown>;
  /** eapi asked for `e_r: true`: the answer must be encrypted. */
  encryptResponse: boolean;
  /** Why the body is unreadable; the caller answers -460. */
  rejected?: string;
}

/** `/weapi/x`, `/eapi/x` and `/api/x` all name the logical path `/api/x`. */
export function transportOf(pathname: string): { transport: TransportName; path: string } | undefined {
  const match = /^\/(weapi|eapi|api)(\/.+)$/.exec(pathname);
  if (!match) return undefined;
  return { transport: match[1] as TransportName, path: `/api${match[2]}` };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * @param weapiKeys encSecKey (lowercase hex) → the session key that produced it. Without the RSA
 * private key this is the only way to read weapi, hence the registered key source.
 */
export function decodeRequest(
  transport: TransportName,
  path: string,
  form: URLSearchParams,
  query: URLSearchParams,
  weapiKeys: ReadonlyMap<string, string>,
): DecodedRequest {
  const base = { transport, path, encryptResponse: false };
  if (transport === 'api') {
    // Plain transport: the form (and, for GETs, the query) is the payload itself, all strings.
    return { ...base, payload: { ...Object.fromEntries(query), ...Object.fromEntries(form) } };
  }
  if (transport === 'weapi') {
    const params = form.get('params');
    const secKey = weapiKeys.get((form.get('encSecKey') ?? '').toLowerCase());
    if (!params || !secKey) return { ...base, payload: {}, rejected: 'unknown weapi encSecKey' };
    let text: string;
    try {
      text = weapiDecrypt(params, secKey);
    } catch {
      return { ...base, payload: {}, rejected: 'weapi params do not decrypt' };
    }
    const payload = parseObject(text);
    if (!payload) return { ...base, payload: {}, rejected: 'weapi plaintext is not a JSON object' };
    return { ...base, payload };
  }
  const params = form.get('params');
  if (!params || !/^[0-9a-fA-F]+$/.test(params))
    return { ...base, payload: {}, rejected: 'eapi params missing' };
  let decoded: ReturnType<typeof eapiDecryptRequest>;
  try {
    decoded = eapiDecryptRequest(params);
  } catch {
    return { ...base, payload: {}, rejected: 'eapi params do not decrypt' };
  }
  const payload = parseObject(decoded.text) ?? {};
  if (!decoded.digestValid) return { ...base, payload, rejected: 'eapi digest mismatch' };
  // The signed url must name the path the request went to: a replayed body on another path is refused.
  if (decoded.url !== path) return { ...base, payload, rejected: `eapi url ${decoded.url} != ${path}` };
  if (!parseObject(decoded.text)) return { ...base, payload, rejected: 'eapi text is not a JSON object' };
  return { ...base, payload, encryptResponse: bool(payload.e_r) };
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      cookies[name] = decodeURIComponent(raw);
    } catch {
      cookies[name] = raw;
    }
  }
  return cookies;
}

/** MUSIC_U from the Cookie header, or from eapi's in-payload `header` object (the app sends both). */
export function musicUOf(
  cookies: Record<string, string>,
  payload: Record<string, unknown>,
): string | undefined {
  if (cookies.MUSIC_U) return cookies.MUSIC_U;
  const header = payload.header;
  if (header && typeof header === 'object') {
    const value = (header as Record<string, unknown>).MUSIC_U;
    if (typeof value === 'string' && value) return value;
  }
  // Some clients send eapi's `header` as a JSON string.
  if (typeof header === 'string') {
    try {
      const parsed = JSON.parse(header) as Record<string, unknown>;
      if (typeof parsed.MUSIC_U === 'string' && parsed.MUSIC_U) return parsed.MUSIC_U;
    } catch {
      // not JSON: no identity there
    }
  }
  return undefined;
}

export interface EncodedAnswer {
  contentType: string;
  data: Buffer;
}

export function encodeAnswer(body: unknown, encrypt: boolean, headers: IncomingHttpHeaders): EncodedAnswer {
  const text = JSON.stringify(body);
  if (!encrypt) return { contentType: 'application/json;charset=UTF-8', data: Buffer.from(text, 'utf8') };
  const gzip = String(headers['x-aeapi'] ?? '').toLowerCase() === 'true';
  return { contentType: 'application/octet-stream', data: eapiEncryptResponse(text, gzip) };
}
