/**
 * What the engine tells the platform adapter, through the injected `announce(guildId, event)`.
 * Events carry codes and data, never sentences: the adapter words them in the guild's language
 * (the same way commands turn error codes into messages) and posts them to `textChannelId`.
 */
import type { QueuedTrack } from './types.ts';

/** Why a track was skipped without (fully) playing. */
export type SkipReason =
  /** NetEase has no rights to stream it ("grey"). */
  | 'no_copyright'
  /** Needs VIP or a purchase, and the requester has neither (or previews are turned off). */
  | 'vip_only'
  /** NetEase does not know the song (any more). */
  | 'not_found'
  /** NetEase kept failing (network, throttling) for this track after retries. */
  | 'unavailable'
  /** The audio stream broke and could not be recovered (CDN, ffmpeg). */
  | 'stream_failed';

/** Problems that stop the guild's playback (the queue is kept, paused): the operator or user must act. */
export type PlaybackErrorCode =
  /** The adapter could not open the voice connection. */
  | 'voice_unavailable'
  /** ffmpeg is missing or unusable (the message names the ways to provide one). */
  | 'ffmpeg_unavailable'
  /** NetEase refused every attempt for reasons that are not about one song (-460, captcha, down). */
  | 'netease_unavailable';

interface EventBase {
  /** Where the guild's announcements go, when a command named a channel. */
  textChannelId?: string;
}

export type PlaybackEvent = EventBase &
  (
    | {
        type: 'trackStarted';
        track: QueuedTrack;
        /** Where it starts: 0, or the saved position when resuming after a restart. */
        positionMs: number;
        /** True when this continues a track interrupted by a restart or crash. */
        resumed: boolean;
        /** Set when only NetEase's preview clip plays: its window within the full song. */
        preview?: { startMs: number; endMs: number };
        upcoming: number;
      }
    | {
        type: 'trackSkipped';
        track: QueuedTrack;
        reason: SkipReason;
        /** The underlying error code (NetEase or stream), for logs and details. */
        errorCode?: string;
      }
    | { type: 'queueEnded' }
    | { type: 'error'; code: PlaybackErrorCode; message: string; track?: QueuedTrack }
    /** The bot left the voice channel after the guild's idle timeout. */
    | { type: 'idleLeft' }
  );

export type PlaybackEventType = PlaybackEvent['type'];

/** The adapter's callback. Errors it throws are logged and never reach playback. */
export type Announce = (guildId: string, event: PlaybackEvent) => void | Promise<void>;
