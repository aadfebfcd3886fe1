import type { Message } from 'grammy/types';
import { badRequest, Reason } from '../errors.ts';
import type { FileKind } from '../file-store.ts';
import { type FileSources, findThumbnailUpload, type InputSource, resolveInputFile } from '../input-files.ts';
import type { Params } from '../params.ts';
import { parseReplyMarkup } from '../reply-markup.ts';
import type { Upload } from '../request-body.ts';
import type { FakeState } from '../state.ts';
import { captionFields, formatCaption } from '../text-format.ts';
import { audioFrom, documentFrom, photoSizes } from './media-content.ts';
import { setOrDelete } from './messages.ts';
import {
  botUser,
  editResult,
  editTarget,
  hasMedia,
  MEDIA_KEYS,
  sameJson,
  sendOptions,
  writableChat,
} from './targets.ts';
import type { ApiRequest, MethodHandler } from './types.ts';

const sourcesOf = (state: FakeState, uploads: Upload[]): FileSources => ({
  uploads,
  files: state.files,
  remoteFiles: state.remoteFiles,
});

/** The parts every send-a-file method shares: target chat, caption, keyboard, reply. */
function sendWithMedia(
  { params }: ApiRequest,
  state: FakeState,
  media: (params: Params) => Partial<Message>,
): Message {
  const record = writableChat(state, params);
  const caption = formatCaption(
    params.string('caption'),
    params.string('parse_mode'),
    params.values.caption_entities,
  );
  const markup = parseReplyMarkup(params.values.reply_markup, false);
  const options = sendOptions(record, params);
  const content = media(params);
  return state.chats.append(
    record,
    { ...options, ...content, ...captionFields(caption), ...(markup ? { reply_markup: markup } : {}) },
    'bot',
    botUser(state),
  ).message;
}

const resolve = (request: ApiRequest, state: FakeState, param: string, accepts: FileKind[]): InputSource =>
  resolveInputFile(sourcesOf(state, request.uploads), {
    param,
    value: request.params.values[param],
    accepts,
    noun: param,
  });

export const sendPhoto: MethodHandler = (request, state) =>
  sendWithMedia(request, state, (params) => ({
    photo: photoSizes(state, resolve(request, state, 'photo', ['photo'])),
    ...(params.bool('has_spoiler') ? { has_media_spoiler: true as const } : {}),
    ...(params.bool('show_caption_above_media') ? { show_caption_above_media: true as const } : {}),
  }));

export const sendAudio: MethodHandler = (request, state) =>
  sendWithMedia(request, state, (params) => {
    const source = resolve(request, state, 'audio', ['audio']);
    const title = params.string('title');
    const performer = params.string('performer');
    const duration = params.int('duration');
    return {
      audio: audioFrom(
        state,
        source,
        {
          ...(title !== undefined ? { title } : {}),
          ...(performer !== undefined ? { performer } : {}),
          ...(duration !== undefined ? { duration } : {}),
        },
        findThumbnailUpload(request.uploads, params.values.thumbnail),
      ),
    };
  });

export const sendDocument: MethodHandler = (request, state) =>
  sendWithMedia(request, state, (params) => ({
    document: documentFrom(
      state,
      resolve(request, state, 'document', ['document']),
      findThumbnailUpload(request.uploads, params.values.thumbnail),
    ),
  }));

interface InputMediaJson {
  type?: unknown;
  media?: unknown;
  caption?: string;
  parse_mode?: string;
  caption_entities?: unknown;
  thumbnail?: unknown;
  title?: string;
  performer?: string;
  duration?: number;
  has_spoiler?: boolean;
}

const MEDIA_KINDS: Record<string, FileKind> = { photo: 'photo', audio: 'audio', document: 'document' };

export const editMessageMedia: MethodHandler = (request, state) => {
  const { params } = request;
  const target = editTarget(state, params);
  const current = target.stored.message;
  if (!hasMedia(current)) throw badRequest('there is no media in the message to edit');
  const media = params.json<InputMediaJson>('media', "can't parse InputMedia JSON object");
  if (!media || typeof media.type !== 'string') {
    throw badRequest('can\'t parse InputMedia: Field "type" must be of type String');
  }
  const type = media.type;
  const kind = MEDIA_KINDS[type];
  if (!kind) throw badRequest(`media type "${type}" is not supported by the fake Telegram`);
  const source = resolveInputFile(sourcesOf(state, request.uploads), {
    param: 'media',
    value: media.media,
    accepts: [kind],
    noun: type,
    allowUpload: target.kind !== 'inline',
  });
  const caption = formatCaption(media.caption, media.parse_mode, media.caption_entities);
  const markup = parseReplyMarkup(params.values.reply_markup, true);
  const thumbnail = findThumbnailUpload(request.uploads, media.thumbnail);
  const content: Partial<Message> =
    kind === 'photo'
      ? {
          photo: photoSizes(state, source),
          ...(media.has_spoiler ? { has_media_spoiler: true as const } : {}),
        }
      : kind === 'audio'
        ? {
            audio: audioFrom(
              state,
              source,
              {
                ...(media.title !== undefined ? { title: media.title } : {}),
                ...(media.performer !== undefined ? { performer: media.performer } : {}),
                ...(media.duration !== undefined ? { duration: media.duration } : {}),
              },
              thumbnail,
            ),
          }
        : { document: documentFrom(state, source, thumbnail) };

  const sameFile = source.type === 'existing' && fileUniqueIds(current).includes(source.file.fileUniqueId);
  if (
    sameFile &&
    current.caption === caption?.text &&
    sameJson(current.caption_entities, caption?.entities) &&
    sameJson(current.reply_markup, markup)
  ) {
    throw badRequest(Reason.notModified);
  }
  state.chats.edit(target.stored, (message) => {
    for (const key of MEDIA_KEYS) delete message[key];
    delete message.has_media_spoiler;
    Object.assign(message, content);
    setOrDelete(message, 'caption', caption?.text);
    setOrDelete(message, 'caption_entities', caption?.entities);
    setOrDelete(message, 'reply_markup', markup);
  });
  return editResult(target);
};

function fileUniqueIds(message: Message): string[] {
  return [
    ...(message.photo ?? []).map((size) => size.file_unique_id),
    ...(message.audio ? [message.audio.file_unique_id] : []),
    ...(message.document ? [message.document.file_unique_id] : []),
  ];
}
