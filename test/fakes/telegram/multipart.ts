import { parsePartHeaders } from './part-headers.ts';

// Written by hand: undici (the only form-data parser installed) rejects grammY's unquoted `filename=`.

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export class MultipartError extends Error {}

/** The boundary parameter of a `multipart/form-data; boundary=...` content type, quoted or not. */
export function boundaryOf(contentType: string): string | undefined {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : undefined;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * Splits a complete multipart body into parts (RFC 2046 / RFC 7578). The whole body is in memory,
 * which is fine at test sizes and keeps the parser a plain loop over indexOf.
 */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const opening = Buffer.from(`--${boundary}`);
  // Every boundary after the first is preceded by CRLF, which belongs to the boundary, not to the data:
  // file bytes that end in \r\n must survive intact.
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const first = body.indexOf(opening);
  if (first < 0) throw new MultipartError('missing opening boundary');
  const parts: MultipartPart[] = [];
  let pos = first + opening.length;
  for (;;) {
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts; // "--": closing boundary
    // Transport padding (spaces/tabs) may follow a boundary before its CRLF.
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
    if (!body.subarray(pos, pos + 2).equals(CRLF)) throw new MultipartError('malformed boundary line');
    // Searching from the boundary's own CRLF also finds an empty header block ("\r\n\r\n" right here).
    const headerEnd = body.indexOf(HEADER_END, pos);
    if (headerEnd < 0) throw new MultipartError('unterminated part headers');
    const headerBlock = headerEnd > pos ? body.subarray(pos + 2, headerEnd).toString('utf8') : '';
    const dataStart = headerEnd + HEADER_END.length;
    const next = body.indexOf(delimiter, dataStart);
    if (next < 0) throw new MultipartError('missing closing boundary');
    const headers = parsePartHeaders(headerBlock);
    if (headers.name === undefined) throw new MultipartError('part without a name');
    parts.push({
      name: headers.name,
      ...(headers.filename !== undefined ? { filename: headers.filename } : {}),
      ...(headers.contentType !== undefined ? { contentType: headers.contentType } : {}),
      data: body.subarray(dataStart, next),
    });
    pos = next + delimiter.length;
  }
}
