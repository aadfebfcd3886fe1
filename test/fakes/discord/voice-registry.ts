// Voice sessions per guild, created when the gateway hands out voice credentials and completed
// by the voice WebSocket (SSRC, mode, key) and the UDP leg (the bot's address). The UDP side
// finds a session by SSRC, as a real voice server does.

import type { WebSocket } from 'ws';
import { randomSsrc, randomToken } from './ids.ts';
import type { VoiceEncryptionMode, VoiceSnapshot } from './types.ts';
import { VoiceCapture } from './voice-capture.ts';

export interface VoiceSession {
  guildId: string;
  channelId: string;
  userId: string;
  /** The gateway session id, echoed by the bot in voice IDENTIFY. */
  sessionId: string;
  token: string;
  ssrc: number | null;
  mode: VoiceEncryptionMode | null;
  secretKey: Buffer | null;
  socket: WebSocket | null;
  /** Last `seq` the fake sent on the voice socket (v8 numbering, continued across resumes). */
  seq: number;
  ready: boolean;
  remote: { address: string; port: number } | null;
}

export class VoiceRegistry {
  private readonly sessions = new Map<string, VoiceSession>();
  private readonly bySsrc = new Map<number, VoiceSession>();
  private readonly captures = new Map<string, VoiceCapture>();

  /** New credentials for a join (or rejoin): a fresh token, as Discord gives on each VOICE_SERVER_UPDATE. */
  grant(guildId: string, channelId: string, userId: string, sessionId: string): VoiceSession {
    const previous = this.sessions.get(guildId);
    if (previous?.ssrc) this.bySsrc.delete(previous.ssrc);
    const session: VoiceSession = {
      guildId,
      channelId,
      userId,
      sessionId,
      token: randomToken(''),
      ssrc: null,
      mode: null,
      secretKey: null,
      socket: null,
      seq: 0,
      ready: false,
      remote: null,
    };
    this.sessions.set(guildId, session);
    return session;
  }

  session(guildId: string): VoiceSession | undefined {
    return this.sessions.get(guildId);
  }

  sessionBySsrc(ssrc: number): VoiceSession | undefined {
    return this.bySsrc.get(ssrc);
  }

  assignSsrc(session: VoiceSession): number {
    if (session.ssrc) this.bySsrc.delete(session.ssrc);
    let ssrc = randomSsrc();
    while (this.bySsrc.has(ssrc)) ssrc = randomSsrc();
    session.ssrc = ssrc;
    this.bySsrc.set(ssrc, session);
    return ssrc;
  }

  /** The bot left the channel: its credentials and SSRC stop being valid. */
  end(guildId: string): VoiceSession | undefined {
    const session = this.sessions.get(guildId);
    if (!session) return undefined;
    this.sessions.delete(guildId);
    if (session.ssrc) this.bySsrc.delete(session.ssrc);
    return session;
  }

  capture(guildId: string): VoiceCapture {
    let capture = this.captures.get(guildId);
    if (!capture) {
      capture = new VoiceCapture();
      this.captures.set(guildId, capture);
    }
    return capture;
  }

  allSessions(): VoiceSession[] {
    return [...this.sessions.values()];
  }

  snapshot(guildId: string, botChannelId: string | null): VoiceSnapshot {
    const capture = this.capture(guildId);
    const session = this.sessions.get(guildId);
    const frames = [...capture.frames];
    return {
      guildId,
      botChannelId,
      wsOpen: session?.socket?.readyState === 1,
      ready: session?.ready ?? false,
      ssrc: session?.ssrc ?? null,
      mode: session?.mode ?? null,
      identifyCount: capture.identifyCount,
      resumeCount: capture.resumeCount,
      frames,
      frameCount: frames.length,
      nonSilentFrameCount: capture.nonSilentFrameCount,
      firstPacketAt: frames[0]?.receivedAt ?? null,
      lastPacketAt: frames.at(-1)?.receivedAt ?? null,
      sequenceContiguous: capture.sequenceGaps === 0,
      sequenceGaps: capture.sequenceGaps,
      decryptFailures: capture.decryptFailures,
      keepAlives: capture.keepAlives,
      speaking: [...capture.speaking],
      binaryOps: [...capture.binaryOps],
    };
  }
}
