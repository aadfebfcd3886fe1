/**
 * One identity's NetEase cookies (anonymous, the operator's, or one user's login). NetEase's
 * cookies are all host-wide (`Domain=.music.163.com; Path=/`), and with a configurable base URL
 * the domain would not even match, so the jar keeps only name=value pairs and drops every
 * attribute, like the reference client does. Expiry is honoured only for deletion (Max-Age<=0 or
 * an Expires in the past), which is how the service logs a cookie out.
 */

export type CookieChangeListener = (cookie: string) => void;

const ATTRIBUTE_NAMES = new Set(['domain', 'path', 'expires', 'max-age', 'httponly', 'secure', 'samesite']);

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Parses a `Cookie` header style string (`a=1; b=2`); tolerant of stray spaces and empty parts. */
export function parseCookieString(cookie: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const part of cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || ATTRIBUTE_NAMES.has(name.toLowerCase())) continue;
    result.set(name, safeDecode(part.slice(eq + 1).trim()));
  }
  return result;
}

interface SetCookie {
  name: string;
  value: string;
  /** The server asked to remove the cookie. */
  deleted: boolean;
}

export function parseSetCookie(line: string, now = Date.now()): SetCookie | undefined {
  const [pair = '', ...attributes] = line.split(';');
  const eq = pair.indexOf('=');
  if (eq <= 0) return undefined;
  const name = pair.slice(0, eq).trim();
  const value = safeDecode(pair.slice(eq + 1).trim());
  let deleted = false;
  for (const attribute of attributes) {
    const aeq = attribute.indexOf('=');
    const key = (aeq < 0 ? attribute : attribute.slice(0, aeq)).trim().toLowerCase();
    const raw = aeq < 0 ? '' : attribute.slice(aeq + 1).trim();
    if (key === 'max-age' && Number(raw) <= 0) deleted = true;
    if (key === 'expires') {
      const at = Date.parse(raw);
      if (Number.isFinite(at) && at <= now) deleted = true;
    }
  }
  return { name, value, deleted };
}

export class CookieJar {
  private readonly cookies: Map<string, string>;

  constructor(
    initial = '',
    /** Told the whole new cookie string after every change, e.g. to persist a refreshed login. */
    public onChange?: CookieChangeListener,
  ) {
    this.cookies = parseCookieString(initial);
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  entries(): [string, string][] {
    return [...this.cookies];
  }

  /** Applies a response's Set-Cookie lines; tells the listener once if anything changed. */
  applySetCookie(lines: readonly string[], now = Date.now()): boolean {
    let changed = false;
    for (const line of lines) {
      const parsed = parseSetCookie(line, now);
      if (!parsed) continue;
      if (parsed.deleted) {
        changed = this.cookies.delete(parsed.name) || changed;
      } else if (this.cookies.get(parsed.name) !== parsed.value) {
        this.cookies.set(parsed.name, parsed.value);
        changed = true;
      }
    }
    if (changed) this.onChange?.(this.toString());
    return changed;
  }

  clear(): void {
    if (this.cookies.size === 0) return;
    this.cookies.clear();
    this.onChange?.('');
  }

  /** The jar as a cookie string, suitable for storing and for handing back to `CookieJar`. */
  toString(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('; ');
  }
}
