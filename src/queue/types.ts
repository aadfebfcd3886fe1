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
}

export interface EnqueueResult {
  /** 1-based position of the first added track among upcoming tracks; 0 when it started right away. */
  position: number;
  added: number;
  startedPlaying: boolean;
}

export interface GuildPlayback {
  snapshot(): Promise<QueueSnapshot>;
  enqueue(songs: Song[], requester: Requester, options?: { next?: boolean }): Promise<EnqueueResult>;
  skip(count?: number): Promise<QueuedTrack | undefined>;
  previous(): Promise<QueuedTrack | undefined>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
  clear(): Promise<number>;
  /** Removes the upcoming track at a 1-based position. */
  remove(position: number): Promise<QueuedTrack>;
  move(from: number, to: number): Promise<QueuedTrack>;
  shuffle(): Promise<void>;
  setLoop(mode: LoopMode): Promise<void>;
  seek(positionMs: number): Promise<void>;
  /** Percent, 0–200. */
  setVolume(percent: number): Promise<void>;
  setFair(on: boolean): Promise<void>;
}
