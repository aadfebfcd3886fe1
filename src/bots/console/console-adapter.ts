import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CommandContext } from '../../commands/context.ts';
import type { Dispatcher } from '../../commands/dispatcher.ts';
import { UserError } from '../../commands/errors.ts';
import { type Locale, translator } from '../../commands/i18n/index.ts';
import type { ActionRef, ListReply, Reply } from '../../commands/reply.ts';
import type { Logger } from '../../logger.ts';
import { renderForConsole } from './render.ts';

export interface ConsoleOptions<S> {
  dispatcher: Dispatcher<S>;
  services: S;
  input: Readable;
  output: Writable;
  /** A terminal gets a prompt and drawn QR codes; a pipe gets plain lines and runs to the end. */
  interactive: boolean;
  locale: Locale;
  logger: Logger;
  /** Aborted on shutdown; stops pending work such as login polling. */
  signal: AbortSignal;
}

const PROMPT = '♪ ';

/** The last list shown, so `next`, `prev`, `page N` and `pick N` can follow up on it. */
type ListState = Pick<ListReply, 'pager' | 'select' | 'page' | 'pageCount' | 'firstNumber'>;

function lastList(reply: Reply | undefined): ListState | undefined {
  if (!reply) return undefined;
  if (reply.kind === 'list') return reply;
  if (reply.kind === 'multi') return reply.parts.map(lastList).filter(Boolean).at(-1);
  return undefined;
}

/**
 * Runs the bot's commands in a terminal (or over a pipe, one command per line). Resolves with
 * the exit status: 0, or 1 when a command failed unexpectedly.
 */
export async function runConsole<S>(options: ConsoleOptions<S>): Promise<number> {
  const { dispatcher, output, interactive, logger } = options;
  const t = translator(options.locale);
  const pending = new Set<Promise<void>>();
  let failed = false;
  let list: ListState | undefined;

  const write = async (reply: Reply) => {
    output.write(`${await renderForConsole(reply, { drawQr: interactive })}\n`);
  };

  const ctx: CommandContext<S> = {
    user: { key: 'console:local', id: 'local', name: 'console', operator: true },
    // The console is its operator's own private chat, so private commands (login) work here.
    chat: { id: 'console', private: true },
    locale: options.locale,
    t,
    capabilities: {
      voice: false,
      audioFiles: false,
      editMessages: false,
      buttons: false,
      openPrivateChat: false,
    },
    services: options.services,
    logger,
    async send(reply) {
      await write(reply);
      return { edit: (next) => write(next), delete: async () => {} };
    },
    async playback() {
      throw new UserError('error.no_voice_here');
    },
    isDj: async () => true,
    signal: options.signal,
    background(name, task) {
      const promise = task()
        .catch((error: unknown) => {
          failed = true;
          logger.error({ err: error, task: name }, 'background task failed');
        })
        .finally(() => pending.delete(promise));
      pending.add(promise);
    },
  };

  const followUp = (word: string, arg: string | undefined): ActionRef | undefined => {
    if (!list) return undefined;
    const n = Number(arg);
    // Items are numbered across pages (11, 12, … on page 2), and `pick` takes the number shown.
    if (word === 'pick' && list.select && Number.isInteger(n))
      return list.select.options[n - list.firstNumber]?.action;
    if (!list.pager) return undefined;
    const page =
      word === 'next' ? list.page + 1 : word === 'prev' ? list.page - 1 : word === 'page' ? n : Number.NaN;
    if (!Number.isInteger(page) || page < 1 || page > list.pageCount) return undefined;
    return { ...list.pager, args: { ...list.pager.args, page } };
  };

  const handle = async (line: string) => {
    const text = line.trim().replace(/^\//, '');
    if (!text) return;
    const [word = '', ...rest] = text.split(/\s+/);
    const name = word.toLowerCase();
    const follow = ['next', 'prev', 'page', 'pick'].includes(name) ? followUp(name, rest[0]) : undefined;
    let reply: Reply | undefined;
    if (follow) reply = await dispatcher.runAction(ctx, await dispatcher.encodeAction(follow));
    else if (['next', 'prev', 'page', 'pick'].includes(name))
      reply = { kind: 'text', text: t('console.no_follow_up') };
    else reply = await dispatcher.runText(ctx, name, text.slice(word.length));
    if (reply) {
      list = lastList(reply) ?? list;
      await write(reply);
    }
  };

  const lines = createInterface({
    input: options.input,
    terminal: interactive,
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  if (interactive) {
    output.write(`NetEase Music Bot console. Type \`help\` for commands, \`exit\` to leave.\n${PROMPT}`);
  }
  for await (const line of lines) {
    if (/^\s*\/?(exit|quit)\s*$/i.test(line)) break;
    await handle(line);
    if (interactive) output.write(PROMPT);
  }
  lines.close();
  // A piped session waits for what it started (a login poll); a terminal session that the
  // operator closed does not keep them waiting.
  if (!interactive) await Promise.all(pending);
  return failed ? 1 : 0;
}
