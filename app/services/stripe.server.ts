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

/** Verify a webhook's signature on its raw body; throws Stripe's error if it is not genuine. */
export function verifyWebhook(rawBody: string, signature: string): Stripe.Event {
  const config = env().stripe;
  if (!config) throw new Error("Stripe is not configured");
  return stripe().webhooks.constructEvent(rawBody, signature, config.webhookSecret);
}
