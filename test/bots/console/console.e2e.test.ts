import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SONGS, USERS } from '../../fakes/netease/catalog.ts';
import { type FakeNetease, startFakeNetease } from '../../fakes/netease/server.ts';
import { runBot } from '../../helpers/spawn-bot.ts';

const WEAPI_KEY = 'consoleE2eKey001';

describe('console adapter, as a child process fed by a pipe', () => {
  let fake: FakeNetease;
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    fake = await startFakeNetease();
    fake.registerWeapiKey(WEAPI_KEY);
    dataDir = await mkdtemp(path.join(tmpdir(), 'console-e2e-'));
    env = {
      NETEASE_BASE_URL: fake.baseUrl,
      NETEASE_WEAPI_KEY: WEAPI_KEY,
      DATA_DIR: dataDir,
      SESSION_SECRET: 'console-e2e-secret-0123456789',
      DEFAULT_LANGUAGE: 'en',
    };
  });

  afterAll(async () => {
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs commands in order, follows up on lists, and exits 0 at the end of input', async () => {
    const run = await runBot(
      ['console'],
      env,
      '/search 晴天\nlyrics 186016\ntop\npick 4\nnext\ncomments 186016\nnonsense\n',
    );
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain('1. 晴天 — 周杰伦');
    expect(out).toContain('I fold the sunny day into a paper plane');
    expect(out).toMatch(/4\. 热歌榜/);
    // `pick 4` opened the fourth chart, and `next` paged through it.
    expect(out).toMatch(/热歌榜 · NetEase chart[\s\S]*page 2\//);
    expect(out).toContain('68 comments');
    expect(out).toContain('There is no command `nonsense`');
    // Replies come in the order the commands were typed.
    expect(out.indexOf('晴天 — 周杰伦')).toBeLessThan(out.indexOf('I fold the sunny day'));
  });

  it('logs in by QR code, keeps the login encrypted on disk, and uses it in the next run', async () => {
    fake.qr.auto({ scanAfterPolls: 1, confirmAfterPolls: 2, user: 'vip' });
    const login = await runBot(['console'], env, 'login\n', 60_000);
    expect(login.code).toBe(0);
    expect(login.stdout).toContain('https://music.163.com/login?codekey=');
    expect(login.stdout).toMatch(/Logged in as .*VIP/);
    // The process waited for the poll to finish before exiting, and the cookie never got printed.
    expect(login.stdout + login.stderr).not.toMatch(/MUSIC_U|music_u=/i);

    const stored = await readFile(path.join(dataDir, 'sessions.json'), 'utf8').catch(() => '');
    expect(stored).not.toBe('');
    expect(stored).not.toContain(USERS.vip.nickname);
    expect(stored).not.toMatch(/MUSIC_U/);

    const next = await runBot(['console'], env, 'me\ndaily\n');
    expect(next.code).toBe(0);
    expect(next.stdout).toContain(USERS.vip.nickname);
    expect(next.stdout).not.toContain('Use `login`');
  });

  it('answers a grey song and a dead id clearly', async () => {
    const run = await runBot(['console'], env, `search ${SONGS.grey.name}\nlyrics 999999999\n`);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/unavailable/);
    expect(run.stdout).toMatch(/NetEase has no song with that id|Nothing found|no song/i);
  });

  it('refuses a bad setting with one line naming it and exits 1', async () => {
    const run = await runBot(['console'], { ...env, NETEASE_REAL_IP: 'nowhere' }, '');
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('Configuration error: NETEASE_REAL_IP must be an IP address');
  });
});
