import { randomBytes } from 'node:crypto';
import type { ActionArgs, ActionRef } from './reply.ts';

/** Where button state too long for a platform's payload limit is parked. */
export interface ActionStateStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
}

/** Telegram's callback_data allows 64 bytes; Discord's custom_id 100 characters. */
export const ACTION_PAYLOAD_LIMIT = 64;
const PARKED_PREFIX = '~';
const PARKED_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Packs a button's action into a short string. Small ones travel inline
 * (`play|page|{"q":"晴天","p":2}`); larger ones are parked in the store under a random key.
 */
export async function encodeAction(ref: ActionRef, store: ActionStateStore): Promise<string> {
  const inline = `${ref.command}|${ref.name}|${JSON.stringify(ref.args)}`;
  if (Buffer.byteLength(inline, 'utf8') <= ACTION_PAYLOAD_LIMIT && !inline.startsWith(PARKED_PREFIX))
    return inline;
  const key = randomBytes(12).toString('base64url');
  await store.set(`action:${key}`, ref, PARKED_TTL_MS);
  return `${PARKED_PREFIX}${key}`;
}

function isActionRef(value: unknown): value is ActionRef {
  if (!value || typeof value !== 'object') return false;
  const ref = value as Partial<ActionRef>;
  return (
    typeof ref.command === 'string' &&
    typeof ref.name === 'string' &&
    !!ref.args &&
    typeof ref.args === 'object'
  );
}

/** Undefined when the payload is malformed or its parked state has expired. */
export async function decodeAction(payload: string, store: ActionStateStore): Promise<ActionRef | undefined> {
  if (payload.startsWith(PARKED_PREFIX)) {
    const parked = await store.get(`action:${payload.slice(PARKED_PREFIX.length)}`);
    return isActionRef(parked) ? parked : undefined;
  }
  const [command, name, ...json] = payload.split('|');
  if (!command || !name || json.length === 0) return undefined;
  try {
    const args = JSON.parse(json.join('|')) as ActionArgs;
    const ref = { command, name, args };
    return isActionRef(ref) ? ref : undefined;
  } catch {
    return undefined;
  }
}
