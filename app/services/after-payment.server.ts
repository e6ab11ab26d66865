// The micro-bag offer after payment: which micro bags a paid order is offered,
// and starting the second, short payment for one of them. The add-on is its
// own order row (payment, stock hold, refund) linked to the first order, which
// it ships with; see docs/decisions/0011-after-payment-add-on.md.
import crypto from "node:crypto";
import type Stripe from "stripe";
import {
  AFTER_PAYMENT_MESSAGES,
  AFTER_PAYMENT_SUGGESTIONS,
  afterPaymentPrice,
  afterPaymentState,
  soldOutMessage,
  type OrderedLine,
} from "~/domain/after-payment";
import { offerWording } from "~/domain/bundle-offers";
import type { CatalogProduct, CatalogSnapshot } from "~/domain/catalog";
import { stripeLineItems, type OrderLineSnapshot } from "~/domain/checkout";
import { charmFits } from "~/domain/fit";
import { isPaidStatus } from "~/domain/order-status";
import { rankCharms } from "~/domain/ranking";
import { getCatalog } from "~/models/catalog.server";
import { OutOfStockError, placeHolds, releaseHolds } from "~/models/inventory.server";
import { getOffers } from "~/models/offers.server";
import {
  addonLinkOf,
  addonsOfOrder,
  advanceStatus,
  attachStripeSession,
  createAddonOrder,
  getOrder,
  getOrderByNumber,
  getOrderLines,
  type OrderRow,
} from "~/models/orders.server";
import { recordAdd } from "~/models/suggestions.server";
import { holdExpiry } from "~/services/checkout.server";
import { nudgeOutboxSender } from "~/services/outbox.server";
import { scheduleSessionExpiry } from "~/services/payments.server";
import { stripe } from "~/services/stripe.server";
import { noteImpressions } from "~/services/suggestions.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { isOrderPageKey, orderPageKey, orderPagePath } from "~/utils/order-key.server";

export interface AfterPaymentItem {
  sku: string;
  productId: number;
  productName: string;
  colourName: string;
  imageUrl: string;
  regularPriceCents: number;
  priceCents: number;
  /** E.g. "15% off with your tote"; null at the regular price. */
  offerText: string | null;
  offerId: number | null;
  reason: string;
}

export type AfterPaymentOffer =
  | { open: true; closesAt: number; toteProductId: number; items: AfterPaymentItem[] }
  | { open: false; message: string };

/** The lines that count against an order's bundle allowance: its own and its add-ons' that are paid or being paid. */
function orderedLines(parent: OrderRow): OrderedLine[] {
  const lines: OrderedLine[] = getOrderLines(parent.id);
  for (const a of addonsOfOrder(parent.id)) {
    if (a.order.status === "pending" || (isPaidStatus(a.order.status) && a.order.fulfilmentStatus !== "cancelled")) lines.push(...a.lines);
  }
  return lines;
}

/** The first order's tote the offer is made for (the first tote line still in the catalog). */
function toteOf(order: OrderRow, catalog: CatalogSnapshot) {
  for (const line of getOrderLines(order.id)) {
    if (line.productKind !== "tote" || line.productId === null) continue;
    const product = catalog.byId.get(line.productId);
    if (!product || product.kind !== "tote") continue;
    const variant = (line.variantId !== null ? catalog.variantsById.get(line.variantId) : undefined) ?? product.variants[0];
    if (variant) return { product, variant, totes: [product] };
  }
  return null;
}

function priceFor(parent: OrderRow, totes: CatalogProduct[], micro: CatalogProduct, unitPriceCents: number, now: number, catalog: CatalogSnapshot) {
  return afterPaymentPrice({ totes, lines: orderedLines(parent), micro, unitPriceCents, offers: getOffers(catalog.version), now });
}

/**
 * What the shopper of a paid order is offered now: up to three micro bags that
 * fit and suit its tote, at the bundle price, or why the offer was withdrawn.
 * Null when there is nothing to offer (no tote, an add-on itself, the upsell
 * holdout, a checkout not paid).
 */
export function afterPaymentOffer(order: OrderRow, now = Date.now()): AfterPaymentOffer | null {
  if (order.inHoldout || addonLinkOf(order.id)) return null;
  const catalog = getCatalog();
  const tote = toteOf(order, catalog);
  if (!tote) return null;
  const state = afterPaymentState(order, now);
  if (!state.open) return state.reason === "not_paid" ? null : { open: false, message: state.message };

  const bought = new Set<number>();
  for (const l of orderedLines(order)) if (l.productKind === "micro" && l.productId !== null) bought.add(l.productId);
  const ranked = rankCharms({
    tote: tote.product,
    toteVariant: tote.variant,
    candidates: catalog.products.filter((p) => p.kind === "micro"),
    excludeProductIds: bought,
    coPurchase: new Map(),
    offers: getOffers(catalog.version),
    now,
    limit: AFTER_PAYMENT_SUGGESTIONS,
  });
  const items = ranked.map((s): AfterPaymentItem => {
    const price = priceFor(order, tote.totes, s.product, s.variant.priceCents, now, catalog);
    return {
      sku: s.variant.sku,
      productId: s.product.id,
      productName: s.product.name,
      colourName: s.variant.colourName,
      imageUrl: s.variant.imageUrl,
      regularPriceCents: s.variant.priceCents,
      priceCents: price.priceCents,
      offerText: price.offer ? `${offerWording(price.offer)} with your tote` : null,
      offerId: price.offer?.id ?? null,
      reason: s.reason,
    };
  });
  if (items.length === 0) return null;
  return { open: true, closesAt: state.closesAt, toteProductId: tote.product.id, items };
}

export type AddonStart =
  | { ok: true; redirectTo: string }
  | { ok: false; status: 404 | 409 | 503; message: string; orderPath: string | null };

const NOT_FOUND = { ok: false as const, status: 404 as const, message: "Order not found.", orderPath: null };

/**
 * "Add to my order": price the micro bag from the first order's tote, hold
 * one, and open its payment. A second click while a payment for the same
 * micro bag is open closes the first (its Stripe session is expired through
 * the outbox); a micro bag already paid for is refused.
 */
export async function startAddon(args: { orderNumber: string; key: string | null; sku: string; origin: string; now?: number }): Promise<AddonStart> {
  const now = args.now ?? Date.now();
  // The key is checked before the order is looked up: a wrong key and an unknown order answer alike.
  if (!isOrderPageKey(args.orderNumber, args.key)) return NOT_FOUND;
  const orderPath = orderPagePath(args.orderNumber);
  const paymentMode = env().stripe ? "stripe" : "test";
  const expiresAt = holdExpiry(now);

  const reserved = reserveAddon(args.orderNumber, args.sku, paymentMode, expiresAt, now);
  if (!reserved.ok) return { ...reserved, orderPath: reserved.status === 404 ? null : orderPath };
  const { parent, order, line, replaced } = reserved;
  if (replaced) nudgeOutboxSender();

  if (paymentMode === "test") {
    const sessionId = `test_cs_${crypto.randomBytes(24).toString("base64url")}`;
    attachStripeSession(order.id, sessionId, now);
    return { ok: true, redirectTo: `/checkout/test-payment-addon?session_id=${sessionId}&key=${orderPageKey(order.number)}` };
  }

  const base = env().publicUrl ?? args.origin;
  const parentPage = `${base}/orders/${encodeURIComponent(parent.number)}?key=${orderPageKey(parent.number)}`;
  let session: Stripe.Checkout.Session;
  try {
    session = await stripe().checkout.sessions.create(
      {
        mode: "payment",
        line_items: stripeLineItems([line], order.currency, (path) => new URL(path, base).toString()),
        client_reference_id: String(order.id),
        metadata: { order_id: String(order.id), order_number: order.number, addon_to: parent.number },
        payment_intent_data: { metadata: { order_id: String(order.id), order_number: order.number, addon_to: parent.number } },
        ...(parent.customerEmail ? { customer_email: parent.customerEmail } : {}),
        success_url: `${parentPage}&addon_session={CHECKOUT_SESSION_ID}`,
        cancel_url: `${parentPage}&addon=cancelled`,
        expires_at: Math.floor(expiresAt / 1000),
      },
      { idempotencyKey: `addon-order-${order.id}` },
    );
  } catch (error) {
    console.error(`Stripe session for add-on ${order.number} failed:`, error instanceof Error ? error.message : error);
    closeAddon(order.id, "Payment provider unavailable; hold released");
    return { ok: false, status: 503, message: AFTER_PAYMENT_MESSAGES.paymentUnavailable, orderPath };
  }
  if (!session.url) {
    closeAddon(order.id, "Payment provider gave no page; hold released");
    return { ok: false, status: 503, message: AFTER_PAYMENT_MESSAGES.paymentUnavailable, orderPath };
  }
  const stillWanted = db.transaction(
    () => {
      attachStripeSession(order.id, session.id, Date.now());
      if (getOrder(order.id)!.status === "pending") return true;
      scheduleSessionExpiry(session.id, order.id, Date.now());
      return false;
    },
    { behavior: "immediate" },
  );
  if (!stillWanted) {
    nudgeOutboxSender();
    return { ok: false, status: 409, message: AFTER_PAYMENT_MESSAGES.closed, orderPath };
  }
  return { ok: true, redirectTo: session.url };
}

function closeAddon(orderId: number, note: string) {
  db.transaction(
    () => {
      const now = Date.now();
      advanceStatus(getOrder(orderId)!, "expired", note, now);
      releaseHolds(orderId, now, note);
    },
    { behavior: "immediate" },
  );
}

function reserveAddon(orderNumber: string, sku: string, paymentMode: "stripe" | "test", expiresAt: number, now: number) {
  const catalog = getCatalog();
  const variant = catalog.variantsBySku.get(sku);
  const micro = variant ? catalog.byId.get(variant.productId) : undefined;
  const name = micro && variant ? `${micro.name} (${variant.colourName})` : "micro bag";
  try {
    return db.transaction(
      () => {
        const parent = getOrderByNumber(orderNumber);
        if (!parent || addonLinkOf(parent.id)) return NOT_FOUND;
        const state = afterPaymentState(parent, now);
        if (!state.open) return { ok: false as const, status: 409 as const, message: state.message };
        if (parent.inHoldout) return { ok: false as const, status: 409 as const, message: AFTER_PAYMENT_MESSAGES.notOffered };
        const tote = toteOf(parent, catalog);
        if (!tote || !variant || !micro || micro.kind !== "micro" || micro.status !== "active" || !charmFits(micro, tote.product).fits) {
          return { ok: false as const, status: 409 as const, message: AFTER_PAYMENT_MESSAGES.notOffered };
        }
        const addons = addonsOfOrder(parent.id);
        const sameMicro = addons.filter((a) => a.link.variantId === variant.id);
        if (sameMicro.some((a) => isPaidStatus(a.order.status) && a.order.fulfilmentStatus !== "cancelled")) {
          return { ok: false as const, status: 409 as const, message: AFTER_PAYMENT_MESSAGES.alreadyAdded };
        }
        // A payment for it already open (a double click, a second tab): closed in favour of this one.
        let replaced = false;
        for (const earlier of sameMicro) {
          if (earlier.order.status !== "pending") continue;
          advanceStatus(earlier.order, "expired", "Replaced by a new add-on payment", now);
          releaseHolds(earlier.order.id, now, "Replaced by a new add-on payment");
          if (earlier.order.paymentMode === "stripe" && earlier.order.stripeSessionId) {
            scheduleSessionExpiry(earlier.order.stripeSessionId, earlier.order.id, now);
            replaced = true;
          }
        }
        const price = priceFor(parent, tote.totes, micro, variant.priceCents, now, catalog);
        const line: OrderLineSnapshot = {
          variantId: variant.id,
          productId: micro.id,
          productKind: micro.kind,
          productName: micro.name,
          sku: variant.sku,
          colourName: variant.colourName,
          imageUrl: variant.imageUrl,
          quantity: 1,
          unitPriceCents: variant.priceCents,
          discountCents: price.discountCents,
          offerId: price.offer?.id ?? null,
          offerName: price.offer ? offerWording(price.offer) : null,
          lineTotalCents: price.priceCents,
        };
        const order = createAddonOrder({ parent, line, toteProductId: tote.product.id, paymentMode, holdExpiresAt: expiresAt, now });
        placeHolds(order.id, [{ variantId: variant.id, quantity: 1 }], expiresAt, now);
        recordAdd({
          placement: "after_payment",
          offerId: price.offer?.id ?? null,
          toteProductId: tote.product.id,
          microProductId: micro.id,
          cartId: parent.cartId,
          createdAt: now,
        });
        return { ok: true as const, parent, order, line, replaced };
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    if (error instanceof OutOfStockError) return { ok: false as const, status: 409 as const, message: soldOutMessage(name) };
    throw error;
  }
}

/** An add-on order's first order (for its payment page), or undefined. */
export function parentOfAddon(addonOrderId: number): OrderRow | undefined {
  const link = addonLinkOf(addonOrderId);
  return link ? getOrder(link.parentOrderId) : undefined;
}

/** The add-ons of an order as the shopper and staff see them: each with its own payment. */
export function addonPayments(parentOrderId: number) {
  return addonsOfOrder(parentOrderId)
    .filter((a) => isPaidStatus(a.order.status))
    .map((a) => ({
      number: a.order.number,
      status: a.order.status,
      fulfilmentStatus: a.order.fulfilmentStatus,
      totalCents: a.order.totalCents,
      refundedCents: a.order.refundedCents,
      paidAt: a.order.paidAt,
      withdrawn: a.order.fulfilmentStatus === "cancelled",
      lines: a.lines.map((l) => ({
        id: l.id,
        productName: l.productName,
        colourName: l.colourName,
        sku: l.sku,
        imageUrl: l.imageUrl,
        quantity: l.quantity,
        unitPriceCents: l.unitPriceCents,
        discountCents: l.discountCents,
        offerName: l.offerName,
        lineTotalCents: l.lineTotalCents,
      })),
    }));
}

/** Count the offer as shown (placement "after payment"; bots are not counted). */
export function noteOfferShown(request: Request, orderNumber: string, offer: AfterPaymentOffer) {
  if (!offer.open) return;
  const order = getOrderByNumber(orderNumber);
  noteImpressions(
    request,
    "after_payment",
    offer.toteProductId,
    offer.items.map((i) => ({ productId: i.productId, offerId: i.offerId })),
    order?.cartId ?? null,
  );
}
