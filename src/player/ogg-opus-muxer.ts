/**
 * Wraps Opus packets back into an Ogg Opus file (RFC 7845 over RFC 3533). The resilient stream
 * emits bare packets; this turns them into a standard `.opus` file that the cache can store, any
 * player (and ffmpeg, in tests) can read, and prism's OggDemuxer turns back into packets.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { OPUS_SAMPLE_RATE, opusPacketSamples } from './opus-packet.ts';

const CRC_TABLE = (() => {
  // Ogg's CRC-32: polynomial 0x04c11db7, not reflected, initial value 0, no final xor.
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i << 24;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
    table[i] = crc >>> 0;
  }
  return table;
})();

function oggCrc(data: Uint8Array): number {
  let crc = 0;
  for (const byte of data) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]!) >>> 0;
  return crc;
}

const HEADER_TYPE = { continued: 1, first: 2, last: 4 } as const;
/** Pages of about a second: few page headers, while a reader still gets data early. */
const PACKETS_PER_PAGE = 50;

export interface OggOpusMuxerOptions {
  channels?: number;
  /** Samples the decoder should drop at the start; 0 for packets whose priming was already counted. */
  preSkip?: number;
  serial?: number;
}

/** Object-mode writable side (one Opus packet per write), byte readable side. */
export class OggOpusMuxer extends Transform {
  private readonly serial: number;
  private sequence = 0;
  private granule = 0n;
  private pending: Buffer[] = [];
  private pendingSegments = 0;

  constructor(options: OggOpusMuxerOptions = {}) {
    super({ writableObjectMode: true });
    this.serial = options.serial ?? (Math.random() * 0x1_0000_0000) >>> 0;
    this.push(this.page([opusHead(options.channels ?? 2, options.preSkip ?? 0)], 0n, HEADER_TYPE.first));
    this.push(this.page([opusTags()], 0n, 0));
  }

  override _transform(packet: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const segments = Math.floor(packet.length / 255) + 1;
    // A page holds at most 255 lacing values; start a new one rather than split a packet.
    if (this.pendingSegments + segments > 255 || this.pending.length >= PACKETS_PER_PAGE) this.flushPage(0);
    this.pending.push(packet);
    this.pendingSegments += segments;
    this.granule += BigInt(opusPacketSamples(packet));
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.flushPage(HEADER_TYPE.last);
    callback();
  }

  private flushPage(type: number): void {
    if (this.pending.length === 0 && type !== HEADER_TYPE.last) return;
    // The granule of a page is the sample count at the end of its last complete packet.
    this.push(this.page(this.pending, this.granule, type));
    this.pending = [];
    this.pendingSegments = 0;
  }

  private page(packets: Buffer[], granule: bigint, type: number): Buffer {
    const lacing: number[] = [];
    for (const packet of packets) {
      for (let left = packet.length; ; left -= 255) {
        lacing.push(Math.min(left, 255));
        if (left < 255) break;
      }
    }
    const header = Buffer.alloc(27 + lacing.length);
    header.write('OggS', 0, 'latin1');
    header[4] = 0; // stream structure version
    header[5] = type;
    header.writeBigInt64LE(granule, 6);
    header.writeUInt32LE(this.serial, 14);
    header.writeUInt32LE(this.sequence++, 18);
    header[26] = lacing.length;
    Buffer.from(lacing).copy(header, 27);
    const page = Buffer.concat([header, ...packets]);
    page.writeUInt32LE(oggCrc(page), 22);
    return page;
  }
}

function opusHead(channels: number, preSkip: number): Buffer {
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'latin1');
  head[8] = 1; // version
  head[9] = channels;
  head.writeUInt16LE(preSkip, 10);
  head.writeUInt32LE(OPUS_SAMPLE_RATE, 12); // original rate, informational
  head.writeInt16LE(0, 16); // output gain
  head[18] = 0; // channel mapping family 0: mono or stereo
  return head;
}

function opusTags(): Buffer {
  const vendor = Buffer.from('netease-music-bot', 'utf8');
  const tags = Buffer.alloc(8 + 4 + vendor.length + 4);
  tags.write('OpusTags', 0, 'latin1');
  tags.writeUInt32LE(vendor.length, 8);
  vendor.copy(tags, 12);
  tags.writeUInt32LE(0, 12 + vendor.length); // no user comments
  return tags;
}
