import { isNeteaseError, type NeteaseError } from '../netease/errors.ts';
import { UserError } from './errors.ts';

// NotFoundError.what is an English noun from the client ("song", "playlist 123"); the first
// word picks a localisable noun, falling back to a neutral "item".
const NOUNS: Record<string, { en: string; zh: string }> = {
  song: { en: 'song', zh: '歌曲' },
  playlist: { en: 'playlist', zh: '歌单' },
  album: { en: 'album', zh: '专辑' },
  artist: { en: 'artist', zh: '歌手' },
  toplist: { en: 'chart', zh: '榜单' },
  chart: { en: 'chart', zh: '榜单' },
  user: { en: 'user', zh: '用户' },
};

function explainNetease(error: NeteaseError, locale: 'en' | 'zh'): UserError {
  switch (error.code) {
    case 'needs_login': {
      const identity = (error as { identity?: string }).identity;
      if (identity === 'user') return new UserError('error.login_expired');
      if (identity === 'operator') return new UserError('error.operator_cookie');
      return new UserError('error.needs_login');
    }
    case 'cheating':
      return new UserError('error.netease_cheating');
    case 'rate_limited':
      return new UserError('error.netease_rate_limited');
    case 'captcha_required':
      return new UserError('error.netease_captcha');
    case 'not_found': {
      const word = String((error as { what?: string }).what ?? '').split(/\s+/)[0] ?? '';
      const noun = NOUNS[word.toLowerCase()] ?? { en: 'item', zh: '内容' };
      return new UserError('error.netease_not_found', { what: noun[locale] });
    }
    case 'no_copyright':
      return new UserError('error.song_unavailable_id', { id: (error as { songId?: number }).songId ?? '?' });
    case 'vip_only':
      return new UserError('error.vip_only_id', { id: (error as { songId?: number }).songId ?? '?' });
    case 'network':
      return new UserError('error.netease_network');
    case 'unexpected_response':
      return new UserError('error.netease_unexpected');
  }
}

/** Maps failures the bot knows about to what the user should be told; undefined for bugs. */
export function explainError(error: unknown, locale: 'en' | 'zh' = 'en'): UserError | undefined {
  if (error instanceof UserError) return error;
  if (isNeteaseError(error)) return explainNetease(error, locale);
  return undefined;
}
