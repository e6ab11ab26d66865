// The Stripe SDK client, configured from the environment. STRIPE_API_BASE
// points it at another host (a loopback stand-in in tests).
import Stripe from "stripe";
import { env } from "~/utils/env.server";

let client: Stripe | null = null;

export function stripe(): Stripe {
  if (client) return client;
  const config = env().stripe;
  if (!config) throw new Error("Stripe is not configured (STRIPE_SECRET_KEY is not set)");
  const base = config.apiBase;
  client = new Stripe(config.secretKey, {
    maxNetworkRetries: 2,
    timeout: 15_000,
    telemetry: false,
    appInfo: { name: "tote-and-charm" },
    ...(base
      ? {
          host: base.hostname,
          port: base.port || (base.protocol === "http:" ? 80 : 443),
          protocol: base.protocol === "http:" ? "http" : "https",
        }
      : {}),
  });
  return client;
}

export type VerifiedWebhook = { ok: true; body: unknown } | { ok: false; message: string };

/**
 * Verify a webhook's signature on its raw body. The body is returned unchecked
 * (constructEvent only parses the JSON): the caller validates the event.
 */
export function verifyWebhook(rawBody: string, signature: string): VerifiedWebhook {
  const config = env().stripe;
  if (!config) throw new Error("Stripe is not configured");
  try {
    const body: unknown = stripe().webhooks.constructEvent(rawBody, signature, config.webhookSecret);
    return { ok: true, body };
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) return { ok: false, message: "Invalid signature." };
    // Genuine signature, but the body is not JSON (or is a thin v2 event).
    return { ok: false, message: "Not a Stripe event" };
  }
}
