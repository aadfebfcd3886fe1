/**
 * The reference sink on a real @discordjs/voice AudioPlayer without a voice connection
 * (NoSubscriberBehavior.Play): it must pace at 20 ms per packet and report how each stream ended.
 */
import { Readable } from 'node:stream';
import { NoSubscriberBehavior } from '@discordjs/voice';
import { describe, expect, it } from 'vitest';
import { AudioPlayerSink } from '../../src/queue/audio-player-sink.ts';

/** An Opus packet the player passes on untouched (the player never decodes). */
const PACKET = Buffer.from([0xf8, 0xff, 0xfe]);

function packets(count: number, counter?: { read: number }): Readable {
  let left = count;
  return new Readable({
    objectMode: true,
    highWaterMark: 2,
    read() {
      if (left-- <= 0) return void this.push(null);
      if (counter) counter.read++;
      this.push(PACKET);
    },
  });
}

const sink = (maxMissedFrames?: number) =>
  new AudioPlayerSink({
    noSubscriber: NoSubscriberBehavior.Play,
    ...(maxMissedFrames ? { maxMissedFrames } : {}),
  });

describe('AudioPlayerSink', () => {
  it('consumes a stream in real time and reports it finished', async () => {
    const started = Date.now();
    const playback = sink().play(packets(50));
    expect(await playback.done).toEqual({ reason: 'finished' });
    const elapsed = Date.now() - started;
    // 50 packets of 20 ms, plus the player's 5 silence frames of padding.
    expect(elapsed).toBeGreaterThan(950);
    expect(elapsed).toBeLessThan(1600);
    expect(playback.playedMs()).toBe(1000);
  });

  it('reads nothing while paused and continues on resume', async () => {
    const s = sink();
    const counter = { read: 0 };
    const playback = s.play(packets(40, counter));
    await new Promise((resolve) => setTimeout(resolve, 300));
    s.pause();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const atPause = counter.read;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(counter.read).toBe(atPause);
    const resumedAt = Date.now();
    s.resume();
    expect(await playback.done).toEqual({ reason: 'finished' });
    expect(Date.now() - resumedAt).toBeGreaterThan((40 - atPause) * 20 - 150);
  });

  it('keeps a pause asked for before the first packet', async () => {
    const s = sink();
    const counter = { read: 0 };
    s.play(packets(40, counter));
    s.pause();
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The player reads the first packet to leave Buffering, then stays paused.
    expect(counter.read).toBeLessThanOrEqual(3);
    expect(s.player.state.status).toBe('paused');
    s.stop();
  });

  it('stop() and a replacing play() end the stream as stopped and destroy it', async () => {
    const s = sink();
    const first = packets(500);
    const one = s.play(first);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const two = s.play(packets(500));
    expect(await one.done).toEqual({ reason: 'stopped' });
    expect(first.destroyed).toBe(true);
    s.stop();
    expect(await two.done).toEqual({ reason: 'stopped' });
  });

  it('reports the stream’s own error', async () => {
    const failing = packets(500);
    const playback = sink().play(failing);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const cause = new RangeError('ffmpeg gave up');
    failing.destroy(cause);
    const end = await playback.done;
    expect(end).toEqual({ reason: 'error', error: cause });
  });

  it('reports a stream that stops delivering as an error, not as the end of the track', async () => {
    const stalled = new Readable({ objectMode: true, read() {} });
    stalled.push(PACKET);
    const end = await sink(10).play(stalled).done;
    expect(end.reason).toBe('error');
  });
});
