// Telegram decodes every photo it receives (to make the thumbnail sizes it returns) and rejects bytes
// it cannot decode; reading the header is enough for the fake to do both.

export interface ImageInfo {
  type: 'png' | 'jpeg' | 'gif' | 'webp';
  width: number;
  height: number;
}

const u16be = (b: Uint8Array, at: number): number => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u16le = (b: Uint8Array, at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, at: number): number => u16le(b, at) | ((b[at + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, at: number): number => u16be(b, at) * 0x10000 + u16be(b, at + 2);
const tag = (b: Uint8Array, at: number): string => String.fromCharCode(...b.subarray(at, at + 4));

export function imageSize(bytes: Uint8Array): ImageInfo | undefined {
  const info = pngSize(bytes) ?? jpegSize(bytes) ?? gifSize(bytes) ?? webpSize(bytes);
  return info && info.width > 0 && info.height > 0 ? info : undefined;
}

function pngSize(b: Uint8Array): ImageInfo | undefined {
  if (b.length < 24 || u32be(b, 0) !== 0x89504e47 || tag(b, 12) !== 'IHDR') return undefined;
  return { type: 'png', width: u32be(b, 16), height: u32be(b, 20) };
}

// Start-of-frame markers carry the dimensions; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpegSize(b: Uint8Array): ImageInfo | undefined {
  if (b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1] ?? 0;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2; // markers without a length field
      continue;
    }
    if (SOF_MARKERS.has(marker)) {
      if (i + 9 > b.length) return undefined;
      return { type: 'jpeg', height: u16be(b, i + 5), width: u16be(b, i + 7) };
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // end of image / scan data before any frame
    i += 2 + u16be(b, i + 2);
  }
  return undefined;
}

function gifSize(b: Uint8Array): ImageInfo | undefined {
  if (b.length < 10 || tag(b, 0) !== 'GIF8') return undefined;
  return { type: 'gif', width: u16le(b, 6), height: u16le(b, 8) };
}

function webpSize(b: Uint8Array): ImageInfo | undefined {
  if (b.length < 30 || tag(b, 0) !== 'RIFF' || tag(b, 8) !== 'WEBP') return undefined;
  const chunk = tag(b, 12);
  if (chunk === 'VP8 ') return { type: 'webp', width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (chunk === 'VP8L') {
    const b1 = b[22] ?? 0;
    const b2 = b[23] ?? 0;
    const b3 = b[24] ?? 0;
    return {
      type: 'webp',
      width: 1 + (((b1 & 0x3f) << 8) | (b[21] ?? 0)),
      height: 1 + (((b3 & 0x0f) << 10) | (b2 << 2) | ((b1 & 0xc0) >> 6)),
    };
  }
  if (chunk === 'VP8X') return { type: 'webp', width: 1 + u24le(b, 24), height: 1 + u24le(b, 27) };
  return undefined;
}
