/** Explains the playability badges a list shows, so `[VIP]` or `[无版权]` is not a riddle. */
import type { Playability, Song } from '../../netease/models.ts';
import type { MessageKey, Translate } from '../i18n/index.ts';

const LEGEND: Record<Exclude<Playability, 'free'>, MessageKey> = {
  vip: 'badge.vip',
  paid: 'badge.paid',
  unavailable: 'badge.unavailable',
};

/** One line naming each badge present in `songs`, in a fixed order; undefined when all are free. */
export function badgeLegend(t: Translate, songs: readonly Pick<Song, 'playability'>[]): string | undefined {
  const present = new Set(songs.map((song) => song.playability));
  const parts = (Object.keys(LEGEND) as (keyof typeof LEGEND)[])
    .filter((kind) => present.has(kind))
    .map((kind) => t(LEGEND[kind]));
  return parts.length ? parts.join(' · ') : undefined;
}
