/**
 * The words for a failure that happens after the reply was sent (in background work such as
 * login polling), where the dispatcher can no longer turn it into a reply. Same rules as the
 * dispatcher: known failures get their friendly text, anything else is logged with an id the
 * user can quote.
 */
import { randomBytes } from 'node:crypto';
import { explainError } from '../explain-error.ts';
import type { Ctx } from '../services.ts';

export function failureText(ctx: Ctx, error: unknown, what: string): string {
  const known = explainError(error, ctx.locale);
  if (known) return ctx.t(known.key, known.params);
  const id = randomBytes(3).toString('hex');
  ctx.logger.error({ err: error, errorId: id, what, user: ctx.user.key }, 'background work failed');
  return ctx.t('error.internal', { id });
}
