import { Readable } from 'node:stream';
import prism from 'prism-media';
import { describe, expect, it } from 'vitest';
import { OggOpusMuxer } from '../../src/player/ogg-opus-muxer.ts';

/** 20 ms CELT fullband packets of assorted sizes, including ones that need several lacing values. */
const packets = Array.from({ length: 137 }, (_, i) => {
  const packet = Buffer.alloc([3, 254, 255, 256, 510, 1275][i % 6]!, i);
  packet[0] = 31 << 3;
  return packet;
});

async function mux(input: Buffer[]): Promise<Buffer> {
  return Buffer.concat(
    await Readable.from(input)
      .pipe(new OggOpusMuxer({ serial: 7 }))
      .toArray(),
  );
}

describe('OggOpusMuxer', () => {
  it('round-trips through prism OggDemuxer packet for packet', async () => {
    const ogg = await mux(packets);
    const demuxer = new prism.opus.OggDemuxer();
    const heads: Buffer[] = [];
    demuxer.on('head', (head: Buffer) => heads.push(head));
    const out = (await Readable.from([ogg]).pipe(demuxer).toArray()) as Buffer[];
    expect(heads[0]!.subarray(0, 8).toString()).toBe('OpusHead');
    expect(out).toEqual(packets);
  });

  it('writes pages with valid checksums and granule positions', async () => {
    const ogg = await mux(packets);
    let offset = 0;
    let lastGranule = 0n;
    let pages = 0;
    while (offset < ogg.length) {
      expect(ogg.subarray(offset, offset + 4).toString('latin1')).toBe('OggS');
      const segments = ogg[offset + 26]!;
      let size = 27 + segments;
      for (let i = 0; i < segments; i++) size += ogg[offset + 27 + i]!;
      const page = Buffer.from(ogg.subarray(offset, offset + size));
      const stored = page.readUInt32LE(22);
      page.writeUInt32LE(0, 22);
      expect(stored).toBe(crc(page));
      lastGranule = page.readBigInt64LE(6);
      offset += size;
      pages++;
    }
    expect(pages).toBeGreaterThan(3);
    expect(lastGranule).toBe(BigInt(packets.length * 960));
  });
});

/** Bit-by-bit Ogg CRC, independent of the muxer's table. */
function crc(data: Buffer): number {
  let value = 0;
  for (const byte of data) {
    value ^= byte << 24;
    for (let bit = 0; bit < 8; bit++) value = value & 0x80000000 ? (value << 1) ^ 0x04c11db7 : value << 1;
    value >>>= 0;
  }
  return value;
}
