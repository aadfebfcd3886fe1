/**
 * Commands end to end, minus the chat platform: the real dispatcher and commands, the real
 * NetEase client talking to the loopback fake, and real stores (embedded backend in a temp
 * DATA_DIR). A test file starts one harness; every `context()` is a fresh caller.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Command } from '../../src/commands/command.ts';
import { createDispatcher, type Dispatcher } from '../../src/commands/dispatcher.ts';
import { explainError } from '../../src/commands/explain-error.ts';
import { allCommands } from '../../src/commands/index.ts';
import type { Services } from '../../src/commands/services.ts';
import { silentLogger } from '../../src/logger.ts';
import { createNeteaseClient } from '../../src/netease/client.ts';
import { createStores, type Stores } from '../../src/store/index.ts';
import { type FakeNetease, startFakeNetease } from '../fakes/netease/server.ts';
import { makeContext } from './command-context.ts';

/**
 * Stands in for 163cn.tv: `/dead` is an expired code (404), `/qingtian` redirects to 晴天.
 * The Services' short-link fetch sends https://163cn.tv/... here instead.
 */
async function startShortLinkServer() {
  const server = createServer((req, res) => {
    if (req.url === '/qingtian') {
      res.writeHead(302, { location: 'https://music.163.com/song?id=186016' }).end();
    } else {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>404</h1>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    fetch: ((url: string | URL | Request, init?: RequestInit) =>
      fetch(String(url).replace(/^https?:\/\/163cn\.tv/, base), init)) as typeof fetch,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface CommandHarness {
  fake: FakeNetease;
  stores: Stores;
  services: Services;
  dispatcher: Dispatcher<Services>;
  /** Another dispatcher over the same services, for commands built with test settings. */
  dispatcherFor(commands: readonly Command<Services>[]): Dispatcher<Services>;
  /** A fresh caller; same options as makeContext. */
  context(overrides?: Parameters<typeof makeContext<Services>>[1]): ReturnType<typeof makeContext<Services>>;
  close(): Promise<void>;
}

export async function startCommandHarness(
  commands: readonly Command<Services>[] = allCommands,
): Promise<CommandHarness> {
  const fake = await startFakeNetease();
  const shortLinks = await startShortLinkServer();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'nmb-commands-'));
  const logger = silentLogger();
  const stores = await createStores({
    config: { dataDir, defaultLanguage: 'en', idleTimeoutSeconds: 300 },
    logger,
  });
  const netease = createNeteaseClient({
    baseUrl: fake.baseUrl,
    weapiKeySource: fake.weapiKeySource,
    requestsPerSecond: 1000,
    retryBaseDelayMs: 1,
  });
  const services: Services = {
    netease,
    sessions: stores.sessions,
    settings: stores.settings,
    cache: stores.cache,
    config: { defaultLanguage: 'en' },
    shortLinks: { fetch: shortLinks.fetch, timeoutMs: 2000 },
  };
  const dispatcherFor = (list: readonly Command<Services>[]) =>
    createDispatcher<Services>({
      commands: list,
      actionStore: stores.cache.namespace('actions'),
      logger,
      hasLogin: async (ctx) => (await ctx.services.sessions.get(ctx.user.key)) !== undefined,
      explain: explainError,
      // Tests fire many commands as one user; the per-user limit has its own tests.
      rateLimit: { burst: 10_000, perSecond: 10_000 },
    });
  const dispatcher = dispatcherFor(commands);
  return {
    fake,
    stores,
    services,
    dispatcher,
    dispatcherFor,
    context: (overrides) => makeContext(services, overrides),
    async close() {
      await netease.close();
      await stores.close();
      await shortLinks.close();
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
