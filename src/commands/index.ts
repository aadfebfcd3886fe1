/**
 * Every command the bot offers, in the order `help` lists them. To add one, import it and put it
 * in the array; adapters register whatever is here.
 */

import { clear } from './clear.ts';
import type { Command } from './command.ts';
import { comments } from './comments.ts';
import { daily } from './daily.ts';
import { fm } from './fm.ts';
import { createHelpCommand } from './help.ts';
import { like } from './like.ts';
import { login } from './login.ts';
import { logout } from './logout.ts';
import { loop } from './loop.ts';
import { lyrics } from './lyrics.ts';
import { me } from './me.ts';
import { move } from './move.ts';
import { nowplaying } from './nowplaying.ts';
import { pause } from './pause.ts';
import { play } from './play.ts';
import { playlists } from './playlists.ts';
import { playnext } from './playnext.ts';
import { queue } from './queue.ts';
import { remove } from './remove.ts';
import { resume } from './resume.ts';
import { search } from './search.ts';
import { seek } from './seek.ts';
import type { Services } from './services.ts';
import { settings } from './settings.ts';
import { shuffle } from './shuffle.ts';
import { skip } from './skip.ts';
import { stop } from './stop.ts';
import { top } from './top.ts';
import { volume } from './volume.ts';

// Read lazily, so help can list the array it is part of.
const help = createHelpCommand(() => allCommands);

export const allCommands: Command<Services>[] = [
  // Playback
  play,
  playnext,
  skip,
  pause,
  resume,
  stop,
  queue,
  nowplaying,
  remove,
  move,
  shuffle,
  loop,
  seek,
  volume,
  clear,
  // Finding music
  search,
  lyrics,
  comments,
  top,
  // Per-user account commands
  login,
  logout,
  me,
  playlists,
  daily,
  fm,
  like,
  settings,
  help,
];
