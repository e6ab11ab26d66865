// The cart as the shopper sees it, priced from the database on every read.
import type { AppLoadContext } from "@remix-run/node";
import { cartChangesFor, type CartInput, type CartLineRef } from "~/domain/cart";
import { buildCartView, type CartView } from "~/domain/cart-view";
import type { CatalogSnapshot } from "~/domain/catalog";
import { changeCart, getCartLines, type CartChangeResult } from "~/models/cart.server";
import { getCatalog } from "~/models/catalog.server";
import { getOffers } from "~/models/offers.server";
import { offersForCart } from "~/services/experiments.server";
import { getCartId } from "~/utils/session.server";

export function getCartView(
  cartId: string | null,
  now = Date.now(),
  catalog = getCatalog(),
  lines: CartLineRef[] = getCartLines(cartId, now),
): CartView {
  return buildCartView(lines, catalog, offersForCart(getOffers(catalog.version), cartId, now, catalog.version), now);
}

export interface ShopperCart {
  cartId: string | null;
  lines: CartLineRef[];
}

const perRequest = new WeakMap<AppLoadContext, Promise<ShopperCart>>();

/**
 * The shopper's cart id (from the signed cookie) and its lines, read once per
 * request however many loaders ask (the root for the header count, the page
 * for its own use). The load context is one object per request.
 */
export function shopperCart(request: Request, context: AppLoadContext): Promise<ShopperCart> {
  let cart = perRequest.get(context);
  if (!cart) {
    cart = getCartId(request).then((cartId) => ({ cartId, lines: getCartLines(cartId) }));
    perRequest.set(context, cart);
  }
  return cart;
}

/**
 * Apply a shopper's cart request. What it changes can depend on what the cart
 * holds (a bundle's tote already there), so it is decided from the lines read
 * inside the cart's write transaction.
 */
export function applyCartInput(args: {
  cartId: string | null;
  input: CartInput;
  ttlMs: number;
  now?: number;
  catalog?: CatalogSnapshot;
}): Extract<CartChangeResult, { ok: false }> | (Extract<CartChangeResult, { ok: true }> & { message: string }) {
  const catalog = args.catalog ?? getCatalog();
  let message = "";
  const result = changeCart({
    cartId: args.cartId,
    ttlMs: args.ttlMs,
    now: args.now,
    changes: (lines) => {
      const planned = cartChangesFor(args.input, {
        lines: lines.flatMap((l) => {
          const variant = catalog.variantsById.get(l.variantId);
          return variant ? [{ productId: variant.productId, quantity: l.quantity }] : [];
        }),
        productIdOf: (sku) => catalog.variantsBySku.get(sku)?.productId ?? null,
      });
      message = planned.message;
      return planned.changes;
    },
  });
  return result.ok ? { ...result, message } : result;
}

/**
 * What one more of each variant would add to this cart's total, priced the way
 * the cart is (bundle offers, and how many add-ons each tote unlocks).
 */
export function addOnePrices(lines: CartLineRef[], variantIds: number[], catalog = getCatalog(), now = Date.now(), cartId: string | null = null): Map<number, number> {
  const offers = offersForCart(getOffers(catalog.version), cartId, now, catalog.version);
  const base = buildCartView(lines, catalog, offers, now).totalCents;
  return new Map(
    variantIds.map((id) => {
      const more = lines.some((l) => l.variantId === id)
        ? lines.map((l) => (l.variantId === id ? { ...l, quantity: l.quantity + 1 } : l))
        : [...lines, { variantId: id, quantity: 1 }];
      return [id, buildCartView(more, catalog, offers, now).totalCents - base];
    }),
  );
}
