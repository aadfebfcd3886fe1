import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, scrubSecrets } from '../src/logger.ts';

function capture() {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().trim().split('\n')));
  const logger = createLogger({ level: 'info', pretty: false, destination: stream });
  return { logger, text: () => lines.join('\n') };
}

describe('logger redaction', () => {
  it('blanks cookie and token fields at any depth', async () => {
    const { logger, text } = capture();
    logger.info({ cookie: 'MUSIC_U=secret1', session: { cookie: 'MUSIC_U=secret2', token: 'tok' } }, 'saved');
    logger.info({ request: { headers: { cookie: 'MUSIC_U=secret3', authorization: 'Bot x.y.z' } } }, 'sent');
    await new Promise((resolve) => setImmediate(resolve));
    expect(text()).not.toMatch(/secret\d|tok"|Bot x/);
    expect(text()).toContain('[redacted]');
  });

  it('masks secrets inside messages and error texts', async () => {
    const { logger, text } = capture();
    logger.warn('login ok for MUSIC_U=abcdef123; __csrf=zz9');
    logger.error({ err: new Error('request failed with cookie MUSIC_U=leaky') }, 'failed');
    await new Promise((resolve) => setImmediate(resolve));
    expect(text()).not.toMatch(/abcdef123|zz9|leaky/);
  });

  it('scrubs Telegram and Discord tokens in free text', () => {
    expect(scrubSecrets('GET /bot123456:AAEabcdefghijklmnopqrstuvwxyz012/getMe')).not.toContain('AAEabc');
    expect(scrubSecrets('token MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456')).toContain(
      '[redacted-token]',
    );
  });
});
