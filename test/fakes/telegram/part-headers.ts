/** The headers of one multipart/form-data part that the Bot API cares about. */
export interface PartHeaders {
  name?: string;
  filename?: string;
  contentType?: string;
}

/**
 * Parses a part's header block (already decoded as UTF-8: grammY writes file names raw, so a Chinese
 * song title arrives as UTF-8 bytes, not RFC 2047 words).
 */
export function parsePartHeaders(block: string): PartHeaders {
  const headers: PartHeaders = {};
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    // grammY writes "content-disposition:form-data;..." with no space and in lower case; browsers and
    // curl write "Content-Disposition: form-data; ...". Both are valid.
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'content-type') headers.contentType = value;
    if (key === 'content-disposition') {
      const params = parseDispositionParams(value);
      const name = params.get('name');
      if (name !== undefined) headers.name = name;
      const filename = decodeExtendedValue(params.get('filename*')) ?? params.get('filename');
      if (filename !== undefined) headers.filename = filename;
    }
  }
  return headers;
}

/**
 * Reads the `key=value` parameters after `form-data`. A value is a quoted string, or a bare value.
 * grammY sends `filename=<name>` UNQUOTED and unescaped, so a bare value may hold spaces and even ';'.
 * It therefore runs to the next ';' that begins another `key=` pair, or to the end of the header,
 * rather than stopping at the first ';' or space as a token would.
 */
export function parseDispositionParams(value: string): Map<string, string> {
  const params = new Map<string, string>();
  let i = value.indexOf(';');
  if (i < 0) return params;
  while (i < value.length) {
    while (i < value.length && (value[i] === ';' || value[i] === ' ' || value[i] === '\t')) i++;
    const keyStart = i;
    while (i < value.length && value[i] !== '=' && value[i] !== ';') i++;
    const key = value.slice(keyStart, i).trim().toLowerCase();
    if (value[i] !== '=') {
      if (key) params.set(key, '');
      continue;
    }
    i++;
    while (value[i] === ' ' || value[i] === '\t') i++;
    let parsed: string;
    if (value[i] === '"') {
      ({ text: parsed, next: i } = readQuoted(value, i + 1));
    } else {
      const end = nextParamStart(value, i);
      parsed = value.slice(i, end).trim();
      i = end;
    }
    if (key && !params.has(key)) params.set(key, parsed);
  }
  return params;
}

function readQuoted(value: string, start: number): { text: string; next: number } {
  let text = '';
  let i = start;
  while (i < value.length && value[i] !== '"') {
    // RFC 2616 quoted-pair; RFC 7578 clients percent-encode instead, which passes through untouched.
    if (value[i] === '\\' && i + 1 < value.length) i++;
    text += value[i];
    i++;
  }
  return { text, next: i + 1 };
}

function nextParamStart(value: string, from: number): number {
  const pattern = /;\s*[A-Za-z0-9_*-]+\s*=/g;
  pattern.lastIndex = from;
  const match = pattern.exec(value);
  return match ? match.index : value.length;
}

/** RFC 5987 `filename*=UTF-8''%E6%99%B4.mp3`. */
function decodeExtendedValue(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const match = /^([^']*)'[^']*'(.*)$/.exec(value);
  if (!match) return undefined;
  const charset = (match[1] ?? '').toLowerCase();
  const bytes = percentDecode(match[2] ?? '');
  // RFC 5987 allows only UTF-8 and ISO-8859-1.
  return bytes.toString(charset === 'iso-8859-1' ? 'latin1' : 'utf8');
}

function percentDecode(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '%' && /^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes);
}
