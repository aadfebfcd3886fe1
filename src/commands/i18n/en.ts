/** English texts. Keys are shared with zh.ts; `{name}` marks a parameter. */
export const en = {
  // Input problems
  'error.empty_query': 'Tell me what to look for, e.g. `{example}`.',
  'error.query_too_long': 'That is too long: at most {max} characters, please.',
  'error.bad_number': '`{option}` must be a whole number from {min} to {max}.',
  'error.missing_option': '`{option}` is missing. Usage: {usage}',
  'error.bad_choice': '`{option}` must be one of: {choices}.',
  'error.unknown_command': 'There is no command `{name}`. Try `help`.',
  'error.not_found': 'Nothing found for {what}.',
  'error.no_results': 'No results for “{query}”.',
  'error.dead_link': 'That link does not lead anywhere any more.',
  'error.not_netease_link': 'That is not a NetEase Cloud Music link.',
  'error.rate_limited_user': 'Slow down a little: try again in {seconds} s.',
  'error.expired_button': 'Those buttons have expired; run the command again.',
  // Songs
  'error.song_unavailable': '“{name}” is not available (no copyright in this region).',
  'error.vip_only': '“{name}” needs a NetEase VIP account; only a preview is available.',
  'error.song_unavailable_id': 'Song {id} is not available (no copyright in this region).',
  'error.vip_only_id': 'Song {id} needs a NetEase VIP account; only a preview is available.',
  'error.netease_not_found': 'NetEase has no {what} with that id.',
  // Accounts
  'error.needs_login': 'This needs your NetEase account. Use `login` in a private chat with me first.',
  'error.login_expired': 'Your NetEase login has expired. Use `login` again.',
  'error.private_only': 'For your privacy this only works in a private chat with me.',
  // Voice and queue
  'error.not_in_voice': 'Join a voice channel first, then ask again.',
  'error.no_voice_here': 'Playback in a voice channel is not available here.',
  'error.nothing_playing': 'Nothing is playing.',
  'error.queue_empty': 'The queue is empty.',
  'error.bad_position': 'There is no track at position {position}; the queue has {length}.',
  'error.dj_only': 'Only DJs (or members with Manage Server) can do that while others are listening.',
  // NetEase trouble
  'error.netease_cheating':
    'NetEase refused the request (-460): this server looks like it is outside mainland China. The bot operator should set NETEASE_REAL_IP or NETEASE_PROXY.',
  'error.netease_rate_limited': 'NetEase says we are asking too often. Please try again in a minute.',
  'error.netease_captcha':
    'NetEase wants a captcha check for this account. Try again later, or log in on the NetEase website once.',
  'error.operator_cookie':
    'The bot’s own NetEase login has expired; please tell the bot operator (NETEASE_COOKIE).',
  'error.netease_network': 'NetEase could not be reached. Please try again shortly.',
  'error.netease_unexpected': 'NetEase answered with something unexpected. Please try again later.',
  'error.internal': 'Sorry, something went wrong on my side (error id {id}).',
} as const;

export type MessageKey = keyof typeof en;
