/**
 * The guild's now-playing message and the engine's other announcements.
 *
 * One message per guild, in the announce channel (the guild's setting, else where the music was
 * asked for): title, artists, album, cover, who asked, a progress bar, the line being sung (with
 * its translation), and controls. A new track edits the same message; the end of the queue
 * leaves it as a record without buttons.
 *
 * Discord allows roughly five edits per five seconds per channel, and a song changes lines every
 * few seconds, so edits are paced: a lyric or progress update waits until at least
 * `minEditIntervalMs` after the previous edit and is only sent when what it shows changed.
 * Track changes and pause/resume go out sooner (`urgentEditIntervalMs`), since someone just
 * pressed a button and is watching. The position is estimated from the wall clock between edits
 * and re-read from the engine at every edit, so a seek or a stall never drifts for long.
 */
import { AudioPlayerStatus } from '@discordjs/voice';
import { ButtonStyle, type Client, ComponentType, type Message } from 'discord.js';
import { type Locale, type Translate, translator } from '../../commands/i18n/index.ts';
import type { Button, CardReply } from '../../commands/reply.ts';
import { type Rich, rich } from '../../commands/rich-text.ts';
import type { Services } from '../../commands/services.ts';
import { controlAction, lyricsAction } from '../../commands/support/control-actions.ts';
import { artistNames, formatDuration } from '../../commands/support/format.ts';
import { progressBar } from '../../commands/support/progress-bar.ts';
import type { Logger } from '../../logger.ts';
import { neteaseUrl } from '../../netease/links.ts';
import { lineAt } from '../../netease/lrc.ts';
import type { LyricLine } from '../../netease/models.ts';
import type { PlaybackEvent, SkipReason } from '../../queue/events.ts';
import type { GuildPlayback, QueuedTrack } from '../../queue/types.ts';
import { nowPlayingId } from './component-ids.ts';
import { type DiscordMessage, type RenderDeps, renderReply } from './render.ts';
import { editPayload, messagePayload } from './responder.ts';

export interface NowPlayingTiming {
  /** Lyric and progress edits are at least this far apart (Discord's edit limits). */
  minEditIntervalMs: number;
  /** Track changes and pause/resume: someone is waiting to see them. */
  urgentEditIntervalMs: number;
  /** Without lyrics, the progress bar is refreshed this often. */
  progressRefreshMs: number;
  /** How often boards look at whether they need an edit. */
  tickMs: number;
  /** How long a new track's card waits for its lyrics before showing without them. */
  lyricsWaitMs: number;
}

export const DEFAULT_NOW_PLAYING_TIMING: NowPlayingTiming = {
  minEditIntervalMs: 5_000,
  urgentEditIntervalMs: 1_000,
  progressRefreshMs: 15_000,
  // Checking is cheap (no I/O unless an edit is due); a fine tick keeps edits close to the line.
  tickMs: 500,
  lyricsWaitMs: 1_500,
};

export interface NowPlayingDeps {
  client: Client<true>;
  services: Services;
  logger: Logger;
  /** The engine's player of a guild (for the live position and what comes next). */
  playback(guildId: string): GuildPlayback;
  /** The guild's audio player status, when it has one. */
  playerStatus(guildId: string): AudioPlayerStatus | undefined;
  renderDeps(locale: Locale): RenderDeps;
  timing?: Partial<NowPlayingTiming>;
  now?: () => number;
}

interface Board {
  guildId: string;
  channelId: string;
  locale: Locale;
  message?: Message;
  track: QueuedTrack;
  /** Position at `positionAt` (ms into the track), and whether it advances. */
  positionMs: number;
  positionAt: number;
  paused: boolean;
  preview?: { startMs: number; endMs: number };
  lyrics: LyricLine[];
  upNext?: string;
  /** What the last edit showed, to skip edits that change nothing. */
  shown?: string;
  shownLine: number;
  lastEditAt: number;
  /** A change someone is waiting to see (new track, pause/resume). */
  urgent: boolean;
  busy: boolean;
  finished: boolean;
  /** The player was seen idle (once per track is enough to notice a stop). */
  idleSeen?: boolean;
}

const SKIP_KEYS: Record<SkipReason, Parameters<Translate>[0]> = {
  no_copyright: 'announce.skipped_no_copyright',
  vip_only: 'announce.skipped_vip_only',
  not_found: 'announce.skipped_not_found',
  unavailable: 'announce.skipped_unavailable',
  stream_failed: 'announce.skipped_stream_failed',
};

export class NowPlayingBoards {
  private readonly boards = new Map<string, Board>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly timing: NowPlayingTiming;
  private readonly now: () => number;
  private readonly timer: NodeJS.Timeout;
  private readonly log: Logger;

  constructor(private readonly deps: NowPlayingDeps) {
    this.timing = { ...DEFAULT_NOW_PLAYING_TIMING, ...deps.timing };
    this.now = deps.now ?? Date.now;
    this.log = deps.logger.child({ module: 'now-playing' });
    this.timer = setInterval(() => this.tick(), this.timing.tickMs);
    this.timer.unref();
  }

  /**
   * The engine's `announce`. Never throws: chat trouble must not touch playback. A guild's events
   * are handled one after another, so a burst of skips cannot post two cards side by side.
   */
  announce(guildId: string, event: PlaybackEvent): Promise<void> {
    const previous = this.queues.get(guildId) ?? Promise.resolve();
    const next = previous.then(async () => {
      try {
        await this.handle(guildId, event);
      } catch (error) {
        this.log.warn({ err: error, guildId, event: event.type }, 'announcement failed');
      }
    });
    this.queues.set(guildId, next);
    void next.then(() => {
      if (this.queues.get(guildId) === next) this.queues.delete(guildId);
    });
    return next;
  }

  /** The adapter's own notice (voice lost), in the guild's language and channel. */
  async notice(
    guildId: string,
    key: Parameters<Translate>[0],
    params: Record<string, string> = {},
  ): Promise<void> {
    try {
      const board = this.boards.get(guildId);
      const { locale, channelId } = await this.placeOf(guildId, board?.channelId);
      if (channelId) await this.post(channelId, translator(locale)(key, params));
    } catch (error) {
      this.log.warn({ err: error, guildId }, 'notice failed');
    }
  }

  /** Something changed that the engine does not announce (voice lost): show it at the next tick. */
  touch(guildId: string): void {
    const board = this.boards.get(guildId);
    if (board) board.urgent = true;
  }

  close(): void {
    clearInterval(this.timer);
    this.boards.clear();
  }

  private async handle(guildId: string, event: PlaybackEvent): Promise<void> {
    const { locale, channelId } = await this.placeOf(guildId, event.textChannelId);
    const t = translator(locale);
    switch (event.type) {
      case 'trackStarted':
        if (channelId) await this.trackStarted(guildId, channelId, locale, event);
        return;
      case 'trackSkipped':
        if (channelId)
          await this.post(channelId, t(SKIP_KEYS[event.reason], { song: event.track.song.name }));
        return;
      case 'queueEnded':
        await this.finish(guildId);
        if (channelId) await this.post(channelId, t('announce.queue_ended'));
        return;
      case 'idleLeft':
        await this.finish(guildId);
        if (channelId) await this.post(channelId, t('announce.idle_left'));
        return;
      case 'error': {
        const board = this.boards.get(guildId);
        if (board) {
          board.paused = true;
          board.urgent = true;
        }
        if (channelId) await this.post(channelId, t(`announce.${event.code}`));
        return;
      }
    }
  }

  /** Language and channel for a guild's announcements; the guild's settings win over the event's channel. */
  private async placeOf(guildId: string, fallbackChannel: string | undefined) {
    const settings = await this.deps.services.settings.get(`discord:${guildId}`);
    return { locale: settings.language, channelId: settings.announceChannelId ?? fallbackChannel };
  }

  private async trackStarted(
    guildId: string,
    channelId: string,
    locale: Locale,
    event: Extract<PlaybackEvent, { type: 'trackStarted' }>,
  ): Promise<void> {
    const previous = this.boards.get(guildId);
    const board: Board = {
      guildId,
      channelId,
      locale,
      // The same message moves on to the next track, unless the channel changed.
      ...(previous?.message && previous.channelId === channelId && !previous.finished
        ? { message: previous.message }
        : {}),
      track: event.track,
      positionMs: event.positionMs,
      positionAt: this.now(),
      paused: false,
      ...(event.preview ? { preview: event.preview } : {}),
      lyrics: [],
      shownLine: -2,
      lastEditAt: previous?.lastEditAt ?? 0,
      urgent: true,
      busy: false,
      finished: false,
    };
    this.boards.set(guildId, board);
    // The first render waits a moment for the lyrics (usually cached or quick), so the card does
    // not sit without its lyric line until the next allowed edit; a slow answer fills in later.
    const lyrics = this.loadLyrics(board);
    await Promise.race([
      lyrics,
      new Promise((resolve) => setTimeout(resolve, this.timing.lyricsWaitMs).unref()),
    ]);
    await this.update(board);
  }

  private async loadLyrics(board: Board): Promise<void> {
    try {
      const lyrics = await this.deps.services.netease.operator.lyrics(board.track.song.id);
      if (this.boards.get(board.guildId) !== board) return;
      board.lyrics = lyrics.instrumental ? [] : lyrics.lines;
    } catch (error) {
      // No live lyrics is a fine fallback; the message itself still works.
      this.log.debug({ err: error, songId: board.track.song.id }, 'no lyrics for the now-playing message');
    }
  }

  private positionOf(board: Board): number {
    return board.paused ? board.positionMs : board.positionMs + (this.now() - board.positionAt);
  }

  private tick(): void {
    const now = this.now();
    for (const board of this.boards.values()) {
      if (board.busy || board.finished || !board.message) continue;
      const status = this.deps.playerStatus(board.guildId);
      const paused = status === AudioPlayerStatus.Paused;
      if (status !== undefined && paused !== board.paused && status !== AudioPlayerStatus.AutoPaused) {
        // A button or command paused or resumed: restart the estimate from where it stands.
        board.positionMs = this.positionOf(board);
        board.positionAt = now;
        board.paused = paused;
        board.urgent = true;
      }
      if (status === AudioPlayerStatus.Idle && !board.idleSeen) {
        // Between tracks, or stopped: one look at the engine tells which.
        board.idleSeen = true;
        board.urgent = true;
      }
      const since = now - board.lastEditAt;
      const line = board.lyrics.length > 0 ? lineAt(board.lyrics, this.positionOf(board)) : -1;
      const due =
        (board.urgent && since >= this.timing.urgentEditIntervalMs) ||
        (line !== board.shownLine && board.lyrics.length > 0 && since >= this.timing.minEditIntervalMs) ||
        (since >= this.timing.progressRefreshMs && !board.paused);
      if (due) void this.update(board);
    }
  }

  /** Re-reads the live position, renders, and sends or edits the message when it changed. */
  private async update(board: Board): Promise<void> {
    if (board.busy || board.finished) return;
    board.busy = true;
    try {
      const state = await this.refresh(board);
      if (state === 'gone' && this.boards.get(board.guildId) === board) {
        board.busy = false;
        await this.finish(board.guildId, true);
        return;
      }
      if (state === 'moved-on' || this.boards.get(board.guildId) !== board || board.finished) return;
      const position = this.positionOf(board);
      const line = board.lyrics.length > 0 ? lineAt(board.lyrics, position) : -1;
      const message = await this.render(board, position, line, true);
      const key = JSON.stringify([message.content, message.embeds, message.components]);
      board.urgent = false;
      if (key === board.shown && board.message) return;
      board.lastEditAt = this.now();
      board.shown = key;
      board.shownLine = line;
      await this.show(board, message);
    } catch (error) {
      this.log.warn({ err: error, guildId: board.guildId }, 'now-playing update failed');
    } finally {
      board.busy = false;
    }
  }

  /** The engine's view of the position and the queue; its errors only cost precision. */
  private async refresh(board: Board): Promise<'playing' | 'moved-on' | 'gone'> {
    try {
      const snapshot = await this.deps.playback(board.guildId).snapshot();
      const current = snapshot.current;
      // Stopped: the engine announces no end for a queue a command emptied.
      if (!current) return 'gone';
      // Another track already: its trackStarted event is on its way and takes the card over.
      if (current.track.entryId !== board.track.entryId) return 'moved-on';
      board.positionMs = current.positionMs;
      board.positionAt = this.now();
      board.paused = current.paused;
      const next = snapshot.upcoming[0];
      board.upNext = next ? `${next.song.name} — ${artistNames(next.song)}` : undefined;
    } catch (error) {
      this.log.debug({ err: error }, 'snapshot for the now-playing message failed');
    }
    return 'playing';
  }

  private async show(board: Board, message: DiscordMessage): Promise<void> {
    // The next track's card may have taken the message over while this one was rendering.
    if (this.boards.get(board.guildId) !== board) return;
    if (board.message) {
      try {
        board.message = await board.message.edit(editPayload(message));
        return;
      } catch (error) {
        // Deleted by someone, or too old to edit: a fresh message is better than none.
        this.log.debug({ err: error }, 'editing the now-playing message failed; sending a new one');
        board.message = undefined;
      }
    }
    const channel = await this.deps.client.channels.fetch(board.channelId);
    if (!channel?.isSendable()) return;
    board.message = await channel.send(messagePayload(message));
  }

  /** The final state: what played last, without buttons. */
  /** `stopped`: ended early by a command, so the bar stays where the music stopped. */
  private async finish(guildId: string, stopped = false): Promise<void> {
    const board = this.boards.get(guildId);
    if (!board) return;
    this.boards.delete(guildId);
    board.finished = true;
    const message = board.message;
    if (!message) return;
    try {
      const position = stopped ? this.positionOf(board) : board.track.song.durationMs;
      const rendered = await this.render(board, position, -1, false);
      await message.edit(editPayload(rendered));
    } catch (error) {
      this.log.debug({ err: error, guildId }, 'could not finish the now-playing message');
    }
  }

  private async render(
    board: Board,
    positionMs: number,
    line: number,
    live: boolean,
  ): Promise<DiscordMessage> {
    const t = translator(board.locale);
    const card = nowPlayingCard(t, {
      track: board.track,
      positionMs,
      paused: board.paused,
      live,
      lyric: live ? board.lyrics[line] : undefined,
      upNext: board.upNext,
      preview: board.preview,
    });
    const [message] = await renderReply(card, this.deps.renderDeps(board.locale), { quietButtons: true });
    if (!message) throw new Error('the now-playing card rendered to nothing');
    if (live) {
      // `like` has no button action of its own; this id runs the command for the card's song.
      message.components[0]?.components.push({
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        custom_id: nowPlayingId('like', board.track.song.id),
        label: t('nowplaying.like'),
        emoji: { name: '❤️' },
      });
    }
    return message;
  }

  private async post(channelId: string, text: string): Promise<void> {
    try {
      const channel = await this.deps.client.channels.fetch(channelId);
      if (!channel?.isSendable()) return;
      const [message] = await renderReply({ kind: 'text', text }, this.deps.renderDeps('en'));
      if (message) await channel.send(messagePayload(message));
    } catch (error) {
      this.log.warn({ err: error, channelId }, 'could not post an announcement');
    }
  }
}

/** What the card shows at one moment. */
export interface NowPlayingView {
  track: QueuedTrack;
  positionMs: number;
  paused: boolean;
  /** False for the final state after the queue ended: no controls, no lyric. */
  live: boolean;
  lyric?: LyricLine;
  upNext?: string;
  preview?: { startMs: number; endMs: number };
}

/** The card as a neutral reply (the like button is added by the adapter, see `render`). */
export function nowPlayingCard(t: Translate, view: NowPlayingView): CardReply {
  const { song, requester } = view.track;
  const state = !view.live ? '⏹' : view.paused ? '⏸' : '▶';
  const fields: NonNullable<CardReply['fields']> = [
    { name: t('nowplaying.requested_by'), value: requester.displayName, inline: true },
  ];
  if (view.live) {
    fields.push({
      name: t('nowplaying.up_next'),
      value: view.upNext ?? t('nowplaying.nothing_next'),
      inline: true,
    });
  }
  return {
    kind: 'card',
    title: view.live ? song.name : `${song.name} · ${t('nowplaying.finished')}`,
    url: neteaseUrl('song', song.id),
    description: rich.lines(
      rich.join([artistNames(song), song.album.name], ' · '),
      `${state} ${progressBar(view.positionMs, song.durationMs)}`,
      view.live && view.lyric ? lyricLine(view.lyric) : undefined,
    ),
    fields,
    ...(song.album.coverUrl ? { thumbnailUrl: song.album.coverUrl } : {}),
    ...(view.preview
      ? {
          footer: t('announce.preview', {
            start: formatDuration(view.preview.startMs),
            end: formatDuration(view.preview.endMs),
          }),
        }
      : {}),
    ...(view.live ? { buttons: [controls(t, view)] } : {}),
  };
}

/** The line being sung, bold, with its translation in italics under it; a break shows a note. */
function lyricLine(line: LyricLine): Rich {
  if (!line.text.trim()) return '♪';
  return rich.lines(
    rich.bold(`♪ ${line.text}`),
    line.translation ? rich.italic(line.translation) : undefined,
  );
}

function controls(t: Translate, view: NowPlayingView): Button[] {
  const toggle: Button = view.paused
    ? { label: t('nowplaying.resume'), emoji: '▶️', style: 'primary', action: controlAction('resume') }
    : { label: t('nowplaying.pause'), emoji: '⏸', style: 'secondary', action: controlAction('pause') };
  return [
    toggle,
    // Pinned to this entry: pressed on an old card, it must not skip whatever plays by then.
    { label: t('nowplaying.skip'), emoji: '⏭', action: controlAction('skip', view.track.entryId) },
    { label: t('nowplaying.stop'), emoji: '⏹', style: 'danger', action: controlAction('stop') },
    { label: t('nowplaying.lyrics'), emoji: '📜', action: lyricsAction(view.track.song.id) },
  ];
}
