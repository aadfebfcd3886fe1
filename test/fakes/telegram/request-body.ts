import type { IncomingMessage } from 'node:http';
import { badRequest, entityTooLarge } from './errors.ts';
import { boundaryOf, MultipartError, parseMultipart } from './multipart.ts';

/** A file part of a multipart request, before any method decided what it is. */
export interface Upload {
  /** The part's field name: what `attach://<name>` refers to. */
  partName: string;
  filename: string;
  /** As declared by the client; grammY always declares application/octet-stream. */
  contentType: string;
  bytes: Buffer;
  /** The parameter it ended up filling (e.g. "photo", "thumbnail", "media"), set once resolved. */
  usedAs?: string;
}

export type Transport = 'json' | 'urlencoded' | 'multipart' | 'none';

export interface ParsedBody {
  transport: Transport;
  values: Record<string, unknown>;
  uploads: Upload[];
}

// Room for the non-file fields of a multipart request that carries a file of exactly the maximum size.
const FIELD_SLACK_BYTES = 256 * 1024;

/**
 * Reads the whole body. Past the limit the rest is still read but thrown away: answering 413 while
 * the client is still streaming would make it see a reset connection instead of Telegram's JSON error.
 */
export async function readBody(req: IncomingMessage, maxUploadBytes: number): Promise<Buffer> {
  const limit = maxUploadBytes + FIELD_SLACK_BYTES;
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    total += buf.length;
    if (total <= limit) chunks.push(buf);
  }
  if (total > limit) throw entityTooLarge();
  return Buffer.concat(chunks, total);
}

/** Decodes a body the three ways the Bot API accepts, plus query-string parameters (also accepted). */
export function parseBody(
  contentType: string | undefined,
  body: Buffer,
  query: URLSearchParams,
  maxUploadBytes: number,
): ParsedBody {
  const values: Record<string, unknown> = Object.fromEntries(query);
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (body.length === 0) return { transport: 'none', values, uploads: [] };

  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw badRequest("can't parse JSON encoded request");
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw badRequest('JSON object expected as request body');
    }
    return { transport: 'json', values: { ...values, ...(parsed as Record<string, unknown>) }, uploads: [] };
  }

  if (type === 'application/x-www-form-urlencoded') {
    for (const [key, value] of new URLSearchParams(body.toString('utf8'))) values[key] = value;
    return { transport: 'urlencoded', values, uploads: [] };
  }

  if (type === 'multipart/form-data') {
    const boundary = boundaryOf(contentType ?? '');
    if (!boundary) throw badRequest('multipart/form-data request without boundary');
    let parts: ReturnType<typeof parseMultipart>;
    try {
      parts = parseMultipart(body, boundary);
    } catch (error) {
      if (error instanceof MultipartError)
        throw badRequest(`can't parse multipart/form-data: ${error.message}`);
      throw error;
    }
    const uploads: Upload[] = [];
    for (const part of parts) {
      if (part.filename === undefined) {
        values[part.name] = part.data.toString('utf8');
        continue;
      }
      // Telegram's limit is per file; the body limit above only stops unbounded reads.
      if (part.data.length > maxUploadBytes) throw entityTooLarge();
      uploads.push({
        partName: part.name,
        filename: part.filename,
        contentType: part.contentType ?? 'application/octet-stream',
        bytes: Buffer.from(part.data),
      });
    }
    return { transport: 'multipart', values, uploads };
  }

  throw badRequest(`unsupported Content-Type "${type}"`);
}
