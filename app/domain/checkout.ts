// Turning a priced cart into an order snapshot and Stripe line items.
import type { CartView } from "./cart-view";
import { formatCents } from "./money";

export interface OrderLineSnapshot {
  variantId: number;
  productId: number;
  productKind: string;
  productName: string;
  sku: string;
  colourName: string;
  imageUrl: string;
  quantity: number;
  unitPriceCents: number;
  /** Total bundle discount on this line (all its units). */
  discountCents: number;
  offerId: number | null;
  offerName: string | null;
  lineTotalCents: number;
}

/**
 * One snapshot line per group of identically priced units, so that a line of
 * three micro bags of which two have the bundle price becomes two lines, each
 * with a whole-cent unit price Stripe can charge.
 */
export function orderLinesFromCart(cart: CartView, offerNames: Map<number, string>): OrderLineSnapshot[] {
  const out: OrderLineSnapshot[] = [];
  for (const line of cart.lines) {
    const priced = cart.priced.lines.find((l) => l.variantId === line.variantId)!;
    for (const group of priced.groups) {
      out.push({
        variantId: line.variantId,
        productId: line.productId,
        productKind: line.productKind,
        productName: line.productName,
        sku: line.sku,
        colourName: line.colourName,
        imageUrl: line.imageUrl,
        quantity: group.quantity,
        unitPriceCents: line.unitPriceCents,
        discountCents: group.discountPerUnitCents * group.quantity,
        offerId: group.offerId,
        offerName: group.offerId !== null ? (offerNames.get(group.offerId) ?? null) : null,
        lineTotalCents: group.unitPriceCents * group.quantity,
      });
    }
  }
  return out;
}

/** Quantities to hold per variant. */
export function holdQuantities(lines: OrderLineSnapshot[]): { variantId: number; quantity: number }[] {
  const byVariant = new Map<number, number>();
  for (const l of lines) byVariant.set(l.variantId, (byVariant.get(l.variantId) ?? 0) + l.quantity);
  return [...byVariant].map(([variantId, quantity]) => ({ variantId, quantity }));
}

export interface StripeLineItem {
  quantity: number;
  price_data: {
    currency: string;
    unit_amount: number;
    product_data: { name: string; description?: string; images?: string[]; metadata: Record<string, string> };
  };
}

/** Stripe Checkout line items, one per snapshot line, at the price after the bundle discount. */
export function stripeLineItems(lines: OrderLineSnapshot[], currency: string, absoluteUrl: (path: string) => string): StripeLineItem[] {
  return lines.map((l) => {
    const unitAmount = l.lineTotalCents / l.quantity;
    const bundle = l.discountCents > 0 ? `Bundle price${l.offerName ? ` (${l.offerName})` : ""}, regular ${formatCents(l.unitPriceCents)}` : undefined;
    return {
      quantity: l.quantity,
      price_data: {
        currency,
        unit_amount: unitAmount,
        product_data: {
          name: `${l.productName} (${l.colourName})`,
          ...(bundle ? { description: bundle } : {}),
          images: [absoluteUrl(l.imageUrl)],
          metadata: { sku: l.sku },
        },
      },
    };
  });
}

const ORDER_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/** A short order number people can read over the phone (no 0/O, 1/I). */
export function orderNumberFrom(randomBytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < 6; i += 1) s += ORDER_ALPHABET[randomBytes[i]! % ORDER_ALPHABET.length];
  return `TC-${s}`;
}
