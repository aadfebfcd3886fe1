/**
 * What our NetEase client costs on top of the network: per request with and without a cache hit,
 * and the crypto of one request per transport. Runs against a loopback stub that answers a fixed,
 * realistic cloudsearch body instantly, so the numbers are client overhead (JSON, zod, mapping,
 * encryption, undici) and not NetEase's latency. Returns numbers; the runner decides how to show them.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { createNeteaseClient } from '../src/netease/client.ts';
import {
  eapiDecryptResponse,
  eapiEncrypt,
  eapiEncryptResponse,
  randomSecKey,
  weapiEncrypt,
} from '../src/netease/crypto.ts';

export interface NeteaseBenchResult {
  /** Plain undici POST + read of the same body: the floor any client pays on loopback. */
  rawHttpMs: number;
  /** A cloudsearch through the client, cache disabled (eapi encrypt, HTTP, JSON, zod, mapping). */
  requestMs: number;
  /** `requestMs - rawHttpMs`: what the client adds to one call. */
  overheadMs: number;
  /** The same search answered from the cache. */
  cacheHitUs: number;
  /** Encrypting one typical payload (includes the 1024-bit RSA of the session key). */
  weapiEncryptUs: number;
  eapiEncryptUs: number;
  /** Decrypting a ~20 KB encrypted (`e_r`) eapi answer. */
  eapiDecryptResponseUs: number;
  iterations: number;
}

function fakeSong(i: number) {
  return {
    id: 186016 + i,
    name: `晴天 ${i}`,
    ar: [{ id: 6452, name: '周杰伦', tns: [], alias: [] }],
    al: { id: 18905, name: '叶惠美', picUrl: 'http://p1.music.126.net/abc/109951163.jpg', tns: [] },
    dt: 269_000,
    fee: 8,
    alia: [],
    noCopyrightRcmd: null,
    h: { br: 320000, size: 10_000_000 },
    m: { br: 192000, size: 6_000_000 },
    l: { br: 128000, size: 4_000_000 },
    privilege: {
      id: 186016 + i,
      fee: 8,
      payed: 0,
      st: 0,
      pl: 320000,
      dl: 0,
      maxbr: 999000,
      maxBrLevel: 'lossless',
    },
  };
}

const SEARCH_BODY = JSON.stringify({
  code: 200,
  result: { songs: Array.from({ length: 30 }, (_, i) => fakeSong(i)), songCount: 300 },
});

async function timePerCall(iterations: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < Math.min(50, iterations); i++) await fn(); // warm-up (JIT, sockets)
  const started = performance.now();
  for (let i = 0; i < iterations; i++) await fn();
  return (performance.now() - started) / iterations;
}

export async function benchNetease(options: { iterations?: number } = {}): Promise<NeteaseBenchResult> {
  const iterations = options.iterations ?? 300;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(SEARCH_BODY);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  const uncached = createNeteaseClient({ baseUrl, requestsPerSecond: 1e6, burst: 1e6, cacheTtlMs: 0 });
  const cached = createNeteaseClient({ baseUrl, requestsPerSecond: 1e6, burst: 1e6 });

  try {
    const rawHttpMs = await timePerCall(iterations, async () => {
      const response = await request(`${baseUrl}/eapi/cloudsearch/pc`, {
        method: 'POST',
        body: 'params=00',
        dispatcher: agent,
      });
      JSON.parse(await response.body.text());
    });
    const requestMs = await timePerCall(iterations, () => uncached.anonymous.search('晴天'));
    await cached.anonymous.search('晴天');
    const cacheHitUs = (await timePerCall(iterations * 10, () => cached.anonymous.search('晴天'))) * 1000;

    const weapiText = JSON.stringify({ c: JSON.stringify([{ id: 186016 }, { id: 186017 }]), csrf_token: '' });
    const weapiEncryptUs =
      (await timePerCall(iterations, () => weapiEncrypt(weapiText, randomSecKey()))) * 1000;
    const eapiText = JSON.stringify({
      s: '晴天',
      type: 1,
      limit: 20,
      offset: 0,
      total: true,
      e_r: false,
      header: { os: 'pc', appver: '3.1.17.204416', __csrf: '', requestId: '1700000000000_0001' },
    });
    const eapiEncryptUs =
      (await timePerCall(iterations, () => eapiEncrypt('/api/cloudsearch/pc', eapiText))) * 1000;
    const encryptedAnswer = eapiEncryptResponse(SEARCH_BODY);
    const eapiDecryptResponseUs =
      (await timePerCall(iterations, () => eapiDecryptResponse(encryptedAnswer))) * 1000;

    const round = (value: number, digits = 3) => Number(value.toFixed(digits));
    return {
      rawHttpMs: round(rawHttpMs),
      requestMs: round(requestMs),
      overheadMs: round(requestMs - rawHttpMs),
      cacheHitUs: round(cacheHitUs, 2),
      weapiEncryptUs: round(weapiEncryptUs, 1),
      eapiEncryptUs: round(eapiEncryptUs, 1),
      eapiDecryptResponseUs: round(eapiDecryptResponseUs, 1),
      iterations,
    };
  } finally {
    await Promise.all([uncached.close(), cached.close(), agent.close()]);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

// `tsx bench/netease.ts` prints the numbers on their own.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchNetease());
}
