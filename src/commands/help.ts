/**
 * `help [command]`: every command in one line each, or one command in detail. Help needs the
 * registry it lives in, so it is built by a factory that is handed a way to read it later
 * (`createHelpCommand(() => allCommands)`): the registry can then include help itself.
 */
import type { Choice, Command, Need } from './command.ts';
import { defineCommand } from './command.ts';
import { UserError } from './errors.ts';
import type { MessageKey } from './i18n/index.ts';
import type { OptionSpec, OptionsSpec } from './options.ts';
import type { CardReply } from './reply.ts';
import { type Rich, rich } from './rich-text.ts';
import type { Ctx, Services } from './services.ts';

const options = {
  command: {
    type: 'string',
    description: { en: 'A command to explain in detail', zh: '要详细说明的命令' },
    maxLength: 32,
    autocomplete: true,
  },
} as const satisfies OptionsSpec;

const NEEDS: Record<Need, MessageKey> = {
  voice: 'help.need_voice',
  login: 'help.need_login',
  private: 'help.need_private',
};

/** `search <query> [type] [page]`: required options in angle brackets, optional in square ones. */
export function usageOf(command: Pick<Command, 'name' | 'options'>): string {
  const parts = Object.entries(command.options).map(([name, spec]) =>
    spec.required ? `<${name}>` : `[${name}]`,
  );
  return [command.name, ...parts].join(' ');
}

function optionLine(ctx: Ctx, name: string, spec: OptionSpec): Rich {
  const details: string[] = [];
  if (spec.required) details.push(ctx.t('help.required'));
  if (spec.type === 'integer') details.push(`${spec.min}–${spec.max}`);
  if (spec.type === 'string' && spec.choices) {
    details.push(spec.choices.map((choice) => `${choice.value} (${choice.label[ctx.locale]})`).join(', '));
  }
  return [
    rich.code(name),
    ` — ${spec.description[ctx.locale]}`,
    details.length ? ` · ${details.join(' · ')}` : '',
  ];
}

function commandDetail(ctx: Ctx, command: Command<Services>): CardReply {
  const entries = Object.entries(command.options);
  const needs = [
    ...(command.needs ?? []).map((need) => ctx.t(NEEDS[need])),
    ...(command.djOnly ? [ctx.t('help.need_dj')] : []),
  ];
  const fields: NonNullable<CardReply['fields']> = [
    { name: ctx.t('help.usage'), value: rich.code(usageOf(command)) },
  ];
  if (entries.length) {
    fields.push({
      name: ctx.t('help.options'),
      value: rich.lines(...entries.map(([name, spec]) => optionLine(ctx, name, spec))),
    });
  }
  if (command.example)
    fields.push({ name: ctx.t('help.example'), value: rich.code(`${command.name} ${command.example}`) });
  if (needs.length) fields.push({ name: ctx.t('help.needs'), value: needs.join('\n') });
  return {
    kind: 'card',
    title: command.name,
    description: (command.help ?? command.description)[ctx.locale],
    fields,
  };
}

function overview(ctx: Ctx, commands: readonly Command<Services>[]): CardReply {
  return {
    kind: 'card',
    title: ctx.t('help.title'),
    description: rich.lines(
      ...commands.map((command) => [rich.code(command.name), ` — ${command.description[ctx.locale]}`]),
    ),
    footer: ctx.t('help.footer'),
  };
}

export function createHelpCommand(commands: () => readonly Command<Services>[]) {
  const find = (name: string) => {
    const wanted = name.trim().replace(/^\//, '').toLowerCase();
    return commands().find((command) => command.name === wanted);
  };
  return defineCommand<Services, typeof options>({
    name: 'help',
    description: { en: 'What the bot can do, and how', zh: '查看机器人的功能和用法' },
    help: {
      en: 'Lists every command with a one-line description. Name a command to see its options, an example and what it needs.',
      zh: '列出所有命令及简介。指定某个命令可查看其选项、示例和使用条件。',
    },
    example: 'search',
    options,
    async run(ctx, args) {
      if (!args.command) return overview(ctx, commands());
      const command = find(args.command);
      if (!command) {
        throw new UserError('help.unknown_command', {
          name: args.command,
          commands: commands()
            .map((c) => c.name)
            .join(', '),
        });
      }
      return commandDetail(ctx, command);
    },
    async autocomplete(_ctx, option, partial): Promise<Choice[]> {
      if (option !== 'command') return [];
      const wanted = partial.trim().toLowerCase();
      return commands()
        .filter((command) => command.name.startsWith(wanted))
        .slice(0, 25)
        .map((command) => ({ name: command.name, value: command.name }));
    },
  });
}
