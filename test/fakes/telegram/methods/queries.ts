import { badRequest } from '../errors.ts';
import type { InlineAnswer } from '../query-store.ts';
import { checkInlineResults, checkNextOffset, checkResultsButton } from './inline-results.ts';
import type { MethodHandler } from './types.ts';

const MAX_CALLBACK_TEXT = 200;

export const answerCallbackQuery: MethodHandler = ({ params }, state) => {
  const id = params.string('callback_query_id');
  state.queries.assertAnswerable('callback', id);
  const text = params.string('text');
  if (text !== undefined && text.length > MAX_CALLBACK_TEXT) throw badRequest('MESSAGE_TOO_LONG');
  const url = params.string('url');
  const cacheTime = params.int('cache_time');
  state.queries.answerCallback(id as string, {
    ...(text !== undefined ? { text } : {}),
    ...(params.bool('show_alert') ? { show_alert: true } : {}),
    ...(url !== undefined ? { url } : {}),
    ...(cacheTime !== undefined ? { cache_time: cacheTime } : {}),
  });
  return true;
};

export const answerInlineQuery: MethodHandler = ({ params }, state) => {
  const id = params.string('inline_query_id');
  // A stale id fails first, before the payload is looked at.
  state.queries.assertAnswerable('inline', id);
  const results = checkInlineResults(params.values.results, state.files);
  const nextOffset = checkNextOffset(params.string('next_offset'));
  const button = checkResultsButton(params.values.button);
  const cacheTime = params.int('cache_time');
  const answer: InlineAnswer = {
    results,
    ...(nextOffset !== undefined ? { next_offset: nextOffset } : {}),
    ...(cacheTime !== undefined ? { cache_time: cacheTime } : {}),
    ...(params.bool('is_personal') ? { is_personal: true } : {}),
    ...(button ? { button } : {}),
  };
  state.queries.answerInline(id as string, answer);
  return true;
};
