// The UDP leg of the voice server: answers IP discovery, echoes keep-alives, and decrypts every
// RTP packet into the guild's capture (found by SSRC, like a real voice server).
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { FakeContext } from './context.ts';
import { parseAndDecrypt } from './rtp-crypto.ts';
import type { VoiceRegistry } from './voice-registry.ts';

const DISCOVERY_BYTES = 74;
const KEEP_ALIVE_BYTES = 8;
const OPUS_PAYLOAD_TYPE = 120;

export class VoiceUdpServer {
  private readonly socket: Socket = createSocket('udp4');
  /** Bot address -> guild, learnt from IP discovery, to attribute keep-alives (they carry no SSRC). */
  private readonly guildByRemote = new Map<string, string>();

  constructor(
    private readonly ctx: FakeContext,
    private readonly registry: VoiceRegistry,
  ) {
    this.socket.on('message', (message, remote) => this.onMessage(message, remote));
    this.socket.on('error', (error) => this.ctx.log(`voice udp error: ${error.message}`));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.socket.bind(0, '127.0.0.1', resolve));
    return this.port;
  }

  get port(): number {
    return (this.socket.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }

  private onMessage(message: Buffer, remote: RemoteInfo): void {
    const remoteKey = `${remote.address}:${remote.port}`;
    if (message.length === DISCOVERY_BYTES && message.readUInt16BE(0) === 1) {
      this.discovery(message, remote, remoteKey);
    } else if (message.length === KEEP_ALIVE_BYTES) {
      const guildId = this.guildByRemote.get(remoteKey);
      if (guildId) this.registry.capture(guildId).keepAlives++;
      this.socket.send(message, remote.port, remote.address);
    } else if (message.length > 12 && message[0]! >> 6 === 2) {
      this.rtp(message);
    }
    this.ctx.hub.notify();
  }

  private discovery(message: Buffer, remote: RemoteInfo, remoteKey: string): void {
    const ssrc = message.readUInt32BE(4);
    const session = this.registry.sessionBySsrc(ssrc);
    if (!session) return; // Discord ignores discovery for SSRCs it never handed out
    session.remote = { address: remote.address, port: remote.port };
    this.guildByRemote.set(remoteKey, session.guildId);
    // type 2 | length 70 | ssrc | address, NUL-terminated ASCII from offset 8 | port (BE) at 72.
    const reply = Buffer.alloc(DISCOVERY_BYTES);
    reply.writeUInt16BE(2, 0);
    reply.writeUInt16BE(70, 2);
    reply.writeUInt32BE(ssrc, 4);
    reply.write(remote.address, 8, 'ascii');
    reply.writeUInt16BE(remote.port, 72);
    this.socket.send(reply, remote.port, remote.address);
  }

  private rtp(message: Buffer): void {
    const receivedAt = performance.timeOrigin + performance.now();
    const ssrc = message.readUInt32BE(8);
    const session = this.registry.sessionBySsrc(ssrc);
    if (!session) return;
    const capture = this.registry.capture(session.guildId);
    if ((message[1]! & 0x7f) !== OPUS_PAYLOAD_TYPE || !session.mode || !session.secretKey) {
      capture.decryptFailures++;
      return;
    }
    try {
      const packet = parseAndDecrypt(message, session.mode, session.secretKey);
      capture.addFrame(packet.ssrc, packet.sequence, packet.timestamp, receivedAt, packet.payload);
    } catch (error) {
      capture.decryptFailures++;
      this.ctx.log(`voice udp: cannot decrypt packet from ssrc ${ssrc}: ${(error as Error).message}`);
    }
  }
}
