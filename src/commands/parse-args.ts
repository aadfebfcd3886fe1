import { UserError } from './errors.ts';
import type { Locale } from './i18n/index.ts';
import { MAX_TEXT_LENGTH, type OptionSpec, type OptionsSpec } from './options.ts';

export type RawArgs = Record<string, string | number | boolean | undefined>;

/**
 * Splits text typed after a command (`晴天 type:album page:2`) into option values:
 * `name:value` pairs anywhere, then positional words in declaration order, with a `rest`
 * option taking everything that is left.
 */
export function parseTextArgs(options: OptionsSpec, text: string): RawArgs {
  const names = Object.keys(options);
  const words = text.trim().split(/\s+/).filter(Boolean);
  const raw: RawArgs = {};
  const positional: string[] = [];
  for (const word of words) {
    const named = /^-{0,2}([a-z]+)[:=](.+)$/i.exec(word);
    const name = named?.[1]?.toLowerCase();
    if (named && name && names.includes(name)) raw[name] = named[2];
    else positional.push(word);
  }
  for (const name of names) {
    if (raw[name] !== undefined || positional.length === 0) continue;
    const spec = options[name]!;
    if (spec.type === 'string' && spec.rest) {
      raw[name] = positional.splice(0).join(' ');
    } else if (spec.type === 'integer') {
      // A word that is not a number is left for a later text option rather than misread.
      if (/^-?\d+$/.test(positional[0]!)) raw[name] = positional.shift();
    } else {
      raw[name] = positional.shift();
    }
  }
  if (positional.length > 0) {
    // Words nobody claimed belong to the last free-text option, if any (e.g. a query after a page).
    const restName = names.find(
      (name) => options[name]!.type === 'string' && (options[name] as { rest?: boolean }).rest,
    );
    if (restName) raw[restName] = [raw[restName], ...positional].filter(Boolean).join(' ');
  }
  return raw;
}

function usageOf(command: string, options: OptionsSpec): string {
  const parts = Object.entries(options).map(([name, spec]) => (spec.required ? `<${name}>` : `[${name}]`));
  return `\`${[command, ...parts].join(' ')}\``;
}

function validateOne(
  name: string,
  spec: OptionSpec,
  value: unknown,
  locale: Locale,
): string | number | undefined {
  if (value === undefined || value === '') return undefined;
  if (spec.type === 'integer') {
    const number = typeof value === 'number' ? value : Number(String(value).trim());
    if (!Number.isInteger(number) || number < spec.min || number > spec.max) {
      throw new UserError('error.bad_number', { option: name, min: spec.min, max: spec.max });
    }
    return number;
  }
  const text = String(value).trim();
  if (text === '') return undefined;
  const max = spec.maxLength ?? MAX_TEXT_LENGTH;
  if ([...text].length > max) throw new UserError('error.query_too_long', { max });
  if (spec.choices) {
    const match = spec.choices.find(
      (choice) =>
        choice.value === text.toLowerCase() ||
        choice.label.en.toLowerCase() === text.toLowerCase() ||
        choice.label.zh === text,
    );
    if (!match) {
      throw new UserError('error.bad_choice', {
        option: name,
        choices: spec.choices.map((choice) => choice.label[locale]).join(', '),
      });
    }
    return match.value;
  }
  return text;
}

/** Checks and converts raw values (typed text or slash-command values) against the declaration. */
export function validateArgs(command: string, options: OptionsSpec, raw: RawArgs, locale: Locale): RawArgs {
  const result: RawArgs = {};
  for (const [name, spec] of Object.entries(options)) {
    const value = validateOne(name, spec, raw[name], locale);
    if (value === undefined && spec.required) {
      throw new UserError('error.missing_option', { option: name, usage: usageOf(command, options) });
    }
    if (value !== undefined) result[name] = value;
  }
  return result;
}
