import { randomBytes } from 'node:crypto';

/**
 * Identifiers shaped like Telegram's. Lengths matter more than looks: real file_ids are ~70-90
 * characters, so a bot that tries to squeeze one into 64-byte callback_data fails here as it would
 * in production.
 */
export class IdSource {
  private querySeq = BigInt(Date.now()) * 1000n;

  // The first characters of real file_ids encode the file type; mimicking that makes logs readable.
  fileId(kind: string): string {
    const prefix = { photo: 'AgAC', audio: 'CQAC', document: 'BQAC', thumbnail: 'AAMC' }[kind] ?? 'BAAC';
    return `${prefix}AgUAAxkBAAI${randomBytes(42).toString('base64url')}`;
  }

  fileUniqueId(): string {
    return `AQAD${randomBytes(12).toString('base64url')}`;
  }

  /** Callback and inline query ids are decimal strings of ~19 digits. */
  queryId(): string {
    this.querySeq += 1n + BigInt(randomBytes(1)[0] ?? 0);
    return this.querySeq.toString();
  }

  inlineMessageId(): string {
    return `AgAAA${randomBytes(21).toString('base64url')}`;
  }

  /** chat_instance is an opaque, stable per-chat string (a signed 64-bit number in practice). */
  chatInstance(): string {
    return (-BigInt(`0x${randomBytes(7).toString('hex')}`)).toString();
  }
}
