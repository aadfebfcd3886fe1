/** How queued tracks read in playback replies: queue lines, loop names, time left. */
import type { LoopMode, QueuedTrack, QueueSnapshot } from '../../queue/types.ts';
import type { Locale, MessageKey, Translate } from '../i18n/index.ts';
import { type Rich, rich } from '../rich-text.ts';
import { artistNames, formatDuration, playabilityBadge } from './format.ts';

const LOOP_NAMES: Record<LoopMode, MessageKey> = {
  off: 'loop.mode_off',
  track: 'loop.mode_track',
  queue: 'loop.mode_queue',
};

export function loopName(t: Translate, mode: LoopMode): string {
  return t(LOOP_NAMES[mode]);
}

/** `晴天 — 周杰伦 · 4:29 · Alice [VIP]`: what, how long, and whose. */
export function queueLine(track: QueuedTrack, t: Translate, locale: Locale): Rich {
  const { song } = track;
  const badge = playabilityBadge(song, locale);
  return [
    rich.bold(song.name),
    ` — ${artistNames(song)} · ${formatDuration(song.durationMs)} · `,
    t('queue.added_by', { name: track.requester.displayName }),
    badge ? ` [${badge}]` : '',
  ];
}

/** `晴天 — 周杰伦`, for sentences and fields. */
export function songTitle(track: Pick<QueuedTrack, 'song'>): string {
  return `${track.song.name} — ${artistNames(track.song)}`;
}

/** What is left to hear: the rest of the current track plus everything upcoming. */
export function timeLeftMs(snapshot: QueueSnapshot): number {
  const current = snapshot.current;
  const rest = current ? Math.max(0, current.track.song.durationMs - current.positionMs) : 0;
  return snapshot.upcoming.reduce((total, track) => total + track.song.durationMs, rest);
}
