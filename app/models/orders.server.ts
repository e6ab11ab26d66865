// The only module that writes orders, their line snapshots, their status
// history and the record of Stripe events acted on.
import crypto from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { orderNumberFrom, type OrderLineSnapshot } from "~/domain/checkout";
import { nextStatus, type OrderStatus } from "~/domain/order-status";
import { db } from "~/utils/db.server";
import { orderLines, orders, orderStatusHistory, refunds, stripeEvents, REFUND_STATUSES } from "../../db/schema";

export type OrderRow = typeof orders.$inferSelect;
export type OrderLineRow = typeof orderLines.$inferSelect;

const orderById = db.select().from(orders).where(eq(orders.id, sql.placeholder("id"))).prepare();
const orderBySession = db.select().from(orders).where(eq(orders.stripeSessionId, sql.placeholder("sessionId"))).prepare();
const orderByPaymentIntent = db
  .select()
  .from(orders)
  .where(eq(orders.stripePaymentIntentId, sql.placeholder("paymentIntentId")))
  .prepare();
const linesOf = db.select().from(orderLines).where(eq(orderLines.orderId, sql.placeholder("orderId"))).orderBy(asc(orderLines.id)).prepare();
const historyOf = db
  .select()
  .from(orderStatusHistory)
  .where(eq(orderStatusHistory.orderId, sql.placeholder("orderId")))
  .orderBy(asc(orderStatusHistory.id))
  .prepare();

export function getOrder(id: number): OrderRow | undefined {
  return orderById.get({ id });
}

export function getOrderByStripeSession(sessionId: string): OrderRow | undefined {
  return orderBySession.get({ sessionId });
}

export function getOrderByPaymentIntent(paymentIntentId: string): OrderRow | undefined {
  return orderByPaymentIntent.get({ paymentIntentId });
}

export function getOrderLines(orderId: number): OrderLineRow[] {
  return linesOf.all({ orderId });
}

export function getOrderHistory(orderId: number) {
  return historyOf.all({ orderId });
}

/** A new pending order with its line snapshot. Call inside the checkout transaction. */
export function createPendingOrder(args: {
  cartId: string;
  currency: string;
  lines: OrderLineSnapshot[];
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  paymentMode: "stripe" | "test";
  holdExpiresAt: number;
  now: number;
}): OrderRow {
  let order: OrderRow | undefined;
  for (let attempt = 0; !order; attempt += 1) {
    const number = orderNumberFrom(crypto.randomBytes(6));
    try {
      order = db
        .insert(orders)
        .values({
          number,
          status: "pending",
          cartId: args.cartId,
          currency: args.currency,
          subtotalCents: args.subtotalCents,
          discountCents: args.discountCents,
          totalCents: args.totalCents,
          paymentMode: args.paymentMode,
          holdExpiresAt: args.holdExpiresAt,
          createdAt: args.now,
          updatedAt: args.now,
        })
        .returning()
        .get();
    } catch (error) {
      // A clash of random order numbers: try another.
      if (attempt < 5 && String(error).includes("orders.number")) continue;
      throw error;
    }
  }
  for (const line of args.lines) {
    db.insert(orderLines).values({ ...line, orderId: order.id }).run();
  }
  db.insert(orderStatusHistory)
    .values({ orderId: order.id, status: "pending", note: "Checkout started", createdAt: args.now })
    .run();
  return order;
}

export function attachStripeSession(orderId: number, sessionId: string, now: number) {
  db.update(orders).set({ stripeSessionId: sessionId, updatedAt: now }).where(eq(orders.id, orderId)).run();
}

/**
 * Move an order's status forward (never back) and note why in its history.
 * Returns the status it ends with.
 */
export function advanceStatus(order: Pick<OrderRow, "id" | "status">, news: OrderStatus, note: string, now: number): OrderStatus {
  const status = nextStatus(order.status, news);
  if (status !== order.status) {
    db.update(orders).set({ status, updatedAt: now }).where(eq(orders.id, order.id)).run();
  }
  db.insert(orderStatusHistory).values({ orderId: order.id, status, note, createdAt: now }).run();
  return status;
}

export function recordPayment(
  orderId: number,
  details: {
    customerEmail: string | null;
    customerName: string | null;
    shippingAddress: Record<string, string | null> | null;
    paymentIntentId: string | null;
    paidAt: number;
  },
) {
  db.update(orders)
    .set({
      customerEmail: details.customerEmail,
      customerName: details.customerName,
      shippingAddress: details.shippingAddress,
      stripePaymentIntentId: details.paymentIntentId,
      paidAt: details.paidAt,
      updatedAt: details.paidAt,
    })
    .where(eq(orders.id, orderId))
    .run();
}

/** Mark an order for a person to look at (payment does not match, stock gone). */
export function flagOrder(orderId: number, flag: string, now: number) {
  db.update(orders).set({ flag, updatedAt: now }).where(eq(orders.id, orderId)).run();
  db.insert(orderStatusHistory)
    .values({ orderId, status: getOrder(orderId)!.status, note: `Flagged: ${flag}`, createdAt: now })
    .run();
}

export function setRefundedAmount(orderId: number, refundedCents: number, now: number) {
  db.update(orders).set({ refundedCents, updatedAt: now }).where(eq(orders.id, orderId)).run();
}

export function markLinesRestocked(lineId: number, quantity: number) {
  db.update(orderLines)
    .set({ restockedQuantity: sql`${orderLines.restockedQuantity} + ${quantity}` })
    .where(eq(orderLines.id, lineId))
    .run();
}

const insertEvent = db
  .insert(stripeEvents)
  .values({
    id: sql.placeholder("id"),
    type: sql.placeholder("type"),
    orderId: sql.placeholder("orderId"),
    processedAt: sql.placeholder("now"),
  })
  .onConflictDoNothing()
  .prepare();

/**
 * Remember a payment event as handled. False if it was handled before, in which
 * case the caller must do nothing (this runs in the same transaction as the effects).
 */
export function claimPaymentEvent(id: string, type: string, orderId: number | null, now: number): boolean {
  return insertEvent.run({ id, type, orderId, now }).changes === 1;
}

const pendingForCart = db
  .select({ id: orders.id, status: orders.status, stripeSessionId: orders.stripeSessionId, paymentMode: orders.paymentMode })
  .from(orders)
  .where(and(eq(orders.cartId, sql.placeholder("cartId")), eq(orders.status, "pending")))
  .prepare();

/** Checkouts a cart started and never finished. */
export function pendingOrdersForCart(cartId: string) {
  return pendingForCart.all({ cartId });
}

export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** Record a refund, or its new status; returns the order's total of succeeded refunds. */
export function upsertRefund(refund: {
  id: string;
  orderId: number;
  amountCents: number;
  status: RefundStatus;
  reason?: string | null;
  staffId?: number | null;
  now: number;
}): number {
  db.insert(refunds)
    .values({
      id: refund.id,
      orderId: refund.orderId,
      amountCents: refund.amountCents,
      status: refund.status,
      reason: refund.reason ?? null,
      staffId: refund.staffId ?? null,
      createdAt: refund.now,
      updatedAt: refund.now,
    })
    .onConflictDoUpdate({ target: refunds.id, set: { status: refund.status, amountCents: refund.amountCents, updatedAt: refund.now } })
    .run();
  return succeededRefundTotal(refund.orderId);
}

export function succeededRefundTotal(orderId: number): number {
  const row = db
    .select({ total: sql<number>`coalesce(sum(${refunds.amountCents}), 0)` })
    .from(refunds)
    .where(and(eq(refunds.orderId, orderId), eq(refunds.status, "succeeded")))
    .get();
  return row?.total ?? 0;
}

export function getRefunds(orderId: number) {
  return db.select().from(refunds).where(eq(refunds.orderId, orderId)).orderBy(asc(refunds.createdAt)).all();
}
