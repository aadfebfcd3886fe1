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
  'error.no_current_song': 'Nothing is playing for you right now. Name a song instead, e.g. `{example}`.',
  // Shared by several commands
  'common.song': '{count} song',
  'common.songs': '{count} songs',
  'common.album': '{count} album',
  'common.albums': '{count} albums',
  'common.result': '{count} result',
  'common.results': '{count} results',
  'common.comment': '{count} comment',
  'common.comments': '{count} comments',
  'common.plays': '{count} plays',
  'common.page': 'Page {page}/{pages}',
  'common.previous': 'Previous',
  'common.next': 'Next',
  'common.open_netease': 'Open in NetEase',
  // Playability badges, explained under lists that show them
  'badge.vip': 'VIP: VIP members hear the full song, others a preview',
  'badge.paid': 'paid: needs the album bought, others hear a preview',
  'badge.unavailable': 'unavailable: no copyright here, cannot be played',
  // search
  'search.title': '{type} matching “{query}”',
  'search.pick': 'Pick one to play',
  // lyrics
  'lyrics.instrumental': '“{song}” is instrumental: there are no words to show.',
  'lyrics.none': 'Nobody has added lyrics for “{song}” yet.',
  'lyrics.unsynced': 'These lyrics are not synced to the music.',
  'lyrics.by': 'Lyrics by {name}',
  'lyrics.translated_by': 'Translation by {name}',
  'lyrics.next_page_hint': 'Next page: `{command}`',
  'lyrics.lrc_button': '.lrc file',
  'lyrics.lrc_caption': 'Lyrics of {song}, with timestamps',
  'lyrics.no_lrc': '“{song}” has no timed lyrics, so there is no .lrc file.',
  // comments
  'comments.title_hot': 'Hot comments · {title}',
  'comments.title_new': 'Newest comments · {title}',
  'comments.none': 'No comments on {title} yet.',
  'comments.no_thread': 'Artists have no comment section; name a song, an album or a playlist.',
  'comments.someone': 'someone',
  'comments.deleted': 'deleted comment',
  'comments.show_new': 'Newest first',
  'comments.show_hot': 'Most liked first',
  // top
  'top.charts_title': 'NetEase charts',
  'top.charts_footer': 'Pick a chart, or type `top <name or number>`.',
  'top.pick_chart': 'Pick a chart',
  'top.chart_title': '{chart} · NetEase chart',
  'top.pick_song': 'Pick a song to play',
  'top.play_all': 'Play the whole chart',
  'top.unknown_chart': 'There is no chart “{chart}”. Type `top` to see them all.',
  'top.empty_chart': '{chart} has no songs right now.',
  // help
  'help.title': 'Commands',
  'help.footer': 'Type `help <command>` for details, e.g. `help search`.',
  'help.usage': 'Usage',
  'help.options': 'Options',
  'help.example': 'Example',
  'help.needs': 'Needs',
  'help.required': 'required',
  'help.need_voice': 'You in a voice channel (elsewhere songs come as files)',
  'help.need_login': 'Your own NetEase login (`login`)',
  'help.need_private': 'A private chat with the bot',
  'help.need_dj': 'The DJ role while others are listening',
  'help.unknown_command': 'There is no command `{name}`. The commands are: {commands}.',
  // Account names shared by login and me
  'account.vip_black': 'Black Vinyl VIP (黑胶VIP)',
  'account.vip': 'VIP',
  'account.vip_none': 'no VIP',
  // login
  'login.scan':
    'Scan this QR code with the NetEase Cloud Music app (its scanner, 扫一扫), then confirm the login on your phone. The code works for about 3 minutes.',
  'login.waiting': '⏳ Waiting for you to scan the QR code…',
  'login.scanned': '📱 Scanned as {nickname}. Confirm the login on your phone.',
  'login.scanned_unnamed': '📱 Scanned. Confirm the login on your phone.',
  'login.retrying': '⚠️ NetEase is not answering right now; still trying…',
  'login.success':
    '✅ Logged in as {nickname}, {vip}. Your playlists, daily songs, FM and likes now work for you.',
  'login.expired': '⌛ The QR code expired. Run `login` again for a new one.',
  'login.superseded': '↩️ Cancelled: you started a newer login.',
  'login.interrupted': '⏹ Login stopped because the bot is shutting down. Run `login` again in a moment.',
  'login.captcha':
    '🛡️ NetEase wants a security check (captcha) before it allows this login. Wait a while and run `login` again, or log in once on music.163.com or in the app first.',
  'login.network': '⚠️ NetEase could not be reached, so the login was stopped. Run `login` again shortly.',
  'login.failed': '⚠️ The login did not work: {reason}',
  'login.no_account': '⚠️ NetEase confirmed the scan but gave no usable login. Run `login` again.',
  'login.busy': 'Many people are logging in right now. Please try again in a minute.',
  'login.sent_privately': 'I sent you the QR code in a private message.',
  // logout
  'logout.done': '👋 Logged out of {nickname}. I no longer keep your NetEase login.',
  'logout.not_logged_in': 'You are not logged in, so there is nothing to forget.',
  // me
  'me.title': 'Your NetEase account',
  'me.nickname': 'Nickname',
  'me.vip': 'VIP',
  'me.since': 'Logged in since',
  'me.health': 'Login',
  'me.healthy': '✅ working (checked just now)',
  'me.expired': '❌ expired: NetEase no longer accepts it (last worked {date}). Run `login` again.',
  'me.not_logged_in':
    'You are not logged in. Use `login` in a private chat with me to use your own NetEase account.',
  // playlists
  'playlists.title': 'Playlists of {nickname}',
  'playlists.pick': 'Pick a playlist to play',
  'playlists.by': 'by {name}',
  'playlists.empty': 'You have no playlists on NetEase yet.',
  'playlists.truncated': 'Showing your first {count} playlists.',
  // daily
  'daily.title': 'Daily recommendations for {nickname}',
  'daily.play_all': 'Play all',
  'daily.pick': 'Pick a song to play',
  'daily.empty': 'NetEase has no recommendations for you today.',
  // fm
  'fm.title': 'Personal FM: coming up',
  'fm.play': 'Play FM',
  'fm.empty': 'NetEase has no FM songs for you right now. Try again later.',
  'fm.footer': 'Press “Play FM” to start your personal radio.',
  // like
  'like.done': '❤️ Liked “{song}” by {artists}: it is in your liked songs on NetEase.',
  'console.no_follow_up': 'There is no such page or item in the last list.',
} as const;

export type MessageKey = keyof typeof en;
