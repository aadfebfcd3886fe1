/**
 * Autocomplete from NetEase's search suggestions. Discord drops an autocomplete answer after
 * 3 s and a failure would only show the user an error where a list should be, so this answers
 * within SUGGEST_TIMEOUT_MS and turns every failure into "no suggestions".
 */
import type { Choice } from '../command.ts';
import type { Ctx } from '../services.ts';
import { neteaseFor } from '../services.ts';
import { truncate } from './format.ts';

const SUGGEST_TIMEOUT_MS = 2_000;
/** Discord's limits: 25 choices, names and values of at most 100 characters. */
const MAX_CHOICES = 25;
const MAX_CHOICE_LENGTH = 100;

/**
 * What a pick sends back: `search` wants text it can search for, commands about one song want
 * its id (exact, and no second search). Nothing typed yet: what everybody is searching for is a
 * better start than an empty list, for both.
 */
export type SuggestionValue = 'text' | 'song-id';

/**
 * The client shows a song as `name - artist/artist`; searching for that exact string can miss,
 * so the value drops the separators: `晴天 周杰伦`.
 */
function searchableSong(keyword: string): string {
  const cut = keyword.lastIndexOf(' - ');
  if (cut < 0) return keyword;
  return `${keyword.slice(0, cut)} ${keyword
    .slice(cut + 3)
    .split('/')
    .join(' ')}`;
}

async function candidates(ctx: Ctx, partial: string, value: SuggestionValue): Promise<Choice[]> {
  const api = await neteaseFor(ctx);
  const text = partial.trim();
  if (!text) return (await api.hotSearches()).map((hot) => ({ name: hot.keyword, value: hot.keyword }));
  const suggestions = await api.suggest(text);
  if (value === 'song-id') {
    return suggestions.flatMap((s) =>
      s.kind === 'song' && s.id !== undefined ? [{ name: s.keyword, value: String(s.id) }] : [],
    );
  }
  return suggestions.map((s) => ({
    name: s.keyword,
    value: s.kind === 'song' ? searchableSong(s.keyword) : s.keyword,
  }));
}

function withTimeout<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Suggestions for `partial`, at most 25, within Discord's limits. Never throws. */
export async function searchSuggestions(
  ctx: Ctx,
  partial: string,
  value: SuggestionValue = 'text',
): Promise<Choice[]> {
  const found = candidates(ctx, partial, value).catch((error: unknown) => {
    ctx.logger.debug({ err: error }, 'search suggestions failed');
    return [];
  });
  const seen = new Set<string>();
  const choices: Choice[] = [];
  for (const choice of await withTimeout(found, SUGGEST_TIMEOUT_MS, [])) {
    const name = truncate(choice.name.trim(), MAX_CHOICE_LENGTH);
    const picked = truncate(choice.value.trim(), MAX_CHOICE_LENGTH);
    if (!name || !picked || seen.has(picked)) continue;
    seen.add(picked);
    choices.push({ name, value: picked });
    if (choices.length === MAX_CHOICES) break;
  }
  return choices;
}
