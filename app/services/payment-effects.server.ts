// Stripe calls that must happen even if the process stops or Stripe is down,
// carried out by the outbox sender (retried until Stripe confirms).
import Stripe from "stripe";
import { z } from "zod";
import { refundStatusFrom } from "~/domain/stripe-objects";
import { recordAudit } from "~/models/audit.server";
import { getOrder } from "~/models/orders.server";
import { registerEffectHandler, PermanentEffectError } from "~/services/outbox.server";
import { AUTO_REFUND_EFFECT, EXPIRE_SESSION_EFFECT, recordRefund } from "~/services/payments.server";
import { stripe } from "~/services/stripe.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";

const expirePayload = z.object({ sessionId: z.string().min(1), orderId: z.number().int() });
const refundPayload = z.object({ orderId: z.number().int() });

function parse<T>(schema: z.ZodType<T>, payload: unknown): T {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new PermanentEffectError(`Malformed payload: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/**
 * Expire a replaced checkout's Stripe session. Done when Stripe expires it or
 * reports it no longer open (already expired, or completed: then the payment's
 * webhook refunds it if the stock is gone).
 */
async function expireSession(payload: unknown) {
  const { sessionId } = parse(expirePayload, payload);
  if (!env().stripe) throw new PermanentEffectError("Stripe is not configured on this server");
  try {
    await stripe().checkout.sessions.expire(sessionId);
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
    const session = await stripe().checkout.sessions.retrieve(sessionId);
    if (session.status === "open") throw error;
  }
}

/** The reason recorded on an automatic refund. */
export const AUTO_REFUND_REASON = "Paid after its stock had gone: refunded in full automatically";

/** Refund in full an order paid after the shop could no longer fulfil it. */
async function refundUnfulfillable(payload: unknown) {
  const { orderId } = parse(refundPayload, payload);
  const order = getOrder(orderId);
  if (!order) throw new PermanentEffectError(`Order ${orderId} no longer exists`);
  const amount = order.totalCents - order.refundedCents;
  if (amount <= 0) return;

  let refund: { id: string; amountCents: number; status: ReturnType<typeof refundStatusFrom> };
  if (order.paymentMode === "test") {
    refund = { id: `test_re_auto_${order.id}`, amountCents: amount, status: "succeeded" };
  } else {
    if (!env().stripe) throw new PermanentEffectError("Stripe is not configured on this server");
    // Retried until the payment's id is known (it comes with the payment news).
    if (!order.stripePaymentIntentId) throw new Error(`Order ${order.number} has no payment intent yet`);
    const made = await stripe().refunds.create(
      { payment_intent: order.stripePaymentIntentId, amount, reason: "requested_by_customer", metadata: { order_id: String(order.id), automatic: "unfulfillable" } },
      { idempotencyKey: `auto-refund-order-${order.id}` },
    );
    refund = { id: made.id, amountCents: made.amount, status: refundStatusFrom(made.status as Parameters<typeof refundStatusFrom>[0]) };
  }
  const now = Date.now();
  db.transaction(
    () => {
      recordRefund({ orderId: order.id, refund: { ...refund, reason: AUTO_REFUND_REASON, staffId: null } }, null, now);
      recordAudit({
        staffId: null,
        action: "order.auto_refund",
        entityType: "order",
        entityId: order.id,
        before: { number: order.number, status: order.status, refundedCents: order.refundedCents },
        after: { number: order.number, refundId: refund.id, amountCents: refund.amountCents, refundStatus: refund.status },
        now,
      });
    },
    { behavior: "immediate" },
  );
  if (refund.status === "failed" || refund.status === "canceled") throw new Error(`Stripe reports refund ${refund.id} as ${refund.status}`);
}

export function registerPaymentEffects() {
  registerEffectHandler(EXPIRE_SESSION_EFFECT, expireSession);
  registerEffectHandler(AUTO_REFUND_EFFECT, refundUnfulfillable);
}
