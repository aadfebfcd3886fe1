/**
 * Previous/next buttons for replies that page by themselves (a lyrics card): lists have a
 * `pager` the adapters render, other replies carry their own buttons.
 */
import type { Translate } from '../i18n/index.ts';
import type { ActionRef, Button } from '../reply.ts';

/** `ref` is the action that shows a page; each button sets its `page`. Empty for a single page. */
export function pagerButtons(t: Translate, ref: ActionRef, page: number, pageCount: number): Button[] {
  const buttons: Button[] = [];
  const to = (target: number): ActionRef => ({ ...ref, args: { ...ref.args, page: target } });
  if (page > 1) buttons.push({ label: t('common.previous'), emoji: '◀', action: to(page - 1) });
  if (page < pageCount) buttons.push({ label: t('common.next'), emoji: '▶', action: to(page + 1) });
  return buttons;
}
