// The emails an order can send, queued in the outbox in the same transaction
// as the change that causes them. The mail module renders and sends them.
import { enqueueEffect } from "~/models/outbox.server";

export const ORDER_EMAIL_TEMPLATES = [
  "order_confirmation",
  "order_shipped",
  "order_delivered",
  "order_cancelled",
  "order_refunded",
  "order_unfulfillable",
] as const;
export type OrderEmailTemplate = (typeof ORDER_EMAIL_TEMPLATES)[number];

/** The outbox kind of every email. */
export const EMAIL_EFFECT = "email";

/**
 * Queue an order's email; call inside the write transaction of the change.
 * `ref` tells apart emails of one kind for one order (a shipment id, a refund id);
 * the same template, order and ref is queued once, however often this is called.
 * `details` are facts only known at the time (e.g. the items a refund was for).
 */
export function enqueueOrderEmail(
  template: OrderEmailTemplate,
  orderId: number,
  now: number,
  ref?: string | number,
  details: Record<string, unknown> = {},
): boolean {
  return enqueueEffect({
    kind: EMAIL_EFFECT,
    dedupeKey: `email:${template}:${orderId}${ref === undefined ? "" : `:${ref}`}`,
    payload: { ...details, template, orderId, ...(ref === undefined ? {} : { ref: String(ref) }) },
    orderId,
    now,
  });
}
