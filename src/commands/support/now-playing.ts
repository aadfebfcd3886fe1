/** "The song I am listening to", for commands whose song argument is optional (lyrics, comments). */
import type { Song } from '../../netease/models.ts';
import { UserError } from '../errors.ts';
import type { Ctx } from '../services.ts';

/**
 * The song playing for the caller. When there is none, whatever the reason (no voice on this
 * platform, caller not in a channel, idle player), the user is told the one thing that helps:
 * name a song, as in `example`.
 */
export async function currentSong(ctx: Ctx, example: string): Promise<Song> {
  let song: Song | undefined;
  try {
    const playback = await ctx.playback();
    song = (await playback.snapshot()).current?.track.song;
  } catch (error) {
    // playback() reports "join a voice channel" as a UserError; for a question about the
    // current song the useful answer is how to name one instead.
    if (!(error instanceof UserError)) throw error;
  }
  if (!song) throw new UserError('error.no_current_song', { example });
  return song;
}
