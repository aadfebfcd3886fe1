import type { BotCommand, BotCommandScope } from 'grammy/types';
import { badRequest } from '../errors.ts';
import { Params } from '../params.ts';
import type { FakeState } from '../state.ts';
import { knownChat } from './targets.ts';
import type { MethodHandler } from './types.ts';

const MAX_COMMANDS = 100;
const MAX_DESCRIPTION = 256;
const SCOPE_TYPES = new Set([
  'default',
  'all_private_chats',
  'all_group_chats',
  'all_chat_administrators',
  'chat',
  'chat_administrators',
  'chat_member',
]);

export const setMyCommands: MethodHandler = ({ params }, state) => {
  const commands = checkCommands(params.json<unknown>('commands', "can't parse commands JSON object"));
  const { scope, languageCode } = slot(params, state);
  state.commands.set(scope, languageCode, commands);
  return true;
};

export const getMyCommands: MethodHandler = ({ params }, state) => {
  const { scope, languageCode } = slot(params, state);
  return state.commands.get(scope, languageCode);
};

export const deleteMyCommands: MethodHandler = ({ params }, state) => {
  const { scope, languageCode } = slot(params, state);
  state.commands.delete(scope, languageCode);
  return true;
};

function checkCommands(value: unknown): BotCommand[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw badRequest('field "commands" must be of type Array');
  if (value.length > MAX_COMMANDS) throw badRequest('too many commands specified');
  return value.map((raw: unknown) => {
    const command = raw as Partial<BotCommand> | null;
    if (typeof command?.command !== 'string')
      throw badRequest('can\'t parse BotCommand: Can\'t find field "command"');
    if (typeof command.description !== 'string') {
      throw badRequest('can\'t parse BotCommand: Can\'t find field "description"');
    }
    // Lower-case letters, digits and underscores only; "/play" or "Play" is refused outright.
    if (!/^[a-z0-9_]{1,32}$/.test(command.command)) throw badRequest('BOT_COMMAND_INVALID');
    if (command.description.trim() === '') throw badRequest('command description must be non-empty');
    if (command.description.length > MAX_DESCRIPTION) throw badRequest('command description is too long');
    return { command: command.command, description: command.description };
  });
}

function slot(
  params: Params,
  state: FakeState,
): { scope: BotCommandScope | undefined; languageCode: string | undefined } {
  const scope = params.json<BotCommandScope>('scope', "can't parse BotCommandScope JSON object");
  if (scope !== undefined) {
    if (!scope || typeof scope !== 'object' || !SCOPE_TYPES.has(scope.type))
      throw badRequest('unsupported bot command scope type');
    if ('chat_id' in scope) knownChat(state, new Params({ chat_id: scope.chat_id }));
    else if (scope.type.startsWith('chat')) throw badRequest('chat_id is empty');
    if (scope.type === 'chat_member' && !('user_id' in scope && Number.isInteger(scope.user_id))) {
      throw badRequest('user_id is empty');
    }
  }
  const languageCode = params.string('language_code') || undefined;
  if (languageCode !== undefined && !/^[a-z]{2}$/.test(languageCode))
    throw badRequest('invalid language code specified');
  return { scope: scope?.type === 'default' ? undefined : scope, languageCode };
}
