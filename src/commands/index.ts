/**
 * Every command the bot offers, in the order `help` lists them. To add one, import it and put it
 * in the array; adapters register whatever is here.
 */
import type { Command } from './command.ts';
import { comments } from './comments.ts';
import { daily } from './daily.ts';
import { fm } from './fm.ts';
import { createHelpCommand } from './help.ts';
import { like } from './like.ts';
import { login } from './login.ts';
import { logout } from './logout.ts';
import { lyrics } from './lyrics.ts';
import { me } from './me.ts';
import { playlists } from './playlists.ts';
import { search } from './search.ts';
import type { Services } from './services.ts';
import { top } from './top.ts';

// Read lazily, so help can list the array it is part of.
const help = createHelpCommand(() => allCommands);

export const allCommands: Command<Services>[] = [
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
  help,
];
