// The only module that writes shop settings (small values staff can change).
// Reads are cached per catalog version: a settings write bumps it (trigger).
import { eq } from "drizzle-orm";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { settings } from "../../db/schema";
import { currentCatalogVersion } from "./catalog.server";

export const HOLDOUT_SETTING = "upsell_holdout_percent";

const allSettings = db.select({ key: settings.key, value: settings.value }).from(settings).prepare();

let cache: { version: number; values: Map<string, string> } | null = null;

function values(version: number): Map<string, string> {
  if (!cache || cache.version !== version) {
    cache = { version, values: new Map(allSettings.all().map((r) => [r.key, r.value])) };
  }
  return cache.values;
}

/**
 * The share of carts (0–100 %) that sees no micro-bag suggestions. A caller
 * holding a catalog snapshot passes its version: no second check.
 */
export function getHoldoutPercent(version = currentCatalogVersion()): number {
  const stored = values(version).get(HOLDOUT_SETTING);
  const parsed = stored === undefined ? Number.NaN : Number(stored);
  return Number.isFinite(parsed) && parsed >= 0 && parsed <= 100 ? parsed : env().upsellHoldoutPercent;
}

export function setSetting(key: string, value: string, now = Date.now()) {
  db.insert(settings)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } })
    .run();
}

export function getSetting(key: string): string | undefined {
  return db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get()?.value;
}
