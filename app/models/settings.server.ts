// The only module that writes shop settings (small values staff can change).
// Reads are cached per catalog version: a settings write bumps it (trigger).
import { eq } from "drizzle-orm";
import { recordAudit } from "~/models/audit.server";
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

export const SUPPORT_REFUND_LIMIT_SETTING = "support_refund_limit_cents";
/** Until the owner sets one, support staff may refund up to $50.00 at a time. */
export const DEFAULT_SUPPORT_REFUND_LIMIT_CENTS = 5000;

/** The most the support role may refund at a time, in cents. */
export function getSupportRefundLimitCents(): number {
  const stored = Number(getSetting(SUPPORT_REFUND_LIMIT_SETTING));
  return Number.isSafeInteger(stored) && stored >= 0 ? stored : DEFAULT_SUPPORT_REFUND_LIMIT_CENTS;
}

/** The owner sets the support role's refund limit; the change is audited in the same transaction. */
export function setSupportRefundLimitCents(cents: number, actor: { staffId: number | null }, now = Date.now()) {
  db.transaction(
    () => {
      const before = getSupportRefundLimitCents();
      setSetting(SUPPORT_REFUND_LIMIT_SETTING, String(cents), now);
      recordAudit({ staffId: actor.staffId, action: "settings.support_refund_limit", entityType: "setting", entityId: SUPPORT_REFUND_LIMIT_SETTING, before: { cents: before }, after: { cents }, now });
    },
    { behavior: "immediate" },
  );
}
