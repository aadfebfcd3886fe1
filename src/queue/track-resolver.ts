/**
 * Turning a queued track into something ffmpeg can open, right before it plays. The engine only
 * sees `ResolveTrack`; which NetEase login to use is this file's business: the requester's own
 * (VIP rights, their quality), else the operator's cookie, else anonymous.
 */
import type { Logger } from '../logger.ts';
import type { NeteaseApi, NeteaseClient } from '../netease/client.ts';
import { isNeteaseError, NeedsLoginError, type NeteaseError } from '../netease/errors.ts';
import type { QualityLevel } from '../netease/models.ts';
import type { SessionStore } from '../store/index.ts';
import type { SkipReason } from './events.ts';
import type { QueuedTrack } from './types.ts';

export interface ResolvedTrack {
  url: string;
  /** When the URL stops working (ms since epoch); without it the engine assumes a short life. */
  expiresAt?: number;
  /** Only a preview clip is served: its window within the full song. */
  trial?: { startMs: number; endMs: number };
}

export interface ResolveOptions {
  /** Whether a preview clip is acceptable (the guild's allowTrialClips); if not, VIP songs fail. */
  allowTrial: boolean;
  /** Aborted when the track is skipped meanwhile; a resolver may stop early or just finish. */
  signal?: AbortSignal;
}

export type ResolveTrack = (track: QueuedTrack, options: ResolveOptions) => Promise<ResolvedTrack>;

export interface NeteaseResolverOptions {
  /** The NetEase API as this platform user (see `sessionApiFor`). */
  apiFor: (userKey: string) => NeteaseApi | Promise<NeteaseApi>;
  /**
   * Best level to ask for. Default `exhigh` (320 kbps MP3): everything is re-encoded to 128 kbps
   * Opus for voice, so lossless only costs download and decode time (FLAC takes ~40% longer to
   * the first packet, perf.md) without an audible gain. VIP still matters: it decides whether the
   * full song or only a preview is served.
   */
  level?: QualityLevel;
  /** Tried once when the requester's own login was rejected (expired), e.g. the operator's API. */
  fallback?: NeteaseApi;
  logger?: Logger;
}

/** The default resolver: NetEase's song URL as the requester, at the best level their session allows. */
export function createNeteaseTrackResolver(options: NeteaseResolverOptions): ResolveTrack {
  const level = options.level ?? 'exhigh';
  return async (track, { allowTrial }) => {
    const api = await options.apiFor(track.requester.userKey);
    const ask = (as: NeteaseApi) => as.songUrl(track.song.id, { level, allowTrial });
    let answer: Awaited<ReturnType<NeteaseApi['songUrl']>>;
    try {
      answer = await ask(api);
    } catch (error) {
      // An expired personal login should not make all of this person's songs unplayable.
      if (!(error instanceof NeedsLoginError) || !options.fallback || options.fallback === api) throw error;
      options.logger?.info({ user: track.requester.userKey }, 'requester login rejected; using the fallback');
      answer = await ask(options.fallback);
    }
    return {
      url: answer.url,
      expiresAt: answer.expiresAt,
      ...(answer.trial ? { trial: answer.trial } : {}),
    };
  };
}

export interface SessionApiOptions {
  netease: NeteaseClient;
  sessions: SessionStore;
  logger: Logger;
}

/** `apiFor` from the session store: the user's login (keeping refreshed cookies), else the operator. */
export function sessionApiFor(options: SessionApiOptions): (userKey: string) => Promise<NeteaseApi> {
  const { netease, sessions, logger } = options;
  return async (userKey) => {
    const session = await sessions.get(userKey);
    if (!session) return netease.operator;
    return netease.as({
      kind: 'user',
      cookie: session.cookie,
      onCookieChange: (cookie) => {
        void sessions.set(userKey, { ...session, cookie }).catch((error: unknown) => {
          logger.warn({ err: error, user: userKey }, 'could not save a refreshed NetEase cookie');
        });
      },
    });
  };
}

/** What the engine does about a failed resolution. */
export type ResolveFailure =
  /** This song cannot play for this requester: skip it, say why. */
  | { action: 'skip'; reason: SkipReason; code: string }
  /** Probably passing (network, throttling): try again shortly. */
  | { action: 'retry'; code: string }
  /** NetEase refuses us as a whole (-460, captcha, operator login): pause the guild, tell the operator. */
  | { action: 'pause'; code: string };

export function classifyResolveError(error: unknown): ResolveFailure {
  if (!isNeteaseError(error)) {
    // A custom resolver's own failure: nothing suggests a retry would help.
    return { action: 'skip', reason: 'unavailable', code: (error as Error)?.name ?? 'error' };
  }
  const code = (error as NeteaseError).code;
  switch (code) {
    case 'no_copyright':
      return { action: 'skip', reason: 'no_copyright', code };
    case 'vip_only':
      return { action: 'skip', reason: 'vip_only', code };
    case 'not_found':
      return { action: 'skip', reason: 'not_found', code };
    case 'network':
    case 'rate_limited':
    case 'unexpected_response':
      return { action: 'retry', code };
    case 'cheating':
    case 'captcha_required':
    case 'needs_login':
      return { action: 'pause', code };
  }
}
