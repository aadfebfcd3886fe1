import type { Audio, Document, PhotoSize } from 'grammy/types';
import { badRequest } from '../errors.ts';
import type { StoredFile } from '../file-store.ts';
import { imageSize } from '../image-size.ts';
import type { InputSource } from '../input-files.ts';
import { detectMime } from '../mime.ts';
import type { Upload } from '../request-body.ts';
import type { FakeState } from '../state.ts';

// Telegram re-encodes photos into a ladder of sizes and returns all of them; bots usually take the last.
const PHOTO_SIDES = [90, 320, 800, 1280];
const MAX_PHOTO_SIDE = 2560;

// Bot API: a thumbnail must be a JPEG under 200 kB and at most 320 px wide and tall; Telegram drops
// one that is not, without failing the call, so the fake drops it too and a test sees it missing.
const MAX_THUMBNAIL_BYTES = 200 * 1024;
const MAX_THUMBNAIL_SIDE = 320;

export function photoSizes(state: FakeState, source: InputSource): PhotoSize[] {
  if (source.type === 'existing') return structuredClone(source.file.photoSizes ?? []);
  const info = imageSize(source.bytes);
  if (!info) throw badRequest('IMAGE_PROCESS_FAILED');
  const longest = Math.max(info.width, info.height);
  const sides = [...PHOTO_SIDES.filter((side) => side < longest), Math.min(longest, MAX_PHOTO_SIDE)];
  const sizes: PhotoSize[] = [];
  for (const side of sides) {
    const scale = side / longest;
    const width = Math.max(1, Math.round(info.width * scale));
    const height = Math.max(1, Math.round(info.height * scale));
    // All sizes keep the original bytes (the fake does not resize); only the reported size shrinks.
    const file = state.files.add({
      kind: 'photo',
      bytes: source.bytes,
      width,
      height,
      mimeType: `image/${info.type}`,
      ...(source.url ? { sourceUrl: source.url } : {}),
    });
    sizes.push({
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      file_size: Math.max(1, Math.round(source.bytes.length * scale * scale)),
      width,
      height,
    });
  }
  for (const size of sizes) {
    const file = state.files.get(size.file_id) as StoredFile;
    file.photoSizes = sizes;
  }
  return structuredClone(sizes);
}

export function thumbnailFrom(state: FakeState, upload: Upload | undefined): PhotoSize | undefined {
  if (!upload) return undefined;
  const info = imageSize(upload.bytes);
  if (
    info?.type !== 'jpeg' ||
    upload.bytes.length > MAX_THUMBNAIL_BYTES ||
    info.width > MAX_THUMBNAIL_SIDE ||
    info.height > MAX_THUMBNAIL_SIDE
  ) {
    return undefined;
  }
  const file = state.files.add({
    kind: 'thumbnail',
    bytes: upload.bytes,
    width: info.width,
    height: info.height,
    mimeType: 'image/jpeg',
  });
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    file_size: file.size,
    width: info.width,
    height: info.height,
  };
}

export interface AudioMeta {
  duration?: number;
  performer?: string;
  title?: string;
}

/** The Audio of a message; a resend by file_id shows the metadata of the original upload. */
export function audioFrom(
  state: FakeState,
  source: InputSource,
  meta: AudioMeta,
  thumbnail: Upload | undefined,
): Audio {
  const file = source.type === 'existing' ? source.file : storeNew(state, source, 'audio', meta, thumbnail);
  const audio = file.audio ?? { duration: 0 };
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    duration: audio.duration,
    ...(audio.performer !== undefined ? { performer: audio.performer } : {}),
    ...(audio.title !== undefined ? { title: audio.title } : {}),
    ...(file.fileName !== undefined ? { file_name: file.fileName } : {}),
    ...(file.mimeType !== undefined ? { mime_type: file.mimeType } : {}),
    file_size: file.size,
    ...(audio.thumbnail ? { thumbnail: audio.thumbnail } : {}),
  };
}

export function documentFrom(state: FakeState, source: InputSource, thumbnail: Upload | undefined): Document {
  const file = source.type === 'existing' ? source.file : storeNew(state, source, 'document', {}, thumbnail);
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    ...(file.fileName !== undefined ? { file_name: file.fileName } : {}),
    ...(file.mimeType !== undefined ? { mime_type: file.mimeType } : {}),
    file_size: file.size,
    ...(file.thumbnail ? { thumbnail: file.thumbnail } : {}),
  };
}

function storeNew(
  state: FakeState,
  source: Extract<InputSource, { type: 'new' }>,
  kind: 'audio' | 'document',
  meta: AudioMeta,
  thumbnailUpload: Upload | undefined,
): StoredFile {
  const thumbnail = thumbnailFrom(state, thumbnailUpload);
  return state.files.add({
    kind,
    bytes: source.bytes,
    ...(source.fileName !== undefined ? { fileName: source.fileName } : {}),
    mimeType: detectMime(source.bytes, source.fileName, source.declaredType),
    ...(source.url ? { sourceUrl: source.url } : {}),
    ...(kind === 'audio'
      ? {
          audio: {
            duration: meta.duration ?? 0,
            ...(meta.performer !== undefined ? { performer: meta.performer } : {}),
            ...(meta.title !== undefined ? { title: meta.title } : {}),
            ...(thumbnail ? { thumbnail } : {}),
          },
        }
      : thumbnail
        ? { thumbnail }
        : {}),
  });
}
