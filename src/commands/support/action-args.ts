/**
 * Reading a button's arguments back. They travel through chat platforms (or sit parked in a
 * store) before they return, and a modified client can send anything, so they are checked like
 * user input; a malformed payload reads as an expired button rather than a crash.
 */
import { UserError } from '../errors.ts';
import { MAX_TEXT_LENGTH } from '../options.ts';
import type { ActionArgs } from '../reply.ts';

function malformed(): UserError {
  return new UserError('error.expired_button');
}

export function stringArg(args: ActionArgs, name: string, maxLength = MAX_TEXT_LENGTH): string {
  const value = args[name];
  if (typeof value !== 'string' || value.trim() === '' || [...value].length > maxLength) throw malformed();
  return value;
}

/** A NetEase id: a positive safe integer (ids exceed 2^31, never 2^53). */
export function idArg(args: ActionArgs, name: string): number {
  const value = args[name];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) throw malformed();
  return value;
}

/** A page number; adapters set it, so a missing one means the first page and an odd one is clamped. */
export function pageArg(args: ActionArgs, max: number): number {
  const value = args.page;
  if (value === undefined) return 1;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw malformed();
  return Math.min(Math.max(1, value), max);
}

/** One of a fixed set of values, or `fallback` when absent. */
export function choiceArg<const T extends string>(
  args: ActionArgs,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = args[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw malformed();
  return value as T;
}
