// The main gateway (v10, JSON): HELLO, IDENTIFY -> READY + GUILD_CREATE, heartbeats, RESUME with
// replay of missed dispatches, intents-gated dispatch, and the voice-state op that starts voice.
// Sessions outlive their sockets, as on Discord, so a dropped connection can resume.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { deflateRawSync, deflateSync, constants as zlibConstants } from 'node:zlib';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { FakeContext } from './context.ts';
import { Intent } from './context.ts';
import { guildCreatePayload, memberPayload, userPayload } from './payloads.ts';
import type { Json } from './types.ts';

export const GatewayOp = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

export interface GatewayMessage {
  op: number;
  d: Json;
  at: number;
  sessionId: string | null;
}

interface Session {
  id: string;
  intents: number;
  seq: number;
  /** Every dispatch of the session, for replay on RESUME. */
  sent: { s: number; t: string; d: Json }[];
  connection: Connection | null;
  shard: [number, number];
}

/** zlib-stream: one zlib stream per connection, each message ending in a sync flush. */
function zlibStreamChunk(text: string, first: boolean): Buffer {
  // A raw-deflate segment that ends with a sync flush and no final block continues a deflate
  // stream validly even without a shared dictionary, so no stateful compressor is needed.
  const body = deflateRawSync(text, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  return first ? Buffer.concat([Buffer.from([0x78, 0x9c]), body]) : body;
}

class Connection {
  session: Session | null = null;
  private compressedSent = false;
  identifyCompress = false;

  constructor(
    readonly ws: WebSocket,
    readonly zlibStream: boolean,
    readonly viaResumeUrl: boolean,
  ) {}

  send(payload: Json): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    const text = JSON.stringify(payload);
    if (this.zlibStream) {
      this.ws.send(zlibStreamChunk(text, !this.compressedSent));
      this.compressedSent = true;
    } else if (this.identifyCompress) {
      this.ws.send(deflateSync(text));
    } else {
      this.ws.send(text);
    }
  }

  close(code: number, reason: string): void {
    // 1006 cannot be sent in a close frame; dropping the TCP socket produces it on the client.
    if (code === 1006) this.ws.terminate();
    else this.ws.close(code, reason);
  }
}

export interface GatewayHooks {
  onVoiceStateUpdate: (sessionId: string, d: Json) => void;
}

export class GatewayServer {
  /** Everything the bot sent on the gateway, in order. */
  readonly received: GatewayMessage[] = [];
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  private readonly connections = new Set<Connection>();

  constructor(
    private readonly ctx: FakeContext,
    private readonly hooks: GatewayHooks,
  ) {}

  get resumeUrl(): string {
    return `${this.ctx.baseUrl.replace(/^http/, 'ws')}/gateway/resume`;
  }

  /** Takes over HTTP upgrades for /gateway and /gateway/resume; returns false for others. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname !== '/gateway' && url.pathname !== '/gateway/resume') return false;
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = new Connection(
        ws,
        url.searchParams.get('compress') === 'zlib-stream',
        url.pathname === '/gateway/resume',
      );
      this.connections.add(connection);
      ws.on('message', (data, isBinary) => this.onMessage(connection, data, isBinary));
      ws.on('close', (code) => this.onClose(connection, code));
      ws.on('error', (error) => this.ctx.log(`gateway socket error: ${error.message}`));
      if ((url.searchParams.get('encoding') ?? 'json') !== 'json') {
        connection.close(4002, 'the fake speaks encoding=json only');
        return;
      }
      connection.send({
        op: GatewayOp.Hello,
        d: { heartbeat_interval: this.ctx.options.heartbeatIntervalMs ?? 41_250 },
        s: null,
        t: null,
      });
    });
    return true;
  }

  /** Dispatch to every session whose intents cover `intent`; sessions without a socket buffer it. */
  dispatch(event: string, data: Json, intent?: number): void {
    for (const session of this.sessions.values()) {
      if (intent !== undefined && (session.intents & intent) === 0) continue;
      this.send(session, event, data);
    }
  }

  /** Closes every live gateway socket with `code` (1006: drop without a close frame). */
  disconnect(code: number): void {
    for (const connection of this.connections) connection.close(code, 'closed by the test');
  }

  /** Op 7: asks the bot to reconnect and resume. */
  requestReconnect(): void {
    for (const connection of this.connections)
      connection.send({ op: GatewayOp.Reconnect, d: null, s: null, t: null });
  }

  /** Op 9; when not resumable the sessions are forgotten, so the bot must IDENTIFY again. */
  invalidateSessions(resumable: boolean): void {
    for (const connection of this.connections) {
      if (!connection.session) continue;
      if (!resumable) this.sessions.delete(connection.session.id);
      connection.send({ op: GatewayOp.InvalidSession, d: resumable, s: null, t: null });
    }
  }

  /** Number of sessions that have a live, identified socket. */
  get liveSessionCount(): number {
    return [...this.sessions.values()].filter((s) => s.connection !== null).length;
  }

  close(): void {
    for (const connection of this.connections) connection.ws.terminate();
    this.wss.close();
  }

  private send(session: Session, event: string, data: Json): void {
    const s = ++session.seq;
    session.sent.push({ s, t: event, d: data });
    session.connection?.send({ op: GatewayOp.Dispatch, t: event, s, d: data });
    this.ctx.log(`gateway -> ${event} s=${s}${session.connection ? '' : ' (buffered)'}`);
  }

  private onClose(connection: Connection, code: number): void {
    this.connections.delete(connection);
    const session = connection.session;
    if (session && session.connection === connection) {
      session.connection = null;
      // A client closing with 1000/1001 ends its session (discord.js does so on destroy()).
      if (code === 1000 || code === 1001) this.sessions.delete(session.id);
    }
    this.ctx.log(`gateway socket closed ${code}`);
    this.ctx.hub.notify();
  }

  private onMessage(connection: Connection, data: RawData, isBinary: boolean): void {
    let packet: Json;
    try {
      if (isBinary) throw new Error('binary');
      packet = JSON.parse(data.toString());
    } catch {
      connection.close(4002, 'Error while decoding payload.');
      return;
    }
    this.received.push({
      op: packet.op,
      d: packet.d,
      at: Date.now(),
      sessionId: connection.session?.id ?? null,
    });
    this.ctx.log(`gateway <- op ${packet.op}`);
    switch (packet.op) {
      case GatewayOp.Heartbeat:
        connection.send({ op: GatewayOp.HeartbeatAck, d: null, s: null, t: null });
        break;
      case GatewayOp.Identify:
        this.identify(connection, packet.d ?? {});
        break;
      case GatewayOp.Resume:
        this.resume(connection, packet.d ?? {});
        break;
      default:
        if (!connection.session) {
          connection.close(4003, 'Not authenticated.');
        } else if (packet.op === GatewayOp.VoiceStateUpdate) {
          this.hooks.onVoiceStateUpdate(connection.session.id, packet.d);
        } else if (packet.op === GatewayOp.RequestGuildMembers) {
          this.membersChunk(connection.session, packet.d);
        } else if (packet.op !== GatewayOp.PresenceUpdate) {
          connection.close(4001, 'Unknown opcode.');
        }
    }
    this.ctx.hub.notify();
  }

  private identify(connection: Connection, d: Json): void {
    if (connection.session) {
      connection.close(4005, 'Already authenticated.');
      return;
    }
    if (d.token !== this.ctx.world.token) {
      connection.close(4004, 'Authentication failed.');
      return;
    }
    if (typeof d.intents !== 'number') {
      connection.close(4013, 'Invalid intent(s).');
      return;
    }
    const session: Session = {
      id: randomBytes(16).toString('hex'),
      intents: d.intents,
      seq: 0,
      sent: [],
      connection,
      shard: Array.isArray(d.shard) ? d.shard : [0, 1],
    };
    connection.identifyCompress = d.compress === true && !connection.zlibStream;
    connection.session = session;
    this.sessions.set(session.id, session);
    const { world } = this.ctx;
    this.send(session, 'READY', {
      v: 10,
      user: { ...userPayload(world.bot), verified: true, mfa_enabled: false, email: null },
      guilds: [...world.guilds.keys()].map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.resumeUrl,
      shard: session.shard,
      application: { id: world.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: ['fake'],
      session_type: 'normal',
      user_settings: {},
      auth: {},
    });
    const withVoiceStates = (session.intents & Intent.GuildVoiceStates) !== 0;
    for (const guild of world.guilds.values()) {
      this.send(session, 'GUILD_CREATE', guildCreatePayload(world, guild, withVoiceStates));
    }
  }

  private resume(connection: Connection, d: Json): void {
    if (connection.session) {
      connection.close(4005, 'Already authenticated.');
      return;
    }
    if (d.token !== this.ctx.world.token) {
      connection.close(4004, 'Authentication failed.');
      return;
    }
    const session = this.sessions.get(d.session_id);
    if (!session) {
      connection.send({ op: GatewayOp.InvalidSession, d: false, s: null, t: null });
      return;
    }
    if (typeof d.seq !== 'number' || d.seq > session.seq) {
      connection.close(4007, 'Invalid seq.');
      return;
    }
    session.connection?.close(4009, 'Session resumed elsewhere.');
    session.connection = connection;
    connection.session = session;
    for (const missed of session.sent.filter((m) => m.s > d.seq)) {
      connection.send({ op: GatewayOp.Dispatch, t: missed.t, s: missed.s, d: missed.d });
    }
    this.send(session, 'RESUMED', {});
  }

  private membersChunk(session: Session, d: Json): void {
    const guild = this.ctx.world.guilds.get(d.guild_id);
    if (!guild) return;
    const wanted: string[] | null = d.user_ids ? [].concat(d.user_ids) : null;
    const query: string = d.query ?? '';
    const members = [...guild.members.values()].filter((m) => {
      if (wanted) return wanted.includes(m.userId);
      return this.ctx.world.user(m.userId).username.startsWith(query);
    });
    const limit = d.limit || members.length;
    this.send(session, 'GUILD_MEMBERS_CHUNK', {
      guild_id: guild.id,
      members: members.slice(0, limit).map((m) => memberPayload(this.ctx.world, m)),
      chunk_index: 0,
      chunk_count: 1,
      not_found: wanted ? wanted.filter((id) => !guild.members.has(id)) : [],
      ...(d.nonce ? { nonce: d.nonce } : {}),
    });
  }
}
