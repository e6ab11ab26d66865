// How an order's status moves as payment news arrives, in any order.
// Payment news can arrive late, twice or out of order (webhooks, the success
// page, the test-payment page). Each status has a rank; news only ever moves an
// order up, so every ordering of the same news ends in the same place:
//   pending < expired < payment_failed < paid ≤ partially_refunded ≤ refunded
import { formatCents } from "./money";

export type OrderStatus = "pending" | "paid" | "expired" | "payment_failed" | "refunded" | "partially_refunded";

const RANK: Record<OrderStatus, number> = {
  pending: 0,
  expired: 1,
  payment_failed: 2,
  paid: 3,
  partially_refunded: 4,
  refunded: 5,
};

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  pending: "Awaiting payment",
  paid: "Paid",
  expired: "Checkout expired",
  payment_failed: "Payment failed",
  refunded: "Refunded",
  partially_refunded: "Partly refunded",
};

export function isPaidStatus(s: OrderStatus): boolean {
  return RANK[s] >= RANK.paid;
}

/** The status after some news; never moves backwards. */
export function nextStatus(current: OrderStatus, news: OrderStatus): OrderStatus {
  return RANK[news] > RANK[current] ? news : current;
}

/** Status from the amount refunded on a paid order. */
export function refundStatus(totalCents: number, refundedCents: number): OrderStatus {
  if (refundedCents <= 0) return "paid";
  return refundedCents >= totalCents ? "refunded" : "partially_refunded";
}

/** The history note a refund writes: "Refunded $20.00 of $488.00". */
export function refundHistoryNote(refundedCents: number, totalCents: number): string {
  return `Refunded ${formatCents(refundedCents)} of ${formatCents(totalCents)}`;
}

/** A history note as staff read it: notes written before money was spelled out ("Refunded 2000 of 48800 cents") read as money too. */
export function historyNoteText(note: string | null): string | null {
  if (note === null) return null;
  const m = /^Refunded (\d{1,12}) of (\d{1,12}) cents$/.exec(note);
  return m ? refundHistoryNote(Number(m[1]), Number(m[2])) : note;
}

/** Stock held for an order is released when payment can no longer come. */
export function releasesHold(s: OrderStatus): boolean {
  return s === "expired" || s === "payment_failed";
}
