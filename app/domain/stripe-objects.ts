// The parts of Stripe objects the shop acts on, checked with zod: a webhook
// payload is input like any other, signed or not.
import { z } from "zod";
import type { PaymentCard } from "./payment-card";

const expandableId = z
  .union([z.string(), z.object({ id: z.string() }).passthrough(), z.null()])
  .optional()
  .transform((v) => (v == null ? null : typeof v === "string" ? v : v.id));

const address = z
  .object({
    line1: z.string().nullable().optional(),
    line2: z.string().nullable().optional(),
    city: z.string().nullable().optional(),
    state: z.string().nullable().optional(),
    postal_code: z.string().nullable().optional(),
    country: z.string().nullable().optional(),
  })
  .nullable()
  .optional();

/**
 * What every event must look like before the shop reads its type: a signed
 * body can still be any JSON (null, an array, an object without data).
 */
export const eventEnvelopeSchema = z.object({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(255),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

export const checkoutSessionSchema = z.object({
  id: z.string().min(1).max(255),
  object: z.literal("checkout.session"),
  payment_status: z.enum(["paid", "unpaid", "no_payment_required"]),
  amount_total: z.number().int().nullable(),
  currency: z.string().nullable(),
  payment_intent: expandableId,
  customer_details: z
    .object({ email: z.string().nullable().optional(), name: z.string().nullable().optional(), address })
    .nullable()
    .optional(),
  collected_information: z
    .object({ shipping_details: z.object({ name: z.string().nullable().optional(), address }).nullable().optional() })
    .nullable()
    .optional(),
  metadata: z.record(z.string(), z.string()).nullable().optional(),
  client_reference_id: z.string().nullable().optional(),
  // Optional, so sessions from before shipping methods (and old fixtures) still parse.
  shipping_cost: z
    .object({
      // Before tax: the tax on shipping is counted in total_details.amount_tax.
      amount_subtotal: z.number().int().min(0).optional(),
      amount_total: z.number().int().min(0),
      // An id, or the rate itself when expanded (then its metadata names the method).
      shipping_rate: z
        .union([
          z.string(),
          z.object({ id: z.string(), metadata: z.record(z.string(), z.string()).nullable().optional() }).passthrough(),
          z.null(),
        ])
        .optional(),
    })
    .passthrough()
    .nullable()
    .optional(),
  total_details: z
    .object({ amount_tax: z.number().int().min(0).nullable().optional() })
    .passthrough()
    .nullable()
    .optional(),
});

export const chargeSchema = z.object({
  id: z.string(),
  object: z.literal("charge"),
  amount_refunded: z.number().int().min(0),
  payment_intent: expandableId,
});

export const refundSchema = z.object({
  id: z.string(),
  object: z.literal("refund"),
  amount: z.number().int().min(0),
  status: z.enum(["pending", "requires_action", "succeeded", "failed", "canceled"]).nullable(),
  payment_intent: expandableId,
});

export interface SessionNewsShape {
  sessionId: string;
  paymentStatus: "paid" | "unpaid" | "no_payment_required";
  amountTotal: number | null;
  currency: string | null;
  customerEmail: string | null;
  customerName: string | null;
  shippingAddress: Record<string, string | null> | null;
  paymentIntentId: string | null;
  /** The order the shop named when it opened the session (client_reference_id), if any. */
  orderId?: number | null;
  /** What the shopper paid for shipping; null when the session offered none. */
  shippingCents?: number | null;
  /** The shop's method id, when the news names it (the rate's metadata, the test-payment form). */
  shippingMethodId?: number | null;
  /** Tax Stripe added (automatic tax); 0 when none. */
  taxCents?: number;
  /** The card charged, when Stripe's charge was read (app/domain/payment-card.ts); null or absent when not known. */
  card?: PaymentCard | null;
}

/** The shop's order id a session carries, or null. */
export function orderIdOf(session: { client_reference_id?: string | null; metadata?: Record<string, string> | null }): number | null {
  const raw = session.client_reference_id ?? session.metadata?.order_id ?? null;
  return raw !== null && /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : null;
}

function shippingMethodIdOf(rate: string | { metadata?: Record<string, string> | null } | null | undefined): number | null {
  const raw = rate && typeof rate === "object" ? rate.metadata?.shipping_method_id : undefined;
  return raw !== undefined && /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : null;
}

export function sessionNews(session: z.infer<typeof checkoutSessionSchema>): SessionNewsShape {
  const shipping = session.collected_information?.shipping_details;
  const addr = shipping?.address ?? session.customer_details?.address ?? null;
  return {
    sessionId: session.id,
    paymentStatus: session.payment_status,
    amountTotal: session.amount_total,
    currency: session.currency,
    customerEmail: session.customer_details?.email ?? null,
    customerName: shipping?.name ?? session.customer_details?.name ?? null,
    shippingAddress: addr
      ? {
          name: shipping?.name ?? session.customer_details?.name ?? null,
          line1: addr.line1 ?? null,
          line2: addr.line2 ?? null,
          city: addr.city ?? null,
          state: addr.state ?? null,
          postalCode: addr.postal_code ?? null,
          country: addr.country ?? null,
        }
      : null,
    paymentIntentId: session.payment_intent,
    orderId: orderIdOf(session),
    shippingCents: session.shipping_cost ? (session.shipping_cost.amount_subtotal ?? session.shipping_cost.amount_total) : null,
    shippingMethodId: shippingMethodIdOf(session.shipping_cost?.shipping_rate),
    taxCents: session.total_details?.amount_tax ?? 0,
  };
}

/** Stripe's refund statuses mapped to the shop's. */
export function refundStatusFrom(status: z.infer<typeof refundSchema>["status"]): "pending" | "succeeded" | "failed" | "canceled" {
  if (status === "succeeded" || status === "failed" || status === "canceled") return status;
  return "pending";
}
