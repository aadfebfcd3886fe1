/**
 * The voice connection's own recovery, in process with a gateway adapter that never answers:
 * the watchdog replaces a connection stuck in signalling, within its budget, then gives up, and
 * a waiting `connect` fails at once instead of after its full timeout.
 */
import { randomBytes } from 'node:crypto';
import type { DiscordGatewayAdapterCreator } from '@discordjs/voice';
import { describe, expect, it } from 'vitest';
import { GuildVoice, VoiceJoinTimeoutError } from '../../../src/bots/discord/voice/guild-voice.ts';
import { silentLogger } from '../../../src/logger.ts';

/** A gateway that accepts op 4 and never sends the voice state or server back. */
function silentGateway() {
  const payloads: { d: { channel_id: string | null } }[] = [];
  const creator: DiscordGatewayAdapterCreator = () => ({
    sendPayload: (payload) => {
      payloads.push(payload as (typeof payloads)[number]);
      return true;
    },
    destroy: () => {},
  });
  return { creator, payloads };
}

describe('GuildVoice', () => {
  it('replaces a connection stuck in signalling, gives up when the budget is spent, and says so', async () => {
    const gateway = silentGateway();
    const lost: string[] = [];
    const voice = new GuildVoice({
      guildId: '900000000000000100',
      group: `test-${randomBytes(4).toString('hex')}`,
      adapterCreator: () => gateway.creator,
      currentChannel: () => null,
      tuning: { readyTimeoutMs: 10_000, watchdogMs: 60, moveGraceMs: 50, backoffMs: [10, 10] },
      logger: silentLogger(),
      onLost: (reason) => lost.push(reason),
    });
    const started = Date.now();
    await expect(voice.connect('900000000000000120')).rejects.toBeInstanceOf(VoiceJoinTimeoutError);
    // Failed as soon as it gave up, long before the 10 s ready timeout.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(lost).toEqual(['unreachable']);
    // One join, then one per allowed retry; the last op 4 leaves the channel.
    const joins = gateway.payloads.filter((payload) => payload.d.channel_id === '900000000000000120');
    expect(joins).toHaveLength(3);
    expect(voice.channel).toBeUndefined();
    voice.close();
  });

  it('fails a connect that is not ready in time and leaves nothing behind', async () => {
    const gateway = silentGateway();
    const lost: string[] = [];
    const voice = new GuildVoice({
      guildId: '900000000000000101',
      group: `test-${randomBytes(4).toString('hex')}`,
      adapterCreator: () => gateway.creator,
      currentChannel: () => null,
      tuning: { readyTimeoutMs: 100, watchdogMs: 10_000, moveGraceMs: 50, backoffMs: [1_000] },
      logger: silentLogger(),
      onLost: (reason) => lost.push(reason),
    });
    await expect(voice.connect('900000000000000120')).rejects.toThrow(/not ready after 100 ms/);
    expect(voice.channel).toBeUndefined();
    // A timeout is the caller's failure to report, not a lost connection.
    expect(lost).toEqual([]);
    voice.close();
  });
});
