import { en, type MessageKey } from './en.ts';
import { zh } from './zh.ts';

export type { MessageKey };
export type Locale = 'zh' | 'en';
export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

const tables: Record<Locale, Record<MessageKey, string>> = { en, zh };

export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template = tables[locale][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

/** Maps a platform locale tag (`zh-CN`, `zh-TW`, `en-US`, `en`) to one we speak. */
export function localeFromTag(tag: string | undefined, fallback: Locale): Locale {
  if (!tag) return fallback;
  const lower = tag.toLowerCase();
  if (lower.startsWith('zh')) return 'zh';
  if (lower.startsWith('en')) return 'en';
  return fallback;
}
