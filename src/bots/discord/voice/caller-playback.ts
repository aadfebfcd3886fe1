/**
 * The guild's player as one caller sees it. Joining voice is deferred to the calls that make
 * audio play (enqueue, resume, previous, skip): `/queue` or `/nowplaying` from someone in voice
 * must not pull an idle bot into the channel, where nothing would ever make it leave again.
 * Enqueues also record the caller's channel, so the engine can rejoin it after a restart.
 */
import type { EnqueueOptions, GuildPlayback } from '../../../queue/types.ts';

export interface CallerVoice {
  /** The caller's voice channel. */
  channelId: string;
  /** Connects the bot to the caller's channel (moving it if it idles elsewhere). Throws UserError. */
  join(): Promise<void>;
  /** Whether the bot is connected anywhere in the guild. */
  connected(): boolean;
}

export function callerPlayback(player: GuildPlayback, voice: CallerVoice): GuildPlayback {
  const reconnect = async () => {
    if (!voice.connected()) await voice.join();
  };
  return {
    snapshot: () => player.snapshot(),
    async enqueue(songs, requester, options: EnqueueOptions = {}) {
      await voice.join();
      return player.enqueue(songs, requester, { ...options, voiceChannelId: voice.channelId });
    },
    async skip(count) {
      await reconnect();
      return player.skip(count);
    },
    async previous() {
      await reconnect();
      return player.previous();
    },
    pause: () => player.pause(),
    async resume() {
      await reconnect();
      return player.resume();
    },
    stop: () => player.stop(),
    clear: () => player.clear(),
    remove: (position) => player.remove(position),
    move: (from, to) => player.move(from, to),
    shuffle: () => player.shuffle(),
    setLoop: (mode) => player.setLoop(mode),
    seek: (positionMs) => player.seek(positionMs),
    setVolume: (percent) => player.setVolume(percent),
    setFair: (on) => player.setFair(on),
  };
}
