/**
 * `settings [name] [value]`: shows the guild's settings (all, or one), or changes one. Anyone
 * may look; changing needs a DJ or a manager. `value` = `default` returns to the operator's default.
 */
import { type GuildSettings, InvalidSettingsError } from '../store/index.ts';
import { defineCommand } from './command.ts';
import { UserError } from './errors.ts';
import type { OptionsSpec } from './options.ts';
import { type CardReply, type Reply, reply } from './reply.ts';
import { rich } from './rich-text.ts';
import type { Ctx, Services } from './services.ts';
import {
  RESET_WORDS,
  SETTING_FIELDS,
  type SettingField,
  settingFieldByKey,
} from './support/setting-fields.ts';
import { settingsScopeKey } from './support/settings-scope.ts';

const options = {
  name: {
    type: 'string',
    description: {
      en: 'The setting to show or change (default: show all)',
      zh: '要查看或修改的设置（默认：全部显示）',
    },
    choices: SETTING_FIELDS.map((field) => ({ value: field.key, label: field.label })),
  },
  value: {
    type: 'string',
    description: {
      en: 'The new value (`default` for the default); leave out to show the current one',
      zh: '新的值（`default` 恢复默认）；不填则显示当前值',
    },
    maxLength: 100,
  },
} as const satisfies OptionsSpec;

function labelOf(ctx: Ctx, field: SettingField): string {
  return `${field.label[ctx.locale]} (${field.key})`;
}

function shownValue(ctx: Ctx, field: SettingField, settings: GuildSettings): string {
  return field.show(settings[field.name], ctx.t);
}

function showAll(ctx: Ctx, settings: GuildSettings): CardReply {
  return {
    kind: 'card',
    title: ctx.t('settings.title'),
    fields: SETTING_FIELDS.map((field) => ({
      name: labelOf(ctx, field),
      value: rich.lines(rich.bold(shownValue(ctx, field, settings)), rich.italic(ctx.t(field.hint))),
    })),
    footer: ctx.t('settings.footer'),
  };
}

function showOne(ctx: Ctx, field: SettingField, settings: GuildSettings): Reply {
  return reply.text(
    rich.lines(
      [labelOf(ctx, field), ': ', rich.bold(shownValue(ctx, field, settings))],
      rich.italic(ctx.t(field.hint)),
    ),
  );
}

async function change(ctx: Ctx, field: SettingField, text: string): Promise<Reply> {
  if (!(await ctx.isDj())) throw new UserError('settings.dj_only');
  const scope = settingsScopeKey(ctx);
  const { settings } = ctx.services;
  if (RESET_WORDS.includes(text.trim().toLowerCase())) {
    const updated = await settings.reset(scope, [field.name]);
    return reply.text(
      ctx.t('settings.reset_done', { name: labelOf(ctx, field), value: shownValue(ctx, field, updated) }),
    );
  }
  try {
    const updated = await settings.update(scope, { [field.name]: field.parse(text) });
    return reply.text(
      ctx.t('settings.changed', { name: labelOf(ctx, field), value: shownValue(ctx, field, updated) }),
    );
  } catch (error) {
    // The store's schema is the judge; its own wording is English and technical, so the user
    // gets the setting's hint instead.
    if (error instanceof InvalidSettingsError) {
      throw new UserError('settings.bad_value', {
        value: text,
        name: labelOf(ctx, field),
        hint: ctx.t(field.hint),
      });
    }
    throw error;
  }
}

export const settings = defineCommand<Services, typeof options>({
  name: 'settings',
  description: { en: 'Show or change this server’s settings', zh: '查看或修改本服务器的设置' },
  help: {
    en: '`settings` lists them all; `settings volume` shows one; `settings volume 80` changes it (DJs and managers only); `settings volume default` goes back to the default.',
    zh: '`settings` 列出全部设置；`settings volume` 查看一项；`settings volume 80` 修改（仅限 DJ 和管理员）；`settings volume default` 恢复默认。',
  },
  example: 'volume 80',
  options,
  async run(ctx, args) {
    const current = await ctx.services.settings.get(settingsScopeKey(ctx));
    if (!args.name) return showAll(ctx, current);
    // Choices are validated by the dispatcher, so the field exists; the check keeps types honest.
    const field = settingFieldByKey(args.name);
    if (!field) throw new UserError('error.unknown_command', { name: args.name });
    if (args.value === undefined) return showOne(ctx, field, current);
    return change(ctx, field, args.value);
  },
});

export default settings;
