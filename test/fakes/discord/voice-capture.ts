// What the fake heard from the bot in one guild: decrypted Opus frames with their RTP numbers
// and arrival times, speaking flags, keep-alives and failures. Kept across voice reconnects so a
// test sees the whole playback of a guild, including what happened around a dropped socket.
import type { CapturedFrame } from './types.ts';

const OPUS_SILENCE = Buffer.from([0xf8, 0xff, 0xfe]);

export class VoiceCapture {
  readonly frames: CapturedFrame[] = [];
  readonly speaking: { speaking: number; at: number }[] = [];
  readonly binaryOps: number[] = [];
  keepAlives = 0;
  decryptFailures = 0;
  identifyCount = 0;
  resumeCount = 0;

  addFrame(ssrc: number, sequence: number, timestamp: number, receivedAt: number, opus: Buffer): void {
    this.frames.push({ ssrc, sequence, timestamp, receivedAt, opus, silence: opus.equals(OPUS_SILENCE) });
  }

  clearFrames(): void {
    this.frames.length = 0;
    this.speaking.length = 0;
    this.decryptFailures = 0;
  }

  get nonSilentFrameCount(): number {
    return this.frames.filter((f) => !f.silence).length;
  }

  /** Gaps in RTP sequence numbers between consecutive frames of the same SSRC. */
  get sequenceGaps(): number {
    let gaps = 0;
    for (let i = 1; i < this.frames.length; i++) {
      const previous = this.frames[i - 1]!;
      const frame = this.frames[i]!;
      if (previous.ssrc === frame.ssrc && frame.sequence !== ((previous.sequence + 1) & 0xffff)) gaps++;
    }
    return gaps;
  }
}
