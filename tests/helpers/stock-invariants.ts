// The stock and order books must always agree. Checked after every step of
// the model-based stock test and after every crash-restart cycle.
import type Database from "better-sqlite3";

const PAID = new Set(["paid", "refunded", "partially_refunded"]);
const ENDED = new Set(["expired", "payment_failed"]);
const ADJUSTMENTS = new Set(["received", "counted", "damaged", "returned", "correction"]);

export interface StockBooks {
  problems: string[];
  variants: number;
  orders: number;
  totals: { initial: number; adjusted: number; sold: number; restocked: number; onHand: number; held: number; available: number };
}

/**
 * Everything that must hold between variants, stock holds, the stock ledger
 * and orders. Returns the problems found (none when the books agree).
 *
 * Per variant: on hand ≥ held ≥ 0; held = its active holds; on hand and held
 * equal the sums of the ledger's deltas and its last row; and
 * initial + adjustments (received, counted, damaged, returned, correction)
 * − sold + restocked = on hand.
 * Per order: pending ⇒ its holds are active; expired/failed ⇒ nothing held,
 * nothing sold; paid ⇒ nothing held, every unit sold once (a flagged order may
 * be short); restocked units = the ledger's refund_restock for it.
 */
export function checkStockBooks(db: Database.Database): StockBooks {
  const problems: string[] = [];
  const variants = db.prepare("SELECT id, sku, stock_on_hand AS onHand, stock_held AS held FROM variants").all() as {
    id: number;
    sku: string;
    onHand: number;
    held: number;
  }[];
  const activeHeld = new Map(
    (db.prepare("SELECT variant_id AS id, sum(quantity) AS n FROM stock_holds WHERE status = 'active' GROUP BY variant_id").all() as { id: number; n: number }[]).map((r) => [r.id, r.n]),
  );
  const ledgerRows = db
    .prepare(
      `SELECT variant_id AS id, reason, sum(on_hand_delta) AS onHand, sum(held_delta) AS held, count(*) AS n
         FROM stock_ledger GROUP BY variant_id, reason`,
    )
    .all() as { id: number; reason: string; onHand: number; held: number; n: number }[];
  const lastRows = new Map(
    (
      db
        .prepare(
          `SELECT l.variant_id AS id, l.on_hand_after AS onHand, l.held_after AS held FROM stock_ledger l
            WHERE l.id = (SELECT max(id) FROM stock_ledger m WHERE m.variant_id = l.variant_id)`,
        )
        .all() as { id: number; onHand: number; held: number }[]
    ).map((r) => [r.id, r]),
  );
  const byVariant = new Map<number, { onHand: number; held: number; initial: number; adjusted: number; sold: number; restocked: number }>();
  for (const row of ledgerRows) {
    const v = byVariant.get(row.id) ?? { onHand: 0, held: 0, initial: 0, adjusted: 0, sold: 0, restocked: 0 };
    v.onHand += row.onHand;
    v.held += row.held;
    if (row.reason === "initial") v.initial += row.onHand;
    else if (ADJUSTMENTS.has(row.reason)) v.adjusted += row.onHand;
    else if (row.reason === "sale") v.sold -= row.onHand;
    else if (row.reason === "refund_restock" || row.reason === "cancelled") v.restocked += row.onHand;
    else if (row.onHand !== 0) problems.push(`variant ${row.id}: ledger reason ${row.reason} moved on hand by ${row.onHand}`);
    byVariant.set(row.id, v);
  }

  const totals = { initial: 0, adjusted: 0, sold: 0, restocked: 0, onHand: 0, held: 0, available: 0 };
  for (const v of variants) {
    const books = byVariant.get(v.id) ?? { onHand: 0, held: 0, initial: 0, adjusted: 0, sold: 0, restocked: 0 };
    totals.initial += books.initial;
    totals.adjusted += books.adjusted;
    totals.sold += books.sold;
    totals.restocked += books.restocked;
    totals.onHand += v.onHand;
    totals.held += v.held;
    totals.available += v.onHand - v.held;
    const label = `${v.sku} (on hand ${v.onHand}, held ${v.held})`;
    if (v.onHand < 0 || v.held < 0 || v.held > v.onHand) problems.push(`${label}: negative or over-held`);
    if ((activeHeld.get(v.id) ?? 0) !== v.held) problems.push(`${label}: active holds add up to ${activeHeld.get(v.id) ?? 0}`);
    if (books.onHand !== v.onHand || books.held !== v.held) problems.push(`${label}: the ledger adds up to on hand ${books.onHand}, held ${books.held}`);
    if (books.initial + books.adjusted - books.sold + books.restocked !== v.onHand) {
      problems.push(`${label}: initial ${books.initial} + adjusted ${books.adjusted} − sold ${books.sold} + restocked ${books.restocked} ≠ on hand`);
    }
    const last = lastRows.get(v.id);
    if (last && (last.onHand !== v.onHand || last.held !== v.held)) problems.push(`${label}: last ledger row says ${last.onHand}/${last.held}`);
  }

  // Aggregated once per table (no per-order subqueries: the ledger has no order index).
  const orders = db
    .prepare(
      `SELECT o.id, o.number, o.status, o.flag, o.fulfilment_status AS fulfilment,
              coalesce(l.units, 0) AS units, coalesce(l.restockedLines, 0) AS restockedLines,
              coalesce(h.heldEver, 0) AS heldEver, coalesce(h.heldNow, 0) AS heldNow, coalesce(h.converted, 0) AS converted,
              coalesce(g.sold, 0) AS sold, coalesce(g.restocked, 0) AS restocked, coalesce(g.holdLedger, 0) AS holdLedger
         FROM orders o
         LEFT JOIN (SELECT order_id, sum(quantity) AS units, sum(restocked_quantity) AS restockedLines FROM order_lines GROUP BY order_id) l ON l.order_id = o.id
         LEFT JOIN (SELECT order_id, sum(quantity) AS heldEver,
                           sum(CASE WHEN status = 'active' THEN quantity ELSE 0 END) AS heldNow,
                           sum(CASE WHEN status = 'converted' THEN quantity ELSE 0 END) AS converted
                      FROM stock_holds GROUP BY order_id) h ON h.order_id = o.id
         LEFT JOIN (SELECT order_id,
                           -sum(CASE WHEN reason = 'sale' THEN on_hand_delta ELSE 0 END) AS sold,
                           sum(CASE WHEN reason IN ('refund_restock', 'cancelled') THEN on_hand_delta ELSE 0 END) AS restocked,
                           sum(CASE WHEN reason = 'hold' THEN held_delta ELSE 0 END) AS holdLedger
                      FROM stock_ledger WHERE order_id IS NOT NULL GROUP BY order_id) g ON g.order_id = o.id`,
    )
    .all() as {
    id: number;
    number: string;
    status: string;
    flag: string | null;
    fulfilment: string;
    units: number;
    restockedLines: number;
    heldEver: number;
    heldNow: number;
    converted: number;
    sold: number;
    restocked: number;
    holdLedger: number;
  }[];
  for (const o of orders) {
    const label = `order ${o.number} (${o.status})`;
    if (o.heldEver !== o.units) problems.push(`${label}: ${o.units} units ordered, ${o.heldEver} ever held`);
    if (o.holdLedger !== o.heldEver) problems.push(`${label}: holds of ${o.heldEver} units, ledger holds ${o.holdLedger}`);
    if (o.restocked !== o.restockedLines) problems.push(`${label}: lines say ${o.restockedLines} restocked, ledger ${o.restocked}`);
    if (o.status === "pending") {
      if (o.sold !== 0) problems.push(`${label}: pending but ${o.sold} sold`);
    } else if (ENDED.has(o.status)) {
      if (o.heldNow !== 0 || o.sold !== 0) problems.push(`${label}: ended but holds ${o.heldNow}, sold ${o.sold}`);
    } else if (PAID.has(o.status)) {
      if (o.heldNow !== 0) problems.push(`${label}: paid but still holds ${o.heldNow}`);
      if (o.sold !== o.converted) problems.push(`${label}: ${o.converted} units converted, ${o.sold} sold`);
      // Paid after its stock had gone: nothing sold, refunded in full automatically.
      const unfulfillable = o.fulfilment === "cancelled" && o.converted === 0;
      if (unfulfillable ? o.sold !== 0 : o.flag === null ? o.sold !== o.units : o.sold > o.units) {
        problems.push(`${label}: ${o.units} units ordered, ${o.sold} sold`);
      }
    }
  }
  return { problems, variants: variants.length, orders: orders.length, totals };
}
