/**
 * One guild's playback: the GuildPlayback commands call, and the run loop that plays its queue.
 *
 * Every change goes the same way, under this guild's mutex: load the state, fold in the live
 * position, apply a pure transition (queue-state.ts), store it with a version check, then act on
 * the audio (stop, seek, pause...). The run loop uses the same path for its own changes (track
 * ended, skipped), so a command and the end of a track can never both advance the queue.
 *
 * Slow work (NetEase, opening the voice connection, ffmpeg start) happens outside the mutex and
 * is abandoned when a command changes the track meanwhile: a skip never waits for NetEase, and
 * nothing here is shared with other guilds except the spawn gate.
 */
import type { Logger } from '../logger.ts';
import type { Song } from '../netease/models.ts';
import type { FfmpegInfo } from '../player/ffmpeg-locator.ts';
import type { SpawnGate } from '../player/spawn-gate.ts';
import type { GuildSettings } from '../store/index.ts';
import type { Announce, PlaybackErrorCode, PlaybackEvent, SkipReason } from './events.ts';
import { Mutex } from './mutex.ts';
import type { Progress, RunContext, RunOutcome } from './playback-driver.ts';
import { PlaybackSession } from './playback-session.ts';
import type { GuildQueueState, Step } from './queue-state.ts';
import * as Q from './queue-state.ts';
import type { QueueStore } from './queue-store.ts';
import { TrackPrefetch } from './track-prefetch.ts';
import { classifyResolveError, type ResolvedTrack, type ResolveTrack } from './track-resolver.ts';
import type {
  EnqueueOptions,
  EnqueueResult,
  GuildPlayback,
  LoopMode,
  QueuedTrack,
  QueueSnapshot,
  Requester,
  SkipResult,
} from './types.ts';
import type { VoiceSink } from './voice-sink.ts';

export type PlaybackSettings = Pick<
  GuildSettings,
  'allowTrialClips' | 'defaultVolume' | 'idleTimeoutSeconds' | 'stay247' | 'fairQueue'
>;

export interface PlayerTuning {
  /** How often the position is recorded while playing (job progress / progress file). */
  progressIntervalMs: number;
  /** The next track's URL is resolved this long before the current one ends. */
  lookaheadMs: number;
  /** A URL must stay valid this much longer to be (re)used. */
  urlFreshForMs: number;
  /** Waits between attempts when NetEase fails in a way that may pass (network, throttling). */
  retryDelaysMs: readonly number[];
}

export const DEFAULT_TUNING: PlayerTuning = {
  progressIntervalMs: 1000,
  lookaheadMs: 20_000,
  urlFreshForMs: 60_000,
  retryDelaysMs: [1000, 3000],
};

export interface SinkRequest {
  /** The voice channel the last enqueue was made from, so an adapter can rejoin after a restart. */
  voiceChannelId?: string;
}

export interface GuildPlayerDeps {
  store: QueueStore;
  requestRun: (guildId: string) => Promise<void>;
  resolveTrack: ResolveTrack;
  settings: (guildId: string) => Promise<PlaybackSettings>;
  openSink: (guildId: string, request: SinkRequest) => Promise<VoiceSink>;
  leave: (guildId: string) => void | Promise<void>;
  announce: Announce;
  ffmpeg: () => Promise<FfmpegInfo>;
  gate?: SpawnGate;
  logger: Logger;
  tuning: PlayerTuning;
  random: () => number;
  now: () => number;
  newId: () => string;
}

interface Run {
  id: string;
  /** Aborted when a command changes what should play; the loop then looks at the state again. */
  step: AbortController;
  /** Wakes a loop waiting while paused. */
  wake: () => void;
  done?: Promise<RunOutcome>;
}

/** A track that cannot play for its requester: skipped with a reason. */
class SkipTrack extends Error {
  constructor(
    readonly reason: SkipReason,
    readonly code: string,
  ) {
    super(`${reason} (${code})`);
  }
}

/** A failure that pauses the guild instead of skipping: the user or operator has to act. */
class PauseWith extends Error {
  constructor(
    readonly code: PlaybackErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class GuildPlayer implements GuildPlayback {
  private readonly lock = new Mutex();
  private readonly prefetcher: TrackPrefetch;
  private readonly log: Logger;
  private run: Run | undefined;
  /** A run was requested from the driver and has not started yet. */
  private runRequested = false;
  private session: PlaybackSession | undefined;
  private sink: VoiceSink | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private prefetchTimer: NodeJS.Timeout | undefined;
  private lastAnnounced: string | undefined;
  /** The queue was emptied by stop(): the run ends without a "queue ended" announcement. */
  private stoppedByCommand = false;

  constructor(
    readonly guildId: string,
    private readonly deps: GuildPlayerDeps,
  ) {
    this.log = deps.logger.child({ guildId });
    this.prefetcher = new TrackPrefetch(deps.resolveTrack, {
      freshForMs: deps.tuning.urlFreshForMs,
      now: deps.now,
    });
  }

  /** Whether a run plays (or waits paused) in this process now. */
  get running(): boolean {
    return this.run !== undefined;
  }

  // ---------------------------------------------------------------- commands

  async snapshot(): Promise<QueueSnapshot> {
    const state = this.withLivePosition(await this.load());
    return {
      ...(state.current
        ? {
            current: {
              track: state.current.track,
              positionMs: state.current.positionMs,
              paused: state.paused,
            },
          }
        : {}),
      upcoming: state.upcoming,
      loop: state.loop,
      volume: state.volume,
      fair: state.fair,
      ...(state.textChannelId ? { textChannelId: state.textChannelId } : {}),
      active: this.run !== undefined || state.runId !== undefined,
    };
  }

  enqueue(songs: Song[], requester: Requester, options: EnqueueOptions = {}): Promise<EnqueueResult> {
    const addedAt = this.deps.now();
    const tracks: QueuedTrack[] = songs.map((song) => ({
      entryId: this.deps.newId(),
      song,
      requester,
      addedAt,
    }));
    return this.command((state) => {
      const withChannels = Q.setChannels(state, options).state;
      return Q.addTracks(withChannels, tracks, { next: options.next });
    });
  }

  skip(count = 1): Promise<SkipResult> {
    return this.command((state) => Q.skip(state, count));
  }

  previous(): Promise<QueuedTrack> {
    return this.command((state) => Q.previous(state));
  }

  pause(): Promise<void> {
    return this.command(Q.pause, () => this.session?.pause());
  }

  resume(): Promise<void> {
    return this.command(Q.resume, () => {
      this.session?.resume();
      this.run?.wake();
    });
  }

  stop(): Promise<void> {
    return this.command(Q.stop, (step) => {
      // Only a running queue announces its end; this end was asked for.
      if (step.restart && this.run) this.stoppedByCommand = true;
    });
  }

  clear(): Promise<number> {
    return this.command(Q.clear);
  }

  remove(position: number): Promise<QueuedTrack> {
    return this.command((state) => Q.remove(state, position));
  }

  move(from: number, to: number): Promise<QueuedTrack> {
    return this.command((state) => Q.move(state, from, to));
  }

  shuffle(): Promise<void> {
    return this.command((state) => Q.shuffle(state, this.deps.random));
  }

  setLoop(mode: LoopMode): Promise<void> {
    return this.command((state) => Q.setLoop(state, mode));
  }

  seek(positionMs: number): Promise<void> {
    return this.command(
      (state) => Q.seek(state, positionMs),
      (step) => {
        const current = step.state.current!;
        const session = this.session;
        if (session?.entryId !== current.track.entryId) return;
        // In place while the URL is fresh; else a restart resolves a new one.
        if (!session.seek(current.positionMs)) this.interrupt();
      },
    );
  }

  setVolume(percent: number): Promise<void> {
    return this.command(
      (state) => Q.setVolume(state, percent),
      (step) => {
        const session = this.session;
        if (session && !session.setVolume(step.state.volume)) this.interrupt();
      },
    );
  }

  setFair(on: boolean): Promise<void> {
    return this.command((state) => Q.setFair(state, on));
  }

  /** Remembers where to announce and which voice channel to rejoin, without queueing anything. */
  setChannels(channels: { textChannelId?: string; voiceChannelId?: string }): Promise<void> {
    return this.command((state) => Q.setChannels(state, channels));
  }

  // ---------------------------------------------------------------- driver side

  /**
   * Restores the position a dead predecessor recorded for run `runId`, then asks for a run. A
   * run that no longer owns the guild (a later run took over since) is old news and ignored.
   */
  recover(progress: Progress | undefined, runId?: string): Promise<void> {
    return this.lock.run(async () => {
      const { state } = await this.apply((s) => {
        if (runId !== undefined && s.runId !== undefined && s.runId !== runId) return unchanged(s);
        return progress ? Q.setPosition(s, progress.entryId, progress.positionMs) : unchanged(s);
      });
      this.log.info(
        { entryId: state.current?.track.entryId, positionMs: state.current?.positionMs },
        'resuming the guild after a restart',
      );
      await this.ensureRun(state);
    });
  }

  /** Plays the guild's queue until it ends, or until `context.signal` (shutdown). */
  runGuild(context: RunContext): Promise<RunOutcome> {
    const existing = this.run;
    if (existing) {
      // The same job delivered again (its lock lapsed while it kept playing here): wait with it.
      if (existing.id === context.runId && existing.done) return existing.done;
      return Promise.resolve('duplicate');
    }
    const run: Run = { id: context.runId, step: new AbortController(), wake: () => {} };
    this.run = run;
    this.runRequested = false;
    this.stoppedByCommand = false;
    this.cancelIdle();
    run.done = this.loop(run, context).finally(() => {
      // Normally cleared under the mutex together with the last state change (a new run may
      // already be playing by now); this is the safety net for a loop that died unexpectedly.
      if (this.run !== run) return;
      this.run = undefined;
      this.stopSession();
      this.clearPrefetchTimer();
    });
    return run.done;
  }

  /** The engine is closing: forget timers (runs are stopped through their signals). */
  dispose(): void {
    this.cancelIdle();
    this.clearPrefetchTimer();
  }

  // ---------------------------------------------------------------- state plumbing

  /** The stored state, or a new queue with the guild's defaults. */
  private async load(): Promise<GuildQueueState> {
    const stored = await this.deps.store.get(this.guildId);
    if (stored) return stored;
    const settings = await this.deps.settings(this.guildId);
    return Q.initialState(this.guildId, { volume: settings.defaultVolume, fair: settings.fairQueue });
  }

  /** The state with the position the running stream has reached, when it plays the current entry. */
  private withLivePosition(state: GuildQueueState): GuildQueueState {
    const session = this.session;
    if (!session || session.entryId !== state.current?.track.entryId) return state;
    return Q.setPosition(state, session.entryId, session.positionMs).state;
  }

  /**
   * Applies a transition and stores the result (must run under the mutex). On a version conflict
   * (someone else wrote) it reloads and applies the transition again; transitions are pure, so
   * that is safe.
   */
  private async apply<R>(transition: (state: GuildQueueState) => Step<R>): Promise<Step<R>> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const base = await this.load();
      const step = transition(this.withLivePosition(base));
      if (step.state === base) return step;
      const next: GuildQueueState = { ...step.state, version: base.version + 1, updatedAt: this.deps.now() };
      if (await this.deps.store.put(next, base.version)) return { ...step, state: next };
    }
    throw new Error(`the queue of guild ${this.guildId} keeps changing under us`);
  }

  private command<R>(
    transition: (state: GuildQueueState) => Step<R>,
    effect?: (step: Step<R>) => void,
  ): Promise<R> {
    return this.lock.run(async () => {
      const step = await this.apply(transition);
      effect?.(step);
      if (step.restart) this.interrupt();
      await this.ensureRun(step.state);
      return step.result;
    });
  }

  /** Asks the driver for a run when there is something to play and nothing drives the guild here. */
  private async ensureRun(state: GuildQueueState): Promise<void> {
    if (!Q.hasWork(state) || state.paused || this.run || this.runRequested) return;
    this.runRequested = true;
    this.cancelIdle();
    try {
      await this.deps.requestRun(this.guildId);
    } catch (error) {
      this.runRequested = false;
      throw error;
    }
  }

  /** What plays must change: cut the audio now and make the loop look at the state again. */
  private interrupt(): void {
    this.stopSession();
    const run = this.run;
    if (run) {
      run.step.abort();
      run.wake();
    }
  }

  private stopSession(): void {
    const session = this.session;
    this.session = undefined;
    session?.stop();
  }

  private emit(state: GuildQueueState | undefined, event: PlaybackEvent): void {
    const withChannel = state?.textChannelId ? { ...event, textChannelId: state.textChannelId } : event;
    // Fire and forget: a slow or failing chat API must never hold up the audio.
    void Promise.resolve()
      .then(() => this.deps.announce(this.guildId, withChannel))
      .catch((error: unknown) => this.log.warn({ err: error, event: event.type }, 'announce failed'));
  }

  // ---------------------------------------------------------------- the run loop

  private async loop(run: Run, context: RunContext): Promise<RunOutcome> {
    const started = await this.lock.run(async () => {
      const step = await this.apply((state) => {
        const begun = Q.beginRun(state, run.id);
        const hint = context.hint;
        // A redelivered job knows where it was (the state only saw the last transition), unless
        // another run took the guild over since: then its progress is older than the state.
        if (!hint || (state.runId !== undefined && state.runId !== run.id)) return begun;
        return { ...begun, state: Q.setPosition(begun.state, hint.entryId, hint.positionMs).state };
      });
      if (Q.hasWork(step.state)) return true;
      // Nothing to play (e.g. a stale job of a queue that already ended): leave quietly.
      await this.apply((state) => Q.endRun(state, run.id));
      this.run = undefined;
      return false;
    });
    if (!started) return 'finished';

    let firstTrack = true;
    let failures = 0;
    while (!context.signal.aborted) {
      // One controller per pass, also aborted by shutdown, so every wait in the pass listens to
      // one short-lived signal (listeners on the run's long-lived signal would pile up).
      const controller = new AbortController();
      run.step = controller;
      const onShutdown = () => controller.abort();
      context.signal.addEventListener('abort', onShutdown, { once: true });
      try {
        const outcome = await this.playStep(run, context, firstTrack);
        failures = 0;
        if (outcome === 'ended') return 'finished';
        if (outcome === 'played') firstTrack = false;
      } catch (error) {
        if (context.signal.aborted) break;
        // The store is unreachable or a bug: keep the guild and try again, slower each time.
        failures++;
        this.log.error({ err: error, failures }, 'playback step failed; retrying');
        await sleep(Math.min(10_000, 500 * 2 ** failures), controller.signal);
      } finally {
        context.signal.removeEventListener('abort', onShutdown);
      }
    }
    await this.shutdown(run, context);
    return 'shutdown';
  }

  /** Saves where the guild is, so the next process resumes it there; keeps runId for recovery. */
  private async shutdown(run: Run, context: RunContext): Promise<void> {
    await this.lock
      .run(async () => {
        // The identity transition still writes: apply() folds the live position in.
        const { state } = await this.apply(unchanged);
        // Progress is what a successor trusts for the current entry: make it the final position.
        if (state.current) {
          await context.reportProgress({
            entryId: state.current.track.entryId,
            positionMs: state.current.positionMs,
          });
        }
        if (this.run === run) this.run = undefined;
        this.stopSession();
      })
      .catch((error: unknown) => this.log.warn({ err: error }, 'could not save the position at shutdown'));
  }

  /**
   * One pass: look at the state and play (or skip, or wait for) the current track.
   * 'ended': the queue is over and the run gave the guild up; 'played': a track started;
   * 'again': something changed, look again.
   */
  private async playStep(
    run: Run,
    context: RunContext,
    firstTrack: boolean,
  ): Promise<'ended' | 'played' | 'again'> {
    const step = run.step.signal;
    const state = await this.load();
    const current = state.current;

    if (!current) {
      const ended = await this.lock.run(async () => {
        const latest = await this.load();
        if (Q.hasWork(latest)) return false;
        await this.apply((s) => Q.endRun(s, run.id));
        this.run = undefined;
        return true;
      });
      if (!ended) return 'again';
      if (!this.stoppedByCommand) this.emit(state, { type: 'queueEnded' });
      this.stoppedByCommand = false;
      this.startIdle();
      return 'ended';
    }

    if (state.paused) {
      await new Promise<void>((resolve) => {
        run.wake = resolve;
        step.addEventListener('abort', () => resolve(), { once: true });
      });
      run.wake = () => {};
      return 'again';
    }

    const track = current.track;
    const settings = await this.deps.settings(this.guildId);
    let prepared: { resolved: ResolvedTrack; resolvedAt: number; sink: VoiceSink; ffmpeg: FfmpegInfo };
    try {
      prepared = await this.prepare(track, state, settings, step);
    } catch (error) {
      if (step.aborted) return 'again';
      if (error instanceof PauseWith) {
        this.emit(state, { type: 'error', code: error.code, message: error.message, track });
        await this.lock.run(() =>
          this.apply((s) => (s.current?.track.entryId === track.entryId ? Q.pause(s) : unchanged(s))),
        );
        return 'again';
      }
      if (!(error instanceof SkipTrack)) throw error;
      const skip = error;
      this.log.info(
        { songId: track.song.id, reason: skip.reason, code: skip.code },
        'skipping an unplayable track',
      );
      this.emit(state, { type: 'trackSkipped', track, reason: skip.reason, errorCode: skip.code });
      await this.lock.run(() => this.apply((s) => Q.trackFailed(s, track.entryId)));
      return 'again';
    }

    // Start only if nothing changed meanwhile; registering the session under the mutex means a
    // command either ran before (and we see its state) or after (and it sees the session).
    const session = await this.lock.run(async () => {
      const latest = await this.load();
      if (step.aborted || latest.paused || latest.current?.track.entryId !== track.entryId) return undefined;
      const created = new PlaybackSession({
        track,
        resolved: prepared.resolved,
        resolvedAt: prepared.resolvedAt,
        startMs: latest.current.positionMs,
        volumePercent: latest.volume,
        ffmpeg: prepared.ffmpeg,
        gate: this.deps.gate,
        sink: prepared.sink,
        refresh: (signal) =>
          this.prefetcher.take(track, { allowTrial: settings.allowTrialClips, signal, fresh: true }),
        isFresh: (resolved, resolvedAt) => this.prefetcher.isFresh(resolved, resolvedAt),
        positionIntervalMs: this.deps.tuning.progressIntervalMs,
        onPosition: (positionMs) =>
          context.reportProgress({ entryId: track.entryId, positionMs: Math.round(positionMs) }),
        logger: this.log,
      });
      this.session = created;
      return { created, startMs: latest.current.positionMs, state: latest };
    });
    if (!session) return 'again';

    const { created, startMs } = session;
    context.reportProgress({ entryId: track.entryId, positionMs: startMs });
    if (this.lastAnnounced !== track.entryId) {
      this.lastAnnounced = track.entryId;
      this.emit(session.state, {
        type: 'trackStarted',
        track,
        positionMs: startMs,
        resumed: firstTrack && startMs > 0,
        ...(created.preview ? { preview: created.preview } : {}),
        upcoming: session.state.upcoming.length,
      });
    }
    this.schedulePrefetch(track, startMs, settings.allowTrialClips);

    const end = await Promise.race([
      created.done,
      new Promise<'aborted'>((resolve) => {
        step.addEventListener('abort', () => resolve('aborted'), { once: true });
      }),
    ]);
    this.clearPrefetchTimer();
    if (end === 'aborted' || step.aborted || context.signal.aborted) return 'played';
    if (end.reason === 'stopped') {
      // Someone stopped the sink behind the engine's back (the adapter): hold the guild paused
      // where it was rather than restart the track in a loop.
      await this.lock.run(async () => {
        await this.apply((s) => (s.current?.track.entryId === track.entryId ? Q.pause(s) : unchanged(s)));
        if (this.session === created) this.session = undefined;
      });
      return 'played';
    }

    await this.lock.run(async () => {
      const step2 =
        end.reason === 'finished'
          ? await this.apply((s) => Q.trackEnded(s, track.entryId))
          : await this.apply((s) => Q.trackFailed(s, track.entryId));
      if (this.session === created) this.session = undefined;
      if (end.reason === 'error') {
        this.log.warn({ err: end.error, songId: track.song.id }, 'stream failed; skipping the track');
        this.emit(step2.state, {
          type: 'trackSkipped',
          track,
          reason: 'stream_failed',
          errorCode: errorCode(end.error),
        });
      }
      // The same entry again (loop=track, or loop=queue with one track) is a replay, not news.
      if (step2.state.current?.track.entryId === track.entryId) this.lastAnnounced = track.entryId;
    });
    return 'played';
  }

  /** Everything a track needs before audio can start: URL, voice sink, ffmpeg. */
  private async prepare(
    track: QueuedTrack,
    state: GuildQueueState,
    settings: PlaybackSettings,
    signal: AbortSignal,
  ): Promise<{ resolved: ResolvedTrack; resolvedAt: number; sink: VoiceSink; ffmpeg: FfmpegInfo }> {
    const allowTrial = settings.allowTrialClips;
    const { resolved, resolvedAt } = await this.resolveWithRetry(track, allowTrial, signal);
    // A custom resolver may hand out a preview although the guild turned them off.
    if (resolved.trial && !allowTrial) throw new SkipTrack('vip_only', 'preview_disabled');

    let sink = this.sink;
    if (!sink) {
      try {
        sink = await this.deps.openSink(this.guildId, { voiceChannelId: state.voiceChannelId });
      } catch (error) {
        if (signal.aborted) throw error;
        this.log.warn({ err: error }, 'could not open the voice sink');
        throw new PauseWith('voice_unavailable', describe(error));
      }
      this.sink = sink;
    }

    let ffmpeg: FfmpegInfo;
    try {
      ffmpeg = await this.deps.ffmpeg();
    } catch (error) {
      throw new PauseWith('ffmpeg_unavailable', describe(error));
    }
    return { resolved, resolvedAt, sink, ffmpeg };
  }

  private async resolveWithRetry(
    track: QueuedTrack,
    allowTrial: boolean,
    signal: AbortSignal,
  ): Promise<{ resolved: ResolvedTrack; resolvedAt: number }> {
    const delays = this.deps.tuning.retryDelaysMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.prefetcher.take(track, { allowTrial, signal, fresh: attempt > 0 });
      } catch (error) {
        if (signal.aborted) throw error;
        const failure = classifyResolveError(error);
        if (failure.action === 'skip') throw new SkipTrack(failure.reason, failure.code);
        const delay = delays[attempt];
        if (failure.action === 'pause' || delay === undefined) {
          this.log.warn(
            { err: error, songId: track.song.id },
            'NetEase refuses song URLs; pausing the guild',
          );
          throw new PauseWith('netease_unavailable', describe(error));
        }
        this.log.info({ code: failure.code, attempt: attempt + 1 }, 'song URL failed; retrying');
        await sleep(delay, signal);
        if (signal.aborted) throw signal.reason;
      }
    }
  }

  // ---------------------------------------------------------------- look-ahead and idle

  private schedulePrefetch(track: QueuedTrack, startMs: number, allowTrial: boolean): void {
    this.clearPrefetchTimer();
    const remaining = Math.max(0, track.song.durationMs - startMs);
    const delay = Math.max(0, remaining - this.deps.tuning.lookaheadMs);
    this.prefetchTimer = setTimeout(() => {
      this.prefetchTimer = undefined;
      // The queue may have changed since the track started: look at what is next now.
      void this.deps.store
        .get(this.guildId)
        .then((state) => {
          const next = state?.upcoming[0];
          if (next && state.current?.track.entryId === track.entryId)
            this.prefetcher.prefetch(next, allowTrial);
        })
        .catch((error: unknown) => this.log.debug({ err: error }, 'prefetch skipped'));
    }, delay);
    this.prefetchTimer.unref();
  }

  private clearPrefetchTimer(): void {
    clearTimeout(this.prefetchTimer);
    this.prefetchTimer = undefined;
  }

  private startIdle(): void {
    this.cancelIdle();
    void this.deps
      .settings(this.guildId)
      .then((settings) => {
        if (settings.stay247 || this.run || this.runRequested) return;
        this.idleTimer = setTimeout(() => void this.leaveIfIdle(), settings.idleTimeoutSeconds * 1000);
        this.idleTimer.unref();
      })
      .catch((error: unknown) => this.log.warn({ err: error }, 'could not read the idle settings'));
  }

  private cancelIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  private async leaveIfIdle(): Promise<void> {
    this.idleTimer = undefined;
    if (this.run || this.runRequested) return;
    const state = await this.deps.store.get(this.guildId).catch(() => undefined);
    if (state && Q.hasWork(state)) return;
    this.sink = undefined;
    this.lastAnnounced = undefined;
    try {
      await this.deps.leave(this.guildId);
      this.emit(state, { type: 'idleLeft' });
    } catch (error) {
      this.log.warn({ err: error }, 'leaving the voice channel failed');
    }
  }
}

function unchanged(state: GuildQueueState): Step {
  return { state, result: undefined, restart: false };
}

function errorCode(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error.name;
}
