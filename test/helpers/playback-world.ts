/**
 * The world the playback-command tests run in: the account world (real dispatcher, real NetEase
 * client on the loopback fake, real in-memory stores) plus one guild's queue-state playback
 * double, and callers who differ the ways that matter to these commands: who they are, whether
 * they are a DJ, whether they are in the voice channel, and what their platform can do.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Command } from '../../src/commands/command.ts';
import { UserError } from '../../src/commands/errors.ts';
import type { Locale } from '../../src/commands/i18n/index.ts';
import type { ActionRef, CardReply, Reply } from '../../src/commands/reply.ts';
import { plainText } from '../../src/commands/rich-text.ts';
import type { Services } from '../../src/commands/services.ts';
import type { Song } from '../../src/netease/models.ts';
import { type FakeNetease, startFakeNetease } from '../fakes/netease/server.ts';
import { type AccountWorld, createAccountWorld } from './account-world.ts';
import { createQueueStatePlayback, type QueueStatePlayback } from './queue-state-playback.ts';
import { replyText } from './reply-text.ts';

/** Discord (voice), Telegram (audio files, no voice), the console (neither). */
export type Platform = 'voice' | 'files' | 'console';

export interface Caller {
  /** `alice` (default) or any name: the user key is `test:<name>`, the display name capitalised. */
  who?: string;
  dj?: boolean;
  /** In the guild's voice channel (default true; only matters on the voice platform). */
  inVoice?: boolean;
  platform?: Platform;
  locale?: Locale;
}

export interface PlaybackWorld {
  account: AccountWorld;
  playback: QueueStatePlayback;
  context(caller?: Caller): ReturnType<AccountWorld['context']>;
  run(command: string, text?: string, caller?: Caller): Promise<Reply | undefined>;
  press(action: ActionRef, caller?: Caller): Promise<Reply | undefined>;
  /** A song from the fake, through the real client. */
  song(id: number, changes?: Partial<Song>): Promise<Song>;
  /** Sets the scene without a command: `who` queues these songs (the first plays if nothing does). */
  queueAs(who: string, ...songs: Song[]): Promise<void>;
  /** Names of the current and upcoming songs, in play order. */
  queued(): string[];
  close(): Promise<void>;
}

export function userKeyOf(who: string): string {
  return `test:${who}`;
}

export function displayNameOf(who: string): string {
  return who.charAt(0).toUpperCase() + who.slice(1);
}

export function createPlaybackWorld(
  fake: FakeNetease,
  commands: readonly Command<Services>[],
): PlaybackWorld {
  const account = createAccountWorld(fake, { commands });
  const playback = createQueueStatePlayback();

  function context(caller: Caller = {}) {
    const who = caller.who ?? 'alice';
    const platform = caller.platform ?? 'voice';
    const inVoice = platform === 'voice' && caller.inVoice !== false;
    const made = account.context({
      userKey: userKeyOf(who),
      ...(caller.locale ? { locale: caller.locale } : {}),
      ...(inVoice ? { playback } : {}),
    });
    const { ctx } = made;
    ctx.user = { key: userKeyOf(who), id: who, name: displayNameOf(who) };
    ctx.isDj = async () => caller.dj ?? false;
    if (platform !== 'voice') {
      ctx.capabilities = { ...ctx.capabilities, voice: false, audioFiles: platform === 'files' };
      // What adapters without voice answer (the console adapter does exactly this).
      ctx.playback = async () => {
        throw new UserError('error.no_voice_here');
      };
    }
    return made;
  }

  return {
    account,
    playback,
    context,
    run: (command, text = '', caller) => account.dispatcher.runText(context(caller).ctx, command, text),
    async press(action, caller) {
      return account.dispatcher.runAction(context(caller).ctx, await account.dispatcher.encodeAction(action));
    },
    song: async (id, changes = {}) => ({ ...(await account.netease.operator.song(id)), ...changes }),
    async queueAs(who, ...songs) {
      await playback.enqueue(songs, { userKey: userKeyOf(who), displayName: displayNameOf(who) });
      // Scene-setting is not what a test asserts about.
      playback.calls.length = 0;
    },
    queued() {
      const state = playback.state();
      return [state.current?.track, ...state.upcoming].flatMap((track) => (track ? [track.song.name] : []));
    },
    close: () => account.close(),
  };
}

/**
 * Registers the usual hooks of a playback-command test file: one fake NetEase for the file, a
 * fresh world (empty queue, stores, logins) for every test. Returns a getter for the current world.
 */
export function usePlaybackWorld(commands: readonly Command<Services>[]): () => PlaybackWorld {
  let fake: FakeNetease | undefined;
  let world: PlaybackWorld | undefined;
  beforeAll(async () => {
    fake = await startFakeNetease();
  });
  afterAll(async () => {
    await fake?.close();
  });
  beforeEach(() => {
    if (!fake) throw new Error('fake NetEase did not start');
    world = createPlaybackWorld(fake, commands);
  });
  afterEach(async () => {
    await world?.close();
  });
  return () => {
    if (!world) throw new Error('usePlaybackWorld: no world outside a test');
    return world;
  };
}

export function asCard(reply: Reply | undefined): CardReply {
  if (reply?.kind !== 'card') throw new Error(`expected a card, got ${reply?.kind}: ${replyText(reply)}`);
  return reply;
}

/** A card's fields as `{name: plain text}`. */
export function fieldsOf(reply: Reply | undefined): Record<string, string> {
  return Object.fromEntries(
    (asCard(reply).fields ?? []).map((field) => [field.name, plainText(field.value)]),
  );
}
