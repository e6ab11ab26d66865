// What payment news does to an order and its stock. One function per kind of
// news; each runs in one write transaction together with the record of the
// event that brought it, so replays do nothing and a crash leaves nothing half-done.
// The webhook, the success page and the test-payment page all call these.
import type { SessionNewsShape } from "~/domain/stripe-objects";
import { isPaidStatus, refundHistoryNote, refundStatus, releasesHold, type OrderStatus } from "~/domain/order-status";
import { recordAudit } from "~/models/audit.server";
import { removeOrderedItems } from "~/models/cart.server";
import {
  orderHoldsStillActive,
  orderStockShortages,
  ordersWithExpiredHolds,
  releaseHolds,
  sellOrderStock,
} from "~/models/inventory.server";
import { enqueueEffect } from "~/models/outbox.server";
import { enqueueOrderEmail } from "~/services/order-emails.server";
import { nudgeOutboxSender } from "~/services/outbox.server";
import { addonPaymentRefusal } from "~/domain/after-payment";
import {
  addonLinkOf,
  addonsOfOrder,
  advanceStatus,
  attachStripeSession,
  claimPaymentEvent,
  flagOrder,
  getOrder,
  getOrderByPaymentIntent,
  getOrderByStripeSession,
  getOrderLines,
  markFulfilmentCancelled,
  recordPayment,
  recordPaymentCard,
  setRefundedAmount,
  upsertRefund,
  type OrderRow,
  type PaymentCharges,
  type RefundStatus,
} from "~/models/orders.server";
import { listActiveShippingMethods } from "~/models/shipping.server";
import { matchChargedShipping, shippingOptions } from "~/domain/shipping";
import { db } from "~/utils/db.server";

export interface PaymentEvent {
  id: string;
  type: string;
}

/** What a Checkout Session tells us, whichever way it reached us. */
export type SessionNews = SessionNewsShape;

export type Outcome =
  | "fulfilled"
  | "refund_scheduled"
  | "not_payable"
  | "already_paid"
  | "awaiting_payment"
  | "amount_mismatch"
  | "failed"
  | "expired"
  | "refund_recorded"
  | "duplicate_event"
  | "unknown_order";

function inTransaction<T>(fn: () => T): T {
  return db.transaction(fn, { behavior: "immediate" });
}

/** Run `effect` once per event id: the event is claimed in the same transaction. */
function once(event: PaymentEvent | null, orderId: number | null, now: number): boolean {
  return event === null || claimPaymentEvent(event.id, event.type, orderId, now);
}

/**
 * The order a session is for. Found by the session id the shop saved; failing
 * that (the process stopped between opening the session and saving its id), by
 * the order id the session carries, if that order never got a session, and
 * the session id is saved then.
 */
function orderForSession(sessionId: string, orderId: number | null | undefined, now: number): OrderRow | undefined {
  const order = getOrderByStripeSession(sessionId);
  if (order || !orderId) return order;
  const named = getOrder(orderId);
  if (!named || named.stripeSessionId !== null || named.paymentMode !== "stripe") return undefined;
  attachStripeSession(named.id, sessionId, now);
  return { ...named, stripeSessionId: sessionId };
}

/**
 * Payment received (or confirmed): turn the hold into a sale, mark paid, empty
 * the cart. With `onlyWhileHeld` (the test-payment page, where the shop itself
 * plays the payment provider) only a pending order whose stock is still held
 * can be paid: a replaced or expired checkout answers "not_payable".
 */
export function fulfilCheckout(
  news: SessionNews,
  event: PaymentEvent | null,
  now = Date.now(),
  options: { onlyWhileHeld?: boolean } = {},
): Outcome {
  const outcome = inTransaction((): Outcome => {
    const order = orderForSession(news.sessionId, news.orderId, now);
    if (!order) return "unknown_order";
    if (!once(event, order.id, now)) return "duplicate_event";
    if (isPaidStatus(order.status)) {
      // The webhook could not read the card; the success page can.
      if (news.card && order.cardLast4 === null) recordPaymentCard(order.id, news.card, now);
      return "already_paid";
    }
    if (options.onlyWhileHeld && (order.status !== "pending" || !orderHoldsStillActive(order.id, now))) return "not_payable";
    if (news.paymentStatus !== "paid") {
      advanceStatus(order, "pending", "Payment is processing", now);
      return "awaiting_payment";
    }
    const charged = chargesFor(order, news);
    if (!charged.ok) {
      flagOrder(order.id, charged.flag, now);
      return "amount_mismatch";
    }
    return fulfil(order, news, charged.charges, now);
  });
  // Committed: the confirmation (or the refund and its apology) can go now rather than at the next poll.
  if (outcome === "fulfilled" || outcome === "refund_scheduled") nudgeOutboxSender();
  return outcome;
}

/**
 * What a payment charged besides the goods, if it is what the shop asked for:
 * the shipping amount must be one the shop offers for this order's goods
 * (recomputed from the database; the method Stripe names, if any, must match),
 * and the total must be goods + shipping + tax in the order's currency.
 */
function chargesFor(order: OrderRow, news: SessionNews): { ok: true; charges: PaymentCharges } | { ok: false; flag: string } {
  const goods = order.subtotalCents - order.discountCents;
  const tax = news.taxCents ?? 0;
  let shipping: PaymentCharges["shipping"] = null;
  // A session without shipping (opened before the shop offered methods) pays the goods and tax alone.
  if (news.shippingCents != null) {
    const offered = shippingOptions(listActiveShippingMethods(), goods);
    const match = matchChargedShipping(offered, { amountCents: news.shippingCents, methodId: news.shippingMethodId });
    if (!match) {
      return {
        ok: false,
        flag: `Shipping of ${news.shippingCents} ${order.currency} is not an amount the shop offers for this order (${offered.map((o) => `${o.name} ${o.amountCents}`).join(", ") || "no active methods"}); not fulfilled`,
      };
    }
    shipping = { methodId: match.methodId, name: match.name, amountCents: match.amountCents, minDays: match.minDays, maxDays: match.maxDays };
  }
  const expected = goods + (shipping?.amountCents ?? 0) + tax;
  if (news.amountTotal !== expected || news.currency?.toLowerCase() !== order.currency) {
    return {
      ok: false,
      flag: `Payment of ${news.amountTotal ?? "?"} ${news.currency ?? "?"} does not match the order total of ${expected} ${order.currency} (goods ${goods}, shipping ${shipping?.amountCents ?? 0}, tax ${tax}); not fulfilled`,
    };
  }
  return { ok: true, charges: { shipping, taxCents: tax, totalCents: expected } };
}

function fulfil(pending: OrderRow, news: SessionNews, charges: PaymentCharges, now: number): Outcome {
  const payment = {
    customerEmail: news.customerEmail,
    customerName: news.customerName,
    shippingAddress: news.shippingAddress,
    paymentIntentId: news.paymentIntentId,
    paidAt: now,
    charges,
    card: news.card ?? null,
  };
  // From here the order's total is what was charged.
  const order = { ...pending, totalCents: charges.totalCents };
  const addon = addonLinkOf(order.id);
  if (addon) return fulfilAddon(order, addon.parentOrderId, addon.variantId, payment, now);
  // Paid after its hold lapsed (a replaced or expired checkout) and the shelf
  // can no longer cover it: sell nothing and give the money back in full.
  const shortages = orderStockShortages(order.id);
  if (shortages.length > 0) {
    recordPayment(order.id, payment);
    advanceStatus(order, refundStatus(order.totalCents, order.refundedCents), "Payment received after its stock had gone", now);
    return scheduleFullRefund(order, shortages, now);
  }
  sellOrderStock(order.id, now);
  recordPayment(order.id, payment);
  // A refund that arrived before the payment news is already counted.
  advanceStatus(order, refundStatus(order.totalCents, order.refundedCents), "Payment received", now);
  if (order.cartId) {
    const bought = new Map<number, number>();
    for (const line of getOrderLines(order.id)) {
      if (line.variantId !== null) bought.set(line.variantId, (bought.get(line.variantId) ?? 0) + line.quantity);
    }
    removeOrderedItems(order.cartId, [...bought].map(([variantId, quantity]) => ({ variantId, quantity })), now);
  }
  enqueueOrderEmail("order_confirmation", order.id, now);
  return "fulfilled";
}

/**
 * A micro bag added after payment: it joins its first order's parcel, unless
 * that order shipped, was refunded or cancelled meanwhile, or the same micro
 * bag was already paid for; then its payment goes back in full (outbox).
 */
function fulfilAddon(
  order: OrderRow,
  parentOrderId: number,
  variantId: number,
  payment: Parameters<typeof recordPayment>[1],
  now: number,
): Outcome {
  const parent = getOrder(parentOrderId)!;
  const samePaid = addonsOfOrder(parent.id).some(
    (a) => a.order.id !== order.id && a.link.variantId === variantId && isPaidStatus(a.order.status) && a.order.fulfilmentStatus !== "cancelled",
  );
  // It ships with the first order: same person, same address.
  const details = {
    ...payment,
    customerEmail: parent.customerEmail ?? payment.customerEmail,
    customerName: parent.customerName ?? payment.customerName,
    shippingAddress: parent.shippingAddress ?? payment.shippingAddress,
  };
  const refusal = addonPaymentRefusal(parent, samePaid);
  const shortages = orderStockShortages(order.id);
  if (refusal || shortages.length > 0) {
    if (refusal) releaseHolds(order.id, now, refusal);
    recordPayment(order.id, details);
    advanceStatus(order, refundStatus(order.totalCents, order.refundedCents), "Add-on payment received", now);
    return scheduleFullRefund(order, shortages, now, refusal ?? undefined);
  }
  sellOrderStock(order.id, now);
  recordPayment(order.id, details);
  advanceStatus(order, refundStatus(order.totalCents, order.refundedCents), `Add-on payment received; ships with order ${parent.number}`, now);
  enqueueOrderEmail("order_confirmation", order.id, now);
  return "fulfilled";
}

/** The outbox kind that refunds an order the shop cannot fulfil (app/services/payment-effects.server.ts). */
export const AUTO_REFUND_EFFECT = "payment.refund_unfulfillable";
/** The outbox kind that expires a Stripe Checkout session the shop no longer wants paid. */
export const EXPIRE_SESSION_EFFECT = "payment.expire_session";

function scheduleFullRefund(order: OrderRow, shortages: { variantId: number; quantity: number }[], now: number, why?: string): Outcome {
  const units = shortages.reduce((n, s) => n + s.quantity, 0);
  markFulfilmentCancelled(order.id, now);
  enqueueEffect({ kind: AUTO_REFUND_EFFECT, dedupeKey: `auto-refund:${order.id}`, payload: { orderId: order.id }, orderId: order.id, now });
  enqueueOrderEmail("order_unfulfillable", order.id, now, undefined, why ? { reason: "addon_withdrawn" } : {});
  advanceStatus(getOrder(order.id)!, "paid", why ?? `${units} unit(s) no longer in stock: refunding the payment in full automatically`, now);
  recordAudit({
    staffId: null,
    action: "order.auto_refund_scheduled",
    entityType: "order",
    entityId: order.id,
    after: { number: order.number, totalCents: order.totalCents, shortages, ...(why ? { why } : {}) },
    now,
  });
  return "refund_scheduled";
}

/** Ask the outbox to expire a Stripe Checkout session until Stripe confirms (call inside a write transaction). */
export function scheduleSessionExpiry(sessionId: string, orderId: number, now: number) {
  enqueueEffect({ kind: EXPIRE_SESSION_EFFECT, dedupeKey: `expire-session:${sessionId}`, payload: { sessionId, orderId }, orderId, now });
}

function endCheckout(
  sessionId: string,
  news: OrderStatus,
  note: string,
  event: PaymentEvent | null,
  now: number,
  orderId: number | null,
): Outcome {
  return inTransaction(() => {
    const order = orderForSession(sessionId, orderId, now);
    if (!order) return "unknown_order";
    if (!once(event, order.id, now)) return "duplicate_event";
    const status = advanceStatus(order, news, note, now);
    if (releasesHold(status)) releaseHolds(order.id, now, note);
    return isPaidStatus(status) ? "already_paid" : news === "expired" ? "expired" : "failed";
  });
}

/** The payment did not go through: release the hold. Does nothing to a paid order. */
export function failCheckout(sessionId: string, event: PaymentEvent | null, now = Date.now(), orderId: number | null = null): Outcome {
  return endCheckout(sessionId, "payment_failed", "Payment failed", event, now, orderId);
}

/** The checkout session expired or was abandoned: release the hold. Does nothing to a paid order. */
export function expireCheckout(
  sessionId: string,
  event: PaymentEvent | null,
  now = Date.now(),
  note = "Checkout expired",
  orderId: number | null = null,
): Outcome {
  return endCheckout(sessionId, "expired", note, event, now, orderId);
}

/**
 * A refund, from Stripe (charge.refunded, refund.*) or made in test mode.
 * `chargeAmountRefunded` is Stripe's running total when the news is a charge.
 */
export function recordRefund(
  news: {
    paymentIntentId?: string | null;
    orderId?: number;
    refund?: { id: string; amountCents: number; status: RefundStatus; reason?: string | null; staffId?: number | null };
    chargeAmountRefunded?: number;
  },
  event: PaymentEvent | null,
  now = Date.now(),
): Outcome {
  return inTransaction(() => {
    const order =
      news.orderId !== undefined
        ? getOrder(news.orderId)
        : news.paymentIntentId
          ? getOrderByPaymentIntent(news.paymentIntentId)
          : undefined;
    if (!order) return "unknown_order";
    if (!once(event, order.id, now)) return "duplicate_event";
    const fromRefunds = news.refund ? upsertRefund({ ...news.refund, orderId: order.id, now }) : 0;
    // Both totals only grow; the larger is the truth so far.
    const refunded = Math.min(order.totalCents, Math.max(order.refundedCents, fromRefunds, news.chargeAmountRefunded ?? 0));
    // News of a refund already counted (a webhook after the back office, a replay
    // under a new event id) changes nothing, not even the history.
    if (refunded === order.refundedCents) return "refund_recorded";
    setRefundedAmount(order.id, refunded, now);
    if (isPaidStatus(order.status)) {
      advanceStatus(order, refundStatus(order.totalCents, refunded), refundHistoryNote(refunded, order.totalCents), now);
    }
    return "refund_recorded";
  });
}

/**
 * Release holds whose checkout outlived its session. A grace period lets a
 * payment that completed at the last second arrive first.
 */
export function releaseExpiredHolds(now = Date.now(), graceMs = 2 * 60_000): number {
  let released = 0;
  for (const orderId of ordersWithExpiredHolds(now - graceMs)) {
    released += inTransaction(() => {
      const order = getOrder(orderId);
      if (!order || isPaidStatus(order.status)) return 0;
      advanceStatus(order, "expired", "Hold expired", now);
      return releaseHolds(order.id, now, "Hold expired");
    });
  }
  return released;
}
