/** "1 song" / "3 songs": English needs a singular, Chinese does not (both keys say the same there). */
import type { MessageKey, Translate } from '../i18n/index.ts';

export function counted(
  t: Translate,
  count: number,
  one: MessageKey,
  many: MessageKey,
  text?: string,
): string {
  return t(count === 1 ? one : many, { count: text ?? String(count) });
}
