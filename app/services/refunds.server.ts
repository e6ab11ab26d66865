// Refunds from the back office: full or partial, optionally putting the items
// back in stock. The money moves first (Stripe, or locally for test-payment
// orders), then one write transaction applies it through recordRefund (the same
// function Stripe's webhooks use, so their later news changes nothing), puts
// the items back, marks the lines and writes the audit row.
//
// A double submit refunds once: the form carries a random request key, which
// becomes Stripe's idempotency key (and the local refund's id), and a refund
// already applied from the back office is not applied again.
import crypto from "node:crypto";
import Stripe from "stripe";
import {
  limitRestock,
  planRefund,
  refundSummary,
  type RefundRequest,
  type RestockItem,
} from "~/domain/refunds";
import { refundStatusFrom } from "~/domain/stripe-objects";
import { recordAudit } from "~/models/audit.server";
import { restock } from "~/models/inventory.server";
import {
  getOrder,
  getOrderDetail,
  getOrderLines,
  getRefund,
  markLinesRestocked,
  type RefundRow,
  type RefundStatus,
} from "~/models/orders.server";
import { enqueueOrderEmail } from "~/services/order-emails.server";
import { nudgeOutboxSender } from "~/services/outbox.server";
import { refreshFulfilmentStatus } from "~/models/shipments.server";
import { recordRefund } from "~/services/payments.server";
import { stripe } from "~/services/stripe.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";

export type RefundOutcome =
  | { ok: true; refundId: string; amountCents: number; restockedUnits: number; status: RefundStatus; message: string; duplicate: boolean }
  | { ok: false; status: 400 | 404 | 409 | 502; message: string; fieldErrors: Record<string, string> };

export const REFUND_MESSAGES = {
  notFound: "That order does not exist.",
  stripeUnreachable: "We couldn't reach Stripe, so nothing was refunded. Please try again in a moment.",
  stripeNotConfigured: "This order was paid through Stripe, but Stripe isn't set up on this server, so it can't be refunded here.",
  noPaymentIntent: "Stripe hasn't told us this order's payment yet, so it can't be refunded here. Refund it from the Stripe dashboard.",
} as const;

type StripeRefundStatus = Parameters<typeof refundStatusFrom>[0];

function alreadyMade(known: RefundRow): RefundOutcome {
  return {
    ok: true,
    refundId: known.id,
    amountCents: known.amountCents,
    restockedUnits: 0,
    status: known.status,
    message: "Already done: that refund was already made, so nothing changed this time.",
    duplicate: true,
  };
}

/** Stripe's idempotency key for a refund form submission. */
export function refundIdempotencyKey(orderId: number, requestKey: string): string {
  return `refund-order-${orderId}-${requestKey}`;
}

/** The id of a test-payment refund: the same for the same form submission. */
export function testRefundId(orderId: number, requestKey: string): string {
  return `test_re_${crypto.createHash("sha256").update(`${orderId}:${requestKey}`).digest("hex").slice(0, 24)}`;
}

function stripeFailure(error: unknown): RefundOutcome {
  const unreachable = error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeAPIError;
  if (error instanceof Stripe.errors.StripeError && !unreachable) {
    const said = error.message ? ` Stripe said: “${error.message.slice(0, 300)}”` : "";
    return { ok: false, status: 502, message: `Stripe didn't make the refund, so nothing was changed.${said}`, fieldErrors: {} };
  }
  return { ok: false, status: 502, message: REFUND_MESSAGES.stripeUnreachable, fieldErrors: {} };
}

export type RefundPreview =
  | {
      ok: true;
      amountCents: number;
      shippingCents: number;
      paymentMode: "stripe" | "test";
      cardBrand: string | null;
      cardLast4: string | null;
      restock: { quantity: number; name: string }[];
    }
  | { ok: false; status: 400 | 404 | 409; message: string; fieldErrors: Record<string, string> };

/** What a refund form would do, for its confirmation question. Changes nothing. */
export function previewRefund(orderNumber: string, request: RefundRequest): RefundPreview {
  const detail = getOrderDetail(orderNumber);
  if (!detail) return { ok: false, status: 404, message: REFUND_MESSAGES.notFound, fieldErrors: {} };
  const planned = planRefund(detail.order, detail.lines, detail.refunds, request);
  if (!planned.ok) return planned;
  const byId = new Map(detail.lines.map((l) => [l.id, l]));
  return {
    ok: true,
    amountCents: planned.plan.amountCents,
    shippingCents: planned.plan.shippingCents,
    paymentMode: detail.order.paymentMode === "test" ? "test" : "stripe",
    cardBrand: detail.order.cardBrand,
    cardLast4: detail.order.cardLast4,
    restock: planned.plan.restock.map((r) => {
      const line = byId.get(r.lineId);
      return { quantity: r.quantity, name: line ? `${line.colourName} ${line.productName}` : `item ${r.lineId}` };
    }),
  };
}

/**
 * Refund an order as the form asked. Nothing is written unless the refund is
 * made; a Stripe error leaves everything as it was.
 */
export async function refundOrder(args: {
  orderNumber: string;
  request: RefundRequest;
  staffId: number;
  now?: number;
  /** The stock ledger's reason for the items put back (a cancellation says "cancelled"). */
  restockReason?: "refund_restock" | "cancelled";
  /** More of the same change (a cancellation), run inside the refund's write transaction once it is applied. */
  alsoInTransaction?: (applied: { orderId: number; refundId: string; amountCents: number; restocked: RestockItem[]; now: number }) => void;
}): Promise<RefundOutcome> {
  const { request, staffId } = args;
  const detail = getOrderDetail(args.orderNumber);
  if (!detail) return { ok: false, status: 404, message: REFUND_MESSAGES.notFound, fieldErrors: {} };
  const { order } = detail;
  if (order.paymentMode === "test") {
    const known = getRefund(testRefundId(order.id, request.requestKey));
    if (known && known.staffId !== null) return alreadyMade(known);
  }
  const planned = planRefund(order, detail.lines, detail.refunds, request);
  if (!planned.ok) return planned;
  const { plan } = planned;

  // ---- the money
  let refund: { id: string; amountCents: number; status: RefundStatus };
  if (order.paymentMode === "test") {
    refund = { id: testRefundId(order.id, request.requestKey), amountCents: plan.amountCents, status: "succeeded" };
  } else {
    if (!env().stripe) return { ok: false, status: 409, message: REFUND_MESSAGES.stripeNotConfigured, fieldErrors: {} };
    if (!order.stripePaymentIntentId) return { ok: false, status: 409, message: REFUND_MESSAGES.noPaymentIntent, fieldErrors: {} };
    try {
      const made = await stripe().refunds.create(
        { payment_intent: order.stripePaymentIntentId, amount: plan.amountCents, metadata: { order_id: String(order.id) } },
        { idempotencyKey: refundIdempotencyKey(order.id, request.requestKey) },
      );
      refund = { id: made.id, amountCents: made.amount, status: refundStatusFrom(made.status as StripeRefundStatus) };
    } catch (error) {
      return stripeFailure(error);
    }
  }

  // ---- the books
  const now = args.now ?? Date.now();
  const outcome = db.transaction((): RefundOutcome => {
    const known = getRefund(refund.id);
    // This very submission was applied already (a double click).
    if (known && known.staffId !== null) return alreadyMade(known);
    const current = getOrder(order.id)!;
    let items: RestockItem[] = plan.restock;
    if (order.paymentMode === "test") {
      // Nothing has moved yet: check again under the write lock.
      const again = planRefund(current, getOrderLines(order.id), getOrderDetail(order.number)!.refunds, request);
      if (!again.ok) return again;
      items = again.plan.restock;
    } else {
      // The money has moved: apply it whatever happened meanwhile, putting back only what still can go.
      items = limitRestock(getOrderLines(order.id), items);
    }
    // A refund Stripe turned down puts nothing back (it is still recorded, as Stripe reports it).
    if (refund.status === "failed" || refund.status === "canceled") items = [];

    recordRefund(
      { orderId: order.id, refund: { ...refund, reason: request.reason, staffId } },
      null,
      now,
    );
    restock(
      items.map((i) => ({ variantId: i.variantId, quantity: i.quantity })),
      { orderId: order.id, staffId, now, reason: args.restockReason },
    );
    for (const item of items) markLinesRestocked(item.lineId, item.quantity);
    // Units put back are no longer to be shipped: the order may now be fully shipped.
    if (items.length > 0) refreshFulfilmentStatus(order.id, now);
    const after = getOrder(order.id)!;
    const restockedUnits = items.reduce((sum, i) => sum + i.quantity, 0);
    recordAudit({
      staffId,
      action: "order.refund",
      entityType: "order",
      entityId: order.id,
      before: { number: order.number, status: current.status, refundedCents: current.refundedCents },
      after: {
        number: order.number,
        status: after.status,
        refundedCents: after.refundedCents,
        refundId: refund.id,
        amountCents: refund.amountCents,
        refundStatus: refund.status,
        scope: request.scope,
        shippingCents: plan.shippingCents,
        reason: request.reason,
        restocked: items.map((i) => ({ lineId: i.lineId, variantId: i.variantId, quantity: i.quantity })),
      },
      now,
    });
    if (refund.status !== "failed" && refund.status !== "canceled") {
      args.alsoInTransaction?.({ orderId: order.id, refundId: refund.id, amountCents: refund.amountCents, restocked: items, now });
    }
    if (refund.status === "failed" || refund.status === "canceled") {
      return { ok: false, status: 502, message: `Stripe reports the refund as ${refund.status}, so no money went back and nothing was put back in stock.`, fieldErrors: {} };
    }
    // The shopper hears of it; one email per refund id. A cancellation sends its own email, which names the refund.
    if (args.restockReason !== "cancelled") enqueueOrderEmail("order_refunded", order.id, now, refund.id, { scope: request.scope, items: request.scope === "lines" ? request.quantities : [] });
    return {
      ok: true,
      refundId: refund.id,
      amountCents: refund.amountCents,
      restockedUnits,
      status: refund.status,
      message: refundSummary(refund.amountCents, restockedUnits, refund.status === "pending"),
      duplicate: false,
    };
  }, { behavior: "immediate" });
  if (outcome.ok) nudgeOutboxSender();
  return outcome;
}
