import { randomBytes } from 'node:crypto';
import type { Logger } from '../logger.ts';
import { type ActionStateStore, decodeAction, encodeAction } from './action-codec.ts';
import type { Choice, Command } from './command.ts';
import type { CommandContext } from './context.ts';
import { UserError } from './errors.ts';
import type { Locale } from './i18n/index.ts';
import { parseTextArgs, type RawArgs, validateArgs } from './parse-args.ts';
import type { ActionRef, Reply } from './reply.ts';
import { UserRateLimit } from './user-rate-limit.ts';

export interface DispatcherOptions<S> {
  commands: readonly Command<S>[];
  actionStore: ActionStateStore;
  logger: Logger;
  /** Whether the user has a NetEase login of their own (for commands that need one). */
  hasLogin(ctx: CommandContext<S>): Promise<boolean>;
  /** Turns known failures (NetEase errors and the like) into user-facing ones. */
  explain?(error: unknown, locale: Locale): UserError | undefined;
  rateLimit?: { burst: number; perSecond: number };
  /** Called for failures nobody explained (bugs), after they are logged. */
  onInternalError?(error: unknown, errorId: string): void;
}

export interface Dispatcher<S> {
  readonly commands: readonly Command<S>[];
  find(name: string): Command<S> | undefined;
  /** Runs `name` with text typed after it (console, Telegram). Never throws: failures become replies. */
  runText(ctx: CommandContext<S>, name: string, text: string): Promise<Reply | undefined>;
  /** Runs `name` with structured option values (Discord slash commands). Never throws. */
  runValues(ctx: CommandContext<S>, name: string, values: RawArgs): Promise<Reply | undefined>;
  /** Runs the handler behind a button payload. Never throws. */
  runAction(ctx: CommandContext<S>, payload: string): Promise<Reply | undefined>;
  autocomplete(ctx: CommandContext<S>, name: string, option: string, partial: string): Promise<Choice[]>;
  encodeAction(ref: ActionRef): Promise<string>;
  /** The reply for a failure, with the same rules as command runs (for adapters' own errors). */
  failureReply(ctx: CommandContext<S>, error: unknown, what: string): Reply;
}

export function createDispatcher<S>(options: DispatcherOptions<S>): Dispatcher<S> {
  const byName = new Map(options.commands.map((command) => [command.name, command]));
  const limiter = new UserRateLimit(options.rateLimit ?? { burst: 6, perSecond: 0.5 });

  function failureReply(ctx: CommandContext<S>, error: unknown, what: string): Reply {
    const known = error instanceof UserError ? error : options.explain?.(error, ctx.locale);
    if (known) return { kind: 'text', text: ctx.t(known.key, known.params), private: true };
    const id = randomBytes(3).toString('hex');
    options.logger.error(
      { err: error, errorId: id, what, user: ctx.user.key, chat: ctx.chat.id },
      'command failed',
    );
    return { kind: 'text', text: ctx.t('error.internal', { id }), private: true };
  }

  async function guard(ctx: CommandContext<S>, command: Command<S>): Promise<void> {
    const wait = ctx.user.operator ? 0 : limiter.take(ctx.user.key);
    if (wait > 0) throw new UserError('error.rate_limited_user', { seconds: wait });
    const needs = command.needs ?? [];
    if (needs.includes('private') && !ctx.chat.private && !ctx.capabilities.openPrivateChat) {
      throw new UserError('error.private_only');
    }
    if (needs.includes('login') && !(await options.hasLogin(ctx))) throw new UserError('error.needs_login');
    if (command.djOnly && !(await ctx.isDj())) throw new UserError('error.dj_only');
  }

  async function run(ctx: CommandContext<S>, name: string, raw: () => RawArgs): Promise<Reply | undefined> {
    const command = byName.get(name.toLowerCase());
    try {
      if (!command) throw new UserError('error.unknown_command', { name });
      await guard(ctx, command);
      const args = validateArgs(command.name, command.options, raw(), ctx.locale);
      return await command.run(ctx, args as never);
    } catch (error) {
      return failureReply(ctx, error, `command ${name}`);
    }
  }

  return {
    commands: options.commands,
    find: (name) => byName.get(name.toLowerCase()),
    runText: (ctx, name, text) =>
      run(ctx, name, () => parseTextArgs(byName.get(name.toLowerCase())?.options ?? {}, text)),
    runValues: (ctx, name, values) => run(ctx, name, () => values),
    async runAction(ctx, payload) {
      try {
        const ref = await decodeAction(payload, options.actionStore);
        if (!ref) throw new UserError('error.expired_button');
        const command = byName.get(ref.command);
        const handler = command?.actions?.[ref.name];
        if (!command || !handler) throw new UserError('error.expired_button');
        await guard(ctx, command);
        return await handler(ctx, ref.args);
      } catch (error) {
        return failureReply(ctx, error, `button ${payload}`);
      }
    },
    async autocomplete(ctx, name, option, partial) {
      const command = byName.get(name);
      if (!command?.autocomplete) return [];
      try {
        return await command.autocomplete(ctx, option, partial);
      } catch (error) {
        // Suggestions are a nicety: a failure shows an empty list, never an error.
        options.logger.debug({ err: error, command: name }, 'autocomplete failed');
        return [];
      }
    },
    encodeAction: (ref) => encodeAction(ref, options.actionStore),
    failureReply,
  };
}
