// Acting on a verified Stripe event.
import { chargeSchema, checkoutSessionSchema, eventEnvelopeSchema, orderIdOf, refundSchema, refundStatusFrom, sessionNews } from "~/domain/stripe-objects";
import { paymentCardOf } from "./payment-card.server";
import { expireCheckout, failCheckout, fulfilCheckout, recordRefund, type Outcome } from "./payments.server";

export type WebhookResult = { status: 200; outcome: Outcome | "ignored" } | { status: 400; message: string };

/** Act on a verified event body; anything that is not an event is a 400, with nothing written. */
export async function handleStripeEvent(body: unknown): Promise<WebhookResult> {
  const envelope = eventEnvelopeSchema.safeParse(body);
  if (!envelope.success) return { status: 400, message: "Not a Stripe event" };
  const event = envelope.data;
  const ref = { id: event.id, type: event.type };
  const object = event.data.object;
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
    case "checkout.session.async_payment_failed":
    case "checkout.session.expired": {
      const parsed = checkoutSessionSchema.safeParse(object);
      if (!parsed.success) return { status: 400, message: "Malformed checkout session" };
      const session = parsed.data;
      if (event.type === "checkout.session.async_payment_failed") return { status: 200, outcome: failCheckout(session.id, ref, Date.now(), orderIdOf(session)) };
      if (event.type === "checkout.session.expired") return { status: 200, outcome: expireCheckout(session.id, ref, Date.now(), "Checkout expired", orderIdOf(session)) };
      const news = sessionNews(session);
      // The event's session names its PaymentIntent by id: the card is on its latest charge.
      const card = news.paymentStatus === "paid" ? await paymentCardOf(news.paymentIntentId) : null;
      return { status: 200, outcome: fulfilCheckout({ ...news, card }, ref) };
    }
    case "charge.refunded": {
      const parsed = chargeSchema.safeParse(object);
      if (!parsed.success) return { status: 400, message: "Malformed charge" };
      return {
        status: 200,
        outcome: recordRefund({ paymentIntentId: parsed.data.payment_intent, chargeAmountRefunded: parsed.data.amount_refunded }, ref),
      };
    }
    default: {
      if (!event.type.startsWith("refund.")) return { status: 200, outcome: "ignored" };
      const parsed = refundSchema.safeParse(object);
      if (!parsed.success) return { status: 400, message: "Malformed refund" };
      const refund = parsed.data;
      return {
        status: 200,
        outcome: recordRefund(
          {
            paymentIntentId: refund.payment_intent,
            refund: { id: refund.id, amountCents: refund.amount, status: refundStatusFrom(refund.status) },
          },
          ref,
        ),
      };
    }
  }
}
