// The only module that changes stock: variants' on-hand and held counts (and
// their low-stock thresholds), stock holds and the stock ledger. Every change
// writes a ledger row with the levels after it. The checkout and payment
// functions run inside their caller's write transaction; the back-office ones
// (adjustStock, setLowStockThreshold, applyStockCounts) open their own.
import { and, asc, count, desc, eq, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import {
  availableOf as availableUnits,
  isLowStock,
  planStockChange,
  planStockCounts,
  type AdjustmentReason,
  type LineProblem,
  type PlannedCount,
  type StockChange,
  type StockCountRow,
  type StockLevels,
} from "~/domain/stock";
import { recordAudit, type Actor } from "~/models/audit.server";
import { queueBackInStockEmails } from "~/models/back-in-stock.server";
import { db } from "~/utils/db.server";
import { orders, products, staff, stockHolds, stockLedger, variants, STOCK_REASONS } from "../../db/schema";

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
  // Stock arrived (received, counted, restocked from a refund or cancellation):
  // "tell me when it's back" emails are queued in this same transaction.
  if (entry.onHandDelta > 0 && entry.after.onHand - entry.after.held > 0) queueBackInStockEmails(entry.variantId, entry.now);
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
/** Whether every hold of a pending order is still active and unexpired: only then may it be paid in test mode. */
export function orderHoldsStillActive(orderId: number, now: number): boolean {
  const holds = holdsOf.all({ orderId });
  return holds.length > 0 && holds.every((h) => h.status === "active" && h.expiresAt > now);
}

/**
 * What selling an order now would lack: its lapsed (released) holds that the
 * shelf can no longer cover. Empty when every line can still be sold.
 */
export function orderStockShortages(orderId: number): { variantId: number; quantity: number }[] {
  const wanted = new Map<number, number>();
  for (const hold of holdsOf.all({ orderId })) {
    if (hold.status !== "released") continue;
    wanted.set(hold.variantId, (wanted.get(hold.variantId) ?? 0) + hold.quantity);
  }
  const shortages: { variantId: number; quantity: number }[] = [];
  for (const [variantId, quantity] of wanted) {
    const row = db.select({ onHand: variants.stockOnHand, held: variants.stockHeld }).from(variants).where(eq(variants.id, variantId)).get();
    const available = row ? row.onHand - row.held : 0;
    if (available < quantity) shortages.push({ variantId, quantity: quantity - Math.max(0, available) });
  }
  return shortages;
}

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
export function restock(
  items: { variantId: number; quantity: number }[],
  meta: { orderId: number; staffId: number | null; now: number; reason?: Extract<StockReason, "refund_restock" | "cancelled"> },
) {
  for (const item of items) {
    if (item.quantity <= 0) continue;
    const after = putBack.get(item);
    if (!after) continue; // the variant was deleted; nothing to put back
    ledger({ variantId: item.variantId, reason: meta.reason ?? "refund_restock", onHandDelta: item.quantity, heldDelta: 0, after, orderId: meta.orderId, staffId: meta.staffId, now: meta.now });
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

// ---------------------------------------------------------------- back office

/** One SKU as the stock page lists it. */
export type StockItem = {
  variantId: number;
  productId: number;
  sku: string;
  productName: string;
  productStatus: "active" | "draft";
  colourName: string;
  onHand: number;
  held: number;
  available: number;
  lowStockThreshold: number;
  low: boolean;
};

const stockColumns = {
  variantId: variants.id,
  productId: products.id,
  sku: variants.sku,
  productName: products.name,
  productStatus: products.status,
  colourName: variants.colourName,
  onHand: variants.stockOnHand,
  held: variants.stockHeld,
  lowStockThreshold: variants.lowStockThreshold,
};

type StockRow = Omit<StockItem, "available" | "low">;

function toItem(row: StockRow): StockItem {
  const levels = { onHand: row.onHand, held: row.held, lowStockThreshold: row.lowStockThreshold };
  return { ...row, available: availableUnits(levels), low: isLowStock(levels) };
}

/** "50%_off" → a LIKE pattern that matches it literally, anywhere. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Every SKU with its levels, in one query: optionally only those whose text
 * (SKU, product, colour) contains `search`, and only those at or under their
 * low-stock threshold.
 */
export function listStock(args: { search?: string | null; lowOnly?: boolean } = {}): StockItem[] {
  const conditions: SQL[] = [];
  const search = args.search?.trim();
  if (search) {
    const pattern = containsPattern(search);
    conditions.push(
      or(
        sql`${variants.sku} LIKE ${pattern} ESCAPE '\\'`,
        sql`${products.name} LIKE ${pattern} ESCAPE '\\'`,
        sql`${variants.colourName} LIKE ${pattern} ESCAPE '\\'`,
      )!,
    );
  }
  if (args.lowOnly) conditions.push(sql`${variants.stockOnHand} - ${variants.stockHeld} <= ${variants.lowStockThreshold}`);
  return db
    .select(stockColumns)
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(asc(products.name), asc(variants.position), asc(variants.id))
    .all()
    .map(toItem);
}

const stockItemQuery = db
  .select(stockColumns)
  .from(variants)
  .innerJoin(products, eq(products.id, variants.productId))
  .where(eq(variants.sku, sql.placeholder("sku")))
  .prepare();

export function getStockItem(sku: string): StockItem | null {
  const row = stockItemQuery.get({ sku });
  return row ? toItem(row) : null;
}

/** Current levels of every SKU (for checking a stock count file). */
export function stockLevelsBySku(): Map<string, StockLevels & { productName: string; colourName: string }> {
  const rows = db
    .select({ sku: variants.sku, onHand: variants.stockOnHand, held: variants.stockHeld, productName: products.name, colourName: variants.colourName })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .all();
  return new Map(rows.map((r) => [r.sku, r]));
}

export type AdjustResult =
  | { ok: true; item: StockItem; before: StockLevels; delta: number }
  | { ok: false; status: 404 | 409; message: string };

/**
 * A staff adjustment: add or remove units (`delta`), or set on hand to a count
 * (`set`, recorded as the delta it implied). The current levels are read inside
 * the write transaction, so a sale or a checkout hold that happened after the
 * page was read is kept: set-to 10 with 2 held leaves 10 on hand, 2 held.
 */
export function adjustStock(args: {
  sku: string;
  change: StockChange;
  reason: AdjustmentReason;
  note: string | null;
  actor: Actor;
  now?: number;
}): AdjustResult {
  const now = args.now ?? Date.now();
  return db.transaction(
    () => {
      const current = getStockItem(args.sku);
      if (!current) return { ok: false as const, status: 404 as const, message: `There is no SKU ${args.sku}.` };
      const before = { onHand: current.onHand, held: current.held };
      const plan = planStockChange(before, args.change, args.reason);
      if (!plan.ok) return { ok: false as const, status: 409 as const, message: plan.message };
      if (plan.delta === 0) return { ok: true as const, item: current, before, delta: 0 };
      const after = db
        .update(variants)
        .set({ stockOnHand: sql`${variants.stockOnHand} + ${plan.delta}`, updatedAt: now })
        .where(eq(variants.id, current.variantId))
        .returning({ onHand: variants.stockOnHand, held: variants.stockHeld })
        .get()!;
      ledger({
        variantId: current.variantId,
        reason: args.reason,
        onHandDelta: plan.delta,
        heldDelta: 0,
        after,
        staffId: args.actor.staffId,
        note: args.note,
        now,
      });
      recordAudit({
        staffId: args.actor.staffId,
        action: args.change.mode === "set" ? "stock.set" : "stock.adjust",
        entityType: "variant",
        entityId: current.variantId,
        before: { sku: current.sku, onHand: before.onHand, held: before.held },
        after: { sku: current.sku, onHand: after.onHand, held: after.held, delta: plan.delta, reason: args.reason, note: args.note },
        now,
      });
      return { ok: true as const, item: toItem({ ...current, ...after }), before, delta: plan.delta };
    },
    { behavior: "immediate" },
  );
}

/** The level at or under which a SKU counts as low stock. */
export function setLowStockThreshold(args: {
  sku: string;
  threshold: number;
  actor: Actor;
  now?: number;
}): { ok: true; item: StockItem; before: number } | { ok: false; status: 404; message: string } {
  const now = args.now ?? Date.now();
  return db.transaction(
    () => {
      const current = getStockItem(args.sku);
      if (!current) return { ok: false as const, status: 404 as const, message: `There is no SKU ${args.sku}.` };
      if (current.lowStockThreshold === args.threshold) return { ok: true as const, item: current, before: current.lowStockThreshold };
      db.update(variants).set({ lowStockThreshold: args.threshold, updatedAt: now }).where(eq(variants.id, current.variantId)).run();
      recordAudit({
        staffId: args.actor.staffId,
        action: "stock.threshold",
        entityType: "variant",
        entityId: current.variantId,
        before: { sku: current.sku, lowStockThreshold: current.lowStockThreshold },
        after: { sku: current.sku, lowStockThreshold: args.threshold },
        now,
      });
      return { ok: true as const, item: toItem({ ...current, lowStockThreshold: args.threshold }), before: current.lowStockThreshold };
    },
    { behavior: "immediate" },
  );
}

export type CountPreviewRow = PlannedCount & { productName: string; colourName: string };

/** A dry run of a stock count: every row checked against the current levels, nothing written. */
export function previewStockCounts(rows: StockCountRow[]): { ok: true; planned: CountPreviewRow[] } | { ok: false; problems: LineProblem[] } {
  const levels = stockLevelsBySku();
  const plan = planStockCounts(rows, levels);
  if (!plan.ok) return plan;
  return {
    ok: true,
    planned: plan.planned.map((p) => ({ ...p, productName: levels.get(p.sku)!.productName, colourName: levels.get(p.sku)!.colourName })),
  };
}

/**
 * Apply a stock count, all or nothing: in one write transaction the rows are
 * checked again against the levels at that moment, and either every changed
 * SKU is set (ledger reason "counted", one audit row for the count) or, if any
 * row is refused, nothing is.
 */
export function applyStockCounts(args: {
  rows: StockCountRow[];
  fileName: string | null;
  actor: Actor;
  now?: number;
}): { ok: true; changed: PlannedCount[]; unchanged: number } | { ok: false; problems: LineProblem[] } {
  const now = args.now ?? Date.now();
  return db.transaction(
    () => {
      const plan = planStockCounts(args.rows, stockLevelsBySku());
      if (!plan.ok) return plan;
      const changed = plan.planned.filter((p) => p.delta !== 0);
      const before: Record<string, number> = {};
      const after: Record<string, number> = {};
      for (const row of changed) {
        const levels = db
          .update(variants)
          .set({ stockOnHand: sql`${variants.stockOnHand} + ${row.delta}`, updatedAt: now })
          .where(eq(variants.sku, row.sku))
          .returning({ variantId: variants.id, onHand: variants.stockOnHand, held: variants.stockHeld })
          .get()!;
        ledger({
          variantId: levels.variantId,
          reason: "counted",
          onHandDelta: row.delta,
          heldDelta: 0,
          after: levels,
          staffId: args.actor.staffId,
          note: row.note ?? (args.fileName ? `Stock count ${args.fileName}`.slice(0, 200) : "Stock count"),
          now,
        });
        before[row.sku] = row.before.onHand;
        after[row.sku] = levels.onHand;
      }
      if (changed.length > 0) {
        recordAudit({
          staffId: args.actor.staffId,
          action: "stock.import",
          entityType: "stock",
          entityId: args.fileName ? args.fileName.slice(0, 100) : null,
          before,
          after,
          now,
        });
      }
      return { ok: true as const, changed, unchanged: plan.planned.length - changed.length };
    },
    { behavior: "immediate" },
  );
}

export type LedgerEntry = {
  id: number;
  createdAt: number;
  sku: string;
  productName: string;
  colourName: string;
  reason: StockReason;
  onHandDelta: number;
  heldDelta: number;
  onHandAfter: number;
  heldAfter: number;
  staffId: number | null;
  staffName: string | null;
  orderId: number | null;
  orderNumber: string | null;
  note: string | null;
};

/** Stock changes, newest first: of one SKU, or of all; optionally of one reason. */
export function listLedger(args: { variantId?: number; reason?: StockReason | null; limit: number; offset: number }): {
  entries: LedgerEntry[];
  total: number;
} {
  const limit = Math.min(Math.max(Math.trunc(args.limit), 1), 500);
  const offset = Math.max(Math.trunc(args.offset), 0);
  const conditions: SQL[] = [];
  if (args.variantId !== undefined) conditions.push(eq(stockLedger.variantId, args.variantId));
  if (args.reason) conditions.push(eq(stockLedger.reason, args.reason));
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const entries = db
    .select({
      id: stockLedger.id,
      createdAt: stockLedger.createdAt,
      sku: variants.sku,
      productName: products.name,
      colourName: variants.colourName,
      reason: stockLedger.reason,
      onHandDelta: stockLedger.onHandDelta,
      heldDelta: stockLedger.heldDelta,
      onHandAfter: stockLedger.onHandAfter,
      heldAfter: stockLedger.heldAfter,
      staffId: stockLedger.staffId,
      staffName: staff.name,
      orderId: stockLedger.orderId,
      orderNumber: orders.number,
      note: stockLedger.note,
    })
    .from(stockLedger)
    .innerJoin(variants, eq(variants.id, stockLedger.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .leftJoin(staff, eq(staff.id, stockLedger.staffId))
    .leftJoin(orders, eq(orders.id, stockLedger.orderId))
    .where(where)
    // Insertion order is the order the changes committed in (writes are serialised); clocks may differ.
    .orderBy(desc(stockLedger.id))
    .limit(limit)
    .offset(offset)
    .all();
  const [totalRow] = db.select({ n: count() }).from(stockLedger).where(where).all();
  return { entries, total: totalRow?.n ?? 0 };
}

/** How many SKUs are at or under their low-stock threshold (the admin nav's badge). */
export function countLowStock(): number {
  return (
    db
      .select({ n: count() })
      .from(variants)
      .where(sql`${variants.stockOnHand} - ${variants.stockHeld} <= ${variants.lowStockThreshold}`)
      .get()?.n ?? 0
  );
}
