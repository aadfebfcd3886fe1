/**
 * One guild's voice connection, kept alive. @discordjs/voice reconnects a dropped voice socket by
 * itself, but leaves the hard cases to the bot, and anchors §3 lists what goes wrong when a bot
 * ignores them: a connection stuck in "signalling" forever, one that gives up after a close code,
 * audio started before the connection was ready. Here:
 *
 * - `connect` resolves only once the connection is Ready (or throws): nothing plays into a
 *   half-open connection;
 * - close code 4014 means moved or kicked: a move is followed by new voice credentials within a
 *   few seconds, a kick is not (and our own voice state already says "nowhere");
 * - other disconnects are rejoined with exponential backoff;
 * - a watchdog replaces a connection that sits in signalling/connecting too long;
 * - the guild's AudioPlayerSink outlives connections: a reconnect re-subscribes the same player,
 *   and with NoSubscriberBehavior.Pause the player simply waits while no connection is Ready, so
 *   a reconnect loses no audio.
 */
import {
  type DiscordGatewayAdapterCreator,
  entersState,
  joinVoiceChannel,
  type VoiceConnection,
  VoiceConnectionDisconnectReason,
  type VoiceConnectionState,
  VoiceConnectionStatus,
} from '@discordjs/voice';
import type { Logger } from '../../../logger.ts';
import { AudioPlayerSink } from '../../../queue/audio-player-sink.ts';

export interface VoiceTuning {
  /** How long a (re)connection may take to become Ready before it counts as failed. */
  readyTimeoutMs: number;
  /** A connection in signalling/connecting this long is torn down and made again. */
  watchdogMs: number;
  /** After a 4014 close with our voice state still in a channel: wait this long for a move. */
  moveGraceMs: number;
  /** Waits before each rejoin attempt; when they run out the connection is given up. */
  backoffMs: readonly number[];
}

export const DEFAULT_VOICE_TUNING: VoiceTuning = {
  readyTimeoutMs: 15_000,
  watchdogMs: 20_000,
  moveGraceMs: 5_000,
  backoffMs: [1_000, 2_000, 4_000, 8_000, 15_000],
};

/** Why a guild's voice connection ended without the bot asking for it. */
export type VoiceLossReason = 'disconnected' | 'unreachable';

export interface GuildVoiceOptions {
  guildId: string;
  /** Connections are keyed by (group, guild) inside @discordjs/voice; one group per bot. */
  group: string;
  adapterCreator: () => DiscordGatewayAdapterCreator;
  /** The channel our own voice state names now (the gateway's view), or null. */
  currentChannel: () => string | null;
  tuning: VoiceTuning;
  logger: Logger;
  onLost: (reason: VoiceLossReason) => void;
}

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

export class VoiceJoinTimeoutError extends Error {
  override name = 'VoiceJoinTimeoutError';
}

export class GuildVoice {
  readonly sink: AudioPlayerSink;
  private connection: VoiceConnection | undefined;
  private channelId: string | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private backoff: NodeJS.Timeout | undefined;
  private attempts = 0;
  private closed = false;
  private readonly waiters = new Set<Waiter>();
  private readonly log: Logger;

  constructor(private readonly options: GuildVoiceOptions) {
    this.log = options.logger.child({ guildId: options.guildId, module: 'voice' });
    this.sink = new AudioPlayerSink();
  }

  /** The channel the bot is connected (or connecting) to. */
  get channel(): string | undefined {
    return this.connection ? this.channelId : undefined;
  }

  get ready(): boolean {
    return this.connection?.state.status === VoiceConnectionStatus.Ready;
  }

  /**
   * Joins (or moves to) `channelId` and waits until audio can flow. Throws
   * VoiceJoinTimeoutError when the connection does not get there in time (and tears it down).
   */
  async connect(channelId: string): Promise<void> {
    if (this.closed) throw new Error('this guild voice was closed');
    if (this.connection && this.channelId === channelId && this.ready) return;
    this.channelId = channelId;
    this.ensureConnection(channelId);
    if (this.ready) return;
    // Waits for the guild's connection rather than one connection object: the watchdog may
    // replace a stuck connection meanwhile, and a given-up one must fail the wait at once.
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const timeout = new VoiceJoinTimeoutError(
          `voice connection to ${channelId} was not ready after ${this.options.tuning.readyTimeoutMs} ms`,
        );
        // Nobody will hear this connection if it ever comes up: stop trying, tell the others.
        if (this.connection) this.drop(this.connection);
        this.settleWaiters(timeout);
        reject(timeout);
      }, this.options.tuning.readyTimeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Leaves the channel and stops playing; the sink stays usable for a later connect. */
  disconnect(): void {
    const connection = this.connection;
    if (connection) this.drop(connection);
    this.settleWaiters(new VoiceJoinTimeoutError('left the voice channel'));
  }

  /** Leaves for good (guild idle, shutdown). */
  close(): void {
    this.closed = true;
    this.disconnect();
    this.sink.destroy();
  }

  private ensureConnection(channelId: string): VoiceConnection {
    const existing = this.connection;
    if (existing && existing.state.status !== VoiceConnectionStatus.Destroyed) {
      const status = existing.state.status;
      const underway =
        status === VoiceConnectionStatus.Signalling || status === VoiceConnectionStatus.Connecting;
      // Already on its way to this channel (a reconnect in progress): wait for it, do not restart it.
      if (underway && existing.joinConfig.channelId === channelId) return existing;
      // Another channel, or given up: op 4 again and the same connection follows.
      existing.rejoin({ channelId, selfDeaf: true, selfMute: false });
      this.armWatchdog(existing);
      return existing;
    }
    const connection = joinVoiceChannel({
      guildId: this.options.guildId,
      channelId,
      group: this.options.group,
      adapterCreator: this.options.adapterCreator(),
      selfDeaf: true,
      selfMute: false,
    });
    this.connection = connection;
    this.attempts = 0;
    connection.on('stateChange', (oldState, newState) => this.onStateChange(connection, oldState, newState));
    // Errors also show up as state changes; without a listener an 'error' event would throw.
    connection.on('error', (error) => this.log.warn({ err: error }, 'voice connection error'));
    connection.subscribe(this.sink.player);
    this.armWatchdog(connection);
    return connection;
  }

  private onStateChange(
    connection: VoiceConnection,
    oldState: VoiceConnectionState,
    state: VoiceConnectionState,
  ): void {
    if (connection !== this.connection) return;
    if (oldState.status !== state.status)
      this.log.debug({ from: oldState.status, to: state.status }, 'voice state');
    switch (state.status) {
      case VoiceConnectionStatus.Ready:
        this.attempts = 0;
        this.clearTimers();
        // A move by a moderator lands here with the connection's new channel.
        this.channelId = connection.joinConfig.channelId ?? this.channelId;
        this.settleWaiters();
        break;
      case VoiceConnectionStatus.Signalling:
      case VoiceConnectionStatus.Connecting:
        this.armWatchdog(connection);
        break;
      case VoiceConnectionStatus.Disconnected:
        this.onDisconnected(connection, state);
        break;
      case VoiceConnectionStatus.Destroyed:
        this.clearTimers();
        if (this.connection === connection) this.connection = undefined;
        break;
    }
  }

  private onDisconnected(
    connection: VoiceConnection,
    state: Extract<VoiceConnectionState, { status: VoiceConnectionStatus.Disconnected }>,
  ): void {
    if (state.reason === VoiceConnectionDisconnectReason.Manual) return;
    if (state.reason === VoiceConnectionDisconnectReason.WebSocketClose && state.closeCode === 4014) {
      // Kicked, or the channel was deleted: our voice state already says we are nowhere.
      if (this.options.currentChannel() === null) {
        this.lose(connection, 'disconnected');
        return;
      }
      // Moved: Discord sends new credentials for the new channel shortly.
      entersState(connection, VoiceConnectionStatus.Connecting, this.options.tuning.moveGraceMs).catch(() => {
        if (this.connection !== connection) return;
        if (this.options.currentChannel() === null) this.lose(connection, 'disconnected');
        else this.retry(connection);
      });
      return;
    }
    this.retry(connection);
  }

  /** Rejoins after the next backoff step, or gives up when the steps run out. */
  private retry(connection: VoiceConnection): void {
    const delay = this.options.tuning.backoffMs[this.attempts];
    if (delay === undefined) {
      this.lose(connection, 'unreachable');
      return;
    }
    this.attempts++;
    this.log.info({ attempt: this.attempts, delayMs: delay }, 'voice connection lost; rejoining');
    clearTimeout(this.backoff);
    this.backoff = setTimeout(() => {
      this.backoff = undefined;
      if (this.connection !== connection || this.closed) return;
      const channelId = this.channelId;
      if (!channelId) {
        this.lose(connection, 'disconnected');
        return;
      }
      if (connection.state.status === VoiceConnectionStatus.Destroyed) return;
      connection.rejoin({ channelId, selfDeaf: true, selfMute: false });
      this.armWatchdog(connection);
    }, delay);
    this.backoff.unref();
  }

  /**
   * Signalling or connecting that never finishes (anchors §3 item 3): the library waits forever.
   * A fresh connection is the reliable cure, within the same backoff budget as rejoins.
   */
  private armWatchdog(connection: VoiceConnection): void {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
      this.watchdog = undefined;
      if (this.connection !== connection || this.ready || this.closed) return;
      const delay = this.options.tuning.backoffMs[this.attempts];
      this.log.warn(
        { status: connection.state.status, attempt: this.attempts },
        'voice connection stuck; starting over',
      );
      const channelId = this.channelId;
      if (delay === undefined || !channelId) {
        this.lose(connection, 'unreachable');
        return;
      }
      const attempts = this.attempts + 1;
      this.drop(connection);
      this.ensureConnection(channelId);
      // A new connection starts a fresh budget; a stuck server must not get one per watchdog.
      this.attempts = attempts;
    }, this.options.tuning.watchdogMs);
    this.watchdog.unref();
  }

  private lose(connection: VoiceConnection, reason: VoiceLossReason): void {
    if (this.connection !== connection) return;
    this.log.warn({ reason }, 'voice connection given up');
    this.drop(connection);
    this.settleWaiters(new VoiceJoinTimeoutError(`voice connection given up (${reason})`));
    this.options.onLost(reason);
  }

  /** Ends every pending `connect`: resolved without an error, rejected with one. */
  private settleWaiters(error?: Error): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const waiter of waiters) {
      if (error) waiter.reject(error);
      else waiter.resolve();
    }
  }

  private drop(connection: VoiceConnection): void {
    this.clearTimers();
    if (this.connection === connection) this.connection = undefined;
    if (connection.state.status !== VoiceConnectionStatus.Destroyed) {
      try {
        connection.destroy();
      } catch (error) {
        this.log.debug({ err: error }, 'destroying the voice connection failed');
      }
    }
  }

  private clearTimers(): void {
    clearTimeout(this.watchdog);
    clearTimeout(this.backoff);
    this.watchdog = undefined;
    this.backoff = undefined;
  }
}
