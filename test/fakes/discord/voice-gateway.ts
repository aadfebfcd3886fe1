// The voice WebSocket (gateway v8) over TLS: HELLO, IDENTIFY checked against the credentials
// handed out on the main gateway, READY with SSRC and UDP address, SELECT_PROTOCOL ->
// SESSION_DESCRIPTION (DAVE off: dave_protocol_version 0), heartbeats with seq_ack, speaking,
// and RESUME -> RESUMED keeping SSRC and key, as a real voice server does.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { FakeContext } from './context.ts';
import { loadFakeCert } from './tls-cert.ts';
import type { Json, VoiceEncryptionMode } from './types.ts';
import type { VoiceRegistry, VoiceSession } from './voice-registry.ts';

export const VoiceOp = {
  Identify: 0,
  SelectProtocol: 1,
  Ready: 2,
  Heartbeat: 3,
  SessionDescription: 4,
  Speaking: 5,
  HeartbeatAck: 6,
  Resume: 7,
  Hello: 8,
  Resumed: 9,
} as const;

export const DEFAULT_VOICE_MODES: VoiceEncryptionMode[] = [
  'aead_aes256_gcm_rtpsize',
  'aead_xchacha20_poly1305_rtpsize',
];

export class VoiceGatewayServer {
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();

  constructor(
    private readonly ctx: FakeContext,
    private readonly registry: VoiceRegistry,
    private readonly udpPort: () => number,
  ) {
    this.server = createServer(loadFakeCert());
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (ws, req) => this.onConnection(ws, req.url ?? '/'));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  private get modes(): VoiceEncryptionMode[] {
    return this.ctx.options.voiceModes ?? DEFAULT_VOICE_MODES;
  }

  /** Closes the guild's voice socket with `code` (1006: drop it without a close frame). */
  closeSocket(guildId: string, code: number): boolean {
    const socket = this.registry.session(guildId)?.socket;
    if (!socket) return false;
    if (code === 1006) socket.terminate();
    else socket.close(code, 'closed by the test');
    return true;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onConnection(ws: WebSocket, url: string): void {
    this.sockets.add(ws);
    const version = new URL(url, 'https://fake').searchParams.get('v');
    this.ctx.log(`voice ws open v=${version}`);
    let session: VoiceSession | null = null;
    const send = (payload: Json, numbered: boolean) => {
      if (ws.readyState !== ws.OPEN) return;
      if (numbered && session) payload.seq = ++session.seq;
      ws.send(JSON.stringify(payload));
    };
    ws.on('close', (code) => {
      this.sockets.delete(ws);
      if (session?.socket === ws) session.socket = null;
      this.ctx.log(`voice ws closed ${code}`);
      this.ctx.hub.notify();
    });
    ws.on('error', (error) => this.ctx.log(`voice ws error: ${error.message}`));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) {
        // DAVE (MLS) frames: `u8 opcode | payload`. With dave_protocol_version 0 none should come.
        const buffer = Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
        if (session) this.registry.capture(session.guildId).binaryOps.push(buffer[0] ?? -1);
        this.ctx.hub.notify();
        return;
      }
      let packet: Json;
      try {
        packet = JSON.parse(data.toString());
      } catch {
        ws.close(4002, 'Failed to decode payload.');
        return;
      }
      this.ctx.log(`voice <- op ${packet.op}`);
      const d = packet.d ?? {};
      switch (packet.op) {
        case VoiceOp.Identify:
          session = this.identify(ws, d, session);
          if (session) {
            send(
              {
                op: VoiceOp.Ready,
                d: {
                  ssrc: session.ssrc,
                  ip: '127.0.0.1',
                  port: this.udpPort(),
                  modes: this.modes,
                  experiments: [],
                },
              },
              true,
            );
          }
          break;
        case VoiceOp.Resume:
          session = this.resume(ws, d, session);
          if (session) send({ op: VoiceOp.Resumed, d: null }, true);
          break;
        case VoiceOp.Heartbeat:
          send({ op: VoiceOp.HeartbeatAck, d: { t: d.t } }, false);
          break;
        case VoiceOp.SelectProtocol:
          if (!session) return void ws.close(4003, 'Not authenticated.');
          if (this.selectProtocol(ws, session, d)) {
            send(
              {
                op: VoiceOp.SessionDescription,
                d: {
                  mode: session.mode,
                  secret_key: [...session.secretKey!],
                  // 0 = no DAVE end-to-end encryption: frames reach the fake as plain Opus.
                  dave_protocol_version: 0,
                  audio_codec: 'opus',
                  video_codec: 'H264',
                  media_session_id: randomBytes(16).toString('hex'),
                },
              },
              true,
            );
          }
          break;
        case VoiceOp.Speaking:
          if (!session) return void ws.close(4003, 'Not authenticated.');
          this.registry.capture(session.guildId).speaking.push({ speaking: d.speaking, at: Date.now() });
          break;
        default:
          if (!session) ws.close(4003, 'Not authenticated.');
        // Other ops (video, DAVE transitions) carry nothing the fake models; they are ignored.
      }
      this.ctx.hub.notify();
    });
    // HELLO comes first on every connection, including resumes.
    ws.send(
      JSON.stringify({
        op: VoiceOp.Hello,
        d: { v: 8, heartbeat_interval: this.ctx.options.voiceHeartbeatIntervalMs ?? 13_750 },
      }),
    );
  }

  private credentialsMatch(session: VoiceSession | undefined, d: Json): session is VoiceSession {
    return session !== undefined && d.token === session.token && d.session_id === session.sessionId;
  }

  private identify(ws: WebSocket, d: Json, current: VoiceSession | null): VoiceSession | null {
    if (current) {
      ws.close(4005, 'Already authenticated.');
      return current;
    }
    const session = this.registry.session(String(d.server_id));
    if (!this.credentialsMatch(session, d) || d.user_id !== session.userId) {
      ws.close(4004, 'Authentication failed.');
      return null;
    }
    session.socket?.close(4006, 'Session no longer valid.');
    session.socket = ws;
    session.ready = false;
    session.seq = 0;
    this.registry.assignSsrc(session);
    this.registry.capture(session.guildId).identifyCount++;
    return session;
  }

  private resume(ws: WebSocket, d: Json, current: VoiceSession | null): VoiceSession | null {
    if (current) {
      ws.close(4005, 'Already authenticated.');
      return current;
    }
    const session = this.registry.session(String(d.server_id));
    if (!this.credentialsMatch(session, d) || !session.ssrc || !session.secretKey) {
      ws.close(4006, 'Session no longer valid.');
      return null;
    }
    session.socket = ws;
    this.registry.capture(session.guildId).resumeCount++;
    return session;
  }

  private selectProtocol(ws: WebSocket, session: VoiceSession, d: Json): boolean {
    if (d.protocol !== 'udp') {
      ws.close(4012, 'Unknown protocol.');
      return false;
    }
    const mode = d.data?.mode;
    if (!this.modes.includes(mode)) {
      ws.close(4016, 'Unknown encryption mode.');
      return false;
    }
    session.mode = mode;
    session.secretKey = randomBytes(32);
    session.ready = true;
    return true;
  }
}
