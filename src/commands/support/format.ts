/** How songs, artists and numbers look in every command's replies. */
import type { Song } from '../../netease/models.ts';
import type { Locale } from '../i18n/index.ts';
import { type Rich, rich } from '../rich-text.ts';

export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

export function artistNames(song: Pick<Song, 'artists'>): string {
  return song.artists.map((artist) => artist.name).join(' / ') || '—';
}

const BADGES: Record<Locale, Record<Song['playability'], string>> = {
  en: { free: '', vip: 'VIP', paid: 'paid', unavailable: 'unavailable' },
  zh: { free: '', vip: 'VIP', paid: '付费', unavailable: '无版权' },
};

/** A short marker for songs that will not play in full for everyone; empty for free songs. */
export function playabilityBadge(song: Pick<Song, 'playability'>, locale: Locale): string {
  return BADGES[locale][song.playability];
}

/** One line per song: `晴天 — 周杰伦 · 叶惠美 · 4:29 [VIP]`. */
export function songLine(song: Song, locale: Locale): Rich {
  const badge = playabilityBadge(song, locale);
  return rich.join(
    [
      rich.bold(song.name),
      ' — ',
      artistNames(song),
      song.album.name ? ` · ${song.album.name}` : '',
      ` · ${formatDuration(song.durationMs)}`,
      badge ? ` [${badge}]` : '',
    ],
    '',
  );
}

/** 12345 → `1.2万` in Chinese, `12.3k` in English: like counts and play counts. */
export function compactNumber(value: number, locale: Locale): string {
  if (locale === 'zh') {
    if (value >= 1e8) return `${(value / 1e8).toFixed(1).replace(/\.0$/, '')}亿`;
    if (value >= 1e4) return `${(value / 1e4).toFixed(1).replace(/\.0$/, '')}万`;
    return String(value);
  }
  if (value >= 1e9) return `${(value / 1e9).toFixed(1).replace(/\.0$/, '')}B`;
  if (value >= 1e6) return `${(value / 1e6).toFixed(1).replace(/\.0$/, '')}M`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(1).replace(/\.0$/, '')}k`;
  return String(value);
}

export function formatDate(ms: number, locale: Locale): string {
  return new Date(ms).toLocaleDateString(locale === 'zh' ? 'zh-CN' : 'en-GB', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'Asia/Shanghai',
  });
}

/** Cuts text to `max` characters (not UTF-16 units), with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Page count and clamped page number for `total` items shown `perPage` at a time. */
export function pageWindow(total: number, perPage: number, page: number) {
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  const current = Math.min(Math.max(1, page), pageCount);
  return { pageCount, page: current, offset: (current - 1) * perPage };
}

/** The year of a release date, as the Chinese music industry dates it (Beijing time). */
export function formatYear(ms: number): string {
  return new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Shanghai' }).format(ms);
}
