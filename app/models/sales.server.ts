// Reads for the sales report (writes nothing): paid orders, succeeded refunds
// and the lines of those orders over a span of time, three queries whatever
// the number of orders.
import { and, asc, eq, gte, inArray, isNotNull, lt } from "drizzle-orm";
import type { SaleLine, SaleOrder, SaleRefund } from "~/domain/sales";
import { db } from "~/utils/db.server";
import { orderLines, orders, refunds } from "../../db/schema";

/** Orders that were paid, whatever happened since (a refunded order still sold; its refund is counted apart). */
export const SOLD_STATUSES = ["paid", "partially_refunded", "refunded"] as const;

export function salesRows(fromMs: number, toMs: number): { orders: SaleOrder[]; refunds: SaleRefund[]; lines: SaleLine[] } {
  const paidInRange = and(
    inArray(orders.status, [...SOLD_STATUSES]),
    isNotNull(orders.paidAt),
    gte(orders.paidAt, fromMs),
    lt(orders.paidAt, toMs),
  );
  const orderRows = db
    .select({
      id: orders.id,
      paidAt: orders.paidAt,
      subtotalCents: orders.subtotalCents,
      discountCents: orders.discountCents,
      shippingCents: orders.shippingCents,
      taxCents: orders.taxCents,
    })
    .from(orders)
    .where(paidInRange)
    .orderBy(asc(orders.id))
    .all()
    .map((o) => ({ ...o, paidAt: o.paidAt! }));
  const refundRows = db
    .select({ orderId: refunds.orderId, amountCents: refunds.amountCents, createdAt: refunds.createdAt })
    .from(refunds)
    .where(and(eq(refunds.status, "succeeded"), gte(refunds.createdAt, fromMs), lt(refunds.createdAt, toMs)))
    .orderBy(asc(refunds.createdAt))
    .all();
  const lineRows = db
    .select({
      orderId: orderLines.orderId,
      productId: orderLines.productId,
      productName: orderLines.productName,
      colourName: orderLines.colourName,
      sku: orderLines.sku,
      quantity: orderLines.quantity,
      restockedQuantity: orderLines.restockedQuantity,
      lineTotalCents: orderLines.lineTotalCents,
    })
    .from(orderLines)
    .where(inArray(orderLines.orderId, db.select({ id: orders.id }).from(orders).where(paidInRange)))
    .orderBy(asc(orderLines.id))
    .all();
  return { orders: orderRows, refunds: refundRows, lines: lineRows };
}
