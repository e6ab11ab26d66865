// Refund arithmetic for the back office: how much of an order can still be
// refunded, how many of each line can go back on the shelf, what a typed
// amount means, and the plan a refund form asks for. Pure: no database.
//
// Rules.
// - Only paid or partly refunded orders can be refunded.
// - What is left to refund is the order total less the larger of the refunded
//   total on the order and the refunds already made or under way (succeeded
//   and pending), so two refunds can never add up to more than was charged.
// - A line's units are worth what was paid for them: the line total (after any
//   bundle discount) shared equally over its units.
// - A full refund is everything charged: goods, shipping and tax. Refunding
//   items can add the shipping paid (the "refund shipping" box).
// - Items go back on the shelf at most once: never more than were bought less
//   what was put back before, and never for a line whose bag left the catalog.
import { z } from "zod";
import { lineQuantitiesFrom } from "./line-quantities";
import { formatCents, parseDecimalToCents } from "./money";

export const REFUNDABLE_STATUSES: readonly string[] = ["paid", "partially_refunded"];

export const REFUND_SCOPES = ["full", "amount", "lines"] as const;
export type RefundScope = (typeof REFUND_SCOPES)[number];

export const MAX_REFUND_REASON_LENGTH = 200;

export interface RefundableOrder {
  status: string;
  totalCents: number;
  refundedCents: number;
  /** What the shopper paid for shipping (0 when free or unknown). */
  shippingCents?: number;
}

export interface RefundableLine {
  id: number;
  /** Null when the bag was deleted from the catalog: nothing to put back. */
  variantId: number | null;
  quantity: number;
  lineTotalCents: number;
  restockedQuantity: number;
}

export interface ExistingRefund {
  amountCents: number;
  status: string;
}

export function isRefundableStatus(status: string): boolean {
  return REFUNDABLE_STATUSES.includes(status);
}

/** Cents that can still be refunded (never below 0). */
export function remainingRefundableCents(order: Pick<RefundableOrder, "totalCents" | "refundedCents">, refunds: readonly ExistingRefund[] = []): number {
  const underWay = refunds
    .filter((r) => r.status === "succeeded" || r.status === "pending")
    .reduce((sum, r) => sum + Math.max(0, r.amountCents), 0);
  return Math.max(0, order.totalCents - Math.max(order.refundedCents, underWay));
}

/** Units of a line that may still go back on the shelf. */
export function restockableQuantity(line: Pick<RefundableLine, "variantId" | "quantity" | "restockedQuantity">): number {
  if (line.variantId === null) return 0;
  return Math.max(0, line.quantity - line.restockedQuantity);
}

/** What `quantity` units of a line were paid, in cents. */
export function valueOfUnits(line: Pick<RefundableLine, "quantity" | "lineTotalCents">, quantity: number): number {
  if (line.quantity <= 0 || quantity <= 0) return 0;
  if (quantity >= line.quantity) return line.lineTotalCents;
  return Math.round((line.lineTotalCents * quantity) / line.quantity);
}

export type AmountResult = { ok: true; cents: number } | { ok: false; message: string };

/** A refund amount typed in dollars ("25", "25.5", "$1,200.00") as cents. */
export function parseRefundAmount(text: string): AmountResult {
  const trimmed = text.trim().replace(/^\$\s*/, "");
  if (trimmed === "") return { ok: false, message: "Enter the amount to refund, like 25 or 25.50." };
  const cents = parseDecimalToCents(trimmed);
  if (cents === null) return { ok: false, message: "Enter the amount in dollars, like 25 or 25.50." };
  if (cents <= 0) return { ok: false, message: "The amount must be more than $0." };
  return { ok: true, cents };
}

// ---------------------------------------------------------------- the form

export interface RefundRequest {
  scope: RefundScope;
  /** Set for scope "amount". */
  amountCents: number | null;
  /** Items chosen (quantity > 0 only), by order line id. */
  quantities: { lineId: number; quantity: number }[];
  restock: boolean;
  /** Add the shipping paid to a refund of items. */
  shipping?: boolean;
  reason: string | null;
  /** A random key the form carries, so a double submit refunds once. */
  requestKey: string;
}

const QTY_FIELD = /^qty-(\d{1,12})$/;
const KNOWN_FIELDS = new Set(["scope", "amount", "restock", "shipping", "reason", "requestKey"]);
export const REQUEST_KEY = /^[A-Za-z0-9_-]{16,64}$/;

/** The field name of a line's quantity input. */
export function quantityField(lineId: number): string {
  return `qty-${lineId}`;
}

/**
 * The refund form's fields (strings, as FormData gives them) checked and
 * turned into a request. Issue paths are field names, for messages next to
 * each field. Whether the request fits the order is planRefund's business.
 */
export const refundFormSchema = z.record(z.string(), z.string()).transform((raw, ctx): RefundRequest => {
  const fail = (field: string, message: string) => ctx.issues.push({ code: "custom", message, path: [field], input: raw });

  const unknown = Object.keys(raw).filter((k) => !KNOWN_FIELDS.has(k) && !QTY_FIELD.test(k));
  if (unknown.length > 0) fail("_form", `Unexpected field "${unknown[0]!.slice(0, 40)}": reload the page and try again.`);

  const scope = (raw.scope ?? "").trim();
  if (!(REFUND_SCOPES as readonly string[]).includes(scope)) {
    fail("scope", "Choose what to refund: the whole order, an amount or items.");
  }

  let amountCents: number | null = null;
  if (scope === "amount") {
    const amount = parseRefundAmount(raw.amount ?? "");
    if (amount.ok) amountCents = amount.cents;
    else fail("amount", amount.message);
  }

  const quantities = lineQuantitiesFrom(raw, QTY_FIELD, fail);

  const restockText = (raw.restock ?? "").trim().toLowerCase();
  if (!["", "on", "true"].includes(restockText)) fail("restock", "Tick the box to put the items back in stock, or leave it clear.");

  const shippingText = (raw.shipping ?? "").trim().toLowerCase();
  if (!["", "on", "true"].includes(shippingText)) fail("shipping", "Tick the box to refund the shipping too, or leave it clear.");

  const reason = (raw.reason ?? "").trim().replace(/\s+/g, " ");
  if (reason.length > MAX_REFUND_REASON_LENGTH) fail("reason", `Keep the note to ${MAX_REFUND_REASON_LENGTH} characters or fewer.`);

  const requestKey = (raw.requestKey ?? "").trim();
  if (!REQUEST_KEY.test(requestKey)) fail("_form", "This form is out of date: reload the page and try again.");

  return {
    scope: scope as RefundScope,
    amountCents,
    quantities,
    restock: restockText === "on" || restockText === "true",
    shipping: shippingText === "on" || shippingText === "true",
    reason: reason === "" ? null : reason,
    requestKey,
  };
});

// ---------------------------------------------------------------- the plan

export interface RestockItem {
  lineId: number;
  variantId: number;
  quantity: number;
}

export interface RefundPlan {
  amountCents: number;
  /** What was left to refund before this one. */
  remainingBeforeCents: number;
  /** What the chosen items were paid (scope "lines"), before capping at what is left. */
  itemsValueCents: number | null;
  /** The shipping added to a refund of items (scope "lines" with the box ticked). */
  shippingCents: number;
  restock: RestockItem[];
}

export type RefundProblem = { status: 400 | 409; message: string; fieldErrors: Record<string, string> };

export type PlanResult = { ok: true; plan: RefundPlan } | ({ ok: false } & RefundProblem);

const STATUS_WORDS: Record<string, string> = {
  pending: "still awaiting payment",
  expired: "a checkout that expired",
  payment_failed: "a failed payment",
  refunded: "already refunded in full",
};

function problem(status: 400 | 409, fieldErrors: Record<string, string>): PlanResult {
  const message = fieldErrors._form ?? Object.values(fieldErrors)[0] ?? "Please check the form.";
  return { ok: false, status, message, fieldErrors };
}

/**
 * Decide what a refund request does to an order: the amount, and which items
 * go back on the shelf. The scope decides the amount:
 * - full: everything left to refund (and, with restock, every item not yet put back);
 * - amount: the amount typed, at most what is left (with restock, the items chosen go back);
 * - lines: what the chosen items were paid, plus the shipping when asked,
 *   capped at what is left (with restock, they go back).
 */
export function planRefund(
  order: RefundableOrder,
  lines: readonly RefundableLine[],
  refunds: readonly ExistingRefund[],
  request: Pick<RefundRequest, "scope" | "amountCents" | "quantities" | "restock" | "shipping">,
): PlanResult {
  if (!isRefundableStatus(order.status)) {
    const words = STATUS_WORDS[order.status] ?? `"${order.status}"`;
    return problem(409, { _form: `Only paid orders can be refunded; this one is ${words}.` });
  }
  const remaining = remainingRefundableCents(order, refunds);
  if (remaining <= 0) return problem(409, { _form: "Nothing is left to refund on this order." });

  const errors: Record<string, string> = {};
  const byId = new Map(lines.map((l) => [l.id, l]));
  const chosen: { line: RefundableLine; quantity: number }[] = [];
  for (const q of request.quantities) {
    const line = byId.get(q.lineId);
    if (!line) {
      errors._form ??= "One of the items is not on this order: reload the page and try again.";
      continue;
    }
    const field = quantityField(line.id);
    if (q.quantity > line.quantity) {
      errors[field] = `Only ${line.quantity} ${line.quantity === 1 ? "was" : "were"} bought.`;
      continue;
    }
    if (request.restock) {
      const left = restockableQuantity(line);
      if (q.quantity > left) {
        errors[field] =
          line.variantId === null
            ? "This bag is no longer in the catalog, so it can't go back in stock."
            : left === 0
              ? "These have all been put back in stock already."
              : `Only ${left} more can go back in stock.`;
        continue;
      }
    }
    chosen.push({ line, quantity: q.quantity });
  }

  let amountCents = 0;
  let itemsValueCents: number | null = null;
  let shippingCents = 0;
  let restock: RestockItem[] = [];
  switch (request.scope) {
    case "full":
      amountCents = remaining;
      if (request.restock) {
        restock = lines
          .map((l) => ({ lineId: l.id, variantId: l.variantId, quantity: restockableQuantity(l) }))
          .filter((r): r is RestockItem => r.variantId !== null && r.quantity > 0);
      }
      // A full refund puts back everything that can go; chosen quantities don't matter.
      for (const key of Object.keys(errors)) if (key !== "_form") delete errors[key];
      break;
    case "amount":
      if (request.amountCents === null) errors.amount = "Enter the amount to refund, like 25 or 25.50.";
      else if (request.amountCents > remaining) errors.amount = `You can refund at most ${formatCents(remaining)}.`;
      else amountCents = request.amountCents;
      if (request.restock && request.quantities.length === 0) {
        errors.restock = "Choose how many of which items go back in stock, or clear the box.";
      }
      break;
    case "lines":
      if (request.shipping) {
        shippingCents = order.shippingCents ?? 0;
        if (shippingCents <= 0) errors.shipping = "This order's shipping was free: there is no shipping to refund.";
      }
      if (request.quantities.length === 0 && !request.shipping) errors._form ??= "Choose at least one item to refund, or the shipping.";
      itemsValueCents = chosen.reduce((sum, c) => sum + valueOfUnits(c.line, c.quantity), 0);
      amountCents = Math.min(itemsValueCents + shippingCents, remaining);
      break;
  }
  if (request.scope !== "full" && request.restock) {
    restock = chosen
      .filter((c) => c.line.variantId !== null)
      .map((c) => ({ lineId: c.line.id, variantId: c.line.variantId!, quantity: c.quantity }));
  }

  if (Object.keys(errors).length > 0) return problem(400, errors);
  if (amountCents <= 0) return problem(400, { _form: "These items were free: there is nothing to refund for them." });
  return { ok: true, plan: { amountCents, remainingBeforeCents: remaining, itemsValueCents, shippingCents, restock } };
}

/**
 * The part of a restock that still fits the lines as they are now (another
 * refund may have put items back meanwhile). Used once the money has moved,
 * when refusing is no longer an option.
 */
export function limitRestock(lines: readonly RefundableLine[], items: readonly RestockItem[]): RestockItem[] {
  const left = new Map(lines.map((l) => [l.id, restockableQuantity(l)]));
  const out: RestockItem[] = [];
  for (const item of items) {
    const quantity = Math.min(item.quantity, left.get(item.lineId) ?? 0);
    if (quantity <= 0) continue;
    left.set(item.lineId, (left.get(item.lineId) ?? 0) - quantity);
    out.push({ ...item, quantity });
  }
  return out;
}

/** "Refunded $25.00; 2 items back in stock." */
export function refundSummary(amountCents: number, restockedUnits: number, pending = false): string {
  const money = pending ? `Refund of ${formatCents(amountCents)} requested; Stripe reports it as pending` : `Refunded ${formatCents(amountCents)}`;
  if (restockedUnits <= 0) return `${money}.`;
  return `${money}; ${restockedUnits} ${restockedUnits === 1 ? "item" : "items"} back in stock.`;
}
