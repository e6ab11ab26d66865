// Which card paid: the PaymentIntent's latest charge, read from Stripe with
// expand. Nice to know (refund wording), never worth failing a payment over:
// any error gives null and the order reads "the original payment".
import { cardOfPaymentIntent, type PaymentCard } from "~/domain/payment-card";
import { stripe } from "~/services/stripe.server";
import { env } from "~/utils/env.server";

export async function paymentCardOf(paymentIntentId: string | null | undefined): Promise<PaymentCard | null> {
  if (!paymentIntentId || !env().stripe) return null;
  try {
    const paymentIntent = await stripe().paymentIntents.retrieve(paymentIntentId, { expand: ["latest_charge"] });
    return cardOfPaymentIntent(paymentIntent);
  } catch (error) {
    console.error("Could not read the card of a payment from Stripe:", error instanceof Error ? error.message : error);
    return null;
  }
}
