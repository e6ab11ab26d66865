// Fulfilment rules: what is left to ship of each line, an order's fulfilment
// status, carriers' tracking addresses, and the staff forms (a shipment, its
// tracking). Pure: no database.
//
// Rules.
// - A line can be shipped up to what was bought less what went back in stock
//   through a refund (restockedQuantity) less what earlier shipments took.
// - Fulfilment is separate from payment: only paid (or partly refunded) orders
//   that are not cancelled can be shipped.
// - A cancelled order stays cancelled; otherwise nothing shipped is
//   "unfulfilled", something left is "partially_fulfilled", nothing left is
//   "fulfilled".
import { z } from "zod";
import { lineQuantitiesFrom } from "./line-quantities";

export const CARRIERS = ["usps", "ups", "fedex", "dhl", "royal_mail", "other"] as const;
export type Carrier = (typeof CARRIERS)[number];

export const CARRIER_LABELS: Record<Carrier, string> = {
  usps: "USPS",
  ups: "UPS",
  fedex: "FedEx",
  dhl: "DHL",
  royal_mail: "Royal Mail",
  other: "Other",
};

export const FULFILMENT_STATUSES = ["unfulfilled", "partially_fulfilled", "fulfilled", "cancelled"] as const;
export type FulfilmentStatus = (typeof FULFILMENT_STATUSES)[number];

export const FULFILMENT_LABELS: Record<FulfilmentStatus, string> = {
  unfulfilled: "Not shipped",
  partially_fulfilled: "Partly shipped",
  fulfilled: "Shipped",
  cancelled: "Cancelled",
};

/** Payment statuses whose orders may be shipped or cancelled. */
export const SHIPPABLE_PAYMENT_STATUSES: readonly string[] = ["paid", "partially_refunded"];

export interface FulfilmentLine {
  id: number;
  quantity: number;
  restockedQuantity: number;
}

/** Units of a line that may ever be shipped: bought less put back by a refund. */
export function shippableQuantity(line: Pick<FulfilmentLine, "quantity" | "restockedQuantity">): number {
  return Math.max(0, line.quantity - line.restockedQuantity);
}

/** Units of each line still to ship, by line id. */
export function remainingQuantities(lines: readonly FulfilmentLine[], shipped: ReadonlyMap<number, number>): Map<number, number> {
  return new Map(lines.map((l) => [l.id, Math.max(0, shippableQuantity(l) - (shipped.get(l.id) ?? 0))]));
}

export function fulfilmentStatusFrom(args: {
  cancelled: boolean;
  lines: readonly FulfilmentLine[];
  shipped: ReadonlyMap<number, number>;
}): FulfilmentStatus {
  if (args.cancelled) return "cancelled";
  const shippedUnits = [...args.shipped.values()].reduce((sum, n) => sum + Math.max(0, n), 0);
  if (shippedUnits === 0) return "unfulfilled";
  const left = [...remainingQuantities(args.lines, args.shipped).values()].reduce((sum, n) => sum + n, 0);
  return left === 0 ? "fulfilled" : "partially_fulfilled";
}

export function isShippablePayment(status: string): boolean {
  return SHIPPABLE_PAYMENT_STATUSES.includes(status);
}

// ---------------------------------------------------------------- tracking

const TRACKING_URLS: Record<Exclude<Carrier, "other">, (n: string) => string> = {
  usps: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`,
  ups: (n) => `https://www.ups.com/track?tracknum=${n}`,
  fedex: (n) => `https://www.fedex.com/fedextrack/?trknbr=${n}`,
  dhl: (n) => `https://www.dhl.com/en/express/tracking.html?AWB=${n}`,
  royal_mail: (n) => `https://www.royalmail.com/track-your-item#/tracking-results/${n}`,
};

/**
 * The address where a parcel can be followed: built from the carrier and the
 * number (URL-encoded), or for "other" the https address staff gave, if any.
 */
export function trackingUrl(carrier: Carrier, trackingNumber: string | null, otherUrl: string | null = null): string | null {
  if (carrier === "other") return otherUrl && isHttpsUrl(otherUrl) ? otherUrl : null;
  if (!trackingNumber) return null;
  return TRACKING_URLS[carrier](encodeURIComponent(trackingNumber));
}

export function isHttpsUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "https:" && url.hostname.includes(".") && url.username === "" && url.password === "";
  } catch {
    return false;
  }
}

export const MAX_TRACKING_NUMBER_LENGTH = 40;
export const MAX_TRACKING_URL_LENGTH = 500;
// Letters and digits, with the spaces, dashes, dots and slashes carriers print.
const TRACKING_NUMBER = /^[A-Za-z0-9](?:[A-Za-z0-9 ./_-]*[A-Za-z0-9])?$/;

export interface TrackingInput {
  carrier: Carrier;
  trackingNumber: string | null;
  trackingUrl: string | null;
}

type Fail = (field: string, message: string) => void;

/** Carrier, number and (for "other") address, checked together. */
function checkTracking(raw: Record<string, string>, fail: Fail): TrackingInput {
  const carrierText = (raw.carrier ?? "").trim();
  const carrier = (CARRIERS as readonly string[]).includes(carrierText) ? (carrierText as Carrier) : null;
  if (!carrier) fail("carrier", "Choose the carrier from the list.");

  const number = (raw.trackingNumber ?? "").trim().replace(/\s+/g, " ");
  if (number === "") {
    if (carrier && carrier !== "other") fail("trackingNumber", `Enter the ${CARRIER_LABELS[carrier]} tracking number.`);
  } else if (number.length > MAX_TRACKING_NUMBER_LENGTH) {
    fail("trackingNumber", `A tracking number has at most ${MAX_TRACKING_NUMBER_LENGTH} characters.`);
  } else if (!TRACKING_NUMBER.test(number)) {
    fail("trackingNumber", "Use the letters and digits of the tracking number as printed on the label.");
  }

  const urlText = (raw.trackingUrl ?? "").trim();
  let url: string | null = null;
  if (urlText !== "") {
    if (carrier !== "other") fail("trackingUrl", "Only give a tracking address for “Other”: the others are built from the number.");
    else if (urlText.length > MAX_TRACKING_URL_LENGTH || !isHttpsUrl(urlText)) fail("trackingUrl", "Give an address starting with https://, or leave it empty.");
    else url = new URL(urlText).toString();
  }
  return { carrier: carrier ?? "other", trackingNumber: number === "" ? null : number, trackingUrl: url };
}

// ---------------------------------------------------------------- the shipment form

export interface ShipmentRequest extends TrackingInput {
  /** Units chosen (quantity > 0 only), by order line id. */
  quantities: { lineId: number; quantity: number }[];
  /** A random key the form carries, so sending it twice creates one shipment. */
  formKey: string;
}

const QTY_FIELD = /^ship-(\d{1,12})$/;
const SHIPMENT_FIELDS = new Set(["carrier", "trackingNumber", "trackingUrl", "formKey"]);
const TRACKING_FIELDS = new Set(["intent", "carrier", "trackingNumber", "trackingUrl"]);

/** The field name of a line's quantity input on the shipment form. */
export function shipQuantityField(lineId: number): string {
  return `ship-${lineId}`;
}

function unexpected(raw: Record<string, string>, known: Set<string>, fail: Fail, pattern?: RegExp) {
  const extra = Object.keys(raw).filter((k) => !known.has(k) && !(pattern && pattern.test(k)));
  if (extra.length > 0) fail("_form", `Unexpected field "${extra[0]!.slice(0, 40)}": reload the page and try again.`);
}

export const shipmentFormSchema = z.record(z.string(), z.string()).transform((raw, ctx): ShipmentRequest => {
  const fail: Fail = (field, message) => ctx.issues.push({ code: "custom", message, path: [field], input: raw });
  unexpected(raw, SHIPMENT_FIELDS, fail, QTY_FIELD);
  const tracking = checkTracking(raw, fail);

  const quantities = lineQuantitiesFrom(raw, QTY_FIELD, fail);

  const formKey = (raw.formKey ?? "").trim();
  if (formKeyIssuedAt(formKey) === null) fail("_form", "This form is out of date: reload the page and try again.");
  return { ...tracking, quantities, formKey };
});

// A shipment form's key: when it was issued (base 36 ms) and random letters.
// The shipment's audit row records the key; a form sent again finds it there
// and creates nothing. Forms expire after a day, so the audit log is searched
// only from the key's issue time on (an index range), and an older form is
// refused rather than half-checked.
export const FORM_KEY_TTL_MS = 24 * 60 * 60 * 1000;
const FORM_KEY = /^t([0-9a-z]{6,10})-([A-Za-z0-9_-]{16,40})$/;

export function shipmentFormKey(now: number, random: string): string {
  return `t${now.toString(36)}-${random}`;
}

/** When a form key was issued, or null if it is not one. */
export function formKeyIssuedAt(key: string): number | null {
  const m = FORM_KEY.exec(key);
  return m ? parseInt(m[1]!, 36) : null;
}

/** Whether a form with this key may still be sent (issued within the last day; clocks may differ by minutes). */
export function isFreshFormKey(key: string, now: number): boolean {
  const issued = formKeyIssuedAt(key);
  return issued !== null && issued <= now + 5 * 60 * 1000 && now - issued <= FORM_KEY_TTL_MS;
}

export const TRACKING_INTENTS = ["tracking", "delivered"] as const;

export type ShipmentEdit = { intent: "tracking"; tracking: TrackingInput } | { intent: "delivered" };

/** The form on a shipment: change its tracking, or mark it delivered. */
export const shipmentEditSchema = z.record(z.string(), z.string()).transform((raw, ctx): ShipmentEdit => {
  const fail: Fail = (field, message) => ctx.issues.push({ code: "custom", message, path: [field], input: raw });
  unexpected(raw, TRACKING_FIELDS, fail);
  const intent = (raw.intent ?? "").trim();
  if (intent === "delivered") return { intent };
  if (intent !== "tracking") {
    fail("_form", "Use the buttons on the page.");
    return { intent: "delivered" };
  }
  return { intent, tracking: checkTracking(raw, fail) };
});

export const cancelFormSchema = z.strictObject({
  confirm: z.literal("yes", { error: "Tick the box to confirm the cancellation." }),
});

// ---------------------------------------------------------------- the plan

export interface ShippableOrder {
  status: string;
  fulfilmentStatus: string;
}

export type ShipmentProblem = { status: 400 | 409; message: string; fieldErrors: Record<string, string> };
export type ShipmentPlan = { ok: true; lines: { lineId: number; quantity: number }[] } | ({ ok: false } & ShipmentProblem);

function problem(status: 400 | 409, fieldErrors: Record<string, string>): ShipmentPlan {
  const message = fieldErrors._form ?? Object.values(fieldErrors)[0] ?? "Please check the form.";
  return { ok: false, status, message, fieldErrors };
}

/** Why an order can't be shipped or have its tracking changed, or null. */
export function shippingRefusal(order: ShippableOrder): string | null {
  if (order.fulfilmentStatus === "cancelled") return "This order was cancelled: nothing can be shipped or tracked.";
  if (!isShippablePayment(order.status)) {
    return order.status === "refunded" ? "This order was refunded in full: there is nothing to ship." : "This order isn't paid, so it can't be shipped.";
  }
  return null;
}

/** Whether a shipment request fits what is left to ship of each line. */
export function planShipment(
  order: ShippableOrder,
  lines: readonly FulfilmentLine[],
  shipped: ReadonlyMap<number, number>,
  request: Pick<ShipmentRequest, "quantities">,
): ShipmentPlan {
  const refusal = shippingRefusal(order);
  if (refusal) return problem(409, { _form: refusal });
  const remaining = remainingQuantities(lines, shipped);
  if ([...remaining.values()].every((n) => n === 0)) return problem(409, { _form: "Everything on this order has been shipped already." });
  const errors: Record<string, string> = {};
  for (const q of request.quantities) {
    const left = remaining.get(q.lineId);
    if (left === undefined) {
      errors._form ??= "One of the items is not on this order: reload the page and try again.";
    } else if (q.quantity > left) {
      errors[shipQuantityField(q.lineId)] = left === 0 ? "These have all been shipped (or refunded) already." : `Only ${left} left to ship.`;
    }
  }
  if (request.quantities.length === 0) errors._form ??= "Choose how many of which items are in this parcel.";
  if (Object.keys(errors).length > 0) return problem(400, errors);
  return { ok: true, lines: request.quantities.map((q) => ({ ...q })) };
}

// ---------------------------------------------------------------- pick lists

export interface PickLine {
  sku: string;
  productName: string;
  colourName: string;
  quantity: number;
}

/** What to take from the shelves for several orders: units summed by SKU, in SKU order. */
export function pickList(lines: readonly PickLine[]): PickLine[] {
  const bySku = new Map<string, PickLine>();
  for (const line of lines) {
    if (line.quantity <= 0) continue;
    const known = bySku.get(line.sku);
    if (known) known.quantity += line.quantity;
    else bySku.set(line.sku, { ...line });
  }
  return [...bySku.values()].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}

/** "Arrives in 3–5 business days" style wording, or null when unknown. */
export function deliveryEstimate(minDays: number | null, maxDays: number | null): string | null {
  if (minDays === null || maxDays === null || minDays < 0 || maxDays < minDays) return null;
  if (minDays === maxDays) return `${minDays} business ${minDays === 1 ? "day" : "days"}`;
  return `${minDays}–${maxDays} business days`;
}

// ---------------------------------------------------------------- the shopper's words

export interface ShopperStatusInput {
  status: string;
  fulfilmentStatus: FulfilmentStatus;
  refundedCents: number;
  shipments: readonly { deliveredAt: number | null }[];
}

/** An order's state as the shopper reads it: a short headline and a sentence. */
export function shopperStatus(order: ShopperStatusInput): { key: string; headline: string; detail: string } {
  if (order.fulfilmentStatus === "cancelled") {
    return { key: "cancelled", headline: "Cancelled", detail: "This order was cancelled and refunded. The refund can take a few days to show on your statement." };
  }
  if (order.status === "pending") return { key: "pending", headline: "Awaiting payment", detail: "We haven't received the payment for this order yet." };
  if (order.status === "expired" || order.status === "payment_failed") {
    return { key: order.status, headline: "Not paid", detail: "The payment for this order didn't go through, so nothing will be sent." };
  }
  const delivered = order.shipments.length > 0 && order.shipments.every((s) => s.deliveredAt !== null);
  if (order.status === "refunded" && order.shipments.length === 0) {
    return { key: "refunded", headline: "Refunded", detail: "This order was refunded in full." };
  }
  if (order.fulfilmentStatus === "fulfilled") {
    return delivered
      ? { key: "delivered", headline: "Delivered", detail: "Your parcel has been delivered." }
      : { key: "shipped", headline: "Shipped", detail: "Your order is on its way. Follow it with the tracking link below." };
  }
  if (order.fulfilmentStatus === "partially_fulfilled") {
    return { key: "partly_shipped", headline: "Partly shipped", detail: "Part of your order is on its way; we'll email you when the rest ships." };
  }
  return { key: "paid", headline: "Paid", detail: "We're packing your order and will email you when it ships." };
}
