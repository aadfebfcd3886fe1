/**
 * What decides which process plays a guild, and keeps a record that survives the process.
 *
 * A guild that should be playing has a "run": with Redis a BullMQ job in this shard's queue
 * (`playback-<shardId>`), processed by the one Worker of the process owning the shard; without
 * Redis an in-process task whose progress goes to DATA_DIR. Either way the engine's
 * `runGuild` does the playing; the driver only schedules it, records progress, and on start-up
 * hands back the guilds a dead or stopped predecessor was playing.
 */

/** Where a run is in its current track: saved as it plays, read back to resume. */
export interface Progress {
  entryId: string;
  positionMs: number;
}

export interface RunContext {
  /** BullMQ job id, or an embedded run id. */
  runId: string;
  /** Aborted when the process shuts down: the run stops and leaves the guild to be resumed. */
  signal: AbortSignal;
  /** Progress an earlier attempt of this same run recorded (a redelivered job). */
  hint?: Progress;
  /**
   * Records progress; never rejects (a write the backend did not take is logged and dropped).
   * Awaiting it is only needed for the final position at shutdown.
   */
  reportProgress(progress: Progress): void | Promise<void>;
}

/**
 * finished: the queue ended (or the run gave the guild up); shutdown: stopped by `signal`, to be
 * resumed; duplicate: another run already drives this guild, so this one did nothing.
 */
export type RunOutcome = 'finished' | 'shutdown' | 'duplicate';

/** The engine, as the driver sees it. */
export interface RunHost {
  runGuild(guildId: string, context: RunContext): Promise<RunOutcome>;
  /**
   * A guild was playing when the previous process stopped: restore `progress` (authoritative for
   * its entry: it is written more often than the state) and start a run. `runId` names the run
   * the progress belongs to; it is ignored if the guild has been taken over by a later run.
   */
  recover(guildId: string, progress: Progress | undefined, runId?: string): Promise<void>;
}

export interface PlaybackDriver {
  readonly kind: 'redis' | 'embedded';
  /** Called once by the engine before anything else. */
  attach(host: RunHost): void;
  /** Recovers the predecessor's guilds, then starts processing runs. */
  start(): Promise<void>;
  /** Schedules a new run for the guild (the engine makes sure it has none already). */
  requestRun(guildId: string): Promise<void>;
  /** Stops every run with its signal (their guilds resume on the next start) and lets go of the backend. */
  close(): Promise<void>;
}

/** Reads a Progress back from untyped storage (job progress, a JSON file). */
export function parseProgress(value: unknown): Progress | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { entryId, positionMs } = value as Record<string, unknown>;
  if (typeof entryId !== 'string' || typeof positionMs !== 'number' || !Number.isFinite(positionMs))
    return undefined;
  return { entryId, positionMs: Math.max(0, positionMs) };
}
