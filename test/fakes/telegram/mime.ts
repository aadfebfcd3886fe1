// grammY declares every upload as application/octet-stream, so the type has to come from the bytes or
// the file name, which is also what Telegram does.

const BY_EXTENSION: Record<string, string> = {
  aac: 'audio/aac',
  flac: 'audio/flac',
  gif: 'image/gif',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  json: 'application/json',
  lrc: 'text/plain',
  m4a: 'audio/mp4',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  pdf: 'application/pdf',
  png: 'image/png',
  txt: 'text/plain',
  wav: 'audio/x-wav',
  webp: 'image/webp',
  zip: 'application/zip',
};

export function mimeFromFileName(name: string | undefined): string | undefined {
  const ext = name?.split('.').pop()?.toLowerCase();
  return ext && name?.includes('.') ? BY_EXTENSION[ext] : undefined;
}

const startsWith = (bytes: Uint8Array, signature: number[], at = 0): boolean =>
  signature.every((b, i) => bytes[at + i] === b);
const ascii = (bytes: Uint8Array, at: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(at, at + length));

/** Recognises the formats a music bot sends: images, audio containers, documents. */
export function sniffMime(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(bytes, 0, 4) === 'GIF8') return 'image/gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WAVE') return 'audio/x-wav';
  if (ascii(bytes, 0, 4) === 'fLaC') return 'audio/flac';
  if (ascii(bytes, 0, 4) === 'OggS') return 'audio/ogg';
  if (ascii(bytes, 0, 3) === 'ID3') return 'audio/mpeg';
  // An MPEG audio frame header: 11 sync bits, then a layer other than "reserved".
  if (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0 && ((bytes[1] ?? 0) & 0x06) !== 0)
    return 'audio/mpeg';
  if (ascii(bytes, 4, 4) === 'ftyp') return ascii(bytes, 8, 3) === 'M4A' ? 'audio/mp4' : 'video/mp4';
  if (ascii(bytes, 0, 5) === '%PDF-') return 'application/pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'application/zip';
  return undefined;
}

/**
 * The MIME type Telegram would report: a specific declared type wins, then the file name's
 * extension (Telegram trusts it for documents), then the content.
 */
export function detectMime(bytes: Uint8Array, fileName: string | undefined, declared?: string): string {
  const declaredType = declared?.split(';')[0]?.trim().toLowerCase();
  if (declaredType && declaredType !== 'application/octet-stream') return declaredType;
  return mimeFromFileName(fileName) ?? sniffMime(bytes) ?? 'application/octet-stream';
}
