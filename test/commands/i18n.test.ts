import { describe, expect, it } from 'vitest';
import { en } from '../../src/commands/i18n/en.ts';
import { localeFromTag, translate } from '../../src/commands/i18n/index.ts';
import { zh } from '../../src/commands/i18n/zh.ts';

describe('i18n', () => {
  it('fills parameters in both languages', () => {
    expect(translate('en', 'error.bad_position', { position: 9, length: 3 })).toBe(
      'There is no track at position 9; the queue has 3.',
    );
    expect(translate('zh', 'error.bad_position', { position: 9, length: 3 })).toBe(
      '队列里没有第 9 首；队列共 3 首。',
    );
  });

  it('has a Chinese text for every English key with the same parameters', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(zh[key], key).toBeTruthy();
      expect(params(zh[key]), key).toEqual(params(en[key]));
    }
  });

  it('maps platform locale tags', () => {
    expect(localeFromTag('zh-TW', 'en')).toBe('zh');
    expect(localeFromTag('en-GB', 'zh')).toBe('en');
    expect(localeFromTag('ja', 'zh')).toBe('zh');
    expect(localeFromTag(undefined, 'en')).toBe('en');
  });
});
