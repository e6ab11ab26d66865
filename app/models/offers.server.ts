// Bundle offers: the only module that writes bundle_offers. Reads are cached
// per catalog version (offer edits bump it through triggers), so an edit
// changes storefront prices at once, in every process. Every write is audited
// in the same transaction.
import { eq, sql } from "drizzle-orm";
import { offerFromRow, type BundleOffer, type BundleOfferValues } from "~/domain/bundle-offers";
import { recordAudit, type Actor } from "~/models/audit.server";
import { replaceHoldoutExperiment } from "~/models/experiments.server";
import { getSetting, HOLDOUT_SETTING, setSetting } from "~/models/settings.server";
import { db, writeTransaction } from "~/utils/db.server";
import { bundleOffers, products } from "../../db/schema";
import { currentCatalogVersion } from "./catalog.server";

export type OfferRow = typeof bundleOffers.$inferSelect;

export type OfferResult = { ok: true; offer: OfferRow } | { ok: false; status: 404; message: string };

const allOffersQuery = db.select().from(bundleOffers).orderBy(bundleOffers.id).prepare();
const offerByIdQuery = db.select().from(bundleOffers).where(eq(bundleOffers.id, sql.placeholder("id"))).prepare();

let cache: { version: number; offers: BundleOffer[] } | null = null;

/**
 * Every offer, switched on or not; pricing decides which are active at a time.
 * A caller holding a catalog snapshot passes its version: no second check.
 */
export function getOffers(version = currentCatalogVersion()): BundleOffer[] {
  if (cache && cache.version === version) return cache.offers;
  cache = { version, offers: allOffersQuery.all().map(offerFromRow) };
  return cache.offers;
}

/** The rows as stored, for the back office (oldest first). */
export function listOfferRows(): OfferRow[] {
  return allOffersQuery.all();
}

export function getOfferRow(id: number): OfferRow | undefined {
  return offerByIdQuery.get({ id });
}

const offerProductsQuery = db
  .select({ id: products.id, name: products.name, kind: products.kind, tags: products.tags, status: products.status })
  .from(products)
  .orderBy(products.kind, products.name)
  .prepare();

/** Every product an offer may name (drafts too: an offer can be ready before its bag). */
export function listOfferProducts(): { id: number; name: string; kind: string; tags: string[]; status: string }[] {
  return offerProductsQuery.all();
}

// What the audit log keeps of an offer: its settings, not its bookkeeping.
function auditView(row: OfferRow) {
  return {
    name: row.name,
    triggerType: row.triggerType,
    triggerValue: row.triggerValue,
    addonType: row.addonType,
    addonValue: row.addonValue,
    discountType: row.discountType,
    discountValue: row.discountValue,
    maxAddonsPerTrigger: row.maxAddonsPerTrigger,
    activeFrom: row.activeFrom,
    activeUntil: row.activeUntil,
    priority: row.priority,
    enabled: row.enabled,
  };
}

/** A new offer from validated form values. */
export function createOffer(values: BundleOfferValues, actor: Actor, now = Date.now()): OfferRow {
  return writeTransaction(() => {
    const row = db
      .insert(bundleOffers)
      .values({ ...values, createdAt: now, updatedAt: now })
      .returning()
      .get();
    recordAudit({ staffId: actor.staffId, action: "offer.create", entityType: "bundle_offer", entityId: row.id, before: null, after: auditView(row), now });
    return row;
  });
}

/** Replace an offer's settings with validated form values. */
export function updateOffer(id: number, values: BundleOfferValues, actor: Actor, now = Date.now()): OfferResult {
  return writeTransaction(() => {
    const current = offerByIdQuery.get({ id });
    if (!current) return { ok: false, status: 404, message: "That offer does not exist." } as const;
    const row = db
      .update(bundleOffers)
      .set({ ...values, updatedAt: now })
      .where(eq(bundleOffers.id, id))
      .returning()
      .get()!;
    recordAudit({ staffId: actor.staffId, action: "offer.update", entityType: "bundle_offer", entityId: id, before: auditView(current), after: auditView(row), now });
    return { ok: true, offer: row } as const;
  });
}

/** Switch an offer on or off (offers are never deleted: orders name them). */
export function setOfferEnabled(id: number, enabled: boolean, actor: Actor, now = Date.now()): OfferResult {
  return writeTransaction(() => {
    const current = offerByIdQuery.get({ id });
    if (!current) return { ok: false, status: 404, message: "That offer does not exist." } as const;
    if (current.enabled === enabled) return { ok: true, offer: current } as const;
    const row = db
      .update(bundleOffers)
      .set({ enabled, updatedAt: now })
      .where(eq(bundleOffers.id, id))
      .returning()
      .get()!;
    recordAudit({
      staffId: actor.staffId,
      action: enabled ? "offer.enable" : "offer.disable",
      entityType: "bundle_offer",
      entityId: id,
      before: { enabled: current.enabled },
      after: { enabled: row.enabled },
      now,
    });
    return { ok: true, offer: row } as const;
  });
}

/**
 * Set the share of carts held out of the upsell (0–50 %, checked by the caller), audited. The value
 * is written through the settings model, which owns the table; the holdout itself runs as a
 * two-arm experiment, replaced in the same transaction (refused while staff run another).
 */
export function saveHoldoutPercent(percent: number, actor: Actor, now = Date.now()): { ok: true; changed: boolean } | { ok: false; message: string } {
  const value = String(Math.round(percent * 10) / 10);
  return writeTransaction(() => {
    const before = getSetting(HOLDOUT_SETTING) ?? null;
    if (before === value) return { ok: true as const, changed: false };
    const replaced = replaceHoldoutExperiment(Number(value), actor, now);
    if (!replaced.ok) return replaced;
    setSetting(HOLDOUT_SETTING, value, now);
    recordAudit({
      staffId: actor.staffId,
      action: "setting.update",
      entityType: "setting",
      entityId: HOLDOUT_SETTING,
      before: { value: before },
      after: { value },
      now,
    });
    return { ok: true as const, changed: true };
  });
}
