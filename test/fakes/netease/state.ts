/**
 * Per-instance state and the handler contract. The catalogue is shared and immutable; whatever a
 * test can change (logins, likes, QR sessions, injected failures, audio cuts) lives here so two
 * fakes in one process never see each other's changes.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { FakeUser } from './catalog.ts';
import { allPlaylists, allUsers } from './catalog.ts';

export type TransportName = 'weapi' | 'eapi' | 'api';

/** One decoded API call, as a handler sees it. */
export interface ApiCall {
  transport: TransportName;
  /** Logical path, `/api/...`, without query string. */
  path: string;
  /** Captures of the route's pattern (e.g. the id in `/api/v1/album/<id>`). */
  params: string[];
  payload: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  cookies: Record<string, string>;
  /** The logged-in user, when the request carries a MUSIC_U this instance knows and has not revoked. */
  user: FakeUser | undefined;
  /** The MUSIC_U the request carried, valid or not. */
  musicU: string | undefined;
}

export interface ApiAnswer {
  body: unknown;
  setCookies?: string[];
  /** HTTP status; the service answers 200 for almost everything, errors included. */
  status?: number;
}

export type Handler = (call: ApiCall, state: FakeState) => ApiAnswer;

export interface Route {
  /** Exact logical path, or a pattern over it whose groups become `call.params`. */
  path: string | RegExp;
  handle: Handler;
}

export interface QrSession {
  key: string;
  createdAt: number;
  polls: number;
  state: 'waiting' | 'scanned' | 'confirmed' | 'expired' | 'consumed';
  /** MUSIC_U handed out on success. */
  musicU?: string;
  user?: FakeUser;
}

export interface QrAuto {
  scanAfterPolls: number;
  confirmAfterPolls: number;
  user?: string;
}

export interface FakeState {
  baseUrl: string;
  ttlMs: number;
  /** Signs audio URLs, like the CDN's token: a URL from another instance or a tampered one fails. */
  audioSecret: Buffer;
  /** MUSIC_U → user. Pre-filled with every USERS entry; QR logins add fresh tokens. */
  sessions: Map<string, FakeUser>;
  revoked: Set<string>;
  qr: { sessions: Map<string, QrSession>; lastKey: string | undefined; auto: QrAuto | undefined };
  /** Track ids per playlist, copied on first change (likes edit a user's "喜欢的音乐"). */
  playlistTracks: Map<number, number[]>;
  /** How far each user has listened through personal FM. */
  fmCursor: Map<number, number>;
  audio: { cuts: Map<number, { bytes: number; times: number }>; hits: Map<number, number> };
}

export function createState(baseUrl: string, ttlMs: number): FakeState {
  return {
    baseUrl,
    ttlMs,
    audioSecret: randomBytes(32),
    sessions: new Map(allUsers.map((user) => [user.musicU, user])),
    revoked: new Set(),
    qr: { sessions: new Map(), lastKey: undefined, auto: undefined },
    playlistTracks: new Map(),
    fmCursor: new Map(),
    audio: { cuts: new Map(), hits: new Map() },
  };
}

export function trackIdsOf(state: FakeState, playlistId: number): number[] {
  const changed = state.playlistTracks.get(playlistId);
  if (changed) return changed;
  return allPlaylists.find((p) => p.id === playlistId)?.trackIds ?? [];
}

export function json(body: unknown, setCookies?: string[]): ApiAnswer {
  return setCookies ? { body, setCookies } : { body };
}

/** The real service's "you must log in" answer for account-only endpoints. */
export const NEED_LOGIN: ApiAnswer = { body: { code: 301, msg: '需要登录' } };
