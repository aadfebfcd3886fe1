import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SessionCipher } from '../../src/store/cipher.ts';

const key = randomBytes(32);

describe('SessionCipher', () => {
  it('opens what it sealed, for the same context only', () => {
    const cipher = new SessionCipher(key);
    const sealed = cipher.seal('MUSIC_U=abc; 晴天', 'discord:1');
    expect(sealed).toMatch(/^v1\.[0-9a-f]{8}\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(sealed).not.toContain('MUSIC_U');
    expect(cipher.open(sealed, 'discord:1')).toEqual({ ok: true, plaintext: 'MUSIC_U=abc; 晴天' });
    expect(cipher.open(sealed, 'discord:2')).toEqual({ ok: false, reason: 'tampered' });
    // A second cipher over the same key (a restart) opens it too.
    expect(new SessionCipher(Buffer.from(key)).open(sealed, 'discord:1').ok).toBe(true);
  });

  it('uses a fresh 12-byte IV for every seal', () => {
    const cipher = new SessionCipher(key);
    const ivs = new Set(Array.from({ length: 200 }, () => cipher.seal('same', 'ctx').split('.')[2]));
    expect(ivs.size).toBe(200);
    expect(Buffer.from([...ivs][0]!, 'base64url')).toHaveLength(12);
  });

  it('tells another key, tampering and garbage apart without throwing', () => {
    const cipher = new SessionCipher(key);
    const sealed = cipher.seal('secret', 'ctx');
    expect(new SessionCipher(randomBytes(32)).open(sealed, 'ctx')).toEqual({
      ok: false,
      reason: 'other-key',
    });

    const parts = sealed.split('.');
    const tag = Buffer.from(parts[3]!, 'base64url');
    tag[5]! ^= 0x80;
    const badTag = [parts[0], parts[1], parts[2], tag.toString('base64url'), parts[4]].join('.');
    expect(cipher.open(badTag, 'ctx')).toEqual({ ok: false, reason: 'tampered' });

    for (const junk of [
      '',
      'v1',
      'v2.a.b.c.d',
      'v1.00.AAAA.AAAA.AAAA',
      'plain text cookie',
      42 as unknown as string,
    ]) {
      expect(cipher.open(junk, 'ctx')).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('insists on a 32-byte key', () => {
    expect(() => new SessionCipher(randomBytes(16))).toThrow(RangeError);
  });
});
