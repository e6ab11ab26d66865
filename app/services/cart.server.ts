// The cart as the shopper sees it, priced from the database on every read.
import { buildCartView, type CartView } from "~/domain/cart-view";
import { getCartLines } from "~/models/cart.server";
import { getCatalog } from "~/models/catalog.server";
import { getOffers } from "~/models/offers.server";

export function getCartView(cartId: string | null, now = Date.now()): CartView {
  return buildCartView(getCartLines(cartId, now), getCatalog(), getOffers(), now);
}
