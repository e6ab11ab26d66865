// Starting a checkout: re-price the cart, hold its stock and create a pending
// order in one write transaction, then open a payment session (Stripe
// Checkout, or the local test-payment page when no Stripe key is set).
import crypto from "node:crypto";
import type Stripe from "stripe";
import { holdQuantities, orderLinesFromCart, stripeLineItems } from "~/domain/checkout";
import { offerWordings } from "~/domain/bundle-offers";
import { checkoutProblem, EMPTY_CART_MESSAGE } from "~/domain/cart-view";
import { CURRENCY } from "~/domain/money";
import { countriesServed, shippingOptions, type ShippingMethodLike } from "~/domain/shipping";
import { getCatalog } from "~/models/catalog.server";
import { OutOfStockError, placeHolds, releaseHolds } from "~/models/inventory.server";
import { advanceStatus, attachStripeSession, createPendingOrder, getOrder, pendingOrdersForCart } from "~/models/orders.server";
import { getOffers } from "~/models/offers.server";
import { listActiveShippingMethods } from "~/models/shipping.server";
import { getCartView } from "~/services/cart.server";
import { nudgeOutboxSender } from "~/services/outbox.server";
import { scheduleSessionExpiry } from "~/services/payments.server";
import { stripe } from "~/services/stripe.server";
import { inHoldout } from "~/services/suggestions.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";

export type CheckoutStart = { ok: true; redirectTo: string; orderId: number } | { ok: false; message: string };

/** Shopper-facing checkout messages. */
export const CHECKOUT_MESSAGES = {
  empty: EMPTY_CART_MESSAGE,
  // The checkout form has no fields (the cart is priced here): anything sent was not our form.
  unexpectedForm: "Your checkout didn't start: the form we received wasn't the one we sent. Nothing was charged; please check out again.",
  paymentUnavailable: "We couldn't reach our payment provider, so nothing was charged. Please try again in a moment.",
  closed: "That checkout is closed (it expired, or you started a newer one), so nothing was charged. Your cart is as you left it.",
  replaced: "You started another checkout for this cart meanwhile, so this one was closed and nothing was charged. Please check out once more.",
  noShipping: "We aren't taking orders for delivery just now, so nothing was charged. Please try again later.",
} as const;

/**
 * Stripe's shipping parameters for an order's goods: every active method as an
 * inline rate (cheapest first, which Stripe preselects; Stripe takes at most
 * five), amounts from the database, and the countries they serve together.
 */
export function stripeShipping(methods: readonly ShippingMethodLike[], goodsCents: number, currency: string, taxExclusive = false) {
  const options = shippingOptions(methods, goodsCents).slice(0, 5);
  return {
    shipping_options: options.map((o) => ({
      shipping_rate_data: {
        type: "fixed_amount" as const,
        ...(taxExclusive ? { tax_behavior: "exclusive" as const } : {}),
        display_name: o.name,
        fixed_amount: { amount: o.amountCents, currency },
        delivery_estimate: {
          minimum: { unit: "business_day" as const, value: o.minDays },
          maximum: { unit: "business_day" as const, value: o.maxDays },
        },
        metadata: { shipping_method_id: String(o.methodId) },
      },
    })),
    shipping_address_collection: {
      allowed_countries: countriesServed(methods) as Stripe.Checkout.SessionCreateParams.ShippingAddressCollection.AllowedCountry[],
    },
  };
}

export function holdExpiry(now: number): number {
  // Stripe wants a session to live at least 30 minutes from its creation; the
  // extra minute covers the time between our clock and theirs.
  return now + (env().checkoutHoldMinutes * 60 + 60) * 1000;
}

export async function startCheckout(args: { cartId: string | null; origin: string; now?: number }): Promise<CheckoutStart> {
  const now = args.now ?? Date.now();
  if (!args.cartId) return { ok: false, message: CHECKOUT_MESSAGES.empty };
  const cartId = args.cartId;
  const paymentMode = env().stripe ? "stripe" : "test";
  const expiresAt = holdExpiry(now);

  const reserved = reserve(cartId, paymentMode, expiresAt, now);
  if (!reserved.ok) return reserved;
  const { order, lines, replaced, methods } = reserved;
  if (replaced > 0) nudgeOutboxSender();

  if (paymentMode === "test") {
    const sessionId = `test_cs_${crypto.randomBytes(24).toString("base64url")}`;
    attachStripeSession(order.id, sessionId, now);
    return { ok: true, redirectTo: `/checkout/test-payment?session_id=${sessionId}`, orderId: order.id };
  }

  const base = env().publicUrl ?? args.origin;
  const items = stripeLineItems(lines, order.currency, (path) => new URL(path, base).toString());
  // With automatic tax, prices are before tax, so the charge is goods + shipping + tax (what fulfilCheckout checks).
  const taxExclusive = env().stripeAutomaticTax;
  let session: Stripe.Checkout.Session;
  try {
    session = await stripe().checkout.sessions.create(
      {
        mode: "payment",
        line_items: taxExclusive
          ? items.map((li) => ({ ...li, price_data: { ...li.price_data!, tax_behavior: "exclusive" as const } }))
          : items,
        client_reference_id: String(order.id),
        metadata: { order_id: String(order.id), order_number: order.number },
        payment_intent_data: { metadata: { order_id: String(order.id), order_number: order.number } },
        success_url: `${base}/checkout/success?session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${base}/cart?checkout=cancelled`,
        expires_at: Math.floor(expiresAt / 1000),
        ...stripeShipping(methods, order.totalCents, order.currency, taxExclusive),
        ...(env().stripeAutomaticTax ? { automatic_tax: { enabled: true } } : {}),
        billing_address_collection: "auto",
      },
      { idempotencyKey: `checkout-order-${order.id}` },
    );
  } catch (error) {
    console.error(`Stripe checkout session for order ${order.number} failed:`, error instanceof Error ? error.message : error);
    db.transaction(
      () => {
        const current = getOrder(order.id)!;
        advanceStatus(current, "expired", "Payment provider unavailable; hold released", Date.now());
        releaseHolds(order.id, Date.now(), "Payment provider unavailable");
      },
      { behavior: "immediate" },
    );
    return { ok: false, message: CHECKOUT_MESSAGES.paymentUnavailable };
  }
  if (!session.url) return { ok: false, message: CHECKOUT_MESSAGES.paymentUnavailable };
  // A checkout started meanwhile (another tab, a double click) may have
  // replaced this one while Stripe was opening its session: then the session
  // must not stay payable.
  const stillWanted = db.transaction(
    () => {
      const now = Date.now();
      attachStripeSession(order.id, session.id, now);
      if (getOrder(order.id)!.status === "pending") return true;
      scheduleSessionExpiry(session.id, order.id, now);
      return false;
    },
    { behavior: "immediate" },
  );
  if (!stillWanted) {
    nudgeOutboxSender();
    return { ok: false, message: CHECKOUT_MESSAGES.replaced };
  }
  return { ok: true, redirectTo: session.url, orderId: order.id };
}

function reserve(cartId: string, paymentMode: "stripe" | "test", expiresAt: number, now: number) {
  try {
    return db.transaction(
      () => {
        // A shopper who starts again gives up the earlier checkout's hold, and
        // its Stripe session is expired (retried by the outbox until Stripe confirms).
        let replaced = 0;
        for (const earlier of pendingOrdersForCart(cartId)) {
          advanceStatus(earlier, "expired", "Replaced by a new checkout", now);
          releaseHolds(earlier.id, now, "Replaced by a new checkout");
          if (earlier.paymentMode === "stripe" && earlier.stripeSessionId) {
            scheduleSessionExpiry(earlier.stripeSessionId, earlier.id, now);
            replaced += 1;
          }
        }
        // Priced inside the write lock: nobody can change stock or prices meanwhile.
        const cart = getCartView(cartId, now);
        const problem = checkoutProblem(cart);
        if (problem) return { ok: false as const, message: problem };
        // Shipping is priced under the same lock as the goods.
        const methods = listActiveShippingMethods();
        if (methods.length === 0) return { ok: false as const, message: CHECKOUT_MESSAGES.noShipping };
        const offerNames = offerWordings(getOffers());
        const lines = orderLinesFromCart(cart, offerNames);
        const order = createPendingOrder({
          cartId,
          currency: CURRENCY,
          lines,
          subtotalCents: cart.subtotalCents,
          discountCents: cart.discountCents,
          totalCents: cart.totalCents,
          paymentMode,
          holdExpiresAt: expiresAt,
          inHoldout: inHoldout(cartId),
          now,
        });
        placeHolds(order.id, holdQuantities(lines), expiresAt, now);
        return { ok: true as const, order, lines, replaced, methods };
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    if (error instanceof OutOfStockError) {
      const variant = getCatalog().variantsById.get(error.variantId);
      const product = variant ? getCatalog().byId.get(variant.productId) : undefined;
      const name = product && variant ? `${product.name} (${variant.colourName})` : "A bag in your cart";
      return {
        ok: false as const,
        message:
          error.available <= 0
            ? `Sorry, ${name} has just sold out. Your cart is as it was; please remove it to check out.`
            : `Sorry, only ${error.available} of ${name} left now. Your cart is as it was; please lower the quantity to check out.`,
      };
    }
    throw error;
  }
}
