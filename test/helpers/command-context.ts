import type { CommandContext, MessageHandle } from '../../src/commands/context.ts';
import { UserError } from '../../src/commands/errors.ts';
import { type Locale, translator } from '../../src/commands/i18n/index.ts';
import type { Reply } from '../../src/commands/reply.ts';
import { silentLogger } from '../../src/logger.ts';
import type { GuildPlayback } from '../../src/queue/types.ts';

export interface SentMessage {
  reply: Reply;
  edits: Reply[];
  deleted: boolean;
}

/** A command context as a plain object, recording what the command sent. */
export function makeContext<S>(
  services: S,
  overrides: Partial<CommandContext<S>> & { locale?: Locale; playbackImpl?: GuildPlayback } = {},
) {
  const sent: SentMessage[] = [];
  const background: Promise<void>[] = [];
  const controller = new AbortController();
  const locale = overrides.locale ?? 'en';
  const ctx: CommandContext<S> = {
    user: { key: 'test:1', id: '1', name: 'Tester' },
    chat: { id: 'chat-1', private: false, guildId: 'guild-1' },
    locale,
    t: translator(locale),
    capabilities: {
      voice: true,
      audioFiles: false,
      editMessages: true,
      buttons: true,
      openPrivateChat: false,
    },
    services,
    logger: silentLogger(),
    async send(reply: Reply): Promise<MessageHandle> {
      const message: SentMessage = { reply, edits: [], deleted: false };
      sent.push(message);
      return {
        edit: async (next) => void message.edits.push(next),
        delete: async () => {
          message.deleted = true;
        },
      };
    },
    async playback() {
      if (!overrides.playbackImpl) throw new UserError('error.not_in_voice');
      return overrides.playbackImpl;
    },
    isDj: async () => true,
    signal: controller.signal,
    background(_name, task) {
      background.push(task());
    },
    ...overrides,
  };
  return { ctx, sent, background, abort: () => controller.abort() };
}
