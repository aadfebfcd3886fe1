/**
 * Lyrics as NetEase serves them: LRC text that is usually tidy but often is not (uploaders' tools,
 * hand edits, JSON credit lines mixed in, translations a few ms off). Everything here is pure and
 * synchronous so the live lyric display and the `.lrc` export can call it freely and tests need
 * no network.
 *
 * Decisions (the parser has to pick something for each kind of mess):
 * - `[offset:N]` follows the LRC convention: a positive N makes lyrics appear N ms *sooner*, so
 *   every time becomes `time - N` (clamped at 0). The offset is applied here and not written back.
 * - `[mm:ss:xx]` (colon before the fraction, seen in hand-made files) means mm:ss.xx, not h:mm:ss:
 *   LRC has no hour field; long songs simply count minutes past 59 (`[75:03.20]`).
 * - Timed lines with no text are kept: NetEase uses them to end a phrase before an interlude, and
 *   without them a live display would keep highlighting the last sung line through the solo.
 *   Leading breaks, runs of breaks and breaks at the same time as a real line carry no extra
 *   information and are dropped.
 * - Exact duplicates (same time, same text) are dropped; same time with different text is kept in
 *   file order (some uploaders put the translation right under the original).
 * - Untimed lines in a timed file are dropped (players ignore them too). A file with no timestamp
 *   at all is plain text and comes back as `untimed`.
 */
import type { LyricLine, Lyrics, SongId } from './models.ts';

/** One timed line of a single LRC file, before translation is merged in. */
export interface LrcLine {
  timeMs: number;
  text: string;
  /** A "作词 : 某某" style credit (or NetEase's JSON credit line): shown, never translated. */
  credit?: boolean;
}

export interface LrcMetadata {
  title?: string;
  artist?: string;
  album?: string;
  /** `[by:]`: who made the LRC file (NetEase puts the lyric uploader here). */
  by?: string;
  /** `[au:]`: author of the words. */
  author?: string;
  lengthMs?: number;
  /** The `[offset:]` tag as written; already applied to every `timeMs`. */
  offsetMs: number;
  /** Every ID tag as written, key lower-cased, including ones we do not interpret. */
  tags: Record<string, string>;
}

export interface ParsedLrc {
  /** True when at least one line carried an `[mm:ss]` timestamp. */
  synced: boolean;
  /** Timed lines sorted by time (stable); empty when not synced. */
  lines: LrcLine[];
  /**
   * The text when the file has no timestamps at all, in file order ('' marks a stanza break).
   * Empty for synced files.
   */
  untimed: string[];
  metadata: LrcMetadata;
}

/** A single-file source for merging: a parse result or its lines. */
export type LrcSource = ParsedLrc | readonly LrcLine[];

// Leading time tags. Minutes are unbounded (songs and DJ mixes past an hour), seconds one or two
// digits, fraction of any length (tenths, hundredths, ms; extra digits are truncated).
const TIME_TAG = /^\[\s*(\d+)\s*:\s*(\d{1,2})(?:\s*[.:]\s*(\d+))?\s*\]/;
// ID tags: the key starts with a letter so it can never be confused with a time tag.
const ID_TAG = /^\[([A-Za-z][\w-]*)\s*:([^\]]*)\]/;
const ID_TAG_GREEDY = /^\[([A-Za-z][\w-]*)\s*:(.*)\]$/;
// Enhanced-LRC word timings (`<00:01.66>`): no NetEase client uses them, but some uploaded files do.
const WORD_TIME = /<\d+:\d{1,2}(?:[.:]\d+)?>/g;

export function parseLrc(text: string): ParsedLrc {
  const metadata: LrcMetadata = { offsetMs: 0, tags: {} };
  const timed: LrcLine[] = [];
  // File order of every text-bearing line, used only when the file turns out to be untimed.
  const inOrder: string[] = [];
  let synced = false;

  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    // A BOM can sit at the start of any line when files were concatenated, not only the first.
    const line = rawLine.replace(/^\uFEFF/, '').trim();
    if (line === '') {
      inOrder.push('');
      continue;
    }

    const credit = parseJsonCredit(line);
    if (credit) {
      timed.push(credit);
      inOrder.push(credit.text);
      continue;
    }

    const stamps: number[] = [];
    let rest = line;
    for (;;) {
      const m = TIME_TAG.exec(rest);
      if (!m) break;
      stamps.push(stampMs(m[1]!, m[2]!, m[3]));
      rest = rest.slice(m[0].length).trimStart();
    }
    if (stamps.length > 0) {
      synced = true;
      const lineText = cleanText(rest);
      const isCredit = lineText !== '' && isCreditText(lineText);
      for (const timeMs of stamps) {
        timed.push(isCredit ? { timeMs, text: lineText, credit: true } : { timeMs, text: lineText });
      }
      continue;
    }

    const tags = parseIdTags(line);
    if (tags) {
      for (const [key, value] of tags) applyTag(metadata, key, value);
      continue;
    }

    inOrder.push(cleanText(line));
  }

  if (!synced) {
    return { synced: false, lines: [], untimed: tidyUntimed(inOrder), metadata };
  }
  return { synced: true, lines: tidyTimed(timed, metadata.offsetMs), untimed: [], metadata };
}

function stampMs(min: string, sec: string, frac: string | undefined): number {
  // "5" is 500 ms, "05" is 50 ms, "005" is 5 ms: the digits are a decimal fraction of a second.
  const ms = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
  return Number(min) * 60_000 + Number(sec) * 1000 + ms;
}

function cleanText(text: string): string {
  return text.replace(WORD_TIME, '').trim();
}

/**
 * NetEase prepends credits as one JSON object per line, e.g.
 * `{"t":0,"c":[{"tx":"作词: "},{"tx":"周杰伦","li":"…","or":"orpheus://…"}]}`: `t` is ms and the
 * visible text is the concatenation of every `tx`. Anything else that merely looks like JSON is
 * treated as ordinary text.
 */
function parseJsonCredit(line: string): LrcLine | undefined {
  if (!line.startsWith('{') || !line.endsWith('}')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { t, c } = value as { t?: unknown; c?: unknown };
  if (typeof t !== 'number' || !Number.isFinite(t) || !Array.isArray(c)) return undefined;
  const text = c
    .map((part: unknown) =>
      typeof part === 'object' && part !== null && typeof (part as { tx?: unknown }).tx === 'string'
        ? (part as { tx: string }).tx
        : '',
    )
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return { timeMs: Math.max(0, Math.round(t)), text, credit: true };
}

function parseIdTags(line: string): [string, string][] | undefined {
  // Usually one tag per line; tolerate `[ti:x][ar:y]`, and fall back to one greedy tag so a value
  // that itself contains "]" (`[ti:Song [Live]]`) survives.
  const tags: [string, string][] = [];
  let rest = line;
  for (;;) {
    const m = ID_TAG.exec(rest);
    if (!m) break;
    tags.push([m[1]!.toLowerCase(), m[2]!.trim()]);
    rest = rest.slice(m[0].length).trim();
  }
  if (tags.length > 0 && rest === '') return tags;
  const greedy = ID_TAG_GREEDY.exec(line);
  return greedy ? [[greedy[1]!.toLowerCase(), greedy[2]!.trim()]] : undefined;
}

function applyTag(metadata: LrcMetadata, key: string, value: string): void {
  metadata.tags[key] = value;
  if (value === '' && key !== 'offset') return;
  switch (key) {
    case 'ti':
      metadata.title = value;
      break;
    case 'ar':
      metadata.artist = value;
      break;
    case 'al':
      metadata.album = value;
      break;
    case 'by':
      metadata.by = value;
      break;
    case 'au':
      metadata.author = value;
      break;
    case 'length': {
      const ms = parseLength(value);
      if (ms !== undefined) metadata.lengthMs = ms;
      break;
    }
    case 'offset': {
      const n = /^([+-]?)\s*(\d+)$/.exec(value.replace(/\s+/g, ''));
      if (n) metadata.offsetMs = (n[1] === '-' ? -1 : 1) * Number(n[2]);
      break;
    }
  }
}

/** `[length:]` is written as `m:ss`, `mm:ss.xx`, or plain seconds (`215`, `215.3`, `215,300`). */
function parseLength(value: string): number | undefined {
  const clock = /^(\d+):(\d{1,2})(?:[.,](\d+))?$/.exec(value);
  if (clock) return stampMs(clock[1]!, clock[2]!, clock[3]);
  const secs = /^(\d+)(?:[.,](\d+))?$/.exec(value);
  if (secs) return Number(secs[1]) * 1000 + Number((secs[2] ?? '').slice(0, 3).padEnd(3, '0'));
  return undefined;
}

function tidyTimed(lines: LrcLine[], offsetMs: number): LrcLine[] {
  const shifted = lines.map((l) => ({ ...l, timeMs: Math.max(0, l.timeMs - offsetMs) }));
  // Array#sort is stable, so lines sharing a time keep their file order.
  shifted.sort((a, b) => a.timeMs - b.timeMs);

  const seen = new Set<string>();
  const textAt = new Set<number>();
  for (const l of shifted) if (l.text !== '') textAt.add(l.timeMs);

  const out: LrcLine[] = [];
  for (const l of shifted) {
    const key = `${l.timeMs}\u0000${l.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (l.text === '') {
      const prev = out.at(-1);
      if (prev === undefined || prev.text === '' || textAt.has(l.timeMs)) continue;
    }
    out.push(l);
  }
  return out;
}

function tidyUntimed(lines: string[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    if (l === '' && (out.length === 0 || out.at(-1) === '')) continue;
    out.push(l);
  }
  while (out.at(-1) === '') out.pop();
  return out;
}

// Roles NetEase (and uploaders) put before " : " in credit lines, in zh-Hans, zh-Hant, ja and en.
const CREDIT_ROLE_CJK =
  /作[词詞曲]|[编編]曲|^[词詞曲]$|[制製]作|[监監][制製]|出品|[发發]行|混音|母[带帶]|[录錄]音|和[声聲]|吉他|[贝貝]斯|^鼓|[键鍵][盘盤]|弦[乐樂]|[钢鋼]琴|人[声聲]|配唱|演唱|原唱|翻唱|[企策][划劃]|[统統][筹籌]|版[权權]|[监監]修|音[乐樂]总监|封面|^OP$|^SP$/i;
const CREDIT_ROLE_EN =
  /\b(?:lyrics?|lyricist|written|writers?|composers?|composed|music|arrange[dr]?|arrangement|producers?|produced|production|mix(?:ed|ing)?|master(?:ed|ing)?|record(?:ed|ing)|engineer|vocals?|guitars?|bass|drums?|keyboards?|piano|strings|publisher|label)\b/i;

/** "作词 : 周杰伦", "Lyrics by: …", "OP : …", and the trailing copyright notice. */
export function isCreditText(text: string): boolean {
  if (/未[经經].{0,12}[许許]可/.test(text)) return true;
  const m = /^([^:：]{1,24}?)\s*[:：]\s*\S/.exec(text);
  if (!m) return false;
  const role = m[1]!.trim();
  return CREDIT_ROLE_CJK.test(role) || CREDIT_ROLE_EN.test(role);
}

// "纯音乐，请欣赏", "此歌曲为没有填词的纯音乐，请您欣赏" and the traditional-script variants.
const PURE_MUSIC =
  /^(?:此歌曲[为為]没有填[词詞]的)?[纯純]音[乐樂][^\p{L}\p{N}]*[请請]?[您你]?欣[赏賞][^\p{L}\p{N}]*$/u;

/** True when the only words in the lyrics are NetEase's "this is instrumental" placeholder. */
export function isInstrumentalLrc(parsed: ParsedLrc): boolean {
  const words = parsed.synced
    ? parsed.lines.filter((l) => !l.credit && l.text !== '').map((l) => l.text)
    : parsed.untimed.filter((t) => t !== '' && !isCreditText(t));
  return words.length > 0 && words.every((t) => PURE_MUSIC.test(t));
}

export interface MergeOptions {
  /**
   * How far a translation's time may be from its original line and still belong to it. NetEase
   * translations share the original's timestamps but are sometimes re-timed by a few ms; 300 ms is
   * far below the gap between two sung lines.
   */
  toleranceMs?: number;
}

function linesOf(source: LrcSource | undefined): readonly LrcLine[] {
  if (source === undefined) return [];
  return 'lines' in source ? source.lines : source;
}

/**
 * Attach translation and romanisation to the original lines by time. Each translation line is used
 * at most once: exact time matches are paired first, then the remaining lines by smallest time
 * difference within the tolerance (so a translation 5 ms late is not stolen by a neighbour 250 ms
 * away). Credits get nothing attached, and a translation that is empty or just repeats the
 * original is consumed but not shown.
 */
export function mergeLyrics(
  original: LrcSource,
  extras: { translation?: LrcSource; romanization?: LrcSource } = {},
  options: MergeOptions = {},
): LyricLine[] {
  const tolerance = options.toleranceMs ?? 300;
  const orig = linesOf(original);
  const out: LyricLine[] = orig.map((l) => ({ timeMs: l.timeMs, text: l.text }));
  const pick = (field: 'translation' | 'romanization', source: LrcSource | undefined): void => {
    const pairs = pairByTime(orig, linesOf(source), tolerance);
    pairs.forEach((extra, i) => {
      const line = out[i]!;
      if (extra !== undefined && extra !== '' && normalize(extra) !== normalize(line.text)) {
        line[field] = extra;
      }
    });
  };
  pick('translation', extras.translation);
  pick('romanization', extras.romanization);
  return out;
}

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** For each original line, the text of the extra line paired with it (undefined: none). */
function pairByTime(
  orig: readonly LrcLine[],
  extra: readonly LrcLine[],
  tolerance: number,
): (string | undefined)[] {
  const result: (string | undefined)[] = new Array(orig.length).fill(undefined);
  const usable = (l: LrcLine): boolean => !l.credit;
  const extraIdx = extra.flatMap((l, j) => (usable(l) ? [j] : []));
  if (extraIdx.length === 0) return result;
  const used = new Set<number>();
  const matched = new Set<number>();

  // Pass 1: exact times, in order, so repeated timestamps pair up first-with-first. Credits come
  // last and only soak up a translation at their exact time (the translator's rendering of the
  // credit), which must not drift onto the first sung line in pass 2; they never show one.
  const byTime = new Map<number, number[]>();
  for (const j of extraIdx) {
    const t = extra[j]!.timeMs;
    const list = byTime.get(t);
    if (list) list.push(j);
    else byTime.set(t, [j]);
  }
  const exact = (wantCredit: boolean): void => {
    orig.forEach((l, i) => {
      if (usable(l) === wantCredit) return;
      const j = byTime.get(l.timeMs)?.find((k) => !used.has(k));
      if (j === undefined) return;
      used.add(j);
      matched.add(i);
      if (!wantCredit) result[i] = extra[j]!.text;
    });
  };
  exact(false);
  exact(true);

  // Pass 2: what is left, closest pairs first. Both lists are sorted by time, so a sliding window
  // keeps this linear in practice.
  const candidates: { i: number; j: number; d: number }[] = [];
  const rest = extraIdx.filter((j) => !used.has(j));
  let lo = 0;
  orig.forEach((l, i) => {
    if (!usable(l) || matched.has(i)) return;
    while (lo < rest.length && extra[rest[lo]!]!.timeMs < l.timeMs - tolerance) lo++;
    for (let k = lo; k < rest.length; k++) {
      const j = rest[k]!;
      const d = Math.abs(extra[j]!.timeMs - l.timeMs);
      if (extra[j]!.timeMs > l.timeMs + tolerance) break;
      if (d <= tolerance) candidates.push({ i, j, d });
    }
  });
  candidates.sort((a, b) => a.d - b.d || a.i - b.i || a.j - b.j);
  for (const { i, j } of candidates) {
    if (matched.has(i) || used.has(j)) continue;
    matched.add(i);
    used.add(j);
    result[i] = extra[j]!.text;
  }
  return result;
}

/**
 * Index of the line being sung at `tMs`: the last line that started at or before it (with several
 * lines at the same time, the last of them). -1 before the first line or for no lines.
 */
export function lineAt(lines: readonly { timeMs: number }[], tMs: number): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lines[mid]!.timeMs <= tMs) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

export interface LyricWindow<T> {
  /** Absolute index of the current line (see `lineAt`), -1 before the first line. */
  index: number;
  /** Absolute index of `lines[0]`; the current line is `lines[index - start]` when index ≥ 0. */
  start: number;
  lines: T[];
}

/**
 * The current line with up to `before` lines above and `after` below, for a live lyric message.
 * Before the first line the window shows the first `after` lines (what is about to be sung).
 */
export function linesAround<T extends { timeMs: number }>(
  lines: readonly T[],
  tMs: number,
  before: number,
  after: number,
): LyricWindow<T> {
  const index = lineAt(lines, tMs);
  const b = Math.max(0, Math.floor(before));
  const a = Math.max(0, Math.floor(after));
  const start = Math.max(0, index - b);
  const end = Math.min(lines.length, index + a + 1);
  return { index, start, lines: lines.slice(start, Math.max(start, end)) };
}

export type ExtraLayout = 'separate' | 'inline' | 'omit';

export interface FormatOptions {
  /**
   * `separate` (default): the translation on its own line with the same timestamp, right under the
   * original. That is how bilingual LRC files are usually shared, players that understand it
   * (NetEase's own, foobar2000/ESLyric, Poweramp, MusicBee) stack the pair, and the original line
   * stays intact. `inline` writes `original / translation` for players that show one line per time.
   */
  translation?: ExtraLayout;
  /** Same choices for romanisation; default `omit`. Written between original and translation. */
  romanization?: ExtraLayout;
  /** ID tags written first, in this order (e.g. `{ ti: '晴天', ar: '周杰伦' }`). */
  tags?: Record<string, string | undefined>;
}

/** Write lines back as LRC (`[mm:ss.xx]`, the most widely understood form), `\n` line ends. */
export function formatLrc(lines: readonly LyricLine[], options: FormatOptions = {}): string {
  const translation = options.translation ?? 'separate';
  const romanization = options.romanization ?? 'omit';
  const out: string[] = [];
  for (const [key, value] of Object.entries(options.tags ?? {})) {
    if (value !== undefined) out.push(`[${key}:${oneLine(value)}]`);
  }
  for (const l of lines) {
    const stamp = formatStamp(l.timeMs);
    const parts = [oneLine(l.text)];
    const below: string[] = [];
    const add = (layout: ExtraLayout, value: string | undefined): void => {
      if (value === undefined || value === '' || layout === 'omit') return;
      if (layout === 'inline') parts.push(oneLine(value));
      else below.push(stamp + oneLine(value));
    };
    add(romanization, l.romanization);
    add(translation, l.translation);
    out.push(stamp + parts.join(' / '));
    out.push(...below);
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

export function formatStamp(timeMs: number): string {
  // Round once on the total so 59.996 s becomes 01:00.00, never 00:60.00.
  const cs = Math.max(0, Math.round(timeMs / 10));
  const min = Math.floor(cs / 6000);
  const sec = Math.floor((cs % 6000) / 100);
  const frac = cs % 100;
  return `[${String(min).padStart(2, '0')}:${String(sec).padStart(2, '0')}.${String(frac).padStart(2, '0')}]`;
}

/** A lyric text field as NetEase sends it (`{ lyric }`, possibly null) or already unwrapped. */
export type RawLyricText = string | { lyric?: string | null } | null | undefined;

/** The parts of the `/api/song/lyric` answer (or lyric/v1) this module reads; §4 of the notes. */
export interface RawLyrics {
  lrc?: RawLyricText;
  tlyric?: RawLyricText;
  romalrc?: RawLyricText;
  nolyric?: boolean | null;
  pureMusic?: boolean | null;
  uncollected?: boolean | null;
  lyricUser?: { nickname?: string | null } | null;
  transUser?: { nickname?: string | null } | null;
}

function textOf(raw: RawLyricText): string | undefined {
  const text = typeof raw === 'string' ? raw : (raw?.lyric ?? undefined);
  return text !== undefined && text.replace(/^\uFEFF/, '').trim() !== '' ? text : undefined;
}

function nickname(user: { nickname?: string | null } | null | undefined): string | undefined {
  const name = user?.nickname?.trim();
  return name ? name : undefined;
}

/**
 * The lyric answer as our `Lyrics` model. Instrumental when the service says so (`nolyric`,
 * `pureMusic`) or when the only words are its "纯音乐，请欣赏" placeholder; then there are no lines
 * and no LRC to send. Unsynced lyrics come back as `plainText` with no lines.
 */
export function parseLyrics(raw: RawLyrics, songId: SongId): Lyrics {
  const lrc = textOf(raw.lrc);
  const contributors: NonNullable<Lyrics['contributors']> = {};
  const lyricsBy = nickname(raw.lyricUser);
  const translationBy = nickname(raw.transUser);
  if (lyricsBy) contributors.lyrics = lyricsBy;
  if (translationBy) contributors.translation = translationBy;
  const withContributors = (lyrics: Lyrics): Lyrics =>
    lyricsBy || translationBy ? { ...lyrics, contributors } : lyrics;

  const instrumental: Lyrics = { songId, instrumental: true, lines: [] };
  if (raw.nolyric === true || raw.pureMusic === true) return instrumental;

  const parsed = parseLrc(lrc ?? '');
  if (isInstrumentalLrc(parsed)) return instrumental;

  if (!parsed.synced) {
    const plainText = parsed.untimed.join('\n');
    return withContributors(
      plainText === ''
        ? { songId, instrumental: false, lines: [] }
        : { songId, instrumental: false, lines: [], plainText },
    );
  }

  const tlyric = textOf(raw.tlyric);
  const romalrc = textOf(raw.romalrc);
  const translation = tlyric === undefined ? undefined : parseLrc(tlyric);
  const romanization = romalrc === undefined ? undefined : parseLrc(romalrc);
  const result: Lyrics = {
    songId,
    instrumental: false,
    lines: mergeLyrics(parsed, { translation, romanization }),
  };
  if (lrc !== undefined) result.lrc = lrc;
  if (tlyric !== undefined && translation?.synced) result.translatedLrc = tlyric;
  if (romalrc !== undefined && romanization?.synced) result.romanizedLrc = romalrc;
  return withContributors(result);
}
