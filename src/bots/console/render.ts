import QRCode from 'qrcode';
import type { Reply } from '../../commands/reply.ts';
import { plainText } from '../../commands/rich-text.ts';
import { neteaseUrl } from '../../netease/links.ts';

export interface ConsoleRenderOptions {
  /** Draw QR codes with block characters (a terminal) or print only their link (a pipe). */
  drawQr: boolean;
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function buttonHints(reply: Reply): string[] {
  if (reply.kind === 'multi' || !reply.buttons?.length) return [];
  const links = reply.buttons.flat().filter((button) => button.url);
  return links.map((button) => `  ${button.label}: ${button.url}`);
}

/** Renders a reply as readable plain text for a terminal or a log of a piped session. */
export async function renderForConsole(reply: Reply, options: ConsoleRenderOptions): Promise<string> {
  const lines: string[] = [];
  switch (reply.kind) {
    case 'text':
      lines.push(plainText(reply.text));
      break;
    case 'card':
      lines.push(reply.url ? `${reply.title}  <${reply.url}>` : reply.title);
      if (reply.description) lines.push(plainText(reply.description));
      for (const field of reply.fields ?? []) lines.push(`${field.name}: ${plainText(field.value)}`);
      if (reply.footer) lines.push(reply.footer);
      break;
    case 'list': {
      lines.push(reply.title);
      reply.items.forEach((item, i) => {
        lines.push(`${String(reply.firstNumber + i).padStart(3)}. ${plainText(item)}`);
      });
      if (reply.pageCount > 1) {
        lines.push(`page ${reply.page}/${reply.pageCount}: type \`next\`, \`prev\` or \`page N\``);
      }
      if (reply.select) lines.push('type `pick N` to choose one');
      if (reply.footer) lines.push(reply.footer);
      break;
    }
    case 'image':
      if (reply.qrContent && options.drawQr) {
        lines.push(await QRCode.toString(reply.qrContent, { type: 'terminal', small: true }));
      }
      if (reply.caption) lines.push(plainText(reply.caption));
      if (reply.qrContent) lines.push(reply.qrContent);
      else lines.push(`[image ${reply.filename}, ${reply.image.length} bytes]`);
      break;
    case 'audio': {
      const artists = reply.song.artists.map((artist) => artist.name).join(' / ');
      lines.push(`♪ ${reply.song.name} — ${artists} [${formatDuration(reply.song.durationMs)}]`);
      if (reply.caption) lines.push(plainText(reply.caption));
      lines.push(neteaseUrl('song', reply.song.id));
      break;
    }
    case 'file':
      if (reply.caption) lines.push(plainText(reply.caption));
      lines.push(`[file ${reply.filename}, ${reply.data.length} bytes]`);
      break;
    case 'multi':
      for (const part of reply.parts) lines.push(await renderForConsole(part, options));
      break;
  }
  lines.push(...buttonHints(reply));
  return lines.join('\n');
}
