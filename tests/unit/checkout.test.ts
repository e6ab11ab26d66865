import { describe, expect, it } from "vitest";
import type { BundleOffer } from "~/domain/bundle-offers";
import { buildCartView, checkoutProblem, EMPTY_CART_MESSAGE } from "~/domain/cart-view";
import { holdQuantities, orderLinesFromCart, orderNumberFrom, stripeLineItems } from "~/domain/checkout";
import { seedCatalog } from "../fixtures/catalog";

const NOW = Date.UTC(2026, 10, 15);
const ANY_TOTE: BundleOffer = {
  id: 1,
  name: "15% off up to two micro bags with any tote",
  trigger: { type: "kind", kind: "tote" },
  addon: { type: "kind", kind: "micro" },
  discount: { type: "percent", percent: 15 },
  maxAddonsPerTrigger: 2,
  activeFrom: null,
  activeUntil: null,
  priority: 10,
  enabled: true,
};

const catalog = seedCatalog();
const totes = catalog.products.filter((p) => p.kind === "tote");
const micros = catalog.products.filter((p) => p.kind === "micro");
const tote = catalog.variantsById.get(totes[0]!.variants[0]!.id)!;
const micro = catalog.variantsById.get(micros[0]!.variants[0]!.id)!;

function view(refs: { variantId: number; quantity: number }[], stock?: Record<string, number>) {
  return buildCartView(refs, stock ? seedCatalog({ stock }) : catalog, [ANY_TOTE], NOW);
}

describe("whether a cart can be checked out", () => {
  it("refuses an empty cart", () => {
    const cart = view([]);
    expect(checkoutProblem(cart)).toBe(EMPTY_CART_MESSAGE);
    expect(cart.canCheckout).toBe(false);
  });

  it("accepts a cart whose every line is in stock", () => {
    const cart = view([{ variantId: tote.id, quantity: 1 }, { variantId: micro.id, quantity: 1 }]);
    expect(checkoutProblem(cart)).toBeNull();
    expect(cart.canCheckout).toBe(true);
  });

  it("names the line that sold out or has too few left", () => {
    const soldOut = view([{ variantId: micro.id, quantity: 1 }], { [micro.sku]: 0 });
    expect(soldOut.canCheckout).toBe(false);
    expect(checkoutProblem(soldOut)).toMatch(/Sold out since you added it/);
    expect(checkoutProblem(soldOut)).toContain(micro.colourName);

    const tooMany = view([{ variantId: micro.id, quantity: 3 }], { [micro.sku]: 2 });
    expect(tooMany.canCheckout).toBe(false);
    expect(checkoutProblem(tooMany)).toMatch(/Only 2 left/);
  });

  it("refuses a cart holding a bag the shop no longer sells", () => {
    const cart = view([{ variantId: tote.id, quantity: 1 }, { variantId: 999_999, quantity: 1 }]);
    expect(cart.unavailable).toEqual([{ variantId: 999_999, quantity: 1 }]);
    expect(cart.canCheckout).toBe(false);
    expect(checkoutProblem(cart)).toMatch(/no longer sold/);
  });
});

describe("the order snapshot and what Stripe charges", () => {
  it("splits a line into groups at whole-cent unit prices that add up to the cart total", () => {
    // One tote discounts two micro bags; the third pays full price.
    const cart = view([{ variantId: tote.id, quantity: 1 }, { variantId: micro.id, quantity: 3 }]);
    const lines = orderLinesFromCart(cart, new Map([[1, ANY_TOTE.name]]));
    const microLines = lines.filter((l) => l.variantId === micro.id);
    expect(microLines.map((l) => l.quantity).sort()).toEqual([1, 2]);
    const discounted = microLines.find((l) => l.offerId === 1)!;
    expect(discounted.quantity).toBe(2);
    expect(discounted.offerName).toBe(ANY_TOTE.name);
    expect(discounted.discountCents).toBe(2 * Math.round(micro.priceCents * 0.15));
    expect(lines.reduce((sum, l) => sum + l.lineTotalCents, 0)).toBe(cart.totalCents);

    const items = stripeLineItems(lines, "usd", (path) => `https://shop.test${path}`);
    expect(items.reduce((sum, i) => sum + i.price_data.unit_amount * i.quantity, 0)).toBe(cart.totalCents);
    for (const item of items) expect(Number.isInteger(item.price_data.unit_amount)).toBe(true);
    const bundleItem = items.find((i) => i.price_data.product_data.description)!;
    expect(bundleItem.price_data.product_data.description).toContain("Bundle price");
    expect(bundleItem.price_data.product_data.images?.[0]).toMatch(/^https:\/\/shop\.test\//);
  });

  it("holds each variant once, for all its lines together", () => {
    const cart = view([{ variantId: tote.id, quantity: 1 }, { variantId: micro.id, quantity: 3 }]);
    const holds = holdQuantities(orderLinesFromCart(cart, new Map()));
    expect(holds.sort((a, b) => a.variantId - b.variantId)).toEqual(
      [{ variantId: tote.id, quantity: 1 }, { variantId: micro.id, quantity: 3 }].sort((a, b) => a.variantId - b.variantId),
    );
  });

  it("makes order numbers without characters that read alike", () => {
    const number = orderNumberFrom(new Uint8Array([0, 1, 2, 3, 4, 255]));
    expect(number).toMatch(/^TC-[2-9A-HJ-NP-Z]{6}$/);
    expect(orderNumberFrom(new Uint8Array([0, 0, 0, 0, 0, 0]))).toBe("TC-222222");
  });
});
