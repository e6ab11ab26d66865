// Times on the stock and catalog pages of the back office. Their form pieces
// are the shared ones in AdminField.tsx.
import { DEFAULT_SHOP_TIMEZONE, formatShopMinute } from "~/domain/shop-time";

/** "2026-09-01 14:05 UTC", in the shop's time zone (SHOP_TIMEZONE, passed in by the loader). */
export function formatAdminTime(ms: number, timeZone: string = DEFAULT_SHOP_TIMEZONE): string {
  return formatShopMinute(ms, timeZone);
}
