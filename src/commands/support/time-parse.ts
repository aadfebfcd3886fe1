/**
 * Times people type for `seek`: `1:23`, `1:02:03`, `83` (seconds), `1m23s`, and relative
 * `+10` / `-10` (seconds, or any of the other forms after the sign).
 */

export type SeekTarget = { kind: 'absolute'; ms: number } | { kind: 'relative'; ms: number };

/** `h:mm:ss` or `m:ss`: the later parts must be below 60, or `1:75` would silently mean 2:15. */
function parseClock(text: string): number | undefined {
  if (!/^\d{1,3}(:\d{1,2}){1,2}$/.test(text)) return undefined;
  const parts = text.split(':').map(Number);
  if (parts.slice(1).some((part) => part >= 60)) return undefined;
  return parts.reduce((total, part) => total * 60 + part, 0);
}

/** `1h2m3s`, `90s`, `2m`, each unit at most once and in that order. */
function parseUnits(text: string): number | undefined {
  const match = /^(?:(\d{1,3})h)?(?:(\d{1,4})m)?(?:(\d{1,5}(?:\.\d+)?)s)?$/.exec(text);
  if (!match || text === '') return undefined;
  const [, hours, minutes, seconds] = match;
  return Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0);
}

function parseSeconds(text: string): number | undefined {
  if (/^\d{1,6}(\.\d+)?$/.test(text)) return Number(text);
  return parseClock(text) ?? parseUnits(text);
}

/** What the user meant, or undefined when it is not a time at all. */
export function parseSeekTarget(input: string): SeekTarget | undefined {
  const text = input.trim().toLowerCase().replace(/\s+/g, '');
  const sign = text[0] === '+' || text[0] === '-' ? text[0] : '';
  const seconds = parseSeconds(sign ? text.slice(1) : text);
  if (seconds === undefined || !Number.isFinite(seconds)) return undefined;
  const ms = Math.round(seconds * 1000);
  if (!sign) return { kind: 'absolute', ms };
  return { kind: 'relative', ms: sign === '-' ? -ms : ms };
}
