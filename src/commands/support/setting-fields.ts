/**
 * The guild settings as users see them: the word they type (`volume`), a label in their
 * language, how a value reads, and how typed text becomes a value. Parsing only translates
 * spellings (`on`, `开`, `<#123>`, `5m`); whether a value is allowed is the settings store's
 * schema's call, so the rules live in one place and a rejected value gets the hint below.
 */
import type { GuildSettings, SettingName } from '../../store/index.ts';
import type { MessageKey, Translate } from '../i18n/index.ts';
import type { Localized } from '../options.ts';
import { parseSeekTarget } from './time-parse.ts';

export interface SettingField {
  name: SettingName;
  /** What users type: `settings volume 80`. */
  key: string;
  label: Localized;
  hint: MessageKey;
  /** Typed text as a value for the store; text it does not understand is passed on for the store to reject. */
  parse(text: string): unknown;
  show(value: GuildSettings[SettingName], t: Translate): string;
}

const TRUE_WORDS = ['on', 'true', 'yes', 'y', '1', 'enable', 'enabled', '开', '开启', '打开', '是'];
const FALSE_WORDS = ['off', 'false', 'no', 'n', '0', 'disable', 'disabled', '关', '关闭', '否'];
const NONE_WORDS = ['none', 'off', 'null', 'clear', '无', '关闭', '-'];

function parseBoolean(text: string): unknown {
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.includes(word)) return true;
  if (FALSE_WORDS.includes(word)) return false;
  return text;
}

/** A role or channel: a Discord mention (`<@&id>`, `<#id>`), a bare id, or a word for "none". */
function parsePlatformId(text: string): unknown {
  const word = text.trim().toLowerCase();
  if (NONE_WORDS.includes(word)) return null;
  return /^<(?:@&|#)(-?\d+)>$/.exec(word)?.[1] ?? word;
}

function parsePercent(text: string): unknown {
  const match = /^(\d+(?:\.\d+)?)\s*%?$/.exec(text.trim());
  return match ? Number(match[1]) : text;
}

/** Seconds, or any time `seek` understands (`5m`, `1h`, `5:00`). */
function parseSeconds(text: string): unknown {
  const target = parseSeekTarget(text);
  return target?.kind === 'absolute' ? target.ms / 1000 : text;
}

const LANGUAGE_WORDS: Record<string, string> = {
  chinese: 'zh',
  中文: 'zh',
  简体中文: 'zh',
  english: 'en',
  英文: 'en',
  英语: 'en',
};

function onOff(value: unknown, t: Translate): string {
  return t(value ? 'settings.on' : 'settings.off');
}

export const SETTING_FIELDS: readonly SettingField[] = [
  {
    name: 'language',
    key: 'language',
    label: { en: 'Language', zh: '语言' },
    hint: 'settings.hint_language',
    parse: (text) => LANGUAGE_WORDS[text.trim().toLowerCase()] ?? text.trim().toLowerCase(),
    show: (value) => (value === 'en' ? 'English (en)' : '中文 (zh)'),
  },
  {
    name: 'djRoleId',
    key: 'dj-role',
    label: { en: 'DJ role', zh: 'DJ 身份组' },
    hint: 'settings.hint_dj_role',
    parse: parsePlatformId,
    show: (value, t) =>
      value === null ? t('settings.value_anyone') : t('settings.value_role', { id: String(value) }),
  },
  {
    name: 'defaultVolume',
    key: 'volume',
    label: { en: 'Default volume', zh: '默认音量' },
    hint: 'settings.hint_volume',
    parse: parsePercent,
    show: (value) => `${String(value)}%`,
  },
  {
    name: 'idleTimeoutSeconds',
    key: 'idle-timeout',
    label: { en: 'Idle timeout', zh: '空闲离开时间' },
    hint: 'settings.hint_idle_timeout',
    parse: parseSeconds,
    show: (value, t) =>
      value === 0
        ? t('settings.value_leave_at_once')
        : t('settings.value_seconds', { seconds: String(value) }),
  },
  {
    name: 'announceChannelId',
    key: 'announce-channel',
    label: { en: 'Announcement channel', zh: '播报频道' },
    hint: 'settings.hint_announce_channel',
    parse: parsePlatformId,
    show: (value, t) =>
      value === null ? t('settings.value_here') : t('settings.value_channel', { id: String(value) }),
  },
  {
    name: 'stay247',
    key: '24-7',
    label: { en: 'Stay 24/7', zh: '24/7 常驻' },
    hint: 'settings.hint_247',
    parse: parseBoolean,
    show: onOff,
  },
  {
    name: 'allowTrialClips',
    key: 'trial-clips',
    label: { en: 'VIP previews', zh: 'VIP 试听片段' },
    hint: 'settings.hint_trial_clips',
    parse: parseBoolean,
    show: onOff,
  },
  {
    name: 'fairQueue',
    key: 'fair-queue',
    label: { en: 'Fair queue', zh: '公平队列' },
    hint: 'settings.hint_fair_queue',
    parse: parseBoolean,
    show: onOff,
  },
];

/** Words that put a setting back to the operator's default. */
export const RESET_WORDS: readonly string[] = ['default', 'reset', '默认', '重置'];

export function settingFieldByKey(key: string): SettingField | undefined {
  return SETTING_FIELDS.find((field) => field.key === key);
}

export function settingFieldByName(name: string): SettingField | undefined {
  return SETTING_FIELDS.find((field) => field.name === name);
}
