// The only module that writes orders, their line snapshots, their status
// history and the record of Stripe events acted on.
import crypto from "node:crypto";
import { and, asc, count, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { orderNumberFrom, type OrderLineSnapshot } from "~/domain/checkout";
import { nextStatus, type OrderStatus } from "~/domain/order-status";
import { COUNTED_STATUSES, type OrderRecord } from "~/domain/upsell-metrics";
import { db } from "~/utils/db.server";
import { orderAddons, orderLines, orders, orderStatusHistory, refunds, stripeEvents, FULFILMENT_STATUSES, REFUND_STATUSES } from "../../db/schema";

export type FulfilmentStatus = (typeof FULFILMENT_STATUSES)[number];

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
  cartId: string | null;
  currency: string;
  lines: OrderLineSnapshot[];
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  paymentMode: "stripe" | "test";
  holdExpiresAt: number;
  inHoldout: boolean;
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
          inHoldout: args.inHoldout,
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

// ---------------------------------------------------------------- after-payment add-ons

export type OrderAddonRow = typeof orderAddons.$inferSelect;

/**
 * A pending order for a micro bag added after payment to `parent`, linked to
 * it, with the parent's contact and address (it ships in the same parcel).
 * Call inside the transaction that also holds its stock.
 */
export function createAddonOrder(args: {
  parent: OrderRow;
  line: OrderLineSnapshot;
  toteProductId: number | null;
  paymentMode: "stripe" | "test";
  holdExpiresAt: number;
  now: number;
}): OrderRow {
  const { parent, line } = args;
  const created = createPendingOrder({
    cartId: parent.cartId,
    currency: parent.currency,
    lines: [line],
    subtotalCents: line.unitPriceCents * line.quantity,
    discountCents: line.discountCents,
    totalCents: line.lineTotalCents,
    paymentMode: args.paymentMode,
    holdExpiresAt: args.holdExpiresAt,
    inHoldout: parent.inHoldout,
    now: args.now,
  });
  db.update(orders)
    .set({
      customerEmail: parent.customerEmail,
      customerName: parent.customerName,
      shippingAddress: parent.shippingAddress,
    })
    .where(eq(orders.id, created.id))
    .run();
  db.insert(orderAddons)
    .values({ parentOrderId: parent.id, addonOrderId: created.id, toteProductId: args.toteProductId, variantId: line.variantId, createdAt: args.now })
    .run();
  db.update(orderStatusHistory)
    .set({ note: `Add-on to order ${parent.number} started after payment` })
    .where(eq(orderStatusHistory.orderId, created.id))
    .run();
  return getOrder(created.id)!;
}

/** The link of an add-on order to the order it joins, or undefined for an ordinary order. */
export function addonLinkOf(addonOrderId: number): OrderAddonRow | undefined {
  return db.select().from(orderAddons).where(eq(orderAddons.addonOrderId, addonOrderId)).get();
}

/** The add-ons started for an order, oldest first, with their orders and lines. */
export function addonsOfOrder(parentOrderId: number): { link: OrderAddonRow; order: OrderRow; lines: OrderLineRow[] }[] {
  const links = db.select().from(orderAddons).where(eq(orderAddons.parentOrderId, parentOrderId)).orderBy(asc(orderAddons.id)).all();
  return links.map((link) => ({ link, order: getOrder(link.addonOrderId)!, lines: getOrderLines(link.addonOrderId) }));
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

/** The shipping method chosen (as it was when paid) and the tax, with the total they make. */
export interface PaymentCharges {
  shipping: { methodId: number; name: string; amountCents: number; minDays: number; maxDays: number } | null;
  taxCents: number;
  totalCents: number;
}

export function recordPayment(
  orderId: number,
  details: {
    customerEmail: string | null;
    customerName: string | null;
    shippingAddress: Record<string, string | null> | null;
    paymentIntentId: string | null;
    paidAt: number;
    /** What was charged besides the goods; totalCents becomes goods + shipping + tax. */
    charges?: PaymentCharges;
    /** The card charged, when known: only what Stripe reported. */
    card?: { brand: string | null; last4: string } | null;
  },
) {
  const charges = details.charges;
  db.update(orders)
    .set({
      ...(charges
        ? {
            shippingMethodId: charges.shipping?.methodId ?? null,
            shippingMethodName: charges.shipping?.name ?? null,
            shippingCents: charges.shipping?.amountCents ?? 0,
            deliveryMinDays: charges.shipping?.minDays ?? null,
            deliveryMaxDays: charges.shipping?.maxDays ?? null,
            taxCents: charges.taxCents,
            totalCents: charges.totalCents,
          }
        : {}),
      // Stored lowercased, so the back office's case-insensitive search can use orders_email_idx.
      customerEmail: details.customerEmail === null ? null : details.customerEmail.trim().toLowerCase(),
      customerName: details.customerName,
      shippingAddress: details.shippingAddress,
      stripePaymentIntentId: details.paymentIntentId,
      ...(details.card ? { cardBrand: details.card.brand, cardLast4: details.card.last4 } : {}),
      paidAt: details.paidAt,
      updatedAt: details.paidAt,
    })
    .where(eq(orders.id, orderId))
    .run();
}

/** The card a paid order was charged on, learnt after the payment was recorded (only if not known yet). */
export function recordPaymentCard(orderId: number, card: { brand: string | null; last4: string }, now: number) {
  db.update(orders)
    .set({ cardBrand: card.brand, cardLast4: card.last4, updatedAt: now })
    .where(and(eq(orders.id, orderId), isNull(orders.cardLast4)))
    .run();
}

/** Mark an order for a person to look at (payment does not match, stock gone). */
export function flagOrder(orderId: number, flag: string, now: number) {
  db.update(orders).set({ flag, updatedAt: now }).where(eq(orders.id, orderId)).run();
  db.insert(orderStatusHistory)
    .values({ orderId, status: getOrder(orderId)!.status, note: `Flagged: ${flag}`, createdAt: now })
    .run();
}

/** An order that will not be shipped (cancelled, or paid after its stock was gone). */
export function markFulfilmentCancelled(orderId: number, now: number) {
  db.update(orders).set({ fulfilmentStatus: "cancelled", cancelledAt: now, updatedAt: now }).where(eq(orders.id, orderId)).run();
}

/** Called by the shipments model only, after a shipment or a refund that changes what is left to ship. */
export function setFulfilmentStatus(orderId: number, status: Exclude<FulfilmentStatus, "cancelled">, now: number) {
  db.update(orders).set({ fulfilmentStatus: status, updatedAt: now }).where(eq(orders.id, orderId)).run();
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
    .onConflictDoUpdate({
      target: refunds.id,
      set: {
        status: refund.status,
        amountCents: refund.amountCents,
        // Who made it and why, once known (a webhook may have recorded the refund first).
        staffId: sql`coalesce(${refunds.staffId}, excluded.staff_id)`,
        reason: sql`coalesce(${refunds.reason}, excluded.reason)`,
        updatedAt: refund.now,
      },
    })
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

export type RefundRow = typeof refunds.$inferSelect;

const refundById = db.select().from(refunds).where(eq(refunds.id, sql.placeholder("id"))).prepare();

export function getRefund(id: string): RefundRow | undefined {
  return refundById.get({ id });
}

// ---------------------------------------------------------------- back office reads

const orderByNumber = db.select().from(orders).where(eq(orders.number, sql.placeholder("number"))).prepare();

export function getOrderByNumber(number: string): OrderRow | undefined {
  return orderByNumber.get({ number });
}

export interface OrderListItem {
  id: number;
  number: string;
  status: OrderStatus;
  createdAt: number;
  paidAt: number | null;
  customerEmail: string | null;
  customerName: string | null;
  totalCents: number;
  refundedCents: number;
  flag: string | null;
  itemCount: number;
  fulfilmentStatus: FulfilmentStatus;
}

/** "To ship" is a view of the list; the others filter on the column. */
export type FulfilmentFilter = FulfilmentStatus | "to_ship";

// Paid, not cancelled, not fully shipped, and with units left to ship (a refund
// may have put everything back in stock): the work queue of the back office.
const TO_SHIP: SQL = sql`(${orders.status} IN ('paid', 'partially_refunded')
  AND ${orders.fulfilmentStatus} IN ('unfulfilled', 'partially_fulfilled')
  AND (select coalesce(sum("order_lines"."quantity" - "order_lines"."restocked_quantity"), 0) from "order_lines" where "order_lines"."order_id" = "orders"."id")
    > (select coalesce(sum("shipment_lines"."quantity"), 0) from "shipment_lines" join "shipments" on "shipments"."id" = "shipment_lines"."shipment_id" where "shipments"."order_id" = "orders"."id"))`;

/** How many orders wait to be shipped (the count in the back office's navigation). */
export function countOrdersToShip(): number {
  const [row] = db.select({ n: count() }).from(orders).where(TO_SHIP).all();
  return row?.n ?? 0;
}

/** The list's filters: status, shipping state, a search and a span of time when placed. */
export interface OrderListFilters {
  status?: OrderStatus | null;
  fulfilment?: FulfilmentFilter | null;
  /** Any part of the order number, the customer's email or their name, in any case. */
  search?: string | null;
  /** Placed (paid, or created when not paid) in [placedFrom, placedTo), epoch ms. */
  placedFrom?: number | null;
  placedTo?: number | null;
}

/** `text` as a LIKE pattern matching it anywhere, its wildcards taken literally. */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const PLACED_AT = sql`coalesce(${orders.paidAt}, ${orders.createdAt})`;

function orderListWhere(args: OrderListFilters): SQL | undefined {
  const conditions: SQL[] = [];
  if (args.status) conditions.push(eq(orders.status, args.status));
  if (args.fulfilment === "to_ship") conditions.push(TO_SHIP);
  else if (args.fulfilment) conditions.push(eq(orders.fulfilmentStatus, args.fulfilment));
  const term = (args.search ?? "").trim();
  if (term !== "") {
    // A search anywhere in the text cannot use an index: a scan of the orders, which a shop this size affords.
    const pattern = containsPattern(term);
    conditions.push(
      or(
        sql`lower(${orders.number}) LIKE ${pattern} ESCAPE '\\'`,
        sql`lower(coalesce(${orders.customerEmail}, '')) LIKE ${pattern} ESCAPE '\\'`,
        sql`lower(coalesce(${orders.customerName}, '')) LIKE ${pattern} ESCAPE '\\'`,
      )!,
    );
  }
  if (args.placedFrom !== undefined && args.placedFrom !== null) conditions.push(sql`${PLACED_AT} >= ${args.placedFrom}`);
  if (args.placedTo !== undefined && args.placedTo !== null) conditions.push(sql`${PLACED_AT} < ${args.placedTo}`);
  return conditions.length > 0 ? and(...conditions) : undefined;
}

/**
 * Orders newest first, a page at a time, filtered (see OrderListFilters); item
 * counts come from a subquery on order_lines_order_idx: two queries in all.
 */
export function listOrders(
  args: OrderListFilters & {
    limit: number;
    offset: number;
  },
): {
  orders: OrderListItem[];
  total: number;
} {
  const limit = Math.min(Math.max(Math.trunc(args.limit), 1), 200);
  const offset = Math.max(Math.trunc(args.offset), 0);
  const where = orderListWhere(args);
  const rows = db
    .select({
      id: orders.id,
      number: orders.number,
      status: orders.status,
      createdAt: orders.createdAt,
      paidAt: orders.paidAt,
      customerEmail: orders.customerEmail,
      customerName: orders.customerName,
      totalCents: orders.totalCents,
      refundedCents: orders.refundedCents,
      flag: orders.flag,
      fulfilmentStatus: orders.fulfilmentStatus,
      // Spelled out with table names: drizzle leaves columns unqualified in a
      // one-table select, and a bare "id" here would be the order line's.
      itemCount: sql<number>`(select coalesce(sum("order_lines"."quantity"), 0) from "order_lines" where "order_lines"."order_id" = "orders"."id")`,
    })
    .from(orders)
    .where(where)
    // The work queue is served oldest first (first paid, first shipped).
    .orderBy(...(args.fulfilment === "to_ship" ? [asc(orders.paidAt), asc(orders.id)] : [desc(orders.id)]))
    .limit(limit)
    .offset(offset)
    .all();
  const [totalRow] = db.select({ n: count() }).from(orders).where(where).all();
  return { orders: rows, total: totalRow?.n ?? 0 };
}

/** Every order matching the list's filters (at most `max`), newest first, for the CSV export: one query. */
export function exportOrders(args: OrderListFilters, max: number) {
  return db
    .select({
      number: orders.number,
      status: orders.status,
      fulfilmentStatus: orders.fulfilmentStatus,
      createdAt: orders.createdAt,
      paidAt: orders.paidAt,
      customerEmail: orders.customerEmail,
      customerName: orders.customerName,
      subtotalCents: orders.subtotalCents,
      discountCents: orders.discountCents,
      shippingCents: orders.shippingCents,
      taxCents: orders.taxCents,
      totalCents: orders.totalCents,
      refundedCents: orders.refundedCents,
      shippingMethodName: orders.shippingMethodName,
      itemCount: sql<number>`(select coalesce(sum("order_lines"."quantity"), 0) from "order_lines" where "order_lines"."order_id" = "orders"."id")`,
    })
    .from(orders)
    .where(orderListWhere(args))
    .orderBy(desc(orders.id))
    .limit(Math.max(1, Math.trunc(max)))
    .all();
}

/** An order with its lines, status history and refunds (four primary-key or indexed reads). */
export function getOrderDetail(number: string) {
  const order = orderByNumber.get({ number });
  if (!order) return null;
  return {
    order,
    lines: linesOf.all({ orderId: order.id }),
    history: historyOf.all({ orderId: order.id }),
    refunds: getRefunds(order.id),
  };
}

/** Orders by number with their lines, in the order asked (unknown numbers left out): two queries. */
export function getOrdersWithLines(numbers: readonly string[]): { order: OrderRow; lines: OrderLineRow[] }[] {
  if (numbers.length === 0) return [];
  const rows = db.select().from(orders).where(inArray(orders.number, [...numbers])).all();
  const lines = rows.length === 0 ? [] : db.select().from(orderLines).where(inArray(orderLines.orderId, rows.map((o) => o.id))).orderBy(asc(orderLines.id)).all();
  const byNumber = new Map(rows.map((o) => [o.number, { order: o, lines: [] as OrderLineRow[] }]));
  const byId = new Map([...byNumber.values()].map((e) => [e.order.id, e]));
  for (const line of lines) byId.get(line.orderId)?.lines.push(line);
  return numbers.flatMap((n) => (byNumber.has(n) ? [byNumber.get(n)!] : []));
}

/**
 * Paid (or partly refunded) orders created in [from, to), with their lines, for
 * the upsell figures: one query for the orders and one for all their lines.
 */
export function listOrderRecords(from: number, to: number): OrderRecord[] {
  const inRange = and(
    gte(orders.createdAt, from),
    lt(orders.createdAt, to),
    inArray(orders.status, COUNTED_STATUSES as OrderStatus[]),
  );
  const orderRows = db
    .select({
      id: orders.id,
      status: orders.status,
      createdAt: orders.createdAt,
      // The goods only: shipping and tax are not the upsell's doing.
      totalCents: sql<number>`${orders.subtotalCents} - ${orders.discountCents}`,
      cartId: orders.cartId,
      inHoldout: orders.inHoldout,
    })
    .from(orders)
    .where(inRange)
    .orderBy(asc(orders.id))
    .all();
  const lineRows = db
    .select({
      orderId: orderLines.orderId,
      productKind: orderLines.productKind,
      productId: orderLines.productId,
      quantity: orderLines.quantity,
      lineTotalCents: orderLines.lineTotalCents,
      discountCents: orderLines.discountCents,
      offerId: orderLines.offerId,
    })
    .from(orderLines)
    .where(inArray(orderLines.orderId, db.select({ id: orders.id }).from(orders).where(inRange)))
    .orderBy(asc(orderLines.id))
    .all();
  const records = new Map<number, OrderRecord>(orderRows.map((o) => [o.id, { ...o, lines: [] }]));
  for (const { orderId, ...line } of lineRows) records.get(orderId)?.lines.push(line);
  return [...records.values()];
}
