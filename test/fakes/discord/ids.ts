import { randomBytes } from 'node:crypto';

// Discord ids are snowflakes: ms since the Discord epoch shifted left 22 bits, plus a counter.
// Real-looking ids matter because discord.js derives `createdTimestamp` from them.
const DISCORD_EPOCH = 1_420_070_400_000n;
let counter = 0n;

export function snowflake(at = Date.now()): string {
  counter = (counter + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | counter).toString();
}

/** Opaque random token, URL-safe like Discord's interaction and voice tokens. */
export function randomToken(prefix: string): string {
  return `${prefix}${randomBytes(24).toString('base64url')}`;
}

/** A non-zero 32-bit SSRC. */
export function randomSsrc(): number {
  return (randomBytes(4).readUInt32BE(0) % 0xfffffffe) + 1;
}
