import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type OpenResult =
  | { ok: true; plaintext: string }
  /**
   * `other-key`: sealed under a different key (SESSION_SECRET or session.key changed);
   * `tampered`: right key but the bytes or their context do not authenticate;
   * `malformed`: not something `seal` produced.
   */
  | { ok: false; reason: 'other-key' | 'tampered' | 'malformed' };

/**
 * AES-256-GCM for session records. Sealed text looks like `v1.<keyId>.<iv>.<tag>.<ciphertext>`
 * (base64url parts): a fresh random 12-byte IV per seal, the 16-byte tag authenticating both the
 * ciphertext and a caller-given context (the user key), so a record copied under another user's
 * key does not open. The key id (a 4-byte HKDF output, useless to an attacker) lets a failure be
 * explained as "the secret changed" rather than "corrupted".
 */
export class SessionCipher {
  readonly #key: Buffer;
  readonly #keyId: string;

  /** `masterKey`: 32 bytes from SESSION_SECRET or the generated key file. */
  constructor(masterKey: Uint8Array) {
    if (masterKey.length !== 32) throw new RangeError('session master key must be 32 bytes');
    // Separate subkeys per purpose, so the key id reveals nothing about the encryption key.
    this.#key = Buffer.from(
      hkdfSync('sha256', masterKey, new Uint8Array(0), 'nmb/session/aes-256-gcm/v1', 32),
    );
    this.#keyId = Buffer.from(
      hkdfSync('sha256', masterKey, new Uint8Array(0), 'nmb/session/key-id/v1', 4),
    ).toString('hex');
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, this.#keyId, b64(iv), b64(tag), b64(body)].join('.');
  }

  /** Never throws: whatever is stored, the caller gets a result it can log without secrets. */
  open(sealed: string, context: string): OpenResult {
    const parts = typeof sealed === 'string' ? sealed.split('.') : [];
    if (parts.length !== 5 || parts[0] !== VERSION) return { ok: false, reason: 'malformed' };
    const [, keyId, ivText, tagText, bodyText] = parts as [string, string, string, string, string];
    const iv = Buffer.from(ivText, 'base64url');
    const tag = Buffer.from(tagText, 'base64url');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return { ok: false, reason: 'malformed' };
    if (keyId !== this.#keyId) return { ok: false, reason: 'other-key' };
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad(context));
      decipher.setAuthTag(tag);
      const plain = Buffer.concat([decipher.update(Buffer.from(bodyText, 'base64url')), decipher.final()]);
      return { ok: true, plaintext: plain.toString('utf8') };
    } catch {
      return { ok: false, reason: 'tampered' };
    }
  }
}

function aad(context: string): Buffer {
  return Buffer.from(`nmb/session/v1\u0000${context}`, 'utf8');
}

function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}
