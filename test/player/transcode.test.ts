import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FfmpegInfo, locateFfmpeg } from '../../src/player/ffmpeg-locator.ts';
import {
  buildTranscodeArgs,
  describeExit,
  parseInputDurationMs,
  startTranscode,
} from '../../src/player/transcode.ts';
import { makeStaircaseMp3 } from './helpers/audio.ts';
import { type AudioServer, startAudioServer } from './helpers/audio-server.ts';

const fakeFfmpeg = (httpOptions: FfmpegInfo['httpOptions']): FfmpegInfo => ({
  path: '/usr/bin/ffmpeg',
  source: 'PATH',
  version: 'ffmpeg version test',
  httpOptions,
  nicePath: null,
});

describe('buildTranscodeArgs', () => {
  const all = fakeFfmpeg(new Set(['reconnect', 'reconnect_streamed', 'reconnect_delay_max', 'rw_timeout']));

  it('seeks on the output side, after -i (NetEase ignores input seeking)', () => {
    const args = buildTranscodeArgs({ ffmpeg: all, input: 'https://cdn.example/a.mp3', startMs: 83_250 });
    const input = args.indexOf('-i');
    const seek = args.indexOf('-ss');
    expect(seek).toBeGreaterThan(input);
    expect(args[seek + 1]).toBe('83.250');
  });

  it('passes only the reconnect options this ffmpeg knows, and only for network input', () => {
    const args = buildTranscodeArgs({ ffmpeg: fakeFfmpeg(new Set(['reconnect'])), input: 'http://x/a.mp3' });
    expect(args.slice(0, args.indexOf('-i'))).toContain('-reconnect');
    expect(args).not.toContain('-reconnect_streamed');
    expect(args).not.toContain('-reconnect_on_network_error');

    const full = buildTranscodeArgs({ ffmpeg: all, input: 'http://x/a.mp3' }).join(' ');
    expect(full).toContain('-reconnect 1 -reconnect_streamed 1 -reconnect_delay_max 2');

    expect(buildTranscodeArgs({ ffmpeg: all, input: '/tmp/a.mp3' })).not.toContain('-reconnect');
  });

  it('applies volume as an ffmpeg filter only when it changes anything', () => {
    expect(buildTranscodeArgs({ ffmpeg: all, input: 'a.mp3' })).not.toContain('-af');
    const args = buildTranscodeArgs({ ffmpeg: all, input: 'a.mp3', volume: 0.35 });
    expect(args[args.indexOf('-af') + 1]).toBe('volume=0.350');
  });

  it('writes 48 kHz stereo Ogg/Opus to stdout', () => {
    const args = buildTranscodeArgs({ ffmpeg: all, input: 'a.mp3' }).join(' ');
    expect(args).toContain('-ac 2 -ar 48000 -c:a libopus -b:a 128k');
    expect(args).toMatch(/-f ogg pipe:1$/);
  });

  it('rejects nonsense positions and volumes', () => {
    expect(() => buildTranscodeArgs({ ffmpeg: all, input: 'a.mp3', startMs: -1 })).toThrow(RangeError);
    expect(() => buildTranscodeArgs({ ffmpeg: all, input: 'a.mp3', volume: Number.NaN })).toThrow(RangeError);
  });
});

describe('parseInputDurationMs', () => {
  it('reads the input duration from the log', () => {
    expect(parseInputDurationMs("Input #0, mp3, from 'x':\n  Duration: 00:04:05.43, start: 0.025")).toBe(
      245_430,
    );
    expect(parseInputDurationMs('Duration: N/A, bitrate: N/A')).toBeUndefined();
  });
});

describe('startTranscode', () => {
  let ffmpeg: FfmpegInfo;
  let server: AudioServer;
  let track: Buffer;
  /** Long enough that its Ogg output (~320 KB) cannot fit in the pipe, so ffmpeg stays alive. */
  let long: Buffer;

  beforeAll(async () => {
    ffmpeg = await locateFfmpeg();
    [track, long] = await Promise.all([makeStaircaseMp3(ffmpeg.path, 6), makeStaircaseMp3(ffmpeg.path, 20)]);
    server = await startAudioServer();
  });
  afterAll(() => server?.close());

  it('produces Ogg/Opus from an HTTP source and reports the input duration', async () => {
    const url = server.route('/t/ok.mp3', { kind: 'file', data: track });
    const t = startTranscode({ ffmpeg, input: url });
    const ogg = Buffer.concat(await t.stdout.toArray());
    const exit = await t.exited;
    expect(exit.code).toBe(0);
    expect(ogg.subarray(0, 4).toString('latin1')).toBe('OggS');
    expect(ogg.includes('OpusHead')).toBe(true);
    expect(exit.inputDurationMs).toBeGreaterThan(5900);
    expect(exit.inputDurationMs).toBeLessThan(6100);
  });

  it('runs ffmpeg at lower priority', async () => {
    const url = server.route('/t/nice.mp3', { kind: 'file', data: long });
    const controller = new AbortController();
    const t = startTranscode({ ffmpeg, input: url, signal: controller.signal });
    // /proc/<pid>/stat field 19 is the nice value; read it while ffmpeg is alive (blocked on the pipe).
    await new Promise((resolve) => t.stdout.once('readable', resolve));
    const stat = await readFile(`/proc/${t.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    expect(Number(fields[16])).toBe(10);
    controller.abort();
    await t.exited;
  });

  it('kills ffmpeg at once when aborted', async () => {
    const url = server.route('/t/abort.mp3', { kind: 'file', data: long });
    const controller = new AbortController();
    const t = startTranscode({ ffmpeg, input: url, signal: controller.signal });
    // Do not read stdout: ffmpeg blocks on the full pipe, like a paused player.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = performance.now();
    controller.abort();
    const exit = await t.exited;
    expect(exit.aborted).toBe(true);
    expect(exit.signal).toBe('SIGKILL');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('keeps the cause of a failure for the error message', async () => {
    const url = server.route('/t/expired.mp3', { kind: 'forbidden' });
    const t = startTranscode({ ffmpeg, input: url });
    t.stdout.resume();
    const exit = await t.exited;
    expect(exit.code).not.toBe(0);
    expect(describeExit(exit)).toMatch(/^ffmpeg exited with code \d+: .*403 Forbidden/);
  });

  it('reports a binary that cannot start instead of throwing', async () => {
    const t = startTranscode({
      ffmpeg: { ...ffmpeg, path: '/nonexistent/ffmpeg', nicePath: null },
      input: 'a.mp3',
    });
    const exit = await t.exited;
    expect(exit.error).toBeDefined();
    expect(describeExit(exit)).toMatch(/^ffmpeg could not start: .*ENOENT/);
  });
});
