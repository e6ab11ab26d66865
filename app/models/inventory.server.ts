// The only module that changes stock: variants' on-hand and held counts, stock
// holds and the stock ledger. Every change writes a ledger row with the levels
// after it. Callers run these inside their own write transaction.
import { and, asc, eq, inArray, lt, sql } from "drizzle-orm";
import { db } from "~/utils/db.server";
import { stockHolds, stockLedger, variants, STOCK_REASONS } from "../../db/schema";

export type StockReason = (typeof STOCK_REASONS)[number];

export class OutOfStockError extends Error {
  constructor(
    readonly variantId: number,
    readonly available: number,
  ) {
    super(`variant ${variantId} has only ${available} available`);
  }
}

const holdStock = db
  .update(variants)
  .set({ stockHeld: sql`${variants.stockHeld} + ${sql.placeholder("quantity")}` })
  .where(
    and(
      eq(variants.id, sql.placeholder("variantId")),
      sql`${variants.stockOnHand} - ${variants.stockHeld} >= ${sql.placeholder("quantity")}`,
    ),
  )
  .returning({ onHand: variants.stockOnHand, held: variants.stockHeld })
  .prepare();

const unholdStock = db
  .update(variants)
  .set({ stockHeld: sql`${variants.stockHeld} - ${sql.placeholder("quantity")}` })
  .where(eq(variants.id, sql.placeholder("variantId")))
  .returning({ onHand: variants.stockOnHand, held: variants.stockHeld })
  .prepare();

// A sale from a hold: the units leave the shelf and the hold.
const sellHeldStock = db
  .update(variants)
  .set({
    stockOnHand: sql`${variants.stockOnHand} - ${sql.placeholder("quantity")}`,
    stockHeld: sql`${variants.stockHeld} - ${sql.placeholder("quantity")}`,
  })
  .where(eq(variants.id, sql.placeholder("variantId")))
  .returning({ onHand: variants.stockOnHand, held: variants.stockHeld })
  .prepare();

// A sale without a hold (payment news after the hold was released): only if free stock remains.
const sellFreeStock = db
  .update(variants)
  .set({ stockOnHand: sql`${variants.stockOnHand} - ${sql.placeholder("quantity")}` })
  .where(
    and(
      eq(variants.id, sql.placeholder("variantId")),
      sql`${variants.stockOnHand} - ${variants.stockHeld} >= ${sql.placeholder("quantity")}`,
    ),
  )
  .returning({ onHand: variants.stockOnHand, held: variants.stockHeld })
  .prepare();

const availableOf = db
  .select({ available: sql<number>`${variants.stockOnHand} - ${variants.stockHeld}` })
  .from(variants)
  .where(eq(variants.id, sql.placeholder("variantId")))
  .prepare();

const activeHoldsOf = db
  .select()
  .from(stockHolds)
  .where(and(eq(stockHolds.orderId, sql.placeholder("orderId")), eq(stockHolds.status, "active")))
  .orderBy(asc(stockHolds.id))
  .prepare();

const holdsOf = db
  .select()
  .from(stockHolds)
  .where(eq(stockHolds.orderId, sql.placeholder("orderId")))
  .orderBy(asc(stockHolds.id))
  .prepare();

function ledger(entry: {
  variantId: number;
  reason: StockReason;
  onHandDelta: number;
  heldDelta: number;
  after: { onHand: number; held: number };
  orderId?: number | null;
  staffId?: number | null;
  note?: string | null;
  now: number;
}) {
  db.insert(stockLedger)
    .values({
      variantId: entry.variantId,
      reason: entry.reason,
      onHandDelta: entry.onHandDelta,
      heldDelta: entry.heldDelta,
      onHandAfter: entry.after.onHand,
      heldAfter: entry.after.held,
      orderId: entry.orderId ?? null,
      staffId: entry.staffId ?? null,
      note: entry.note ?? null,
      createdAt: entry.now,
    })
    .run();
}

/**
 * Hold stock for a pending order. Check and increment happen in one UPDATE, so
 * no other checkout can take the same units. Throws OutOfStockError (the
 * caller's transaction then rolls back every hold it placed).
 */
export function placeHolds(orderId: number, items: { variantId: number; quantity: number }[], expiresAt: number, now: number) {
  for (const item of [...items].sort((a, b) => a.variantId - b.variantId)) {
    const after = holdStock.get({ variantId: item.variantId, quantity: item.quantity });
    if (!after) throw new OutOfStockError(item.variantId, availableOf.get({ variantId: item.variantId })?.available ?? 0);
    db.insert(stockHolds)
      .values({ orderId, variantId: item.variantId, quantity: item.quantity, expiresAt, createdAt: now })
      .run();
    ledger({ variantId: item.variantId, reason: "hold", onHandDelta: 0, heldDelta: item.quantity, after, orderId, now });
  }
}

/** Give an order's active holds back to sale. Returns how many units were released. */
export function releaseHolds(orderId: number, now: number, note: string): number {
  let released = 0;
  for (const hold of activeHoldsOf.all({ orderId })) {
    const after = unholdStock.get({ variantId: hold.variantId, quantity: hold.quantity })!;
    db.update(stockHolds).set({ status: "released", resolvedAt: now }).where(eq(stockHolds.id, hold.id)).run();
    ledger({ variantId: hold.variantId, reason: "hold_released", onHandDelta: 0, heldDelta: -hold.quantity, after, orderId: hold.orderId, note, now });
    released += hold.quantity;
  }
  return released;
}

/**
 * Turn an order's stock into a sale. Active holds convert; units whose hold was
 * already released are sold from free stock if any is left. Returns the units
 * that could not be sold (the order then needs a person: refund or restock).
 */
export function sellOrderStock(orderId: number, now: number): { variantId: number; quantity: number }[] {
  const shortages: { variantId: number; quantity: number }[] = [];
  for (const hold of holdsOf.all({ orderId })) {
    if (hold.status === "converted") continue;
    if (hold.status === "active") {
      const after = sellHeldStock.get({ variantId: hold.variantId, quantity: hold.quantity })!;
      ledger({ variantId: hold.variantId, reason: "sale", onHandDelta: -hold.quantity, heldDelta: -hold.quantity, after, orderId, now });
    } else {
      const after = sellFreeStock.get({ variantId: hold.variantId, quantity: hold.quantity });
      if (!after) {
        shortages.push({ variantId: hold.variantId, quantity: hold.quantity });
        continue;
      }
      ledger({ variantId: hold.variantId, reason: "sale", onHandDelta: -hold.quantity, heldDelta: 0, after, orderId, note: "Sold after its hold had lapsed", now });
    }
    db.update(stockHolds).set({ status: "converted", resolvedAt: now }).where(eq(stockHolds.id, hold.id)).run();
  }
  return shortages;
}

const expiredHoldOrders = db
  .selectDistinct({ orderId: stockHolds.orderId })
  .from(stockHolds)
  .where(and(eq(stockHolds.status, "active"), lt(stockHolds.expiresAt, sql.placeholder("cutoff"))))
  .prepare();

/** Orders with an active hold that expired before `cutoff`. */
export function ordersWithExpiredHolds(cutoff: number): number[] {
  return expiredHoldOrders.all({ cutoff }).map((r) => r.orderId);
}

const putBack = db
  .update(variants)
  .set({ stockOnHand: sql`${variants.stockOnHand} + ${sql.placeholder("quantity")}` })
  .where(eq(variants.id, sql.placeholder("variantId")))
  .returning({ onHand: variants.stockOnHand, held: variants.stockHeld })
  .prepare();

/** Put refunded items back on the shelf. */
export function restock(items: { variantId: number; quantity: number }[], meta: { orderId: number; staffId: number | null; now: number }) {
  for (const item of items) {
    if (item.quantity <= 0) continue;
    const after = putBack.get(item);
    if (!after) continue; // the variant was deleted; nothing to put back
    ledger({ variantId: item.variantId, reason: "refund_restock", onHandDelta: item.quantity, heldDelta: 0, after, orderId: meta.orderId, staffId: meta.staffId, now: meta.now });
  }
}

/** Units per variant currently held by open checkouts (for checks and tests). */
export function heldByVariant(variantIds: number[]): Map<number, number> {
  if (variantIds.length === 0) return new Map();
  const rows = db
    .select({ variantId: stockHolds.variantId, held: sql<number>`sum(${stockHolds.quantity})` })
    .from(stockHolds)
    .where(and(eq(stockHolds.status, "active"), inArray(stockHolds.variantId, variantIds)))
    .groupBy(stockHolds.variantId)
    .all();
  return new Map(rows.map((r) => [r.variantId, r.held]));
}
