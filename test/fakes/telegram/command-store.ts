import type { BotCommand, BotCommandScope } from 'grammy/types';

/**
 * setMyCommands lists, one per (scope, language_code). getMyCommands reads exactly that slot, with no
 * fallback to wider scopes, which is what the Bot API does.
 */
export class CommandStore {
  private readonly lists = new Map<string, BotCommand[]>();

  set(scope: BotCommandScope | undefined, languageCode: string | undefined, commands: BotCommand[]): void {
    const key = slotKey(scope, languageCode);
    if (commands.length === 0) this.lists.delete(key);
    else this.lists.set(key, structuredClone(commands));
  }

  get(scope: BotCommandScope | undefined, languageCode: string | undefined): BotCommand[] {
    return structuredClone(this.lists.get(slotKey(scope, languageCode)) ?? []);
  }

  delete(scope: BotCommandScope | undefined, languageCode: string | undefined): void {
    this.lists.delete(slotKey(scope, languageCode));
  }
}

function slotKey(scope: BotCommandScope | undefined, languageCode: string | undefined): string {
  const s = (scope ?? { type: 'default' }) as { type: string; chat_id?: number | string; user_id?: number };
  return JSON.stringify([s.type, s.chat_id ?? null, s.user_id ?? null, languageCode ?? '']);
}
