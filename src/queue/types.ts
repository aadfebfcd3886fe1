/**
 * The playback contract the commands talk to. The engine (BullMQ/Redis or embedded) implements
 * it per guild; commands never see ffmpeg, voice connections or Redis.
 */
import type { Song } from '../netease/models.ts';

export type LoopMode = 'off' | 'track' | 'queue';

/** Who asked for a track: their session decides the quality and VIP rights when it plays. */
export interface Requester {
  /** Platform user key, e.g. `discord:1234`, used to find their NetEase session. */
  userKey: string;
  displayName: string;
}

/** A queued track holds ids and metadata, never a URL: URLs expire and are resolved at play time. */
export interface QueuedTrack {
  /** Unique per queue entry, so the same song queued twice can be told apart. */
  entryId: string;
  song: Song;
  requester: Requester;
  addedAt: number;
}

export interface NowPlaying {
  track: QueuedTrack;
  positionMs: number;
  paused: boolean;
}

export interface QueueSnapshot {
  current?: NowPlaying;
  /** Upcoming tracks in play order. */
  upcoming: QueuedTrack[];
  loop: LoopMode;
  volume: number;
  fair: boolean;
  /** Where the guild's announcements go (the channel of the last enqueue that named one). */
  textChannelId?: string;
  /** Whether a playback run (a BullMQ job, or its embedded equivalent) drives this guild now. */
  active?: boolean;
}

export interface EnqueueOptions {
  /** Insert at the front of the upcoming tracks ("play next"), ignoring fair order. */
  next?: boolean;
  /** Remembered for announcements: where "now playing" and skip notices go. */
  textChannelId?: string;
  /** Remembered so the adapter can rejoin after a restart. */
  voiceChannelId?: string;
}

export interface EnqueueResult {
  /** 1-based position of the first added track among upcoming tracks; 0 when it started right away. */
  position: number;
  added: number;
  startedPlaying: boolean;
}

export interface SkipResult {
  /** The track that was playing, then any upcoming tracks jumped over, in order. */
  skipped: QueuedTrack[];
  /** What plays now; undefined when the queue ran out. */
  current?: QueuedTrack;
}

export interface GuildPlayback {
  snapshot(): Promise<QueueSnapshot>;
  enqueue(songs: Song[], requester: Requester, options?: EnqueueOptions): Promise<EnqueueResult>;
  /**
   * Skips the current track; with `count` > 1 also the next `count - 1` upcoming tracks, so
   * `skip(n)` is "skip to upcoming position n". Throws QueueError when nothing plays.
   */
  skip(count?: number): Promise<SkipResult>;
  /** Plays the previously played track again (the current one goes back to the front). Returns it. */
  previous(): Promise<QueuedTrack>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Stops playback and empties the queue (history is kept for `previous`). */
  stop(): Promise<void>;
  /** Empties the upcoming tracks, keeps the current one; returns how many were removed. */
  clear(): Promise<number>;
  /** Removes the upcoming track at a 1-based position. */
  remove(position: number): Promise<QueuedTrack>;
  /** Moves an upcoming track between 1-based positions. */
  move(from: number, to: number): Promise<QueuedTrack>;
  shuffle(): Promise<void>;
  setLoop(mode: LoopMode): Promise<void>;
  /** Milliseconds from the start of the current track. */
  seek(positionMs: number): Promise<void>;
  /** Percent, 0–200. */
  setVolume(percent: number): Promise<void>;
  /** Fair mode interleaves requesters round-robin; turning it on reorders the upcoming tracks. */
  setFair(on: boolean): Promise<void>;
}
