// The cart as the shopper sees it, priced from the database on every read.
import type { AppLoadContext } from "@remix-run/node";
import type { CartLineRef } from "~/domain/cart";
import { buildCartView, type CartView } from "~/domain/cart-view";
import { getCartLines } from "~/models/cart.server";
import { getCatalog } from "~/models/catalog.server";
import { getOffers } from "~/models/offers.server";
import { getCartId } from "~/utils/session.server";

export function getCartView(
  cartId: string | null,
  now = Date.now(),
  catalog = getCatalog(),
  lines: CartLineRef[] = getCartLines(cartId, now),
): CartView {
  return buildCartView(lines, catalog, getOffers(catalog.version), now);
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
