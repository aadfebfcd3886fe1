import type { PhotoSize } from 'grammy/types';
import type { IdSource } from './ids.ts';

export type FileKind = 'photo' | 'audio' | 'document' | 'thumbnail';

/** A file Telegram "has": uploaded once, then sendable again by its file_id. */
export interface StoredFile {
  fileId: string;
  fileUniqueId: string;
  kind: FileKind;
  bytes: Buffer;
  size: number;
  fileName?: string;
  mimeType?: string;
  width?: number;
  height?: number;
  /** Set when the file came from a URL rather than an upload. */
  sourceUrl?: string;
  /** Every size of the same photo, so a resend by any size's id returns the full PhotoSize[]. */
  photoSizes?: PhotoSize[];
  /** Audio metadata fixed at upload; a resend by file_id shows the same card. */
  audio?: { duration: number; performer?: string; title?: string; thumbnail?: PhotoSize };
  /** Document thumbnail fixed at upload. */
  thumbnail?: PhotoSize;
}

export type NewFile = Omit<StoredFile, 'fileId' | 'fileUniqueId' | 'size'>;

export class FileStore {
  private readonly byId = new Map<string, StoredFile>();

  constructor(private readonly ids: IdSource) {}

  add(file: NewFile): StoredFile {
    const stored: StoredFile = {
      ...file,
      fileId: this.ids.fileId(file.kind),
      fileUniqueId: this.ids.fileUniqueId(),
      size: file.bytes.length,
    };
    this.byId.set(stored.fileId, stored);
    return stored;
  }

  get(fileId: string): StoredFile | undefined {
    return this.byId.get(fileId);
  }

  all(): StoredFile[] {
    return [...this.byId.values()];
  }
}
