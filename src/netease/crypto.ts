/**
 * The NetEase request/response ciphers (netease-protocol.md §1, §5). These are fixed by the
 * service: the keys below are public constants of the official clients, not secrets of ours.
 * Both directions live here so the test fake decrypts with exactly the algorithms the client
 * encrypts with; the known-answer vectors in the tests pin them to the real service.
 */
import { createCipheriv, createDecipheriv, createHash, randomInt } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';

const WEAPI_PRESET_KEY = '0CoJUm6Qyw8W8jud';
const WEAPI_IV = '0102030405060708';
const WEAPI_RSA_EXPONENT = 65537n;
const WEAPI_RSA_MODULUS = BigInt(
  '0xe0b509f6259df8642dbc35662901477df22677ec152b5ff68ace615bb7b725152b3ab17a876aea8a5aa76d2e417629ec4ee341f56135fccf695280104e0312ecbda92557c93870114af6c9d05c4f7f0c3685b7a46bee255932575cce10b424d813cfe4875d3e82047b97ddef52741d546b8e289dc6935b3ece0462db0a22b8e7',
);
const EAPI_KEY = 'e82ckenh8dichen8';
const EAPI_SEPARATOR = '-36cd479b6b5-';
const LINUXAPI_KEY = 'rFgB&h#%2?^eDg:Q';
const ENCRYPTED_ID_KEY = '3go8&$8*3*3h0k(2)2';
const SECKEY_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function aesCbc(plain: Buffer, key: string): Buffer {
  const cipher = createCipheriv('aes-128-cbc', Buffer.from(key, 'utf8'), Buffer.from(WEAPI_IV, 'utf8'));
  return Buffer.concat([cipher.update(plain), cipher.final()]);
}

function aesCbcDecrypt(data: Buffer, key: string): Buffer {
  const decipher = createDecipheriv('aes-128-cbc', Buffer.from(key, 'utf8'), Buffer.from(WEAPI_IV, 'utf8'));
  return Buffer.concat([decipher.update(data), decipher.final()]);
}

function aesEcb(plain: Buffer, key: string): Buffer {
  const cipher = createCipheriv('aes-128-ecb', Buffer.from(key, 'utf8'), null);
  return Buffer.concat([cipher.update(plain), cipher.final()]);
}

function aesEcbDecrypt(data: Buffer, key: string): Buffer {
  const decipher = createDecipheriv('aes-128-ecb', Buffer.from(key, 'utf8'), null);
  return Buffer.concat([decipher.update(data), decipher.final()]);
}

function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/** 16 characters from [a-zA-Z0-9], drawn with a CSPRNG: the per-request weapi session key. */
export function randomSecKey(): string {
  let key = '';
  for (let i = 0; i < 16; i++) key += SECKEY_ALPHABET[randomInt(SECKEY_ALPHABET.length)];
  return key;
}

/** Textbook RSA (no padding) of the reversed session key, as 256 lowercase hex characters. */
export function weapiEncSecKey(secKey: string): string {
  const reversed = Buffer.from([...secKey].reverse().join(''), 'utf8');
  const m = BigInt(`0x${reversed.toString('hex')}`);
  let result = 1n;
  let base = m % WEAPI_RSA_MODULUS;
  let exponent = WEAPI_RSA_EXPONENT;
  while (exponent > 0n) {
    if (exponent & 1n) result = (result * base) % WEAPI_RSA_MODULUS;
    base = (base * base) % WEAPI_RSA_MODULUS;
    exponent >>= 1n;
  }
  return result.toString(16).padStart(256, '0');
}

export interface WeapiForm {
  params: string;
  encSecKey: string;
}

export function weapiEncrypt(text: string, secKey: string): WeapiForm {
  const inner = aesCbc(Buffer.from(text, 'utf8'), WEAPI_PRESET_KEY).toString('base64');
  const params = aesCbc(Buffer.from(inner, 'ascii'), secKey).toString('base64');
  return { params, encSecKey: weapiEncSecKey(secKey) };
}

/** Server side of weapi: needs the session key, which only the sender (or the RSA key holder) knows. */
export function weapiDecrypt(params: string, secKey: string): string {
  const inner = aesCbcDecrypt(Buffer.from(params, 'base64'), secKey).toString('ascii');
  return aesCbcDecrypt(Buffer.from(inner, 'base64'), WEAPI_PRESET_KEY).toString('utf8');
}

export function eapiDigest(url: string, text: string): string {
  return md5Hex(`nobody${url}use${text}md5forencrypt`);
}

/** `url` is the logical path with its `/api/` prefix, even though the request goes to `/eapi/`. */
export function eapiEncrypt(url: string, text: string): string {
  const plain = `${url}${EAPI_SEPARATOR}${text}${EAPI_SEPARATOR}${eapiDigest(url, text)}`;
  return aesEcb(Buffer.from(plain, 'utf8'), EAPI_KEY).toString('hex').toUpperCase();
}

export interface EapiRequest {
  url: string;
  text: string;
  digest: string;
  /** Whether the digest matches url and text; the real service rejects a mismatch. */
  digestValid: boolean;
}

/** Server side of eapi. Throws if the hex or padding is not valid ciphertext. */
export function eapiDecryptRequest(paramsHex: string): EapiRequest {
  const plain = aesEcbDecrypt(Buffer.from(paramsHex, 'hex'), EAPI_KEY).toString('utf8');
  const first = plain.indexOf(EAPI_SEPARATOR);
  const last = plain.lastIndexOf(EAPI_SEPARATOR);
  if (first < 0 || last === first) throw new Error('eapi plaintext has no separators');
  const url = plain.slice(0, first);
  const text = plain.slice(first + EAPI_SEPARATOR.length, last);
  const digest = plain.slice(last + EAPI_SEPARATOR.length);
  return { url, text, digest, digestValid: eapiDigest(url, text) === digest };
}

/** Encrypts a response body the way the service does when a request carries `e_r: true`. */
export function eapiEncryptResponse(json: string, gzip = false): Buffer {
  const body = gzip ? gzipSync(Buffer.from(json, 'utf8')) : Buffer.from(json, 'utf8');
  return aesEcb(body, EAPI_KEY);
}

/** Decrypts an `e_r` response; the plaintext is gzip-compressed when `x-aeapi: true` was sent. */
export function eapiDecryptResponse(data: Buffer): string {
  const plain = aesEcbDecrypt(data, EAPI_KEY);
  const gzipped = plain.length > 2 && plain[0] === 0x1f && plain[1] === 0x8b;
  return (gzipped ? gunzipSync(plain) : plain).toString('utf8');
}

export function linuxapiEncrypt(text: string): string {
  return aesEcb(Buffer.from(text, 'utf8'), LINUXAPI_KEY).toString('hex').toUpperCase();
}

/** The legacy id scheme that still names NetEase images (netease-protocol.md §5). */
export function encryptedId(id: string): string {
  const source = Buffer.from(id, 'utf8');
  const key = Buffer.from(ENCRYPTED_ID_KEY, 'utf8');
  const mixed = source.map((byte, i) => byte ^ key[i % key.length]!);
  return createHash('md5').update(mixed).digest('base64').replace(/\//g, '_').replace(/\+/g, '-');
}
