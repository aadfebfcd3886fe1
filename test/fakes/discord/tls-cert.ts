// The voice WebSocket must be TLS: @discordjs/voice hard-codes `wss://${endpoint}` and opens it
// with Node's default trust store. The fake serves a committed self-signed certificate
// (SAN IP:127.0.0.1, DNS:localhost, valid until 2036; regenerate with the command in README.md),
// and the process that runs the bot has to trust it in one of the ways below.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as tlsTypes from 'node:tls';
import { fileURLToPath } from 'node:url';

export const FAKE_CERT_PATH = fileURLToPath(new URL('./fixtures/voice-cert.pem', import.meta.url));
export const FAKE_KEY_PATH = fileURLToPath(new URL('./fixtures/voice-key.pem', import.meta.url));

export function loadFakeCert(): { cert: Buffer; key: Buffer } {
  return { cert: readFileSync(FAKE_CERT_PATH), key: readFileSync(FAKE_KEY_PATH) };
}

/** Env for a child process running the bot: Node reads NODE_EXTRA_CA_CERTS only at start-up. */
export function fakeCertEnv(): Record<string, string> {
  return { NODE_EXTRA_CA_CERTS: FAKE_CERT_PATH };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * For a bot running in the test's own process: makes `tls.connect` to loopback hosts also trust
 * the fake's certificate (public roots stay trusted). `ws` calls `tls.connect` through the shared
 * CommonJS module object, so patching that object reaches it. Returns an undo function.
 */
export function trustFakeCertInProcess(): () => void {
  // The CommonJS export object is writable; an ESM namespace import would not be.
  const tls = createRequire(import.meta.url)('node:tls') as {
    -readonly [K in keyof typeof tlsTypes]: (typeof tlsTypes)[K];
  };
  const original = tls.connect;
  const ca = [...tls.rootCertificates, readFileSync(FAKE_CERT_PATH, 'utf8')];
  const patched = ((...args: unknown[]) => {
    const options = args[0];
    if (options && typeof options === 'object') {
      const opts = options as tlsTypes.ConnectionOptions;
      if (LOOPBACK.has(opts.host ?? 'localhost') && opts.ca === undefined) args[0] = { ...opts, ca };
    }
    return (original as (...a: unknown[]) => tlsTypes.TLSSocket)(...args);
  }) as typeof tls.connect;
  tls.connect = patched;
  return () => {
    if (tls.connect === patched) tls.connect = original;
  };
}
