/** Replies as plain text for assertions: what a user would read, without platform markup. */
import type { ActionRef, Button, ListReply, Reply } from '../../src/commands/reply.ts';
import { plainText } from '../../src/commands/rich-text.ts';

export function replyText(reply: Reply | undefined): string {
  if (!reply) return '';
  switch (reply.kind) {
    case 'text':
      return plainText(reply.text);
    case 'card':
      return [
        reply.title,
        reply.description === undefined ? '' : plainText(reply.description),
        ...(reply.fields ?? []).map((field) => `${field.name}: ${plainText(field.value)}`),
        reply.footer ?? '',
      ]
        .filter(Boolean)
        .join('\n');
    case 'list':
      return [
        reply.title,
        ...reply.items.map((item, i) => `${reply.firstNumber + i}. ${plainText(item)}`),
        reply.footer ?? '',
      ]
        .filter(Boolean)
        .join('\n');
    case 'image':
    case 'file':
      return reply.caption === undefined ? '' : plainText(reply.caption);
    case 'audio':
      return reply.song.name;
    case 'multi':
      return reply.parts.map(replyText).join('\n');
  }
}

export function asList(reply: Reply | undefined): ListReply {
  if (reply?.kind !== 'list')
    throw new Error(`expected a list reply, got ${reply?.kind}: ${replyText(reply)}`);
  return reply;
}

export function itemTexts(reply: Reply | undefined): string[] {
  return asList(reply).items.map((item) => plainText(item));
}

/** The reply's buttons, by label. */
export function buttonsOf(reply: Reply | undefined): Button[] {
  if (!reply || reply.kind === 'multi') return [];
  return (reply.buttons ?? []).flat();
}

export function buttonAction(reply: Reply | undefined, label: string): ActionRef {
  const button = buttonsOf(reply).find((b) => b.label === label);
  if (!button?.action) {
    throw new Error(
      `no button "${label}" in [${buttonsOf(reply)
        .map((b) => b.label)
        .join(', ')}]`,
    );
  }
  return button.action;
}

/** The pager of a list, set to `page` as an adapter does. */
export function pageAction(reply: Reply | undefined, page: number): ActionRef {
  const pager = asList(reply).pager;
  if (!pager) throw new Error('list has no pager');
  return { ...pager, args: { ...pager.args, page } };
}
