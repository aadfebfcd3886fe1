/** The now-playing progress line: `▬▬▬🔘▬▬▬▬▬▬▬▬ 1:23 / 4:29`. */
import { formatDuration } from './format.ts';

const TRACK = '▬';
const KNOB = '🔘';
/** Wide enough to see movement, narrow enough for a phone screen and a Discord embed field. */
export const PROGRESS_WIDTH = 12;

/**
 * A bar with the knob where the track is, then `position / duration`. A song whose length
 * NetEase did not report (0) gets the position alone: a bar would claim to know the end.
 */
export function progressBar(positionMs: number, durationMs: number, width = PROGRESS_WIDTH): string {
  const position = Math.max(0, positionMs);
  if (durationMs <= 0) return formatDuration(position);
  const ratio = Math.min(1, position / durationMs);
  const knob = Math.min(width - 1, Math.round(ratio * (width - 1)));
  const bar = `${TRACK.repeat(knob)}${KNOB}${TRACK.repeat(width - 1 - knob)}`;
  return `${bar} ${formatDuration(Math.min(position, durationMs))} / ${formatDuration(durationMs)}`;
}
