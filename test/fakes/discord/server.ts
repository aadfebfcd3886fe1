// Entry point of the loopback fake Discord: REST + gateway on one HTTP port, voice WebSocket
// over TLS on a second port, voice UDP on a third; all on 127.0.0.1 with OS-chosen ports.
// See README.md in this folder for usage, trust set-up and gotchas.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CommandRegistry } from './commands.ts';
import type { FakeContext } from './context.ts';
import { type GatewayMessage, GatewayServer } from './gateway.ts';
import { sendJson } from './http-body.ts';
import { ChangeHub } from './hub.ts';
import { InteractionHandle } from './interaction-handle.ts';
import {
  type AutocompleteInvocation,
  type CommandInvocation,
  type ComponentInvocation,
  InteractionTracker,
  injectAutocomplete,
  injectButton,
  injectCommand,
  injectSelect,
} from './interactions.ts';
import { MessageStore } from './message-store.ts';
import { type FailureHandle, RestServer } from './rest.ts';
import { appRoutes } from './routes-app.ts';
import { interactionRoutes } from './routes-interactions.ts';
import { messageRoutes } from './routes-messages.ts';
import { FAKE_CERT_PATH } from './tls-cert.ts';
import type {
  FakeDiscordOptions,
  Json,
  RestCall,
  RestFailureRule,
  StoredMessage,
  VoiceSnapshot,
} from './types.ts';
import { VoiceGatewayServer } from './voice-gateway.ts';
import { VoiceRegistry } from './voice-registry.ts';
import { VoiceSignalling } from './voice-signalling.ts';
import { VoiceUdpServer } from './voice-udp.ts';
import { World } from './world.ts';

export type { InteractionHandle } from './interaction-handle.ts';
export { FAKE_CERT_PATH, fakeCertEnv, trustFakeCertInProcess } from './tls-cert.ts';
export type * from './types.ts';
export { FAKE_IDS } from './world.ts';

const DEFAULT_TIMEOUT_MS = 5_000;

export type RestPredicate = ((call: RestCall) => boolean) | { method?: string; route?: string };

export class FakeDiscord {
  /** Pass as `new Client({ rest: { api: fake.restUrl } })`. */
  readonly restUrl: string;
  /** The voice endpoint handed out in VOICE_SERVER_UPDATE (`host:port`, no scheme). */
  readonly voiceEndpoint: string;
  readonly udpPort: number;
  /** The self-signed certificate the voice WebSocket serves; see README for trusting it. */
  readonly certPath = FAKE_CERT_PATH;

  /** @internal use startFakeDiscord() */
  constructor(
    private readonly ctx: FakeContext,
    private readonly rest: RestServer,
    private readonly gateway: GatewayServer,
    private readonly voiceGateway: VoiceGatewayServer,
    private readonly udp: VoiceUdpServer,
    private readonly registry: VoiceRegistry,
    private readonly signalling: VoiceSignalling,
    private readonly http: ReturnType<typeof createServer>,
  ) {
    this.restUrl = `${ctx.baseUrl}/api`;
    this.voiceEndpoint = `127.0.0.1:${voiceGateway.port}`;
    this.udpPort = udp.port;
  }

  get token(): string {
    return this.ctx.world.token;
  }

  get botId(): string {
    return this.ctx.world.bot.id;
  }

  get applicationId(): string {
    return this.ctx.world.applicationId;
  }

  get gatewayUrl(): string {
    return `${this.ctx.baseUrl.replace(/^http/, 'ws')}/gateway`;
  }

  // ---- REST ----

  /** Every REST call so far, in completion order. */
  get restCalls(): readonly RestCall[] {
    return this.rest.calls;
  }

  /**
   * Resolves with the first recorded call (from `fromIndex`, default 0: also past calls) that
   * matches; a `{method, route}` object matches the route template, e.g.
   * `{ method: 'PATCH', route: '/webhooks/:appId/:token/messages/@original' }`.
   */
  waitForRest(
    predicate: RestPredicate,
    timeoutMs = DEFAULT_TIMEOUT_MS,
    options: { fromIndex?: number } = {},
  ): Promise<RestCall> {
    const test =
      typeof predicate === 'function'
        ? predicate
        : (call: RestCall) =>
            (!predicate.method || predicate.method === call.method) &&
            (!predicate.route || predicate.route === call.route);
    const from = options.fromIndex ?? 0;
    return this.ctx.hub.waitFor(
      () => this.rest.calls.slice(from).find(test),
      timeoutMs,
      `a REST call matching ${typeof predicate === 'function' ? 'the predicate' : JSON.stringify(predicate)}`,
      () =>
        `recent REST calls:\n${this.rest.calls
          .slice(-12)
          .map((c) => `  ${c.method} ${c.path} -> ${c.status}`)
          .join('\n')}`,
    );
  }

  /** Makes matching calls fail (e.g. 403/50007 for DMs) until removed or `times` is used up. */
  failRest(rule: RestFailureRule): FailureHandle {
    return this.rest.failRest(rule);
  }

  // ---- state ----

  /** Current (edited) messages of a channel in send order. */
  messages(channelId: string, options: { includeDeleted?: boolean } = {}): StoredMessage[] {
    return this.ctx.messages.list(channelId, options.includeDeleted);
  }

  message(id: string): StoredMessage | undefined {
    return this.ctx.messages.get(id);
  }

  lastMessage(channelId: string): StoredMessage | undefined {
    return this.ctx.messages.list(channelId).at(-1);
  }

  dmChannelId(userId: string): string | undefined {
    return this.ctx.world.existingDmChannel(userId);
  }

  /** Messages the bot sent to this user's DM channel. */
  dms(userId: string): StoredMessage[] {
    const channelId = this.dmChannelId(userId);
    return channelId ? this.ctx.messages.list(channelId) : [];
  }

  /** Registered commands of a guild, or global ones with `null`. */
  commands(guildId: string | null): Json[] {
    return this.ctx.commands.list(guildId);
  }

  /** Channel id of a user's (or the bot's) voice state, or null. */
  voiceChannelOf(guildId: string, userId: string): string | null {
    return this.ctx.world.guild(guildId).voiceStates.get(userId)?.channelId ?? null;
  }

  /** Waits for any condition over the fake's state; re-checked after every change. */
  waitFor<T>(
    check: () => T | undefined | null | false,
    timeoutMs = DEFAULT_TIMEOUT_MS,
    what = 'a condition',
  ): Promise<T> {
    return this.ctx.hub.waitFor(check, timeoutMs, what);
  }

  // ---- interactions (what a user does in the Discord client) ----

  sendCommand(invocation: CommandInvocation): InteractionHandle {
    return new InteractionHandle(this.ctx, injectCommand(this.ctx, invocation));
  }

  sendAutocomplete(invocation: AutocompleteInvocation): InteractionHandle {
    return new InteractionHandle(this.ctx, injectAutocomplete(this.ctx, invocation));
  }

  clickButton(invocation: ComponentInvocation): InteractionHandle {
    return new InteractionHandle(this.ctx, injectButton(this.ctx, invocation));
  }

  selectOption(invocation: ComponentInvocation & { values: string[] }): InteractionHandle {
    return new InteractionHandle(this.ctx, injectSelect(this.ctx, invocation));
  }

  // ---- gateway ----

  /** Everything the bot sent on the main gateway (identify, heartbeats, op 4...). */
  get gatewayLog(): readonly GatewayMessage[] {
    return this.gateway.received;
  }

  /** Resolves once a bot session is identified or resumed and has its socket. */
  waitForGatewaySession(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<true> {
    return this.ctx.hub.waitFor(
      () => this.gateway.liveSessionCount > 0 || undefined,
      timeoutMs,
      'a live gateway session',
    );
  }

  /** Raw dispatch to every session (optionally only those with `intent`). */
  dispatch(event: string, data: Json, intent?: number): void {
    this.ctx.dispatch(event, data, intent);
  }

  /** Closes the bot's gateway socket(s): 4000 → discord.js resumes; 1006 drops without a frame. */
  disconnectGateway(code = 4000): void {
    this.gateway.disconnect(code);
  }

  requestReconnect(): void {
    this.gateway.requestReconnect();
  }

  invalidateSession(resumable = false): void {
    this.gateway.invalidateSessions(resumable);
  }

  // ---- voice ----

  setUserVoiceChannel(guildId: string, userId: string, channelId: string | null): void {
    this.signalling.setUserVoiceChannel(guildId, userId, channelId);
  }

  /** Moves the bot server-side; `null` disconnects it (voice socket closed with 4014). */
  moveBot(guildId: string, channelId: string | null): void {
    this.signalling.moveBot(guildId, channelId);
  }

  deleteChannel(channelId: string): void {
    this.signalling.deleteChannel(channelId);
  }

  /** Closes the guild's voice WebSocket: <4000 or 4015 → the bot resumes; 4006 etc. → rejoins. */
  closeVoiceSocket(guildId: string, code: number): boolean {
    return this.voiceGateway.closeSocket(guildId, code);
  }

  voice(guildId: string): VoiceSnapshot {
    return this.registry.snapshot(guildId, this.voiceChannelOf(guildId, this.botId));
  }

  /** Waits until `count` frames (or non-silent frames) have arrived for the guild. */
  waitForFrames(
    guildId: string,
    count: number,
    timeoutMs = 10_000,
    options: { nonSilent?: boolean } = {},
  ): Promise<VoiceSnapshot> {
    const capture = this.registry.capture(guildId);
    return this.ctx.hub.waitFor(
      () =>
        (options.nonSilent ? capture.nonSilentFrameCount : capture.frames.length) >= count
          ? this.voice(guildId)
          : undefined,
      timeoutMs,
      `${count} ${options.nonSilent ? 'non-silent ' : ''}voice frames in guild ${guildId}`,
      () => {
        const v = this.voice(guildId);
        return `voice: ${v.frameCount} frames, ws open ${v.wsOpen}, ready ${v.ready}, bot in ${v.botChannelId}, decrypt failures ${v.decryptFailures}`;
      },
    );
  }

  /** Forgets captured frames and speaking events (e.g. between two tracks). */
  clearVoiceFrames(guildId: string): void {
    this.registry.capture(guildId).clearFrames();
  }

  async close(): Promise<void> {
    this.ctx.hub.close();
    this.gateway.close();
    await this.voiceGateway.close();
    await this.udp.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }
}

function makeLogger(options: FakeDiscordOptions): (line: string) => void {
  if (options.log) return options.log;
  if (process.env.FAKE_DISCORD_DEBUG) return (line) => process.stderr.write(`[fake-discord] ${line}\n`);
  return () => {};
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const world = new World(options);
  let gateway: GatewayServer | null = null;
  const ctx: FakeContext = {
    options,
    world,
    messages: new MessageStore(),
    commands: new CommandRegistry(world.applicationId),
    interactions: new InteractionTracker(),
    hub: new ChangeHub(),
    log: makeLogger(options),
    baseUrl: '',
    dispatch: (event, data, intent) => gateway?.dispatch(event, data, intent),
  };
  const rest = new RestServer(ctx, [...appRoutes, ...messageRoutes, ...interactionRoutes]);
  const registry = new VoiceRegistry();
  const udp = new VoiceUdpServer(ctx, registry);
  const voiceGateway = new VoiceGatewayServer(ctx, registry, () => udp.port);
  const signalling = new VoiceSignalling(ctx, registry, voiceGateway);
  gateway = new GatewayServer(ctx, {
    onVoiceStateUpdate: (sessionId, d) => signalling.onBotRequest(sessionId, d),
  });

  const http = createServer((req, res) => {
    void serveHttp(ctx, rest, req, res);
  });
  const gw = gateway;
  http.on('upgrade', (req, socket, head) => {
    if (!gw.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  ctx.baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  await voiceGateway.listen();
  await udp.listen();
  ctx.log(`listening: rest ${ctx.baseUrl}/api, voice 127.0.0.1:${voiceGateway.port}, udp ${udp.port}`);
  return new FakeDiscord(ctx, rest, gateway, voiceGateway, udp, registry, signalling, http);
}

async function serveHttp(
  ctx: FakeContext,
  rest: RestServer,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    if (await rest.handle(req, res)) return;
    // Attachment URLs in message payloads point here, so a bot re-downloading its upload works.
    const match = /^\/attachments\/(\d+)\/(\d+)\//.exec(req.url ?? '');
    const attachment = match
      ? ctx.messages
          .list(match[1]!)
          .flatMap((m) => m.attachments)
          .find((a) => a.id === match[2])
      : undefined;
    if (attachment) {
      res
        .writeHead(200, { 'content-type': attachment.contentType, 'content-length': attachment.size })
        .end(attachment.bytes);
      return;
    }
    sendJson(res, 404, { message: '404: Not Found', code: 0 });
  } catch (error) {
    ctx.log(`http handler failed: ${(error as Error).stack}`);
    if (!res.headersSent) sendJson(res, 500, { message: 'fake discord internal error', code: 0 });
  }
}
