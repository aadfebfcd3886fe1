/** Waits on what the fake Discord heard in a guild's voice channel. */
import type { FakeDiscord, VoiceSnapshot } from '../../../fakes/discord/server.ts';

/** Frames per second of Discord voice (20 ms Opus frames). */
export const FRAMES_PER_SECOND = 50;

/** Frames a track of `durationMs` should produce, give or take ffmpeg's pre-skip packet and rounding. */
export function expectedFrames(durationMs: number): number {
  return durationMs / (1000 / FRAMES_PER_SECOND);
}

/**
 * Resolves once audio has flowed and then stopped (the bot said Speaking 0 after its last
 * packet): the end of a track, or of a pause.
 */
export function waitForSilence(
  discord: FakeDiscord,
  guildId: string,
  timeoutMs = 30_000,
): Promise<VoiceSnapshot> {
  return discord.waitFor(
    () => {
      const voice = discord.voice(guildId);
      const last = voice.speaking.at(-1);
      // Speaking goes over TLS and packets over UDP, timed by two clocks: allow them 100 ms apart.
      return voice.nonSilentFrameCount > 0 &&
        last?.speaking === 0 &&
        last.at + 100 >= (voice.lastPacketAt ?? 0)
        ? voice
        : undefined;
    },
    timeoutMs,
    `audio in guild ${guildId} to start and then stop`,
  );
}

/** Resolves when at least `count` more non-silent frames than `from` have arrived. */
export function waitForMoreFrames(
  discord: FakeDiscord,
  guildId: string,
  from: number,
  count: number,
  timeoutMs = 20_000,
): Promise<VoiceSnapshot> {
  return discord.waitForFrames(guildId, from + count, timeoutMs, { nonSilent: true });
}
