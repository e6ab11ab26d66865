// The back office's clock face: times shown, and date filters read, in SHOP_TIMEZONE.
import { formatShopMinute } from "~/domain/shop-time";
import { env } from "~/utils/env.server";

export function shopTimeZone(): string {
  return env().shopTimeZone;
}

/** "2026-11-01 09:00 EST" in the shop's zone. */
export function formatAdminTime(ms: number): string {
  return formatShopMinute(ms, env().shopTimeZone);
}
