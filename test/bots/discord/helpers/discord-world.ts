/**
 * The real bot process (`npx tsx src/main.ts`) against the loopback fake Discord and fake
 * NetEase: what a Discord end-to-end test starts in `beforeAll`. The bot trusts the fake's voice
 * certificate through NODE_EXTRA_CA_CERTS, talks to the fake NetEase with a fixed weapi key the
 * fake was told about, keeps its data in a temp DATA_DIR, and logs JSON lines that a failing test
 * prints (`world.logTail()`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  FAKE_IDS,
  type FakeDiscord,
  type FakeDiscordOptions,
  type FakeGuildInit,
  fakeCertEnv,
  type InteractionHandle,
  type StoredMessage,
  startFakeDiscord,
} from '../../../fakes/discord/server.ts';
import { type FakeNetease, startFakeNetease } from '../../../fakes/netease/server.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

/** The bot needs a while on a busy machine: tsx compiles on start, then logs in and registers. */
export const START_TIMEOUT_MS = 90_000;

export interface DiscordWorldOptions {
  fake?: FakeDiscordOptions;
  /** Register commands to this guild (DISCORD_GUILD_ID); null registers globally. */
  guildId?: string | null;
  /** Extra or overriding environment for the bot. */
  env?: Record<string, string>;
  /** Don't wait for commands to be registered (the bad-token test). */
  expectFailure?: boolean;
}

export interface BotProcess {
  readonly child: ChildProcess;
  readonly output: string[];
  exited: Promise<number | null>;
}

export interface DiscordWorld {
  discord: FakeDiscord;
  netease: FakeNetease;
  dataDir: string;
  bot: BotProcess;
  /** The bot's last log lines, for failure messages. */
  logTail(lines?: number): string;
  /** Stops the bot with SIGTERM (as a process manager would) and resolves with its exit code. */
  stopBot(timeoutMs?: number): Promise<number | null>;
  /** Stops the bot and starts a new process with the same settings and data; resolves with the old one's exit code. */
  restartBot(): Promise<number | null>;
  close(): Promise<void>;
}

function randomKey(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(16), (byte) => alphabet[byte % alphabet.length]).join('');
}

export function spawnBot(env: Record<string, string>): BotProcess {
  const child = spawn(TSX, ['src/main.ts'], {
    cwd: ROOT,
    // Only what the bot needs: a developer's own .env or tokens must not leak into a test.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LANG: 'en_US.UTF-8', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line) output.push(line);
    if (output.length > 5000) output.splice(0, output.length - 5000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => resolve(code));
  });
  return { child, output, exited };
}

export async function startDiscordWorld(options: DiscordWorldOptions = {}): Promise<DiscordWorld> {
  const discord = await startFakeDiscord(options.fake);
  const netease = await startFakeNetease();
  const weapiKey = randomKey();
  netease.registerWeapiKey(weapiKey);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'nmb-discord-'));
  const guildId = options.guildId === undefined ? FAKE_IDS.guild : options.guildId;
  const env: Record<string, string> = {
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.restUrl,
    ...(guildId ? { DISCORD_GUILD_ID: guildId } : {}),
    NETEASE_BASE_URL: netease.baseUrl,
    NETEASE_WEAPI_KEY: weapiKey,
    // The fake answers at once; the default 2 req/s would only make the tests slow.
    NETEASE_RATE_LIMIT: '100',
    DATA_DIR: dataDir,
    IDLE_TIMEOUT_SECONDS: '3',
    DEFAULT_LANGUAGE: 'en',
    LOG_LEVEL: process.env.BOT_LOG_LEVEL ?? 'info',
    LOG_FORMAT: 'json',
    ...fakeCertEnv(),
    ...options.env,
  };
  let bot = spawnBot(env);
  const world: DiscordWorld = {
    discord,
    netease,
    dataDir,
    get bot() {
      return bot;
    },
    logTail: (lines = 60) => bot.output.slice(-lines).join('\n'),
    async restartBot() {
      const code = await world.stopBot();
      bot = spawnBot(env);
      return code;
    },
    async stopBot(timeoutMs = 20_000) {
      if (bot.child.exitCode !== null || bot.child.signalCode !== null) return bot.child.exitCode;
      bot.child.kill('SIGTERM');
      const timer = setTimeout(() => bot.child.kill('SIGKILL'), timeoutMs);
      try {
        return await bot.exited;
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await world.stopBot();
      await discord.close();
      await netease.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  if (options.expectFailure) return world;
  try {
    const scope = guildId ?? null;
    await Promise.race([
      discord.waitFor(
        () => discord.commands(scope).length > 0,
        START_TIMEOUT_MS,
        'the bot to register its commands',
      ),
      bot.exited.then((code) => {
        throw new Error(`the bot exited with ${code} before it was ready`);
      }),
    ]);
  } catch (error) {
    const tail = world.logTail();
    await world.close();
    throw new Error(`${(error as Error).message}\n--- bot log ---\n${tail}`);
  }
  return world;
}

/** Waits for a message in a channel that satisfies `test` (current state, after edits). */
export function waitForMessage(
  discord: FakeDiscord,
  channelId: string,
  test: (message: StoredMessage) => boolean,
  timeoutMs = 20_000,
  what = 'a matching message',
): Promise<StoredMessage> {
  return discord.waitFor(() => discord.messages(channelId).find(test), timeoutMs, what);
}

/** Everything a message shows as text: content, embed titles, descriptions, fields and footers. */
export function textOf(message: StoredMessage | undefined): string {
  if (!message) return '';
  const parts = [message.content];
  for (const embed of message.embeds) {
    parts.push(embed.title ?? '', embed.description ?? '', embed.footer?.text ?? '');
    for (const field of embed.fields ?? []) parts.push(field.name, field.value);
  }
  return parts.filter(Boolean).join('\n');
}

/** The custom_ids of a message's buttons, with their labels. */
export function buttonsOf(message: StoredMessage | undefined): { label: string; customId: string }[] {
  if (!message) return [];
  return message.components.flatMap((row) =>
    (row.components ?? [])
      .filter(
        (component: { type: number; custom_id?: string }) => component.type === 2 && component.custom_id,
      )
      .map((component: { label?: string; custom_id: string }) => ({
        label: component.label ?? '',
        customId: component.custom_id,
      })),
  );
}

const LOADING = 128;
const EPHEMERAL = 64;

/**
 * What the user ended up seeing for an interaction: the reply once it is no longer "thinking",
 * or, when the bot replaced a public "thinking" message with a private answer (an error), the
 * follow-up that took its place. With `test`, waits until that answer passes it (edits count).
 * Generous wait: a busy machine is slow, not broken.
 */
export function settled(
  discord: FakeDiscord,
  handle: InteractionHandle,
  test: (message: StoredMessage) => boolean = () => true,
  timeoutMs = 30_000,
): Promise<StoredMessage> {
  return discord.waitFor(
    () => {
      const original = handle.original();
      const answer =
        original && !original.deleted && !(original.flags & LOADING)
          ? original
          : handle.followUps().find((message) => !message.deleted);
      return answer && test(answer) ? answer : undefined;
    },
    timeoutMs,
    `the answer to /${handle.payload?.data?.name ?? handle.payload?.data?.custom_id ?? handle.id}`,
  );
}

export function isEphemeral(message: StoredMessage): boolean {
  return (message.flags & EPHEMERAL) !== 0;
}

export { FAKE_IDS };

/** More listeners for tests that send many commands: the bot rate-limits each user to a few per second. */
export const LISTENERS = {
  alice: '900000000000000202',
  bob: '900000000000000203',
  carol: '900000000000000204',
} as const;

/**
 * The default world plus three listeners sitting in `Music` with the tester. `listener`
 * (FAKE_IDS.otherUser) stays out of voice. Extra guild fields (roles, members with roles) can be
 * passed to shape permissions.
 */
export function musicWorld(extra: Partial<FakeGuildInit> = {}): FakeDiscordOptions {
  const listeners = Object.entries(LISTENERS).map(([name, id]) => ({ id, username: name, globalName: name }));
  return {
    users: [
      { id: FAKE_IDS.user, username: 'tester', globalName: 'Tester' },
      { id: FAKE_IDS.otherUser, username: 'listener', globalName: 'Listener' },
      ...listeners,
    ],
    guilds: [
      {
        id: FAKE_IDS.guild,
        name: 'Fake Guild',
        channels: [
          { id: FAKE_IDS.textChannel, name: 'general', type: 'text' },
          { id: FAKE_IDS.voiceChannel, name: 'Music', type: 'voice' },
          { id: FAKE_IDS.otherVoiceChannel, name: 'Lounge', type: 'voice' },
        ],
        members: [FAKE_IDS.user, FAKE_IDS.otherUser, ...listeners.map((user) => user.id)],
        voiceStates: Object.fromEntries(
          [FAKE_IDS.user, ...listeners.map((user) => user.id)].map((id) => [id, FAKE_IDS.voiceChannel]),
        ),
        ...extra,
      },
    ],
  };
}
