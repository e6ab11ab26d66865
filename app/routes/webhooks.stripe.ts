import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { handleStripeEvent } from "~/services/stripe-webhook.server";
import { verifyWebhook } from "~/services/stripe.server";
import { env } from "~/utils/env.server";

const MAX_BODY_BYTES = 512 * 1024;

export function loader() {
  return json({ message: "Stripe webhooks are POSTed here." }, { status: 405, headers: { Allow: "POST" } });
}

/** POST /webhooks/stripe: verify the signature on the raw body, then act once per event. */
export async function action({ request }: ActionFunctionArgs) {
  if (!env().stripe) return json({ message: "Stripe is not configured on this shop." }, { status: 404 });
  const signature = request.headers.get("stripe-signature");
  if (!signature) return json({ message: "Missing Stripe-Signature header." }, { status: 400 });
  const raw = await request.text();
  if (raw.length > MAX_BODY_BYTES) return json({ message: "Payload too large." }, { status: 413 });
  const verified = verifyWebhook(raw, signature);
  if (!verified.ok) return json({ message: verified.message }, { status: 400 });
  const result = await handleStripeEvent(verified.body);
  if (result.status === 400) return json({ message: result.message }, { status: 400 });
  return json({ received: true, outcome: result.outcome });
}
