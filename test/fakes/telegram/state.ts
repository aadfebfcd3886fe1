import type { UserFromGetMe } from 'grammy/types';
import { CallLog } from './call-log.ts';
import { ChatStore } from './chat-store.ts';
import { CommandStore } from './command-store.ts';
import { FaultInjector } from './faults.ts';
import { FileStore } from './file-store.ts';
import { IdSource } from './ids.ts';
import { QueryStore } from './query-store.ts';
import { UpdateQueue } from './update-queue.ts';
import { type WebhookReplyRunner, WebhookSender } from './webhook.ts';

export interface FakeTelegramOptions {
  /** Bot token; its number before ':' becomes the bot's user id. */
  token?: string;
  /** Without '@'. */
  botUsername?: string;
  botFirstName?: string;
  /** Largest accepted file; larger gets 413. Telegram: 50 MB. Tests can set a few KB. */
  maxUploadBytes?: number;
  /** How long a callback or inline query can still be answered. */
  queryTimeoutMs?: number;
  /** Group privacy mode: in groups the bot only gets commands, replies to it and mentions of it. */
  privacyMode?: boolean;
  /** Pause before re-sending an update a webhook refused. */
  webhookRetryMs?: number;
  /** The first update_id handed out. */
  firstUpdateId?: number;
}

/** Everything one fake server knows. Method handlers and test controls both work on it. */
export interface FakeState {
  readonly token: string;
  readonly bot: UserFromGetMe;
  readonly maxUploadBytes: number;
  readonly privacyMode: boolean;
  readonly ids: IdSource;
  readonly files: FileStore;
  readonly remoteFiles: Map<string, Buffer>;
  readonly chats: ChatStore;
  readonly updates: UpdateQueue;
  readonly queries: QueryStore;
  readonly commands: CommandStore;
  readonly calls: CallLog;
  readonly faults: FaultInjector;
  readonly webhook: WebhookSender;
  /** Aborted by close(): ends long polls and anything else still waiting. */
  readonly closing: AbortController;
  /** Unix time in seconds, as in every Telegram `date`. */
  now(): number;
}

export const DEFAULT_TOKEN = '7000000001:AAFakeTokenForLoopbackTests_0123456789';

export function createState(options: FakeTelegramOptions, runWebhookReply: WebhookReplyRunner): FakeState {
  const token = options.token ?? DEFAULT_TOKEN;
  const botId = Number(token.split(':')[0]);
  if (!/^\d+:[\w-]+$/.test(token) || !Number.isSafeInteger(botId)) {
    throw new Error(`a bot token looks like "<bot id>:<secret>", got "${token}"`);
  }
  const now = (): number => Math.floor(Date.now() / 1000);
  const ids = new IdSource();
  const updates = new UpdateQueue(options.firstUpdateId ?? 100_000_001);
  return {
    token,
    bot: {
      id: botId,
      is_bot: true,
      first_name: options.botFirstName ?? 'Fake Music Bot',
      username: options.botUsername ?? 'fake_music_bot',
      can_join_groups: true,
      can_read_all_group_messages: options.privacyMode === false,
      supports_inline_queries: true,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    },
    maxUploadBytes: options.maxUploadBytes ?? 50 * 1024 * 1024,
    privacyMode: options.privacyMode ?? true,
    ids,
    files: new FileStore(ids),
    remoteFiles: new Map(),
    chats: new ChatStore(ids, now),
    updates,
    queries: new QueryStore(options.queryTimeoutMs ?? 15_000),
    commands: new CommandStore(),
    calls: new CallLog(),
    faults: new FaultInjector(),
    webhook: new WebhookSender(updates, runWebhookReply, options.webhookRetryMs ?? 1000, now),
    closing: new AbortController(),
    now,
  };
}
