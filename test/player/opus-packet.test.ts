import { describe, expect, it } from 'vitest';
import { opusHeadPreSkip, opusPacketSamples, samplesToMs } from '../../src/player/opus-packet.ts';

const toc = (config: number, code: number, ...rest: number[]) =>
  Uint8Array.from([(config << 3) | code, ...rest]);

describe('opusPacketSamples', () => {
  it('reads the frame size from the TOC configuration (RFC 6716 table 2)', () => {
    expect(opusPacketSamples(toc(31, 0))).toBe(960); // CELT FB 20 ms: what libopus writes for music
    expect(opusPacketSamples(toc(16, 0))).toBe(120); // CELT NB 2.5 ms
    expect(opusPacketSamples(toc(3, 0))).toBe(2880); // SILK NB 60 ms
    expect(opusPacketSamples(toc(13, 0))).toBe(960); // hybrid SWB 20 ms
  });

  it('counts the frames in a packet', () => {
    expect(opusPacketSamples(toc(31, 1))).toBe(1920);
    expect(opusPacketSamples(toc(31, 2))).toBe(1920);
    expect(opusPacketSamples(toc(18, 3, 0x80 | 6))).toBe(6 * 480); // code 3, VBR flag set, 6 frames of 10 ms
  });

  it('treats an empty or truncated packet as no audio', () => {
    expect(opusPacketSamples(new Uint8Array())).toBe(0);
    expect(opusPacketSamples(toc(31, 3))).toBe(0);
  });
});

describe('opusHeadPreSkip', () => {
  it('reads the little-endian pre-skip of an OpusHead', () => {
    const head = Buffer.alloc(19);
    head.write('OpusHead');
    head.writeUInt16LE(312, 10);
    expect(opusHeadPreSkip(head)).toBe(312);
    expect(samplesToMs(312)).toBe(6.5);
  });
});
