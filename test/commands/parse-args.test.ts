import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/commands/errors.ts';
import type { OptionsSpec } from '../../src/commands/options.ts';
import { parseTextArgs, validateArgs } from '../../src/commands/parse-args.ts';

const d = { en: 'x', zh: 'x' };
const search = {
  query: { type: 'string', description: d, required: true, rest: true },
  type: {
    type: 'string',
    description: d,
    choices: [
      { value: 'song', label: { en: 'Song', zh: '单曲' } },
      { value: 'album', label: { en: 'Album', zh: '专辑' } },
    ],
  },
  page: { type: 'integer', description: d, min: 1, max: 50 },
} satisfies OptionsSpec;
const move = {
  from: { type: 'integer', description: d, required: true, min: 1, max: 1000 },
  to: { type: 'integer', description: d, required: true, min: 1, max: 1000 },
} satisfies OptionsSpec;

function parse(options: OptionsSpec, text: string) {
  return validateArgs('cmd', options, parseTextArgs(options, text), 'en');
}

function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('text arguments', () => {
  it('gives a multi-word query to the rest option', () => {
    expect(parse(search, '晴天 周杰伦')).toEqual({ query: '晴天 周杰伦' });
  });

  it('reads name:value pairs anywhere and validates choices by value or label', () => {
    expect(parse(search, 'type:album 范特西 page:2')).toEqual({ query: '范特西', type: 'album', page: 2 });
    expect(parse(search, '七里香 type:专辑')).toEqual({ query: '七里香', type: 'album' });
    expect(parse(search, '--page=3 hello')).toEqual({ query: 'hello', page: 3 });
  });

  it('fills integer options positionally', () => {
    expect(parse(move, '5 1')).toEqual({ from: 5, to: 1 });
  });

  it('explains a missing option with the usage line', () => {
    const error = userError(() => parse(move, '5'));
    expect(error.key).toBe('error.missing_option');
    expect(error.params).toMatchObject({ option: 'to', usage: '`cmd <from> <to>`' });
  });

  it('rejects numbers out of range and non-numbers', () => {
    expect(userError(() => parse(search, 'x page:0')).params).toMatchObject({
      option: 'page',
      min: 1,
      max: 50,
    });
    expect(userError(() => parse(move, '1 two')).key).toBe('error.missing_option');
    expect(userError(() => validateArgs('cmd', move, { from: '1.5', to: '2' }, 'en')).key).toBe(
      'error.bad_number',
    );
  });

  it('rejects an unknown choice listing the allowed ones in the user language', () => {
    const error = userError(() => validateArgs('cmd', search, { query: 'a', type: 'video' }, 'zh'));
    expect(error.key).toBe('error.bad_choice');
    expect(error.params.choices).toBe('单曲, 专辑');
  });

  it('bounds free text', () => {
    expect(userError(() => parse(search, 'a'.repeat(201))).key).toBe('error.query_too_long');
    expect(parse(search, 'a'.repeat(200)).query).toHaveLength(200);
  });

  it('treats blank input for a required option as missing', () => {
    expect(userError(() => parse(search, '   ')).key).toBe('error.missing_option');
  });
});
