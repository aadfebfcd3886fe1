/**
 * The now-playing card: cover, title, progress bar, who asked, what comes next, and the
 * controls. `nowplaying` shows it; `queue` falls back to it when nothing is queued after.
 */
import { neteaseUrl } from '../../netease/links.ts';
import type { NowPlaying, QueueSnapshot } from '../../queue/types.ts';
import type { Button, CardReply } from '../reply.ts';
import { rich } from '../rich-text.ts';
import type { Ctx } from '../services.ts';
import { controlAction, lyricsAction } from './control-actions.ts';
import { counted } from './counts.ts';
import { artistNames, formatDuration } from './format.ts';
import { progressBar } from './progress-bar.ts';
import { loopName, songTitle, timeLeftMs } from './track-text.ts';

/** Pause or resume (whichever applies), skip, stop, lyrics. No like: `like` has no button action. */
function controls(ctx: Ctx, current: NowPlaying): Button[] {
  const toggle: Button = current.paused
    ? { label: ctx.t('nowplaying.resume'), emoji: '▶️', style: 'primary', action: controlAction('resume') }
    : { label: ctx.t('nowplaying.pause'), emoji: '⏸', style: 'secondary', action: controlAction('pause') };
  return [
    toggle,
    {
      label: ctx.t('nowplaying.skip'),
      emoji: '⏭',
      style: 'secondary',
      action: controlAction('skip', current.track.entryId),
    },
    { label: ctx.t('nowplaying.stop'), emoji: '⏹', style: 'danger', action: controlAction('stop') },
    {
      label: ctx.t('nowplaying.lyrics'),
      emoji: '📜',
      style: 'secondary',
      action: lyricsAction(current.track.song.id),
    },
  ];
}

export function nowPlayingCard(ctx: Ctx, snapshot: QueueSnapshot, current: NowPlaying): CardReply {
  const { song, requester } = current.track;
  const next = snapshot.upcoming[0];
  const upcoming = snapshot.upcoming.length;
  return {
    kind: 'card',
    title: song.name,
    url: neteaseUrl('song', song.id),
    description: rich.lines(
      rich.join([artistNames(song), song.album.name], ' · '),
      `${current.paused ? '⏸' : '▶'} ${progressBar(current.positionMs, song.durationMs)}`,
    ),
    fields: [
      { name: ctx.t('nowplaying.requested_by'), value: requester.displayName, inline: true },
      {
        name: ctx.t('nowplaying.up_next'),
        value: next ? songTitle(next) : ctx.t('nowplaying.nothing_next'),
        inline: true,
      },
      { name: ctx.t('nowplaying.loop'), value: loopName(ctx.t, snapshot.loop), inline: true },
      { name: ctx.t('nowplaying.volume'), value: `${snapshot.volume}%`, inline: true },
    ],
    ...(upcoming > 0
      ? {
          footer: ctx.t('nowplaying.footer', {
            songs: counted(ctx.t, upcoming, 'common.song', 'common.songs'),
            total: formatDuration(timeLeftMs(snapshot)),
          }),
        }
      : {}),
    ...(song.album.coverUrl ? { thumbnailUrl: song.album.coverUrl } : {}),
    buttons: [controls(ctx, current)],
  };
}
