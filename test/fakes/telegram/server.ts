import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  BotCommand,
  BotCommandScope,
  Message,
  Update,
  User,
  UserFromGetMe,
  WebhookInfo,
} from 'grammy/types';
import type { ApiCall, CallPredicate } from './call-log.ts';
import type { ChatActionRecord, GroupChatInput } from './chat-store.ts';
import { executeCall } from './dispatch.ts';
import type { Fault } from './faults.ts';
import type { StoredFile } from './file-store.ts';
import { createRequestHandler } from './http-handler.ts';
import {
  chatActionsOf,
  inlineMessageView,
  lastMessageOf,
  type MessagesQuery,
  type MessageView,
  messagesOf,
  messageView,
} from './inspect.ts';
import type { CallbackAnswer, InlineAnswer } from './query-store.ts';
import { createState, type FakeState, type FakeTelegramOptions } from './state.ts';
import { blockChat, unblockChat } from './user-blocking.ts';
import { type CallbackQueryHandle, type PressButtonInput, pressButton } from './user-buttons.ts';
import { toUser, type UserInput } from './user-common.ts';
import {
  type ChooseInlineResultInput,
  type ChosenInlineResultInfo,
  chooseInlineResult,
  type InlineQueryHandle,
  type InlineQueryInput,
  sendInlineQuery,
} from './user-inline.ts';
import { sendUserMessage, type UserMessageInput, type UserMessageResult } from './user-messages.ts';

export type { ApiCall, CallPredicate, RecordedFile } from './call-log.ts';
export type { Fault } from './faults.ts';
export type { MessagesQuery, MessageView } from './inspect.ts';
export type { CallbackAnswer, InlineAnswer } from './query-store.ts';
export type { FakeTelegramOptions } from './state.ts';
export type * from './user-buttons.ts';
export type * from './user-common.ts';
export { DEFAULT_USER } from './user-common.ts';
export type * from './user-inline.ts';
export type * from './user-messages.ts';

const DEFAULT_WAIT_MS = 5000;

/**
 * A loopback Telegram Bot API for end-to-end tests: point an unmodified grammY bot at `apiRoot`
 * (`new Bot(token, { client: { apiRoot } })`), play the user with the methods below, and read what
 * the bot did from `calls` and the chat helpers. See README.md.
 */
export class FakeTelegram {
  private closing: Promise<void> | undefined;

  constructor(
    /** e.g. http://127.0.0.1:40123 (no trailing slash: grammY refuses one). */
    readonly apiRoot: string,
    private readonly state: FakeState,
    private readonly server: Server,
  ) {}

  get token(): string {
    return this.state.token;
  }

  /** What getMe returns. */
  get botInfo(): UserFromGetMe {
    return structuredClone(this.state.bot);
  }

  // ---- the record of calls ----

  /** Every API call so far, in the order they completed. */
  get calls(): readonly ApiCall[] {
    return this.state.calls.calls;
  }

  callsTo(method: string): ApiCall[] {
    return this.state.calls.of(method);
  }

  /**
   * Resolves with the earliest call to `method` (matching `predicate`) that no earlier waitForCall
   * took, waiting up to `timeoutMs` for it to happen. Rejects with the calls seen so far otherwise.
   */
  waitForCall(method: string, predicate?: CallPredicate, timeoutMs = DEFAULT_WAIT_MS): Promise<ApiCall> {
    return this.state.calls.waitFor(method, predicate, timeoutMs);
  }

  // ---- playing the user ----

  /** A user writes a text message (private chat by default, or a group). */
  sendUserMessage(input: UserMessageInput): UserMessageResult {
    return sendUserMessage(this.state, input);
  }

  sendInlineQuery(input: InlineQueryInput): InlineQueryHandle {
    return sendInlineQuery(this.state, input);
  }

  chooseInlineResult(input: ChooseInlineResultInput): ChosenInlineResultInfo {
    return chooseInlineResult(this.state, input);
  }

  /** A user presses an inline keyboard button (by callback_data or text). */
  pressButton(input: PressButtonInput): CallbackQueryHandle {
    return pressButton(this.state, input);
  }

  /** The user blocks the bot / the bot is removed from the group: sends get 403. */
  blockChat(chatId: number, options: { notify?: boolean } = {}): void {
    blockChat(this.state, chatId, options.notify ?? true);
  }

  unblockChat(chatId: number, options: { notify?: boolean } = {}): void {
    unblockChat(this.state, chatId, options.notify ?? true);
  }

  /** A private chat that exists without an update, as if the user had started the bot long ago. */
  addPrivateChat(user?: UserInput): User {
    const record = this.state.chats.privateChat(toUser(user));
    return structuredClone(record.user as User);
  }

  /** A group the bot is a member of, without an update. */
  addGroupChat(group: GroupChatInput): void {
    this.state.chats.groupChat(group);
  }

  /** Content for an http(s) URL the bot passes as a file (the fake cannot download anything). */
  addRemoteFile(url: string, bytes: Uint8Array): void {
    this.state.remoteFiles.set(url, Buffer.from(bytes));
  }

  // ---- injecting failures ----

  /**
   * The next `times` calls to `method` fail with `fault` instead of running, e.g.
   * `failNext('sendMessage', { code: 429, retryAfter: 1 })` or `failNext('sendAudio', 'network')`.
   */
  failNext(method: string, fault: Fault, times = 1): void {
    this.state.faults.add(method, fault, times);
  }

  // ---- reading state ----

  /** The chat's messages as they look now (edits applied; deleted ones left out by default). */
  messages(chatId: number, query?: MessagesQuery): Message[] {
    return messagesOf(this.state, chatId, query);
  }

  lastMessage(chatId: number, query?: MessagesQuery): Message | undefined {
    return lastMessageOf(this.state, chatId, query);
  }

  /** One message with its edit history and deletion flag. */
  message(chatId: number, messageId: number): MessageView | undefined {
    return messageView(this.state, chatId, messageId);
  }

  inlineMessage(inlineMessageId: string): MessageView | undefined {
    return inlineMessageView(this.state, inlineMessageId);
  }

  chatActions(chatId: number): ChatActionRecord[] {
    return chatActionsOf(this.state, chatId);
  }

  /** What getMyCommands would return for this scope and language. */
  commands(scope?: BotCommandScope, languageCode?: string): BotCommand[] {
    return this.state.commands.get(scope?.type === 'default' ? undefined : scope, languageCode || undefined);
  }

  callbackAnswer(queryId: string): CallbackAnswer | undefined {
    return this.state.queries.callbackAnswer(queryId);
  }

  inlineAnswer(queryId: string): InlineAnswer | undefined {
    return this.state.queries.inlineAnswer(queryId);
  }

  /** A file the bot uploaded or referenced, by any of its file_ids. */
  file(fileId: string): StoredFile | undefined {
    return this.state.files.get(fileId);
  }

  /** Updates not yet confirmed by the bot. */
  pendingUpdates(): Update[] {
    return this.state.updates.snapshot();
  }

  webhookInfo(): WebhookInfo {
    return this.state.webhook.info();
  }

  /**
   * Answers pending long polls with no updates, stops webhook delivery and frees the port. Stop the
   * bot first, or its next poll meets a closed port and grammY logs connection errors.
   */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      this.state.closing.abort();
      this.state.updates.release();
      this.state.webhook.stop();
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
      // Connections still busy (a response being written, a client mid-request) get a moment, then go.
      setTimeout(() => this.server.closeAllConnections(), 100).unref();
    });
    return this.closing;
  }
}

export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const state: FakeState = createState(options, async (method, values) => {
    await executeCall(state, {
      method,
      values,
      uploads: [],
      transport: 'webhook-reply',
      signal: state.closing.signal,
    });
  });
  const server = createServer(createRequestHandler(state));
  // Long polls last up to the client's timeout (grammY: 30 s) and grammY keeps connections alive
  // between calls; Node's defaults would cut both and show up as sporadic "socket hang up".
  server.requestTimeout = 0;
  server.keepAliveTimeout = 10 * 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return new FakeTelegram(`http://127.0.0.1:${port}`, state, server);
}
