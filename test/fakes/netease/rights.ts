/**
 * Who may hear what, at which quality: the rules the fake applies consistently to song URLs and
 * `privileges`. A simplification of the real service (which also varies by region and date):
 * - grey (no copyright): nothing for anyone;
 * - fee 0: the song's best level for everyone;
 * - fee 8 (free at low quality): non-VIP capped at exhigh, VIP up to the song's best;
 * - fee 1 (VIP): VIP gets it all, everyone else the trial clip;
 * - fee 4 (album purchase): nobody in the fake bought an album, so the trial clip for all.
 */
import type { FakeSong, FakeUser, Level } from './catalog.ts';
import { LEVELS } from './catalog.ts';

export type Grant = { kind: 'none' } | { kind: 'trial' } | { kind: 'full'; maxLevel: Level };

export function isVip(user: FakeUser | undefined): boolean {
  return (user?.vipType ?? 0) > 0;
}

export function minLevel(a: Level, b: Level): Level {
  return LEVELS.indexOf(a) <= LEVELS.indexOf(b) ? a : b;
}

export function grantFor(song: FakeSong, user: FakeUser | undefined): Grant {
  if (song.grey) return { kind: 'none' };
  switch (song.fee) {
    case 0:
      return { kind: 'full', maxLevel: song.maxLevel };
    case 8:
      return { kind: 'full', maxLevel: isVip(user) ? song.maxLevel : minLevel(song.maxLevel, 'exhigh') };
    case 1:
      return isVip(user) ? { kind: 'full', maxLevel: song.maxLevel } : { kind: 'trial' };
    case 4:
      return { kind: 'trial' };
  }
}

/** The tier bit rates privileges talk in (`maxbr`, `pl`, ...). */
export const TIER_BR: Record<Level, number> = {
  standard: 128000,
  higher: 192000,
  exhigh: 320000,
  lossless: 999000,
  hires: 1999000,
};

/** Bit rates a URL answer reports; for lossless the service reports the file's own rate. */
export const URL_BR: Record<Level, number> = {
  standard: 128000,
  higher: 192000,
  exhigh: 320000,
  lossless: 909000,
  hires: 1719000,
};

/** Maps the old endpoint's `br` to a level the way the service buckets it. */
export function levelForBr(br: number): Level {
  if (br >= 1999000) return 'hires';
  if (br >= 999000) return 'lossless';
  if (br >= 320000) return 'exhigh';
  if (br >= 192000) return 'higher';
  return 'standard';
}
