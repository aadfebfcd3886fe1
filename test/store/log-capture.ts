import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger.ts';

export interface LogCapture {
  logger: Logger;
  /** Every line logged so far, parsed. */
  records(): Promise<Array<Record<string, unknown>>>;
  /** Everything logged so far, raw, for "this secret never appears" checks. */
  text(): Promise<string>;
}

/** The project's real logger (with its redaction) writing JSON lines into memory. */
export function captureLogs(): LogCapture {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ level: 'debug', pretty: false, destination: sink });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return {
    logger,
    async records() {
      await settle();
      return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    async text() {
      await settle();
      return lines.join('\n');
    },
  };
}
