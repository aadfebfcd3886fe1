/**
 * Song detail and song URLs. URL answers follow the real quirks a client must handle: `data` in
 * an order unrelated to the request, a requested level the song lacks (or the caller may not
 * have) falling back to the best allowed lower one, no-copyright songs as `url:null, code:404`,
 * and VIP songs as a trial clip with `freeTrialInfo` for anyone who is not VIP.
 */
import { audioFile, audioMd5, reportedSize, signedAudioUrl } from './audio.ts';
import type { FakeSong, FakeUser, Level } from './catalog.ts';
import { LEVELS, songById } from './catalog.ts';
import { TRIAL_WINDOW } from './fixtures/audio.ts';
import { grantFor, levelForBr, minLevel, URL_BR } from './rights.ts';
import { privilege, songNew, songOld } from './shapes.ts';
import type { ApiAnswer, ApiCall, FakeState, Route } from './state.ts';
import { json } from './state.ts';
import { idList, jsonField, num, str } from './util.ts';

const BAD_PARAMS: ApiAnswer = { body: { code: 400, msg: '参数错误' } };

/** Ids from v3 detail's `c` (`'[{"id":1}]'`), falling back to an `ids` list. */
function detailIds(payload: Record<string, unknown>): number[] | undefined {
  const c = jsonField(payload.c);
  if (Array.isArray(c)) {
    return c
      .map((entry) => num((entry as { id?: unknown } | null)?.id, Number.NaN))
      .filter((id) => Number.isInteger(id) && id > 0);
  }
  if (payload.ids !== undefined) return idList(payload.ids);
  return undefined;
}

function songDetail(call: ApiCall): ApiAnswer {
  const ids = detailIds(call.payload);
  if (!ids) return BAD_PARAMS;
  // Unknown ids are silently left out, as the service does.
  const songs = ids.map(songById).filter((song): song is FakeSong => song !== undefined);
  return json({
    songs: songs.map(songNew),
    privileges: songs.map((song) => privilege(song, call.user)),
    code: 200,
  });
}

function legacySongDetail(call: ApiCall): ApiAnswer {
  const songs = idList(call.payload.ids)
    .map(songById)
    .filter((song): song is FakeSong => song !== undefined);
  return json({ songs: songs.map(songOld), equalizers: {}, code: 200 });
}

const COMMON_URL_FIELDS = {
  gain: 0,
  peak: 0,
  uf: null,
  payed: 0,
  canExtend: false,
  channelLayout: null,
  freeTimeTrialPrivilege: { resConsumable: false, userConsumable: false, type: 0, remainTime: 0 },
  urlSource: 0,
  rightSource: 0,
  podcastCtrp: null,
  effectTypes: null,
  message: null,
  levelConfuse: null,
};

function unavailable(id: number, song: FakeSong | undefined): Record<string, unknown> {
  return {
    id,
    url: null,
    br: 0,
    size: 0,
    md5: null,
    code: 404,
    expi: 0,
    type: null,
    fee: song?.fee ?? 0,
    flag: 0,
    freeTrialInfo: null,
    level: null,
    encodeType: null,
    freeTrialPrivilege: {
      resConsumable: false,
      userConsumable: false,
      listenType: null,
      cannotListenReason: 1,
    },
    time: 0,
    ...COMMON_URL_FIELDS,
  };
}

function urlEntry(
  state: FakeState,
  id: number,
  requested: Level,
  user: FakeUser | undefined,
): Record<string, unknown> {
  const song = songById(id);
  if (!song) return unavailable(id, undefined);
  const grant = grantFor(song, user);
  if (grant.kind === 'none') return unavailable(id, song);
  const expi = Math.round(state.ttlMs / 1000);
  if (grant.kind === 'trial') {
    const file = audioFile(song, 'standard', true);
    return {
      id,
      url: signedAudioUrl(state, song, 'standard', true),
      br: URL_BR.standard,
      size: file.data.length,
      md5: audioMd5(song, 'standard', true),
      code: 200,
      expi,
      type: 'mp3',
      fee: song.fee,
      flag: 4,
      freeTrialInfo: { fragmentType: 0, start: TRIAL_WINDOW.start, end: TRIAL_WINDOW.end, algData: null },
      level: 'standard',
      encodeType: 'mp3',
      freeTrialPrivilege: {
        resConsumable: false,
        userConsumable: false,
        listenType: 0,
        cannotListenReason: null,
      },
      time: file.durationMs,
      ...COMMON_URL_FIELDS,
    };
  }
  const level = minLevel(requested, grant.maxLevel);
  const type = audioFile(song, level).contentType === 'audio/flac' ? 'flac' : 'mp3';
  return {
    id,
    url: signedAudioUrl(state, song, level, false),
    br: URL_BR[level],
    size: reportedSize(song, level),
    md5: audioMd5(song, level),
    code: 200,
    expi,
    type,
    fee: song.fee,
    flag: 4,
    freeTrialInfo: null,
    level,
    encodeType: type,
    freeTrialPrivilege: {
      resConsumable: false,
      userConsumable: false,
      listenType: null,
      cannotListenReason: null,
    },
    time: song.durationMs,
    ...COMMON_URL_FIELDS,
  };
}

/** Levels beyond hires (sky, jymaster, ...) ask for "the best": they cap at what the song has. */
function levelOf(value: unknown): Level {
  const level = str(value, 'standard');
  if ((LEVELS as readonly string[]).includes(level)) return level as Level;
  return ['sky', 'jyeffect', 'jymaster', 'dolby'].includes(level) ? 'hires' : 'standard';
}

function songUrls(call: ApiCall, state: FakeState, level: Level): ApiAnswer {
  const ids = idList(call.payload.ids);
  if (ids.length === 0) return BAD_PARAMS;
  // Reversed on purpose: the service does not keep the request order (the reference re-sorts).
  const data = ids.map((id) => urlEntry(state, id, level, call.user)).reverse();
  return json({ data, code: 200 });
}

export const routes: Route[] = [
  { path: '/api/v3/song/detail', handle: songDetail },
  { path: '/api/song/detail', handle: legacySongDetail },
  {
    path: '/api/song/enhance/player/url',
    handle: (call, state) => songUrls(call, state, levelForBr(num(call.payload.br, 999000))),
  },
  {
    path: '/api/song/enhance/player/url/v1',
    handle: (call, state) => songUrls(call, state, levelOf(call.payload.level)),
  },
];
