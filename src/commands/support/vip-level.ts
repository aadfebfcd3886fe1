/** The VIP level of a NetEase account, named the way the NetEase app names it. */
import type { Translate } from '../i18n/index.ts';

/** `vipType` 11 is 黑胶VIP (the current subscription); older or other paid types read as plain VIP. */
const BLACK_VINYL_VIP = 11;

export function vipName(t: Translate, vipType: number): string {
  if (vipType === BLACK_VINYL_VIP) return t('account.vip_black');
  return vipType > 0 ? t('account.vip') : t('account.vip_none');
}
