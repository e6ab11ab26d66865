// How often each micro bag was bought together with each tote, from paid
// orders. One grouped query refreshed at most once a minute: ranking does not
// need to-the-second counts, and page views must not scan orders.
import { sql } from "drizzle-orm";
import { db } from "~/utils/db.server";

const REFRESH_MS = 60_000;

let cache: { at: number; byTote: Map<number, Map<number, number>> } | null = null;

function load(): Map<number, Map<number, number>> {
  const rows = db.all<{ tote: number; micro: number; orders: number }>(sql`
    SELECT t.product_id AS tote, m.product_id AS micro, count(DISTINCT o.id) AS orders
    FROM orders o
    JOIN order_lines t ON t.order_id = o.id AND t.product_kind = 'tote'
    JOIN order_lines m ON m.order_id = o.id AND m.product_kind = 'micro'
    WHERE o.status IN ('paid', 'partially_refunded') AND t.product_id IS NOT NULL AND m.product_id IS NOT NULL
    GROUP BY t.product_id, m.product_id`);
  const byTote = new Map<number, Map<number, number>>();
  for (const row of rows) {
    let counts = byTote.get(row.tote);
    if (!counts) byTote.set(row.tote, (counts = new Map()));
    counts.set(row.micro, row.orders);
  }
  return byTote;
}

const NONE: ReadonlyMap<number, number> = new Map();

/**
 * Micro productId → paid orders that also had this tote product. The same map
 * comes back until the counts are refreshed (callers may cache on it).
 */
export function coPurchaseCounts(toteProductId: number, now = Date.now()): ReadonlyMap<number, number> {
  if (!cache || now - cache.at > REFRESH_MS) cache = { at: now, byTote: load() };
  return cache.byTote.get(toteProductId) ?? NONE;
}

/** When the counts are next read again (pages built from them are current until then). */
export function coPurchaseRefreshAt(): number {
  return cache ? cache.at + REFRESH_MS : 0;
}

/** Forget the cached counts (tests, and after bulk imports). */
export function resetCoPurchaseCache() {
  cache = null;
}
