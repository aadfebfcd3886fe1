/**
 * Finds an ffmpeg that can do our job (run, and encode with libopus) and learns what it supports,
 * once per process. Order: FFMPEG_PATH → the optional `ffmpeg-static` package → `ffmpeg` on PATH →
 * the binary bundled in `@ffmpeg-installer/ffmpeg`. A system ffmpeg beats the bundled one: the
 * bundled build is from 2018 (no `reconnect_on_network_error`) and, measured with bench/audio.ts
 * here, costs 0.023 CPU-s per audio second against 0.009 for Debian's 5.1 — what limits how many
 * guilds a box can serve. (Being static it starts faster: 26 ms to the first packet against 96.)
 * The bundled one is last but always there, so a fresh install works without internet.
 */
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.ts';

export type FfmpegSource = 'FFMPEG_PATH' | 'ffmpeg-static' | 'PATH' | '@ffmpeg-installer/ffmpeg';

/** Input options for HTTP sources that we use when the build knows them. */
export const HTTP_INPUT_OPTIONS = [
  'reconnect',
  'reconnect_streamed',
  'reconnect_delay_max',
  'reconnect_on_network_error',
  'rw_timeout',
] as const;
export type HttpInputOption = (typeof HTTP_INPUT_OPTIONS)[number];

export interface FfmpegInfo {
  readonly path: string;
  readonly source: FfmpegSource;
  /** First line of `ffmpeg -version`, for logs and bug reports. */
  readonly version: string;
  /** Which of HTTP_INPUT_OPTIONS this build accepts; passing an unknown one makes ffmpeg fail. */
  readonly httpOptions: ReadonlySet<HttpInputOption>;
  /** A `nice` executable to start ffmpeg at lower priority with, or null (then os.setPriority is used). */
  readonly nicePath: string | null;
}

export interface FfmpegAttempt {
  source: FfmpegSource;
  path?: string;
  problem: string;
}

const HOW_TO_PROVIDE = [
  'set FFMPEG_PATH to an ffmpeg binary built with libopus',
  'or install the optional package: npm install ffmpeg-static (it downloads ffmpeg at install time, so it needs internet)',
  'or install ffmpeg with the system package manager (e.g. apt install ffmpeg) so `ffmpeg` is on PATH',
  'or reinstall dependencies (npm ci) to restore the ffmpeg bundled in @ffmpeg-installer/ffmpeg',
];

/** No usable ffmpeg: the one error an operator sees, listing what was tried and every way to fix it. */
export class FfmpegNotFoundError extends Error {
  override name = 'FfmpegNotFoundError';
  readonly code = 'ffmpeg_unavailable';

  constructor(readonly attempts: readonly FfmpegAttempt[]) {
    const tried = attempts.map((a) => `  - ${a.source}${a.path ? ` (${a.path})` : ''}: ${a.problem}`);
    const explicit = attempts.length === 1 && attempts[0]!.source === 'FFMPEG_PATH';
    super(
      [
        'No usable ffmpeg (with the libopus encoder) was found, so audio cannot be played.',
        'Tried:',
        ...tried,
        explicit
          ? 'Fix FFMPEG_PATH or unset it to let the bot find ffmpeg itself; ways to provide one:'
          : 'To fix:',
        ...HOW_TO_PROVIDE.map((line) => `  - ${line}`),
      ].join('\n'),
    );
  }
}

export interface LocateFfmpegOptions {
  /** `config.ffmpegPath` (FFMPEG_PATH). When set it is the only candidate: a typo must not be hidden. */
  ffmpegPath?: string;
  logger?: Logger;
  /** Directories searched for `ffmpeg` and `nice`; process.env.PATH by default (tests narrow it). */
  searchPath?: string;
}

const cache = new Map<string, Promise<FfmpegInfo>>();

/**
 * Resolves the ffmpeg to use, verified. The answer is cached per (FFMPEG_PATH, PATH); a failure is
 * not cached, so installing ffmpeg fixes the next play without a restart.
 */
export function locateFfmpeg(options: LocateFfmpegOptions = {}): Promise<FfmpegInfo> {
  const searchPath = options.searchPath ?? process.env.PATH ?? '';
  const key = `${options.ffmpegPath ?? ''}\0${searchPath}`;
  let found = cache.get(key);
  if (!found) {
    found = locate(options.ffmpegPath, searchPath);
    cache.set(key, found);
    found.then(
      (info) =>
        options.logger?.info(
          { ffmpeg: info.path, source: info.source, version: info.version },
          'ffmpeg found',
        ),
      () => cache.delete(key),
    );
  }
  return found;
}

async function locate(explicitPath: string | undefined, searchPath: string): Promise<FfmpegInfo> {
  const nicePath = await findOnPath('nice', searchPath);
  if (explicitPath) {
    const result = await verify('FFMPEG_PATH', explicitPath, nicePath);
    if ('problem' in result) throw new FfmpegNotFoundError([result]);
    return result;
  }

  const attempts: FfmpegAttempt[] = [];
  const candidates: Array<[FfmpegSource, () => Promise<string>]> = [
    ['ffmpeg-static', fromFfmpegStatic],
    ['PATH', () => fromPath(searchPath)],
    ['@ffmpeg-installer/ffmpeg', fromFfmpegInstaller],
  ];
  for (const [source, find] of candidates) {
    let binary: string;
    try {
      binary = await find();
    } catch (error) {
      attempts.push({ source, problem: describe(error) });
      continue;
    }
    const result = await verify(source, binary, nicePath);
    if (!('problem' in result)) return result;
    attempts.push(result);
  }
  throw new FfmpegNotFoundError(attempts);
}

async function fromFfmpegStatic(): Promise<string> {
  // A variable specifier keeps TypeScript and bundlers from requiring the package: it is optional.
  const name = 'ffmpeg-static';
  let binary: unknown;
  try {
    binary = ((await import(name)) as { default?: unknown }).default;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') throw new Error('not installed');
    throw error;
  }
  if (typeof binary !== 'string') throw new Error('installed, but it has no binary for this platform');
  return binary;
}

async function fromPath(searchPath: string): Promise<string> {
  const binary = await findOnPath('ffmpeg', searchPath);
  if (!binary) throw new Error('no ffmpeg on PATH');
  return binary;
}

async function fromFfmpegInstaller(): Promise<string> {
  const name = '@ffmpeg-installer/ffmpeg';
  try {
    const mod = (await import(name)) as { default?: { path?: unknown } };
    if (typeof mod.default?.path !== 'string') throw new Error('the package reported no binary path');
    return mod.default.path;
  } catch (error) {
    // The package throws a plain string when its platform binary (an optional dependency) is absent.
    if (typeof error === 'string') throw new Error(error);
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') throw new Error('not installed');
    throw error;
  }
}

/** An executable file called `name` in one of the PATH directories, or null. */
export async function findOnPath(name: string, searchPath: string): Promise<string | null> {
  const names = process.platform === 'win32' ? [`${name}.exe`, name] : [name];
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    for (const file of names) {
      const candidate = path.join(dir, file);
      try {
        if ((await stat(candidate)).isFile()) {
          await access(candidate, constants.X_OK);
          return candidate;
        }
      } catch {
        // Not here; keep looking.
      }
    }
  }
  return null;
}

async function verify(
  source: FfmpegSource,
  binary: string,
  nicePath: string | null,
): Promise<FfmpegInfo | FfmpegAttempt> {
  const failed = (problem: string): FfmpegAttempt => ({ source, path: binary, problem });
  let version: string;
  try {
    version = (await run(binary, ['-hide_banner', '-version'])).split('\n', 1)[0]!.trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return failed('file not found');
    if (code === 'EACCES') return failed('not executable (check its permissions)');
    return failed(`does not run: ${describe(error)}`);
  }
  if (!version.startsWith('ffmpeg version')) return failed(`not an ffmpeg binary (it printed "${version}")`);

  try {
    // -encoders is small; -h full (~1 MB) is the one listing that older builds all support and that
    // names the http protocol's options, so read it once here rather than guessing from versions.
    const [encoders, help] = await Promise.all([
      run(binary, ['-hide_banner', '-encoders']),
      run(binary, ['-hide_banner', '-h', 'full']),
    ]);
    if (!/^\s*A\S*\s+libopus\s/m.test(encoders)) return failed('built without the libopus encoder');
    const httpOptions = new Set<HttpInputOption>(
      HTTP_INPUT_OPTIONS.filter((option) => new RegExp(`^\\s+-${option}\\s`, 'm').test(help)),
    );
    return { path: binary, source, version, httpOptions, nicePath };
  } catch (error) {
    return failed(`could not list its capabilities: ${describe(error)}`);
  }
}

function run(binary: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      args,
      { timeout: 15_000, maxBuffer: 16 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => (error ? reject(error) : resolve(`${stdout}${stderr}`)),
    );
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split('\n', 1)[0]! : String(error);
}
