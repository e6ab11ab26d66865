// The micro-bag offer made after payment: a shopper who has just paid for a
// tote may add a micro bag to the same order, at the bundle price, in a second
// short payment. Pure rules: when the offer is open, what the micro bag costs,
// and the words shoppers read. See docs/decisions/0011-after-payment-add-on.md.
import { addonUnitDiscount, isOfferActive, offerAppliesTo, offerTriggers, type BundleOffer, type OfferProduct } from "./bundle-offers";
import { formatCents } from "./money";

/** The offer stays open this long after the first payment. */
export const AFTER_PAYMENT_WINDOW_MS = 24 * 60 * 60 * 1000;
/** At most this many micro bags are offered. */
export const AFTER_PAYMENT_SUGGESTIONS = 3;

export const AFTER_PAYMENT_MESSAGES = {
  shipped: "Your order is already on its way, so we can no longer add to it. Nothing was charged.",
  refunded: "Your order has been refunded or cancelled, so this offer has been withdrawn. Nothing was charged.",
  expired: "This offer ended 24 hours after your payment, so nothing was added or charged.",
  notPaid: "This order isn't paid yet, so nothing can be added to it.",
  notOffered: "That micro bag isn't offered with this order. Nothing was charged.",
  alreadyAdded: "That micro bag is already part of your order, so nothing more was charged.",
  paymentUnavailable: "We couldn't reach our payment provider, so nothing was charged. Please try again in a moment.",
  closed: "That payment is closed (it expired or was replaced), so nothing was charged.",
  paid: "Thank you! The micro bag is now part of your order and will travel in the same parcel.",
  declined: "Your payment was declined. Nothing was charged and your order is as it was.",
  cancelled: "Nothing was added or charged. Your order is as it was.",
} as const;

export function soldOutMessage(name: string): string {
  return `Sorry, the ${name} has just sold out, so nothing was added or charged.`;
}

export interface AfterPaymentOrder {
  status: string;
  fulfilmentStatus: string;
  paidAt: number | null;
  refundedCents: number;
}

export type AfterPaymentState =
  | { open: true; closesAt: number }
  | { open: false; reason: "not_paid" | "shipped" | "refunded" | "expired"; message: string };

/**
 * Whether a micro bag can still be added to this order: it is paid, nothing
 * of it refunded, nothing shipped or cancelled, and it was paid less than 24 h ago.
 */
export function afterPaymentState(order: AfterPaymentOrder, now: number): AfterPaymentState {
  if (order.status === "refunded" || order.status === "partially_refunded" || order.refundedCents > 0 || order.fulfilmentStatus === "cancelled") {
    return { open: false, reason: "refunded", message: AFTER_PAYMENT_MESSAGES.refunded };
  }
  if (order.status !== "paid" || order.paidAt === null) return { open: false, reason: "not_paid", message: AFTER_PAYMENT_MESSAGES.notPaid };
  if (order.fulfilmentStatus !== "unfulfilled") return { open: false, reason: "shipped", message: AFTER_PAYMENT_MESSAGES.shipped };
  const closesAt = order.paidAt + AFTER_PAYMENT_WINDOW_MS;
  if (now >= closesAt) return { open: false, reason: "expired", message: AFTER_PAYMENT_MESSAGES.expired };
  return { open: true, closesAt };
}

/**
 * Whether a payment for an add-on may still be kept when it arrives: the
 * first order must not have shipped or been refunded meanwhile. (The 24 h
 * window bounds when the payment may start; its session's own expiry bounds
 * when it may finish.) Null when it may; otherwise why it is refunded.
 */
export function addonPaymentRefusal(parent: AfterPaymentOrder, sameMicroAlreadyPaid: boolean): string | null {
  if (sameMicroAlreadyPaid) return "The same micro bag was already paid for on this order: refunding this payment in full automatically";
  if (parent.status === "refunded" || parent.fulfilmentStatus === "cancelled") {
    return "The first order was refunded or cancelled before this add-on was paid: refunding it in full automatically";
  }
  if (parent.fulfilmentStatus !== "unfulfilled") return "The first order had shipped before this add-on was paid: refunding it in full automatically";
  return null;
}

export interface OrderedLine {
  productId: number | null;
  productKind: string;
  quantity: number;
  offerId: number | null;
}

/**
 * The price of one micro bag added after payment: the best active offer that
 * a tote of the first order gives it, while that offer still has room (its
 * per-tote allowance times the totes, less the micro bags it already priced in
 * the order and its add-ons). Without such an offer, the regular price.
 */
export function afterPaymentPrice(args: {
  totes: readonly (OfferProduct & { id: number })[];
  /** The first order's lines and those of its add-ons already paid or being paid. */
  lines: readonly OrderedLine[];
  micro: OfferProduct;
  unitPriceCents: number;
  offers: readonly BundleOffer[];
  now: number;
}): { priceCents: number; discountCents: number; offer: BundleOffer | null } {
  let best: { offer: BundleOffer; discountCents: number } | null = null;
  for (const offer of args.offers) {
    if (!isOfferActive(offer, args.now) || !offerAppliesTo(offer, args.micro)) continue;
    const toteUnits = args.lines
      .filter((l) => args.totes.some((t) => t.id === l.productId && offerTriggers(offer, t)))
      .reduce((n, l) => n + l.quantity, 0);
    const used = args.lines.filter((l) => l.offerId === offer.id).reduce((n, l) => n + l.quantity, 0);
    if (toteUnits * offer.maxAddonsPerTrigger - used <= 0) continue;
    const discountCents = addonUnitDiscount(offer, args.unitPriceCents);
    if (discountCents <= 0) continue;
    if (
      best === null ||
      discountCents > best.discountCents ||
      (discountCents === best.discountCents && (offer.priority > best.offer.priority || (offer.priority === best.offer.priority && offer.id < best.offer.id)))
    ) {
      best = { offer, discountCents };
    }
  }
  const discountCents = best?.discountCents ?? 0;
  return { priceCents: args.unitPriceCents - discountCents, discountCents, offer: best?.offer ?? null };
}

/** "Add to my order – $38.25". */
export function addToOrderLabel(priceCents: number): string {
  return `Add to my order – ${formatCents(priceCents)}`;
}

/** "Until 2 Dec, 14:05 UTC": when the offer closes, for shoppers. */
export function offerClosesText(closesAt: number): string {
  const d = new Date(closesAt);
  const month = d.toLocaleString("en-GB", { month: "short", timeZone: "UTC" });
  const hh = String(d.getUTCHours()).padStart(2, "0");
  const mm = String(d.getUTCMinutes()).padStart(2, "0");
  return `until ${d.getUTCDate()} ${month}, ${hh}:${mm} UTC`;
}
