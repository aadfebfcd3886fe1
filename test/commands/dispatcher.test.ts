import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { defineCommand } from '../../src/commands/command.ts';
import { createDispatcher } from '../../src/commands/dispatcher.ts';
import { UserError } from '../../src/commands/errors.ts';
import type { Reply } from '../../src/commands/reply.ts';
import { plainText } from '../../src/commands/rich-text.ts';
import { makeContext } from '../helpers/command-context.ts';

const d = { en: 'x', zh: 'x' };

function textOf(reply: Reply | undefined): string {
  if (reply?.kind !== 'text') throw new Error(`expected a text reply, got ${reply?.kind}`);
  return plainText(reply.text);
}

function memoryStore() {
  const map = new Map<string, unknown>();
  return {
    get: async (key: string) => map.get(key),
    set: async (key: string, value: unknown) => void map.set(key, value),
  };
}

const echo = defineCommand({
  name: 'echo',
  description: d,
  options: { words: { type: 'string', description: d, required: true, rest: true } },
  async run(_ctx, args) {
    return { kind: 'text', text: args.words };
  },
  actions: {
    shout: async (_ctx, args) => ({ kind: 'text', text: String(args.w).toUpperCase() }),
  },
  async autocomplete() {
    throw new Error('suggestions are down');
  },
});
const secret = defineCommand({
  name: 'secret',
  description: d,
  options: {},
  needs: ['private', 'login'],
  run: async () => ({ kind: 'text', text: 'ok' }),
});
const boom = defineCommand({
  name: 'boom',
  description: d,
  options: {},
  run: async () => {
    throw new TypeError('cannot read properties of undefined');
  },
});
const stop = defineCommand({
  name: 'stop',
  description: d,
  options: {},
  djOnly: true,
  run: async () => undefined,
});
const teapot = defineCommand({
  name: 'teapot',
  description: d,
  options: {},
  run: async () => {
    throw Object.assign(new Error('upstream'), { upstream: true });
  },
});

function setup(loggedIn = false) {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const dispatcher = createDispatcher({
    commands: [echo, secret, boom, stop, teapot],
    actionStore: memoryStore(),
    logger,
    hasLogin: async () => loggedIn,
    explain: (error) =>
      error instanceof Error && 'upstream' in error ? new UserError('error.netease_network') : undefined,
    rateLimit: { burst: 3, perSecond: 0.01 },
  });
  return { dispatcher, lines };
}

describe('dispatcher', () => {
  it('parses text arguments and runs the command', async () => {
    const { dispatcher } = setup();
    const { ctx } = makeContext({});
    expect(textOf(await dispatcher.runText(ctx, 'ECHO', '晴天  周杰伦'))).toBe('晴天 周杰伦');
  });

  it('answers an unknown command and a missing argument in the user language', async () => {
    const { dispatcher } = setup();
    const { ctx } = makeContext({}, { locale: 'zh' });
    expect(textOf(await dispatcher.runText(ctx, 'dance', ''))).toBe('没有 `dance` 这个命令。试试 `help`。');
    const missing = await dispatcher.runValues(ctx, 'echo', {});
    expect(textOf(missing)).toContain('缺少 `words`');
    expect(missing).toMatchObject({ private: true });
  });

  it('refuses private commands in a group unless the adapter can open a private chat', async () => {
    const { dispatcher } = setup(true);
    const group = makeContext({});
    expect(textOf(await dispatcher.runText(group.ctx, 'secret', ''))).toContain('private chat');
    const dmCapable = makeContext(
      {},
      {
        capabilities: {
          voice: true,
          audioFiles: false,
          editMessages: true,
          buttons: true,
          openPrivateChat: true,
        },
      },
    );
    expect(textOf(await dispatcher.runText(dmCapable.ctx, 'secret', ''))).toBe('ok');
  });

  it('asks for a login when a command needs one', async () => {
    const { dispatcher } = setup(false);
    const { ctx } = makeContext({}, { chat: { id: 'dm', private: true } });
    expect(textOf(await dispatcher.runText(ctx, 'secret', ''))).toContain('Use `login`');
  });

  it('keeps DJ-only commands for DJs', async () => {
    const { dispatcher } = setup();
    const { ctx } = makeContext({}, { isDj: async () => false });
    expect(textOf(await dispatcher.runText(ctx, 'stop', ''))).toContain('Only DJs');
  });

  it('logs unexpected failures with an id and answers with the same id', async () => {
    const { dispatcher, lines } = setup();
    const { ctx } = makeContext({});
    const text = textOf(await dispatcher.runText(ctx, 'boom', ''));
    const id = /error id (\w+)/.exec(text)?.[1];
    expect(id).toMatch(/^[0-9a-f]{6}$/);
    const logged = lines.find((line) => line.errorId === id);
    expect(logged).toMatchObject({ level: 50, what: 'command boom', user: 'test:1' });
    expect(JSON.stringify(logged)).toContain('cannot read properties');
  });

  it('explains known upstream failures instead of apologising', async () => {
    const { dispatcher, lines } = setup();
    const { ctx } = makeContext({});
    expect(textOf(await dispatcher.runText(ctx, 'teapot', ''))).toBe(
      'NetEase could not be reached. Please try again shortly.',
    );
    expect(lines.filter((line) => line.level === 50)).toHaveLength(0);
  });

  it('rate-limits a flooding user without affecting another', async () => {
    const { dispatcher } = setup();
    const flooder = makeContext({});
    for (let i = 0; i < 3; i++)
      expect(textOf(await dispatcher.runText(flooder.ctx, 'echo', 'hi'))).toBe('hi');
    expect(textOf(await dispatcher.runText(flooder.ctx, 'echo', 'hi'))).toMatch(
      /Slow down.*try again in \d+ s/,
    );
    const other = makeContext({}, { user: { key: 'test:2', id: '2', name: 'Other' } });
    expect(textOf(await dispatcher.runText(other.ctx, 'echo', 'hi'))).toBe('hi');
  });

  it('routes button payloads to command actions and rejects stale ones', async () => {
    const { dispatcher } = setup();
    const { ctx } = makeContext({});
    const payload = await dispatcher.encodeAction({ command: 'echo', name: 'shout', args: { w: 'loud' } });
    expect(textOf(await dispatcher.runAction(ctx, payload))).toBe('LOUD');
    expect(textOf(await dispatcher.runAction(ctx, 'echo|missing|{}'))).toContain('expired');
    expect(textOf(await dispatcher.runAction(ctx, '~gone'))).toContain('expired');
  });

  it('turns autocomplete failures into an empty list', async () => {
    const { dispatcher } = setup();
    const { ctx } = makeContext({});
    expect(await dispatcher.autocomplete(ctx, 'echo', 'words', 'qing')).toEqual([]);
    expect(await dispatcher.autocomplete(ctx, 'stop', 'x', '')).toEqual([]);
  });
});
