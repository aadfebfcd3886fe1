import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegNotFoundError, findOnPath, locateFfmpeg } from '../../src/player/ffmpeg-locator.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ffmpeg-locator-'));
  // An ffmpeg that runs but was built without libopus (some minimal builds are).
  const noOpus = path.join(dir, 'ffmpeg-no-opus');
  await writeFile(
    noOpus,
    '#!/bin/sh\ncase "$*" in\n  *-version*) echo "ffmpeg version 9.9-test";;\n  *-encoders*) echo " A..... aac   AAC";;\nesac\n',
  );
  await chmod(noOpus, 0o755);
  await writeFile(path.join(dir, 'not-executable'), 'data');
});

afterAll(() => rm(dir, { recursive: true, force: true }));

async function failure(promise: Promise<unknown>): Promise<FfmpegNotFoundError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FfmpegNotFoundError);
  return error as FfmpegNotFoundError;
}

describe('locateFfmpeg', () => {
  it('finds a working ffmpeg with libopus and learns its HTTP options', async () => {
    const info = await locateFfmpeg();
    expect(info.version).toMatch(/^ffmpeg version/);
    expect(info.httpOptions.has('reconnect')).toBe(true);
    // Cached: the same answer without probing again.
    expect(await locateFfmpeg()).toBe(info);
  });

  it('falls back to the bundled binary when nothing else is there', async () => {
    const info = await locateFfmpeg({ searchPath: '' });
    expect(info.source).toBe('@ffmpeg-installer/ffmpeg');
    expect(info.path).toContain('@ffmpeg-installer');
    // No PATH, no `nice`: transcode lowers the priority with os.setPriority instead.
    expect(info.nicePath).toBeNull();
    // The 2018 build predates reconnect_on_network_error; it must not be passed to it.
    expect(info.httpOptions.has('reconnect_on_network_error')).toBe(false);
    expect(info.httpOptions.has('reconnect_delay_max')).toBe(true);
  });

  it('uses FFMPEG_PATH when set', async () => {
    const system = await findOnPath('ffmpeg', process.env.PATH ?? '');
    const bundled = (await locateFfmpeg({ searchPath: '' })).path;
    const info = await locateFfmpeg({ ffmpegPath: system ?? bundled });
    expect(info.source).toBe('FFMPEG_PATH');
    expect(info.path).toBe(system ?? bundled);
  });

  it('fails with one error naming the bad FFMPEG_PATH and every way to provide ffmpeg', async () => {
    const missing = path.join(dir, 'no-such-ffmpeg');
    const error = await failure(locateFfmpeg({ ffmpegPath: missing }));
    expect(error.code).toBe('ffmpeg_unavailable');
    expect(error.attempts).toEqual([{ source: 'FFMPEG_PATH', path: missing, problem: 'file not found' }]);
    expect(error.message).toContain(`FFMPEG_PATH (${missing}): file not found`);
    expect(error.message).toContain('npm install ffmpeg-static');
    expect(error.message).toContain('on PATH');
    expect(error.message).toContain('@ffmpeg-installer/ffmpeg');
    // An explicit setting is not silently replaced by another ffmpeg.
    expect(error.attempts).toHaveLength(1);
  });

  it('explains why a file at FFMPEG_PATH is unusable', async () => {
    const notExecutable = await failure(locateFfmpeg({ ffmpegPath: path.join(dir, 'not-executable') }));
    expect(notExecutable.attempts[0]!.problem).toMatch(/not executable/);

    const notFfmpeg = await failure(locateFfmpeg({ ffmpegPath: '/bin/true' }));
    expect(notFfmpeg.attempts[0]!.problem).toMatch(/not an ffmpeg binary/);

    const noOpus = await failure(locateFfmpeg({ ffmpegPath: path.join(dir, 'ffmpeg-no-opus') }));
    expect(noOpus.attempts[0]!.problem).toBe('built without the libopus encoder');
  });

  it('does not cache a failure, so fixing the setting works without a restart', async () => {
    const target = path.join(dir, 'appears-later');
    await failure(locateFfmpeg({ ffmpegPath: target }));
    const bundled = (await locateFfmpeg({ searchPath: '' })).path;
    await writeFile(target, `#!/bin/sh\nexec "${bundled}" "$@"\n`);
    await chmod(target, 0o755);
    expect((await locateFfmpeg({ ffmpegPath: target })).path).toBe(target);
  });
});
