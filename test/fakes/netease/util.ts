/**
 * Reading request payloads. The same field arrives as a JSON number (weapi/eapi) or a form string
 * (plain api: `limit=30`, `ids=[186016]`), so every handler reads through these instead of
 * trusting one representation.
 */

export function num(value: unknown, fallback: number): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return fallback;
}

export function str(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return fallback;
}

export function bool(value: unknown): boolean {
  return value === true || value === 'true' || value === 1 || value === '1';
}

/** Song ids as clients send them: `"[1,2]"`, `'["1","2"]'`, `[1,2]`, `"1,2"` or a single id. */
export function idList(value: unknown): number[] {
  let list: unknown = value;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('[')) {
      try {
        list = JSON.parse(text);
      } catch {
        return [];
      }
    } else {
      list = text.split(',');
    }
  }
  if (!Array.isArray(list)) list = [list];
  return (list as unknown[])
    .map((item) => num(item, Number.NaN))
    .filter((id) => Number.isInteger(id) && id > 0);
}

/** A JSON-in-a-string field such as song detail's `c`; undefined when it is not valid JSON. */
export function jsonField(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** NetEase's cookies are host-wide; the Domain attribute is kept so clients must cope with it. */
export function setCookieLine(name: string, value: string, maxAgeSeconds: number, httpOnly = true): string {
  const expires = new Date(Date.now() + maxAgeSeconds * 1000).toUTCString();
  const parts = [
    `${name}=${value}`,
    `Max-Age=${maxAgeSeconds}`,
    `Expires=${expires}`,
    'Path=/',
    'Domain=.music.163.com',
  ];
  if (httpOnly) parts.push('HTTPOnly');
  return parts.join('; ');
}

/** A deletion as the service sends it on logout: empty value, expiry in the past. */
export function clearCookieLine(name: string): string {
  return `${name}=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; Domain=.music.163.com`;
}

/** Case- and width-insensitive text for search matching (full-width Ｊａｙ matches jay). */
export function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}
