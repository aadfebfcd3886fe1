// The shared state every part of the fake works on, passed explicitly instead of via globals
// so several fakes can run side by side in one test process.
import type { CommandRegistry } from './commands.ts';
import type { ChangeHub } from './hub.ts';
import type { InteractionTracker } from './interactions.ts';
import type { MessageStore } from './message-store.ts';
import type { FakeDiscordOptions, Json } from './types.ts';
import type { World } from './world.ts';

/** Gateway intents that gate dispatches (Discord drops events the session did not ask for). */
export const Intent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildVoiceStates: 1 << 7,
  GuildMessages: 1 << 9,
  DirectMessages: 1 << 12,
} as const;

export interface FakeContext {
  readonly options: FakeDiscordOptions;
  readonly world: World;
  readonly messages: MessageStore;
  readonly commands: CommandRegistry;
  readonly interactions: InteractionTracker;
  readonly hub: ChangeHub;
  readonly log: (line: string) => void;
  /** `http://127.0.0.1:PORT`, known once the HTTP server listens. */
  baseUrl: string;
  /** Sends a dispatch to every live gateway session whose intents include `intent` (if given). */
  dispatch: (event: string, data: Json, intent?: number) => void;
}
