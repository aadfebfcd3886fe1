import { badRequest, Reason } from './errors.ts';
import type { FileKind, FileStore, StoredFile } from './file-store.ts';
import type { Upload } from './request-body.ts';

/** Where a file parameter's content comes from, before the method turns it into a StoredFile. */
export type InputSource =
  | { type: 'new'; bytes: Buffer; fileName?: string; declaredType?: string; url?: string }
  | { type: 'existing'; file: StoredFile };

export interface FileSources {
  uploads: Upload[];
  files: FileStore;
  /** Content the fake "downloads" for http(s) URLs; the machines running tests are offline. */
  remoteFiles: ReadonlyMap<string, Buffer>;
}

export interface ResolveOptions {
  /** The parameter path, recorded on the upload (e.g. "photo", "media"). */
  param: string;
  value: unknown;
  /** Kinds a file_id may refer to; anything else is "type of file mismatch". */
  accepts: readonly FileKind[];
  /** Word used in "there is no <noun> in the request". */
  noun: string;
  allowUpload?: boolean;
}

/**
 * Resolves an InputFile parameter the three ways the Bot API allows: `attach://<part>` (what grammY
 * sends; a part named like the parameter also counts), an http(s) URL, or a file_id sent earlier.
 */
export function resolveInputFile(sources: FileSources, options: ResolveOptions): InputSource {
  const { value, param } = options;
  const upload =
    typeof value === 'string' && value.startsWith('attach://')
      ? sources.uploads.find((u) => u.partName === value.slice('attach://'.length))
      : value === undefined || value === ''
        ? sources.uploads.find((u) => u.partName === param)
        : undefined;
  if (upload) {
    // Inline messages live on Telegram's side only; the API refuses uploads for them.
    if (options.allowUpload === false) throw badRequest("can't use file upload for inline messages");
    upload.usedAs = param;
    return { type: 'new', bytes: upload.bytes, fileName: upload.filename, declaredType: upload.contentType };
  }
  if (value === undefined || value === '') throw badRequest(`there is no ${options.noun} in the request`);
  if (typeof value !== 'string' || value.startsWith('attach://')) throw badRequest(Reason.wrongFileId);
  if (/^https?:\/\//i.test(value)) {
    const bytes = sources.remoteFiles.get(value);
    if (!bytes) throw badRequest(Reason.urlContentFailed);
    const fileName = new URL(value).pathname.split('/').pop() || undefined;
    return { type: 'new', bytes, url: value, ...(fileName ? { fileName } : {}) };
  }
  const file = sources.files.get(value);
  if (!file) throw badRequest(Reason.wrongFileId);
  if (!options.accepts.includes(file.kind)) throw badRequest(Reason.fileTypeMismatch);
  return { type: 'existing', file };
}

/**
 * Thumbnails can only be uploaded ("can't be reused"); a file_id or URL there is ignored by Telegram
 * rather than rejected, so this returns undefined for anything but an upload.
 */
export function findThumbnailUpload(
  uploads: Upload[],
  value: unknown,
  param = 'thumbnail',
): Upload | undefined {
  const upload =
    typeof value === 'string' && value.startsWith('attach://')
      ? uploads.find((u) => u.partName === value.slice('attach://'.length))
      : value === undefined
        ? uploads.find((u) => u.partName === param)
        : undefined;
  if (upload) upload.usedAs = param;
  return upload;
}
