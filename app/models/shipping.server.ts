// Shipping methods: the only module that writes shipping_methods. Reads are
// cached per catalog version (every write here bumps it), so an edit reaches
// the cart and checkout at once, in every process. Writes are audited in the
// same transaction (db/seed.ts, the seeder, adds the two defaults to a
// database without any). Methods are never deleted (orders name them): staff
// switch them off instead.
import { asc, eq, sql } from "drizzle-orm";
import type { ShippingMethodInput } from "~/domain/shipping";
import { recordAudit, type Actor } from "~/models/audit.server";
import { db, writeTransaction } from "~/utils/db.server";
import { shippingMethods } from "../../db/schema";
import { bumpCatalogVersion, currentCatalogVersion } from "./catalog.server";

export type ShippingMethodRow = typeof shippingMethods.$inferSelect;

export type ShippingResult = { ok: true; method: ShippingMethodRow } | { ok: false; status: 404; message: string };

const allQuery = db.select().from(shippingMethods).orderBy(asc(shippingMethods.position), asc(shippingMethods.id)).prepare();
const byIdQuery = db.select().from(shippingMethods).where(eq(shippingMethods.id, sql.placeholder("id"))).prepare();

let cache: { version: number; methods: ShippingMethodRow[] } | null = null;

/** Every method, active or not, in the staff's order. A caller holding a catalog version passes it. */
export function listShippingMethods(version = currentCatalogVersion()): ShippingMethodRow[] {
  if (cache && cache.version === version) return cache.methods;
  cache = { version, methods: allQuery.all() };
  return cache.methods;
}

export function listActiveShippingMethods(version?: number): ShippingMethodRow[] {
  return listShippingMethods(version).filter((m) => m.active);
}

export function getShippingMethod(id: number): ShippingMethodRow | undefined {
  return byIdQuery.get({ id });
}

function auditView(row: ShippingMethodRow) {
  return {
    name: row.name,
    priceCents: row.priceCents,
    freeOverCents: row.freeOverCents,
    minDays: row.minDays,
    maxDays: row.maxDays,
    countries: row.countries,
    active: row.active,
    position: row.position,
  };
}

export function createShippingMethod(values: ShippingMethodInput, actor: Actor, now = Date.now()): ShippingMethodRow {
  return writeTransaction(() => {
    const row = db
      .insert(shippingMethods)
      .values({ ...values, countries: [...values.countries], createdAt: now, updatedAt: now })
      .returning()
      .get();
    bumpCatalogVersion();
    recordAudit({ staffId: actor.staffId, action: "shipping.create", entityType: "shipping_method", entityId: row.id, before: null, after: auditView(row), now });
    return row;
  });
}

export function updateShippingMethod(id: number, values: ShippingMethodInput, actor: Actor, now = Date.now()): ShippingResult {
  return writeTransaction(() => {
    const current = byIdQuery.get({ id });
    if (!current) return { ok: false, status: 404, message: "That shipping method does not exist." } as const;
    const row = db
      .update(shippingMethods)
      .set({ ...values, countries: [...values.countries], updatedAt: now })
      .where(eq(shippingMethods.id, id))
      .returning()
      .get()!;
    bumpCatalogVersion();
    recordAudit({ staffId: actor.staffId, action: "shipping.update", entityType: "shipping_method", entityId: id, before: auditView(current), after: auditView(row), now });
    return { ok: true, method: row } as const;
  });
}

export function setShippingMethodActive(id: number, active: boolean, actor: Actor, now = Date.now()): ShippingResult {
  return writeTransaction(() => {
    const current = byIdQuery.get({ id });
    if (!current) return { ok: false, status: 404, message: "That shipping method does not exist." } as const;
    if (current.active === active) return { ok: true, method: current } as const;
    const row = db.update(shippingMethods).set({ active, updatedAt: now }).where(eq(shippingMethods.id, id)).returning().get()!;
    bumpCatalogVersion();
    recordAudit({
      staffId: actor.staffId,
      action: active ? "shipping.activate" : "shipping.deactivate",
      entityType: "shipping_method",
      entityId: id,
      before: { active: current.active },
      after: { active: row.active },
      now,
    });
    return { ok: true, method: row } as const;
  });
}
