/**
 * Finished transcodes kept on disk as standard `.opus` files, keyed by (song id, quality), so a
 * replay costs no ffmpeg at all: perf.md measured 50 cached streams at ~0.15% of a core each and
 * under 1 ms to the first packet, against ~1.5% and ~90 ms for a transcode. Bounded by total size;
 * the least recently played files go first. Recency is the files' mtime, so it survives restarts.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, stat, unlink, utimes } from 'node:fs/promises';
import path from 'node:path';
import { finished, pipeline, type Readable, Transform } from 'node:stream';
import { LRUCache } from 'lru-cache';
import prism from 'prism-media';
import type { Logger } from '../logger.ts';
import { OggOpusMuxer } from './ogg-opus-muxer.ts';
import { OPUS_SAMPLE_RATE, opusPacketSamples } from './opus-packet.ts';
import type { PacketRecorder } from './resilient-stream.ts';

export interface OpusCacheKey {
  songId: string | number;
  /** The NetEase quality level the song was fetched at (standard, exhigh, lossless…). */
  quality: string;
}

export interface OpusCacheOptions {
  dir: string;
  maxBytes: number;
  logger?: Logger;
}

const EXTENSION = '.opus';
const TEMP_EXTENSION = '.tmp';

function fileNameFor(key: OpusCacheKey): string {
  // Ids and quality names are plain words; anything else is flattened so a key can never escape the directory.
  const safe = (part: string | number) => String(part).replace(/[^A-Za-z0-9_-]/g, '_');
  return `${safe(key.songId)}-${safe(key.quality)}${EXTENSION}`;
}

export class OpusCache {
  private readonly files: LRUCache<string, number>;

  private constructor(
    private readonly dir: string,
    private readonly maxBytes: number,
    private readonly logger?: Logger,
  ) {
    this.files = new LRUCache<string, number>({
      maxSize: maxBytes,
      sizeCalculation: (size) => Math.max(1, size),
      // 'set' means a newer file was renamed over the same name: that file must stay.
      dispose: (_size, name, reason) => {
        if (reason === 'evict' || reason === 'delete') {
          unlink(path.join(this.dir, name)).catch(() => {});
        }
      },
    });
  }

  /** Opens (creating) the cache directory and indexes what an earlier run left there. */
  static async open(options: OpusCacheOptions): Promise<OpusCache> {
    const cache = new OpusCache(options.dir, options.maxBytes, options.logger);
    await mkdir(options.dir, { recursive: true });
    const found: Array<{ name: string; size: number; mtimeMs: number }> = [];
    for (const name of await readdir(options.dir)) {
      const file = path.join(options.dir, name);
      if (name.endsWith(TEMP_EXTENSION)) {
        // Left by a run that stopped mid-song.
        await unlink(file).catch(() => {});
      } else if (name.endsWith(EXTENSION)) {
        const info = await stat(file).catch(() => undefined);
        if (info?.isFile()) found.push({ name, size: info.size, mtimeMs: info.mtimeMs });
      }
    }
    // Oldest first, so the most recently played end up most recently used.
    found.sort((a, b) => a.mtimeMs - b.mtimeMs);
    for (const { name, size } of found) cache.add(name, size);
    return cache;
  }

  /** Bytes held. */
  get size(): number {
    return this.files.calculatedSize;
  }

  has(key: OpusCacheKey): boolean {
    return this.files.has(fileNameFor(key));
  }

  /**
   * The cached song as Opus packets (for `StreamType.Opus`), from `startMs` on, or null on a miss.
   * Seeking skips packets (20 ms each), so it costs no ffmpeg either.
   */
  async read(key: OpusCacheKey, options: { startMs?: number } = {}): Promise<Readable | null> {
    const name = fileNameFor(key);
    if (this.files.get(name) === undefined) return null;
    const file = path.join(this.dir, name);
    const now = new Date();
    try {
      // Opening now means a later eviction (unlink) cannot cut this read short.
      const source = createReadStream(file);
      await new Promise<void>((resolve, reject) =>
        source.once('open', () => resolve()).once('error', reject),
      );
      void utimes(file, now, now).catch(() => {});
      const demuxer = new prism.opus.OggDemuxer();
      const skip = skipTo(options.startMs ?? 0);
      return pipeline(source, demuxer, skip, () => {}) as Readable;
    } catch {
      // Deleted behind our back: forget it.
      this.files.delete(name);
      return null;
    }
  }

  /**
   * Starts recording a song as it plays; pass it as the resilient stream's `recorder`. The file
   * appears (atomically) on commit, and only if the song played through untouched.
   */
  record(key: OpusCacheKey): PacketRecorder & { readonly done: Promise<boolean> } {
    const name = fileNameFor(key);
    const temp = path.join(
      this.dir,
      `${name}.${process.pid}-${randomBytes(4).toString('hex')}${TEMP_EXTENSION}`,
    );
    const muxer = new OggOpusMuxer();
    const out = createWriteStream(temp);
    muxer.pipe(out);
    let state: 'recording' | 'committed' | 'aborted' = 'recording';
    let settle: (stored: boolean) => void = () => {};
    const done = new Promise<boolean>((resolve) => {
      settle = resolve;
    });
    const discard = () => {
      muxer.destroy();
      const cleanup = () => {
        unlink(temp)
          .catch(() => {})
          .then(() => settle(false));
      };
      // The file is created asynchronously: unlink only once the stream has opened and closed it.
      if (out.closed) cleanup();
      else {
        out.once('close', cleanup);
        out.destroy();
      }
    };

    return {
      done,
      write: (packet) => {
        // Disk is far faster than 50 packets/s, so there is no backpressure to honour here.
        if (state === 'recording') muxer.write(packet);
      },
      abort: () => {
        if (state !== 'recording') return;
        state = 'aborted';
        discard();
      },
      commit: () => {
        if (state !== 'recording') return;
        state = 'committed';
        muxer.end();
        finished(out, (error) => {
          if (error) {
            this.logger?.warn({ err: error, file: temp }, 'could not write to the audio cache');
            discard();
            return;
          }
          void this.store(name, temp).then(settle);
        });
      },
    };
  }

  private async store(name: string, temp: string): Promise<boolean> {
    try {
      const { size } = await stat(temp);
      if (size > this.maxBytes) {
        await unlink(temp);
        return false;
      }
      await rename(temp, path.join(this.dir, name));
      this.add(name, size);
      return true;
    } catch (error) {
      this.logger?.warn({ err: error, file: temp }, 'could not store a song in the audio cache');
      await unlink(temp).catch(() => {});
      return false;
    }
  }

  private add(name: string, size: number): void {
    if (size > this.maxBytes) {
      unlink(path.join(this.dir, name)).catch(() => {});
      return;
    }
    this.files.set(name, size);
  }
}

/** Drops packets before `startMs`. */
function skipTo(startMs: number): Transform {
  let skipSamples = (startMs * OPUS_SAMPLE_RATE) / 1000;
  return new Transform({
    objectMode: true,
    transform(packet: Buffer, _encoding, callback) {
      if (skipSamples > 0) {
        skipSamples -= opusPacketSamples(packet);
        return callback();
      }
      callback(null, packet);
    },
  });
}
