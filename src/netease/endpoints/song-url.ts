/**
 * Signed stream URLs, resolved at play time and never cached: they expire (~20 min) and depend
 * on the listener's rights at that moment.
 */
import { NoCopyrightError, NotFoundError, VipOnlyError } from '../errors.ts';
import { toQualityLevel } from '../mappers.ts';
import { QUALITY_LEVELS, type QualityLevel, type SongId, type SongUrl } from '../models.ts';
import { parseRaw, songUrlResponse } from '../raw-schemas.ts';
import type { EndpointContext } from './context.ts';

const SONG_URL = '/api/song/enhance/player/url/v1';
/** What NetEase means when it leaves out `expi`: URLs live about twenty minutes. */
const DEFAULT_EXPIRY_SECONDS = 1200;

export interface SongUrlOptions {
  /** Best level wanted (default `exhigh`, 320 kbps MP3); lower ones are tried when it is missing. */
  level?: QualityLevel;
  /**
   * Whether a trial clip is an acceptable answer (default true; the result then has `trial`).
   * False turns a trial into VipOnlyError, for callers that would rather skip than play 30 s.
   */
  allowTrial?: boolean;
}

/** `fee` 1 (VIP) or 4 (album purchase): a missing URL means missing rights, not a missing file. */
const PAID_FEES = new Set([1, 4]);

export async function songUrl(
  ctx: EndpointContext,
  id: SongId,
  options: SongUrlOptions = {},
): Promise<SongUrl> {
  const requested = options.level ?? 'exhigh';
  const levels = QUALITY_LEVELS.slice(0, QUALITY_LEVELS.indexOf(requested) + 1).reverse();
  for (const level of levels) {
    const body = await ctx.call(SONG_URL, 'eapi', { ids: `[${id}]`, level, encodeType: 'flac' });
    const data = parseRaw(songUrlResponse, body, SONG_URL).data;
    // The service may reorder a batch; match by id, as the reference does.
    const entry = data.find((candidate) => candidate.id === id);
    if (!entry) throw new NotFoundError(`song ${id}`, { path: SONG_URL });
    if (entry.url) {
      const trial = entry.freeTrialInfo
        ? { startMs: entry.freeTrialInfo.start * 1000, endMs: entry.freeTrialInfo.end * 1000 }
        : undefined;
      if (trial && options.allowTrial === false) throw new VipOnlyError(id, { path: SONG_URL });
      return {
        id,
        url: entry.url,
        level: toQualityLevel(entry.level) ?? level,
        bitrate: entry.br ?? 0,
        sizeBytes: entry.size ?? 0,
        type: (entry.type || entry.encodeType || 'mp3').toLowerCase(),
        expiresAt: ctx.now() + (entry.expi ?? DEFAULT_EXPIRY_SECONDS) * 1000,
        ...(trial ? { trial } : {}),
      };
    }
    if (PAID_FEES.has(entry.fee ?? 0))
      throw new VipOnlyError(id, { path: SONG_URL, apiCode: entry.code ?? undefined });
    if (entry.code === 404) throw new NoCopyrightError(id, { path: SONG_URL, apiCode: 404 });
    // No file at this level (and no reason given): try the next lower one.
  }
  throw new NoCopyrightError(id, { path: SONG_URL });
}
