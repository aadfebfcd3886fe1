/**
 * The neutral reply a command returns. Adapters render it natively: Discord embeds and
 * components, Telegram HTML and inline keyboards, plain text in the console.
 */
import type { Song } from '../netease/models.ts';
import type { Rich } from './rich-text.ts';

export type ActionArgs = Record<string, string | number | boolean>;

/** A button press routed back to a command's `actions[name]`. */
export interface ActionRef {
  command: string;
  name: string;
  args: ActionArgs;
}

export interface Button {
  label: string;
  emoji?: string;
  style?: 'primary' | 'secondary' | 'success' | 'danger';
  /** Either an action handled by the bot or a link opened by the client. */
  action?: ActionRef;
  url?: string;
}

export interface SelectMenu {
  placeholder: string;
  options: { label: string; description?: string; action: ActionRef }[];
}

interface ReplyBase {
  /** Rows of buttons. */
  buttons?: Button[][];
  /** Only the caller should see it (Discord ephemeral; elsewhere a normal message). */
  private?: boolean;
}

export interface TextReply extends ReplyBase {
  kind: 'text';
  text: Rich;
}

export interface CardReply extends ReplyBase {
  kind: 'card';
  title: string;
  url?: string;
  description?: Rich;
  fields?: { name: string; value: Rich; inline?: boolean }[];
  thumbnailUrl?: string;
  footer?: string;
}

export interface ListReply extends ReplyBase {
  kind: 'list';
  title: string;
  /** The items of the current page, already formatted. */
  items: Rich[];
  /** Number of the first item on this page, for numbering (1-based). */
  firstNumber: number;
  page: number;
  pageCount: number;
  /** Action that shows another page; adapters set `args.page`. */
  pager?: ActionRef;
  select?: SelectMenu;
  footer?: string;
}

export interface ImageReply extends ReplyBase {
  kind: 'image';
  image: Buffer;
  filename: string;
  caption?: Rich;
  /** When the image is a QR code: what it encodes, so a terminal can draw it as text instead. */
  qrContent?: string;
}

/** A song to deliver as a file where the platform has no voice playback (Telegram, console). */
export interface AudioReply extends ReplyBase {
  kind: 'audio';
  song: Song;
  /** The NetEase session of whoever asked, which decides the quality. */
  userKey: string;
  caption?: Rich;
}

export interface FileReply extends ReplyBase {
  kind: 'file';
  data: Buffer;
  filename: string;
  caption?: Rich;
}

export interface MultiReply {
  kind: 'multi';
  parts: Reply[];
}

export type Reply = TextReply | CardReply | ListReply | ImageReply | AudioReply | FileReply | MultiReply;

export const reply = {
  text: (text: Rich, extra: Omit<TextReply, 'kind' | 'text'> = {}): TextReply => ({
    kind: 'text',
    text,
    ...extra,
  }),
  multi: (...parts: Reply[]): MultiReply => ({ kind: 'multi', parts }),
};
