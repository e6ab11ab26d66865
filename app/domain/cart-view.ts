// What the cart page, the mini cart and checkout show: lines joined with the
// catalog and priced by the one bundle pricing function.
import { offerWording, type BundleOffer } from "./bundle-offers";
import type { CartLineRef } from "./cart";
import { MAX_QUANTITY_PER_LINE } from "./cart";
import type { CatalogSnapshot } from "./catalog";
import { priceCart, type PricedCart } from "./pricing";

export interface CartViewLine {
  variantId: number;
  productId: number;
  sku: string;
  slug: string;
  productName: string;
  productKind: string;
  colourName: string;
  imageUrl: string;
  quantity: number;
  unitPriceCents: number;
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  offerId: number | null;
  available: number;
  maxQuantity: number;
  /** Set when the line cannot be bought as it stands. */
  problem: string | null;
}

export interface CartBundleLine {
  offerId: number;
  label: string;
  discountCents: number;
}

export interface CartView {
  lines: CartViewLine[];
  bundles: CartBundleLine[];
  /** Lines whose bag left the shop; shown so the shopper can remove them. */
  unavailable: { variantId: number; quantity: number }[];
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  itemCount: number;
  canCheckout: boolean;
  priced: PricedCart;
}

export function buildCartView(
  refs: CartLineRef[],
  catalog: CatalogSnapshot,
  offers: BundleOffer[],
  now: number,
): CartView {
  const known = refs.filter((r) => catalog.variantsById.has(r.variantId));
  const unavailable = refs.filter((r) => !catalog.variantsById.has(r.variantId));
  const pricingLines = known.map((r) => {
    const v = catalog.variantsById.get(r.variantId)!;
    return { variantId: v.id, productId: v.productId, quantity: r.quantity, unitPriceCents: v.priceCents };
  });
  const products = new Map(
    known.map((r) => {
      const p = catalog.byId.get(catalog.variantsById.get(r.variantId)!.productId)!;
      return [p.id, { id: p.id, kind: p.kind, tags: p.tags, name: p.name }] as const;
    }),
  );
  const priced = priceCart(pricingLines, products, offers, now);

  const lines: CartViewLine[] = priced.lines.map((pl) => {
    const v = catalog.variantsById.get(pl.variantId)!;
    const p = catalog.byId.get(v.productId)!;
    const problem =
      v.available <= 0
        ? "Sold out since you added it: please remove it to check out."
        : pl.quantity > v.available
          ? `Only ${v.available} left: please lower the quantity.`
          : null;
    return {
      variantId: v.id,
      productId: p.id,
      sku: v.sku,
      slug: p.slug,
      productName: p.name,
      productKind: p.kind,
      colourName: v.colourName,
      imageUrl: v.imageUrl,
      quantity: pl.quantity,
      unitPriceCents: pl.unitPriceCents,
      subtotalCents: pl.subtotalCents,
      discountCents: pl.discountCents,
      totalCents: pl.totalCents,
      offerId: pl.offerId,
      available: v.available,
      maxQuantity: Math.max(1, Math.min(MAX_QUANTITY_PER_LINE, v.available)),
      problem,
    };
  });

  const nameOf = (variantId: number) => {
    const v = catalog.variantsById.get(variantId)!;
    const p = catalog.byId.get(v.productId)!;
    return `${v.colourName} ${p.name}`;
  };
  const offerNames = new Map(offers.map((o) => [o.id, o]));
  const bundles: CartBundleLine[] = priced.bundles.map((b) => {
    const offer = offerNames.get(b.offerId);
    const what = offer ? offerWording(offer) : b.offerName;
    const count = b.quantity > 1 ? `${b.quantity} × ` : "";
    return {
      offerId: b.offerId,
      label: `Bundle: ${what} ${count}${nameOf(b.addonVariantId)} with ${nameOf(b.triggerVariantId)}`,
      discountCents: b.discountCents,
    };
  });

  return {
    lines,
    bundles,
    unavailable,
    subtotalCents: priced.subtotalCents,
    discountCents: priced.discountCents,
    totalCents: priced.totalCents,
    itemCount: priced.itemCount,
    canCheckout: checkoutProblem({ lines, unavailable }) === null,
    priced,
  };
}

export const EMPTY_CART_MESSAGE = "Your cart is empty.";

/**
 * Why this cart cannot be checked out as it stands, or null when it can. The
 * cart page greys out its button on the same rule checkout refuses by.
 */
export function checkoutProblem(cart: Pick<CartView, "lines" | "unavailable">): string | null {
  if (cart.lines.length === 0 && cart.unavailable.length === 0) return EMPTY_CART_MESSAGE;
  const problem = cart.lines.find((l) => l.problem !== null);
  if (problem) return `${problem.productName} (${problem.colourName}): ${problem.problem}`;
  if (cart.unavailable.length > 0) return "Some bags in your cart are no longer sold. Please remove them to check out.";
  return null;
}
