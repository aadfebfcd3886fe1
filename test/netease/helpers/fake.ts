/**
 * Starts the loopback fake NetEase and builds clients pointed at it. Every test gets a fresh
 * client (so caches and jars never leak between tests); a file shares one fake.
 */
import {
  createNeteaseClient,
  type NeteaseClient,
  type NeteaseClientOptions,
} from '../../../src/netease/client.ts';
import { USERS } from '../../fakes/netease/catalog.ts';
import { type FakeNetease, startFakeNetease } from '../../fakes/netease/server.ts';

export type { FakeNetease };

/** The fake's two accounts as client identities. */
export const vip = { kind: 'user', cookie: `MUSIC_U=${USERS.vip.musicU}` } as const;
export const free = { kind: 'user', cookie: `MUSIC_U=${USERS.free.musicU}` } as const;

export async function startFake(): Promise<FakeNetease> {
  return startFakeNetease();
}

export function clientFor(fake: FakeNetease, options: NeteaseClientOptions = {}): NeteaseClient {
  return createNeteaseClient({
    baseUrl: fake.baseUrl,
    weapiKeySource: fake.weapiKeySource,
    // Fast by default; the rate-limit tests set their own.
    requestsPerSecond: 1_000,
    burst: 1_000,
    retryBaseDelayMs: 1,
    ...options,
  });
}

/** The requests a block of code caused, by logical path. */
export async function recording<T>(
  fake: FakeNetease,
  run: () => Promise<T>,
): Promise<{ result: T; requests: FakeNetease['requests'] }> {
  const start = fake.requests.length;
  const result = await run();
  return { result, requests: fake.requests.slice(start) };
}

export function pathsSince(fake: FakeNetease, start: number): string[] {
  return fake.requests.slice(start).map((request) => request.path);
}
