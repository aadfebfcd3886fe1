/**
 * Facts about single Opus packets, read from their headers (RFC 6716 §3.1, RFC 7845 §5.1).
 * The resilient stream counts the audio it has emitted from these, so it knows where to
 * restart ffmpeg after a failure without trusting the encoder's frame size.
 */

/** Opus always runs at 48 kHz internally; durations and granule positions count these samples. */
export const OPUS_SAMPLE_RATE = 48_000;

/** Samples per frame for each of the 32 TOC configurations (the top five bits; RFC 6716 table 2). */
const FRAME_SAMPLES: readonly number[] = [
  // 0–11 SILK-only (NB, MB, WB): 10, 20, 40, 60 ms
  480, 960, 1920, 2880, 480, 960, 1920, 2880, 480, 960, 1920, 2880,
  // 12–15 hybrid (SWB, FB): 10, 20 ms
  480, 960, 480, 960,
  // 16–31 CELT-only (NB, WB, SWB, FB): 2.5, 5, 10, 20 ms
  120, 240, 480, 960, 120, 240, 480, 960, 120, 240, 480, 960, 120, 240, 480, 960,
];

/**
 * Number of 48 kHz samples the packet decodes to, or 0 for a packet too short to carry a TOC
 * (which a decoder treats as lost, so it carries no time).
 */
export function opusPacketSamples(packet: Uint8Array): number {
  const toc = packet[0];
  if (toc === undefined) return 0;
  const perFrame = FRAME_SAMPLES[toc >> 3]!;
  switch (toc & 0b11) {
    case 0:
      return perFrame;
    case 1:
    case 2:
      return perFrame * 2;
    default: {
      // Code 3: the frame count sits in the low six bits of the second byte.
      const count = packet[1];
      return count === undefined ? 0 : perFrame * (count & 0x3f);
    }
  }
}

/**
 * The pre-skip of an `OpusHead` packet: how many samples at the start of the stream are encoder
 * priming rather than audio. Each ffmpeg run starts with this much priming (312 samples, 6.5 ms,
 * for libopus), so it is not counted as progress through the track.
 */
export function opusHeadPreSkip(head: Uint8Array): number {
  if (head.length < 12) return 0;
  return head[10]! | (head[11]! << 8);
}

export function samplesToMs(samples: number): number {
  return (samples * 1000) / OPUS_SAMPLE_RATE;
}
