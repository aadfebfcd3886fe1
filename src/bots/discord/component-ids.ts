/**
 * What a Discord component's custom_id carries. The neutral action payload (from
 * dispatcher.encodeAction, ≤ 64 bytes) is prefixed with how to answer the click, which only the
 * adapter knows when it renders the button:
 *
 * - `p<i>:<payload>`: shows another page of the same message, so the click edits it in place;
 * - `a<i>:<payload>`: anything else (play this, send the .lrc file): the answer is a new message;
 * - `q<i>:<payload>`: as `a`, answered to the presser alone (the now-playing controls: the card
 *   itself shows everyone what changed);
 * - `m<i>`: a select menu; the chosen option's value is the payload (answered like `a`);
 * - `np:<verb>[:<songId>]`: a now-playing control, run as the command of that name.
 *
 * `<i>` is the component's position in the message: Discord rejects a message with two equal
 * custom_ids, and two buttons may well carry the same action.
 */

export type NowPlayingVerb = 'pause' | 'resume' | 'skip' | 'stop' | 'like' | 'lyrics';
const VERBS: readonly NowPlayingVerb[] = ['pause', 'resume', 'skip', 'stop', 'like', 'lyrics'];

export type ComponentId =
  | { kind: 'action'; payload: string; inPlace: boolean; quiet: boolean }
  | { kind: 'select' }
  | { kind: 'now-playing'; verb: NowPlayingVerb; songId?: number };

/** Discord's limit for custom_id and select option values. */
export const CUSTOM_ID_LIMIT = 100;

export type ActionAnswer = 'in-place' | 'new' | 'quiet';

export function actionId(index: number, payload: string, answer: ActionAnswer): string {
  const prefix = answer === 'in-place' ? 'p' : answer === 'quiet' ? 'q' : 'a';
  return `${prefix}${index}:${payload}`;
}

export function selectId(index: number): string {
  return `m${index}`;
}

export function nowPlayingId(verb: NowPlayingVerb, songId?: number): string {
  return songId === undefined ? `np:${verb}` : `np:${verb}:${songId}`;
}

/** Undefined for ids this bot never made (an older version's buttons, or garbage). */
export function parseComponentId(customId: string): ComponentId | undefined {
  const np = /^np:([a-z]+)(?::(\d{1,20}))?$/.exec(customId);
  if (np) {
    const verb = VERBS.find((v) => v === np[1]);
    if (!verb) return undefined;
    return np[2] ? { kind: 'now-playing', verb, songId: Number(np[2]) } : { kind: 'now-playing', verb };
  }
  if (/^m\d+$/.test(customId)) return { kind: 'select' };
  const action = /^([apq])\d+:(.+)$/s.exec(customId);
  if (action)
    return { kind: 'action', payload: action[2]!, inPlace: action[1] === 'p', quiet: action[1] === 'q' };
  return undefined;
}
