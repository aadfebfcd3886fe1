/**
 * Lyrics with translation and romanisation, merged into timed lines by lrc.ts. The same for every
 * listener, so cached shared.
 */
import { parseLyrics } from '../lrc.ts';
import type { Lyrics, SongId } from '../models.ts';
import { lyricResponse, parseRaw } from '../raw-schemas.ts';
import type { EndpointContext } from './context.ts';

const LYRIC = '/api/song/lyric';

export async function lyrics(ctx: EndpointContext, id: SongId): Promise<Lyrics> {
  return ctx.cached('shared', 'lyrics', id, async () => {
    // -1 asks for the latest version of each kind (lyric, translation, romanisation, karaoke).
    const body = await ctx.call(LYRIC, 'eapi', { id, tv: -1, lv: -1, rv: -1, kv: -1, _nmclfl: 1 });
    return parseLyrics(parseRaw(lyricResponse, body, LYRIC), id);
  });
}
