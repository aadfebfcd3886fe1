/** Typed command options, declared once and mapped to slash-command options or text arguments. */

export interface Localized {
  en: string;
  zh: string;
}

interface OptionBase {
  description: Localized;
  required?: boolean;
}

export interface StringOption extends OptionBase {
  type: 'string';
  maxLength?: number;
  /** Suggest values while typing (Discord autocomplete). */
  autocomplete?: boolean;
  choices?: readonly { value: string; label: Localized }[];
  /** In text form, takes all remaining words (a search query with spaces). */
  rest?: boolean;
}

export interface IntegerOption extends OptionBase {
  type: 'integer';
  min: number;
  max: number;
}

export type OptionSpec = StringOption | IntegerOption;
export type OptionsSpec = Record<string, OptionSpec>;

type ValueOf<O extends OptionSpec> = O extends IntegerOption
  ? number
  : O extends { choices: readonly { value: infer V }[] }
    ? V
    : string;

export type ArgsOf<O extends OptionsSpec> = {
  [K in keyof O as O[K] extends { required: true } ? K : never]: ValueOf<O[K]>;
} & {
  [K in keyof O as O[K] extends { required: true } ? never : K]?: ValueOf<O[K]>;
};

/** Upper bound on any free-text argument, so nobody can send NetEase a novel. */
export const MAX_TEXT_LENGTH = 200;
