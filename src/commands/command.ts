import type { CommandContext } from './context.ts';
import type { ArgsOf, Localized, OptionsSpec } from './options.ts';
import type { ActionArgs, Reply } from './reply.ts';

/**
 * - `voice`: plays into the caller's voice channel (where the platform has none, the command
 *   must cope: `play` sends the song as a file instead);
 * - `login`: needs the caller's own NetEase login;
 * - `private`: replies only in a private chat (QR codes, account details).
 */
export type Need = 'voice' | 'login' | 'private';

export interface Choice {
  name: string;
  value: string;
}

export type ActionHandler<S> = (ctx: CommandContext<S>, args: ActionArgs) => Promise<Reply | undefined>;

export interface Command<S = unknown, O extends OptionsSpec = OptionsSpec> {
  name: string;
  description: Localized;
  /** Longer help shown by `help <command>`. */
  help?: Localized;
  /** Example arguments for help and error messages, e.g. `晴天`. */
  example?: string;
  options: O;
  needs?: readonly Need[];
  /** Changes what others hear (skip someone else's song, stop, volume): DJ only when others listen. */
  djOnly?: boolean;
  run(ctx: CommandContext<S>, args: ArgsOf<O>): Promise<Reply | undefined>;
  /** Handlers for this command's buttons, keyed by `ActionRef.name`. */
  actions?: Record<string, ActionHandler<S>>;
  autocomplete?(ctx: CommandContext<S>, option: string, partial: string): Promise<Choice[]>;
}

/** Identity function that keeps the option types, so `run` receives typed arguments. */
export function defineCommand<S, const O extends OptionsSpec>(command: Command<S, O>): Command<S, O> {
  return command;
}
