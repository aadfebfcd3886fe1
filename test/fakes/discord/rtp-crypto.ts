// Decrypting the bot's RTP packets in Discord's two "rtpsize" AEAD modes.
//
// Packet layout: RTP header (12 bytes + 4 per CSRC) [+ 4-byte extension header if X is set]
// | ciphertext | 16-byte tag | 4-byte big-endian nonce counter. The unencrypted header (including
// the extension header, but not the extension body) is the AAD; the extension body is encrypted
// and sits at the front of the plaintext.
import { createDecipheriv } from 'node:crypto';
import type { VoiceEncryptionMode } from './types.ts';

export interface RtpPacket {
  sequence: number;
  timestamp: number;
  ssrc: number;
  payloadType: number;
  /** Decrypted payload with any header-extension body removed: the Opus frame. */
  payload: Buffer;
}

const TAG_BYTES = 16;
const NONCE_BYTES = 4;

export function parseAndDecrypt(packet: Buffer, mode: VoiceEncryptionMode, key: Buffer): RtpPacket {
  const csrcCount = packet[0]! & 0x0f;
  const hasExtension = (packet[0]! & 0x10) !== 0;
  const headerBytes = 12 + 4 * csrcCount;
  const aadBytes = headerBytes + (hasExtension ? 4 : 0);
  if (packet.length < aadBytes + TAG_BYTES + NONCE_BYTES) throw new Error('RTP packet too short');
  const aad = packet.subarray(0, aadBytes);
  const nonce = packet.subarray(packet.length - NONCE_BYTES);
  const tag = packet.subarray(packet.length - NONCE_BYTES - TAG_BYTES, packet.length - NONCE_BYTES);
  const ciphertext = packet.subarray(aadBytes, packet.length - NONCE_BYTES - TAG_BYTES);
  let plaintext =
    mode === 'aead_aes256_gcm_rtpsize'
      ? aesGcm(key, nonce, aad, ciphertext, tag)
      : xchacha(key, nonce, aad, ciphertext, tag);
  if (hasExtension) {
    const extensionWords = packet.readUInt16BE(headerBytes + 2);
    plaintext = plaintext.subarray(extensionWords * 4);
  }
  return {
    sequence: packet.readUInt16BE(2),
    timestamp: packet.readUInt32BE(4),
    ssrc: packet.readUInt32BE(8),
    payloadType: packet[1]! & 0x7f,
    payload: plaintext,
  };
}

function aesGcm(key: Buffer, nonce: Buffer, aad: Buffer, ciphertext: Buffer, tag: Buffer): Buffer {
  // 12-byte IV: the 4-byte counter followed by zeros.
  const iv = Buffer.concat([nonce, Buffer.alloc(8)]);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

/**
 * XChaCha20-Poly1305 (IETF) from Node's ChaCha20-Poly1305: derive a subkey with HChaCha20 from
 * the first 16 nonce bytes, then use the last 8 bytes (after 4 zero bytes) as the 12-byte nonce.
 * Discord's 24-byte nonce is the 4-byte counter followed by zeros.
 */
function xchacha(key: Buffer, nonce: Buffer, aad: Buffer, ciphertext: Buffer, tag: Buffer): Buffer {
  const nonce24 = Buffer.concat([nonce, Buffer.alloc(20)]);
  const subkey = hchacha20(key, nonce24.subarray(0, 16));
  const iv = Buffer.concat([Buffer.alloc(4), nonce24.subarray(16, 24)]);
  const decipher = createDecipheriv('chacha20-poly1305', subkey, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad, { plaintextLength: ciphertext.length });
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

/** HChaCha20 (draft-irtf-cfrg-xchacha §2.2): 20 ChaCha rounds, no final addition, words 0-3 and 12-15. */
export function hchacha20(key: Buffer, nonce16: Buffer): Buffer {
  const s = new Uint32Array(16);
  s[0] = 0x61707865;
  s[1] = 0x3320646e;
  s[2] = 0x79622d32;
  s[3] = 0x6b206574;
  for (let i = 0; i < 8; i++) s[4 + i] = key.readUInt32LE(i * 4);
  for (let i = 0; i < 4; i++) s[12 + i] = nonce16.readUInt32LE(i * 4);
  const rotl = (v: number, n: number) => (v << n) | (v >>> (32 - n));
  const quarter = (a: number, b: number, c: number, d: number) => {
    s[a] = s[a]! + s[b]!;
    s[d] = rotl(s[d]! ^ s[a]!, 16);
    s[c] = s[c]! + s[d]!;
    s[b] = rotl(s[b]! ^ s[c]!, 12);
    s[a] = s[a]! + s[b]!;
    s[d] = rotl(s[d]! ^ s[a]!, 8);
    s[c] = s[c]! + s[d]!;
    s[b] = rotl(s[b]! ^ s[c]!, 7);
  };
  for (let round = 0; round < 10; round++) {
    quarter(0, 4, 8, 12);
    quarter(1, 5, 9, 13);
    quarter(2, 6, 10, 14);
    quarter(3, 7, 11, 15);
    quarter(0, 5, 10, 15);
    quarter(1, 6, 11, 12);
    quarter(2, 7, 8, 13);
    quarter(3, 4, 9, 14);
  }
  const out = Buffer.alloc(32);
  [0, 1, 2, 3, 12, 13, 14, 15].forEach((word, i) => {
    out.writeUInt32LE(s[word]!, i * 4);
  });
  return out;
}
