import type { InlineQuery, InlineQueryResult, Message, Update, User } from 'grammy/types';
import type { StoredMessage } from './chat-store.ts';
import { audioFrom, documentFrom, photoSizes } from './methods/media-content.ts';
import { botUser } from './methods/targets.ts';
import type { InlineAnswer } from './query-store.ts';
import { parseReplyMarkup } from './reply-markup.ts';
import type { FakeState } from './state.ts';
import { captionFields, formatCaption, formatMessageText } from './text-format.ts';
import { type ChatInput, chatFor, toUser, type UserInput } from './user-common.ts';

export interface InlineQueryInput {
  query: string;
  from?: UserInput;
  offset?: string;
  chatType?: InlineQuery['chat_type'];
}

export interface InlineQueryHandle {
  id: string;
  update: Update;
  /** The bot's answer so far, if any. */
  answer(): InlineAnswer | undefined;
  waitForAnswer(timeoutMs?: number): Promise<InlineAnswer>;
  /** Makes the query stale now: a later answerInlineQuery gets "query is too old". */
  expire(): void;
}

export function sendInlineQuery(state: FakeState, input: InlineQueryInput): InlineQueryHandle {
  const from = toUser(input.from);
  state.chats.rememberUser(from);
  const query: InlineQuery = {
    id: state.ids.queryId(),
    from,
    query: input.query,
    offset: input.offset ?? '',
    ...(input.chatType ? { chat_type: input.chatType } : {}),
  };
  state.queries.openInline(query);
  const update = state.updates.push({ inline_query: structuredClone(query) });
  return {
    id: query.id,
    update,
    answer: () => state.queries.inlineAnswer(query.id),
    waitForAnswer: async (timeoutMs = 5000) => {
      await state.queries.waitForAnswer(query.id, timeoutMs);
      return state.queries.inlineAnswer(query.id) as InlineAnswer;
    },
    expire: () => state.queries.expire(query.id),
  };
}

export interface ChooseInlineResultInput {
  resultId: string;
  from?: UserInput;
  /** The answered query the result came from; its answer supplies the message content. */
  queryId?: string;
  query?: string;
  /** Where the user posted the result; without it the message exists only as an inline message. */
  chat?: ChatInput;
}

export interface ChosenInlineResultInfo {
  update: Update;
  /** Present when the result carried an inline keyboard, as on Telegram; edits use it. */
  inlineMessageId?: string;
  /** The message the user posted, when the answer was known. */
  message?: Message;
}

export function chooseInlineResult(state: FakeState, input: ChooseInlineResultInput): ChosenInlineResultInfo {
  const from = toUser(input.from);
  state.chats.rememberUser(from);
  const known = input.queryId !== undefined ? state.queries.inlineQuery(input.queryId) : undefined;
  if (input.queryId !== undefined && !known) throw new Error(`unknown inline query ${input.queryId}`);
  let result: InlineQueryResult | undefined;
  if (known) {
    if (!known.answer) throw new Error(`inline query ${input.queryId} has not been answered`);
    result = known.answer.results.find((r) => r.id === input.resultId);
    if (!result)
      throw new Error(`the answer to inline query ${input.queryId} has no result "${input.resultId}"`);
  }
  let stored: StoredMessage | undefined;
  let inlineMessageId: string | undefined;
  if (result) {
    const markup = parseReplyMarkup((result as { reply_markup?: unknown }).reply_markup, true);
    const content = {
      ...contentOfResult(state, result),
      via_bot: botUser(state),
      ...(markup ? { reply_markup: markup } : {}),
    };
    stored =
      input.chat !== undefined
        ? state.chats.append(chatFor(state, input.chat, from), content, 'user', from)
        : detachedMessage(state, from, content);
    if (markup) {
      inlineMessageId = state.ids.inlineMessageId();
      stored.inlineMessageId = inlineMessageId;
      state.chats.inlineMessages.set(inlineMessageId, stored);
    }
  }
  const update = state.updates.push({
    chosen_inline_result: {
      result_id: input.resultId,
      from,
      query: input.query ?? known?.query.query ?? '',
      ...(inlineMessageId ? { inline_message_id: inlineMessageId } : {}),
    },
  });
  return {
    update,
    ...(inlineMessageId ? { inlineMessageId } : {}),
    ...(stored ? { message: structuredClone(stored.message) } : {}),
  };
}

/** A message posted in a chat the bot is not in: it exists only as an inline message. */
function detachedMessage(state: FakeState, from: User, content: Partial<Message>): StoredMessage {
  const message = {
    message_id: 0,
    from,
    chat: { id: from.id, type: 'private', first_name: from.first_name },
    date: state.now(),
    ...content,
  } as Message;
  return { message, sender: 'user', deleted: false, history: [] };
}

/** What the message posted from an inline result looks like. */
function contentOfResult(state: FakeState, result: InlineQueryResult): Partial<Message> {
  const r = result as unknown as Record<string, unknown>;
  const content = r.input_message_content as Record<string, unknown> | undefined;
  if (content && typeof content.message_text === 'string') {
    return formatMessageText(
      content.message_text,
      content.parse_mode as string | undefined,
      content.entities,
    );
  }
  const caption = captionFields(
    formatCaption(r.caption as string | undefined, r.parse_mode as string | undefined, r.caption_entities),
  );
  const existing = (field: string) => {
    const file = state.files.get(String(r[field]));
    if (!file) throw new Error(`inline result "${result.id}" refers to unknown file ${String(r[field])}`);
    return { type: 'existing' as const, file };
  };
  if (r.photo_file_id !== undefined)
    return { photo: photoSizes(state, existing('photo_file_id')), ...caption };
  if (r.audio_file_id !== undefined)
    return { audio: audioFrom(state, existing('audio_file_id'), {}, undefined), ...caption };
  if (r.document_file_id !== undefined) {
    return { document: documentFrom(state, existing('document_file_id'), undefined), ...caption };
  }
  if (r.type === 'audio' && typeof r.audio_url === 'string') {
    // Telegram downloads the URL; offline, the fake records an empty file with the result's metadata.
    const source = { type: 'new' as const, bytes: Buffer.alloc(0), url: r.audio_url };
    return {
      audio: audioFrom(
        state,
        source,
        {
          ...(typeof r.title === 'string' ? { title: r.title } : {}),
          ...(typeof r.performer === 'string' ? { performer: r.performer } : {}),
          ...(typeof r.audio_duration === 'number' ? { duration: r.audio_duration } : {}),
        },
        undefined,
      ),
      ...caption,
    };
  }
  return { text: typeof r.title === 'string' ? r.title : result.id };
}
