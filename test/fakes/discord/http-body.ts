// Request body decoding for the REST fake: JSON, or multipart/form-data with a `payload_json`
// part and `files[n]` parts (how discord.js sends attachments). Multipart is parsed with the
// WHATWG Response.formData() built into Node, so no parser dependency is needed.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Json, RecordedFile } from './types.ts';
import { RestError } from './validate.ts';

export interface DecodedBody {
  body: Json;
  files: RecordedFile[];
}

export async function readBody(req: IncomingMessage): Promise<DecodedBody> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (raw.length === 0) return { body: null, files: [] };
  if (type.startsWith('multipart/form-data')) return decodeMultipart(raw, type);
  if (type.startsWith('application/json')) {
    try {
      return { body: JSON.parse(raw.toString('utf8')), files: [] };
    } catch {
      throw new RestError(400, 50109, 'The request body contains invalid JSON.');
    }
  }
  return { body: raw.toString('utf8'), files: [] };
}

async function decodeMultipart(raw: Buffer, contentType: string): Promise<DecodedBody> {
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  let body: Json = null;
  const files: RecordedFile[] = [];
  for (const [field, value] of form) {
    if (typeof value === 'string') {
      if (field === 'payload_json') body = JSON.parse(value);
      continue;
    }
    files.push({
      field,
      name: value.name,
      contentType: value.type || 'application/octet-stream',
      bytes: Buffer.from(await value.arrayBuffer()),
    });
  }
  return { body, files };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: Json,
  headers: Record<string, string> = {},
): void {
  if (status === 204 || body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  const text = JSON.stringify(body);
  // discord.js parses a body as JSON only when the content type says so.
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
