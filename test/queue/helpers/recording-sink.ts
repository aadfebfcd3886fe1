/**
 * The reference sink (an AudioPlayer with nobody subscribed that still consumes in real time,
 * 20 ms per packet) with a tap that records every packet the player pulls, and when. Tests read
 * the recording to check what was heard: how much, how loud, and when it changed.
 */
import { pipeline, type Readable, Transform } from 'node:stream';
import { NoSubscriberBehavior } from '@discordjs/voice';
import { AudioPlayerSink } from '../../../src/queue/audio-player-sink.ts';
import type { SinkPlayback, VoiceSink } from '../../../src/queue/voice-sink.ts';

export interface RecordedPacket {
  at: number;
  packet: Buffer;
  /** Which play() call it belongs to (1-based). */
  play: number;
}

export class RecordingSink implements VoiceSink {
  readonly inner = new AudioPlayerSink({ noSubscriber: NoSubscriberBehavior.Play });
  readonly packets: RecordedPacket[] = [];
  plays = 0;
  /** Called for every packet as the player pulls it. */
  onPacket?: (packet: RecordedPacket) => void;

  play(stream: Readable): SinkPlayback {
    const play = ++this.plays;
    // highWaterMark 1: the tap must not buffer ahead, or positions and seeks would lag.
    const tap = new Transform({
      objectMode: true,
      highWaterMark: 1,
      transform: (packet: Buffer, _encoding, callback) => {
        const recorded = { at: Date.now(), packet, play };
        this.packets.push(recorded);
        this.onPacket?.(recorded);
        callback(null, packet);
      },
    });
    // Errors travel to the tap (so the sink sees them), and destroying the tap ends the source.
    pipeline(stream, tap, () => {});
    return this.inner.play(tap);
  }

  pause(): void {
    this.inner.pause();
  }

  resume(): void {
    this.inner.resume();
  }

  stop(): void {
    this.inner.stop();
  }

  /** Packets recorded in [from, to) (ms timestamps). */
  between(from: number, to = Number.POSITIVE_INFINITY): Buffer[] {
    return this.packets.filter((p) => p.at >= from && p.at < to).map((p) => p.packet);
  }
}
