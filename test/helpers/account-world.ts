/**
 * Everything the account-command tests run on: the real NetEase client against the loopback
 * fake, real session/settings/cache stores over memory (the session namespace kept at hand so a
 * test can read the raw sealed bytes), the real dispatcher, and a logger whose lines a test can
 * search for leaked cookies. A test file starts one fake; each test builds a fresh world.
 *
 *   const fake = await startFakeNetease();                        // beforeAll
 *   const world = createAccountWorld(fake, { pollIntervalMs: 5 });
 *   const { ctx, sent, background } = world.context({ private: true });
 *   await world.dispatcher.runText(ctx, 'login', '');
 */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Command } from '../../src/commands/command.ts';
import type { CommandContext } from '../../src/commands/context.ts';
import { createDispatcher, type Dispatcher } from '../../src/commands/dispatcher.ts';
import { explainError } from '../../src/commands/explain-error.ts';
import type { Locale } from '../../src/commands/i18n/index.ts';
import type { Reply } from '../../src/commands/reply.ts';
import { plainText } from '../../src/commands/rich-text.ts';
import type { Services } from '../../src/commands/services.ts';
import { QrLoginRegistry, type QrLoginSettings } from '../../src/commands/support/qr-login-registry.ts';
import { createNeteaseClient, type NeteaseClient } from '../../src/netease/client.ts';
import { CookieJar } from '../../src/netease/cookie-jar.ts';
import type { GuildPlayback } from '../../src/queue/types.ts';
import {
  createSessionStore,
  createSettingsStore,
  createTtlStore,
  MemoryKv,
  SessionCipher,
} from '../../src/store/index.ts';
import { type FakeNetease, startFakeNetease } from '../fakes/netease/server.ts';
import { makeContext } from './command-context.ts';

export interface AccountWorld {
  fake: FakeNetease;
  netease: NeteaseClient;
  services: Services;
  dispatcher: Dispatcher<Services>;
  logins: QrLoginRegistry;
  /** The session namespace itself: what is stored there is what would be on disk or in Redis. */
  sessionKv: MemoryKv;
  /** Every log line written by the commands and the dispatcher, parsed. */
  logLines: Record<string, unknown>[];
  context(options?: ContextOptions): ReturnType<typeof makeContext<Services>>;
  /** A fresh NetEase login for a fake user, stored for `userKey` as `login` would. */
  logIn(
    userKey: string,
    who: 'vip' | 'free',
    times?: { createdAt?: number; checkedAt?: number },
  ): Promise<string>;
  close(): Promise<void>;
}

export interface ContextOptions {
  /** A one-to-one chat (DM, console); default false: a guild channel. */
  private?: boolean;
  /** The adapter can move a private command into a DM by itself (Discord). */
  openPrivateChat?: boolean;
  userKey?: string;
  locale?: Locale;
  playback?: GuildPlayback;
}

export function createAccountWorld(
  fake: FakeNetease,
  options: { commands: readonly Command<Services>[]; settings?: Partial<QrLoginSettings> },
): AccountWorld {
  const netease = createNeteaseClient({
    baseUrl: fake.baseUrl,
    weapiKeySource: fake.weapiKeySource,
    requestsPerSecond: 1_000,
    burst: 1_000,
    // No automatic retries: a test's injected failure then counts as exactly one failed call.
    retries: 0,
  });
  const logLines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
  const sessionKv = new MemoryKv();
  const logins = new QrLoginRegistry({ pollIntervalMs: 5, maxDurationMs: 10_000, ...options.settings });
  const services: Services = {
    netease,
    sessions: createSessionStore({ kv: sessionKv, cipher: new SessionCipher(randomBytes(32)), logger }),
    settings: createSettingsStore({ kv: new MemoryKv(), logger }),
    cache: createTtlStore(new MemoryKv(), logger),
    config: { defaultLanguage: 'en' },
    logins,
  };
  const parked = new Map<string, unknown>();
  const dispatcher = createDispatcher<Services>({
    commands: options.commands,
    actionStore: {
      get: async (key) => parked.get(key),
      set: async (key, value) => void parked.set(key, value),
    },
    logger,
    // As in src/app.ts: a stored session, working or not, counts as "logged in".
    hasLogin: async (ctx) => (await ctx.services.sessions.get(ctx.user.key)) !== undefined,
    explain: explainError,
    rateLimit: { burst: 100, perSecond: 100 },
  });

  return {
    fake,
    netease,
    services,
    dispatcher,
    logins,
    sessionKv,
    logLines,
    context(contextOptions = {}) {
      const userKey = contextOptions.userKey ?? 'test:1';
      const overrides: Partial<CommandContext<Services>> = {
        user: { key: userKey, id: userKey.split(':')[1] ?? userKey, name: 'Tester' },
        chat: contextOptions.private
          ? { id: `dm-${userKey}`, private: true }
          : { id: 'chat-1', private: false, guildId: 'guild-1' },
        capabilities: {
          voice: true,
          audioFiles: false,
          editMessages: true,
          buttons: true,
          openPrivateChat: contextOptions.openPrivateChat ?? false,
        },
        logger,
      };
      return makeContext(services, {
        ...overrides,
        ...(contextOptions.locale ? { locale: contextOptions.locale } : {}),
        ...(contextOptions.playback ? { playbackImpl: contextOptions.playback } : {}),
      });
    },
    async logIn(userKey, who, times = {}) {
      // Minted through the fake's phone side, so each test has its own token to revoke or log out.
      const { key } = await netease.anonymous.qrStart();
      fake.qr.confirm(key, who);
      const status = await netease.anonymous.qrCheck(key);
      if (status.state !== 'confirmed') throw new Error(`fake QR login did not confirm: ${status.state}`);
      const account = await netease.as({ kind: 'user', cookie: status.cookie }).account();
      if (!account) throw new Error('fake account lookup failed');
      await services.sessions.set(userKey, {
        cookie: status.cookie,
        userId: account.userId,
        nickname: account.nickname,
        vipType: account.vipType,
        ...times,
      });
      return status.cookie;
    },
    close: () => netease.close(),
  };
}

/** The MUSIC_U inside a cookie string: the credential itself. */
export function musicUOf(cookie: string): string {
  const value = new CookieJar(cookie).get('MUSIC_U');
  if (!value) throw new Error('cookie has no MUSIC_U');
  return value;
}

/** Plain text of a text reply, or of a card's title and fields, for assertions. */
export function textOf(reply: Reply | undefined): string {
  if (!reply) throw new Error('expected a reply, got none');
  switch (reply.kind) {
    case 'text':
      return plainText(reply.text);
    case 'card':
      return [
        reply.title,
        ...(reply.fields ?? []).map((field) => `${field.name}: ${plainText(field.value)}`),
      ].join('\n');
    case 'list':
      return [reply.title, ...reply.items.map((item) => plainText(item)), reply.footer ?? ''].join('\n');
    default:
      throw new Error(`no text for a ${reply.kind} reply`);
  }
}

export interface AccountWorlds {
  /** The file's fake NetEase (available inside tests and hooks). */
  readonly fake: FakeNetease;
  /** A fresh world for this test; closed automatically after it. */
  setup(settings?: Partial<QrLoginSettings>): AccountWorld;
}

/**
 * Registers the hooks every account-command test file needs: one fake NetEase for the file,
 * one world per test, closed when the test ends.
 */
export function useAccountWorlds(commands: readonly Command<Services>[]): AccountWorlds {
  let fake: FakeNetease | undefined;
  let world: AccountWorld | undefined;
  beforeAll(async () => {
    fake = await startFakeNetease();
  });
  afterAll(async () => {
    await fake?.close();
  });
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });
  return {
    get fake() {
      if (!fake) throw new Error('the fake NetEase starts in beforeAll');
      return fake;
    },
    setup(settings = {}) {
      world = createAccountWorld(this.fake, { commands, settings });
      return world;
    },
  };
}
