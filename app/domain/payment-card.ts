// The card an order was paid with, as Stripe's charge names it
// (payment_method_details.card: brand and last four), and how the shop words
// it for staff and shoppers. Only what Stripe reported: nothing is guessed.
import { z } from "zod";

export interface PaymentCard {
  /** Stripe's brand code ("visa", "mastercard"…), or null when it gave none we know. */
  brand: string | null;
  last4: string;
}

const cardSchema = z.object({
  brand: z.string().max(40).nullable().optional(),
  last4: z.string().regex(/^\d{4}$/),
});

const expandedPaymentIntentSchema = z.object({
  object: z.literal("payment_intent"),
  latest_charge: z.object({
    object: z.literal("charge"),
    payment_method_details: z.object({ card: cardSchema.nullable().optional() }).passthrough().nullable().optional(),
  }).passthrough(),
}).passthrough();

/**
 * The card a PaymentIntent retrieved with `expand: ["latest_charge"]` was
 * charged on; null when the charge was not expanded, not a card, or odd.
 */
export function cardOfPaymentIntent(paymentIntent: unknown): PaymentCard | null {
  const parsed = expandedPaymentIntentSchema.safeParse(paymentIntent);
  const card = parsed.success ? parsed.data.latest_charge.payment_method_details?.card : null;
  if (!card) return null;
  const brand = card.brand?.trim().toLowerCase() ?? "";
  return { brand: brand === "" || brand === "unknown" ? null : brand, last4: card.last4 };
}

const BRAND_NAMES: Record<string, string> = {
  amex: "American Express",
  american_express: "American Express",
  cartes_bancaires: "Cartes Bancaires",
  diners: "Diners Club",
  discover: "Discover",
  eftpos_au: "eftpos",
  interac: "Interac",
  jcb: "JCB",
  link: "Link",
  mastercard: "Mastercard",
  unionpay: "UnionPay",
  visa: "Visa",
};

/** "Visa", "Mastercard"; an unlisted code as written ("Some_brand" → "Some brand"); null for none. */
export function cardBrandName(brand: string | null | undefined): string | null {
  const code = (brand ?? "").trim().toLowerCase();
  if (code === "" || code === "unknown") return null;
  const known = BRAND_NAMES[code];
  if (known) return known;
  const words = code.replace(/[_-]+/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * "Visa card ending 4242", "card ending 4242" (brand unknown), or null when the
 * last four are not known (a test payment, an older order, Stripe unreachable).
 */
export function cardLabel(card: { brand: string | null | undefined; last4: string | null | undefined }): string | null {
  if (!card.last4 || !/^\d{4}$/.test(card.last4)) return null;
  const brand = cardBrandName(card.brand);
  return `${brand ? `${brand} card` : "card"} ending ${card.last4}`;
}
