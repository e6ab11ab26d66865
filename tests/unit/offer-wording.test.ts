// One wording of each offer everywhere a shopper reads it: the suggestion
// card, the cart's bundle line, and the order line sent to Stripe.
import { describe, expect, it } from "vitest";
import { offerAppliesTo, offerFromRow, offerTriggers, offerWording, offerWordings, type BundleOffer } from "~/domain/bundle-offers";
import { buildCartView } from "~/domain/cart-view";
import { orderLinesFromCart, stripeLineItems } from "~/domain/checkout";
import { suggestionCard } from "~/domain/product-view";
import { rankCharms } from "~/domain/ranking";
import { SEED_OFFERS, SEED_PRODUCTS } from "../../db/seed-data";
import { seedCatalog } from "../fixtures/catalog";

const NOW = Date.UTC(2026, 10, 15);
const idOf = (slug: string) => SEED_PRODUCTS.findIndex((p) => p.slug === slug) + 1;
const OFFERS: BundleOffer[] = SEED_OFFERS.map((o, k) =>
  offerFromRow({
    id: k + 1,
    ...o,
    triggerValue: o.triggerType === "product" ? String(idOf(o.triggerValue)) : o.triggerValue,
    addonValue: o.addonType === "products" ? o.addonValue.split(",").map(idOf).join(",") : o.addonValue,
    activeFrom: null,
    activeUntil: null,
    enabled: true,
  }),
);
const catalog = seedCatalog();

describe("offerWording", () => {
  it("reads the discount, not the staff-written name", () => {
    expect(OFFERS.map(offerWording)).toEqual(["15% off", "20% off", "$8.00 off"]);
  });

  it.each(OFFERS.map((o) => [o.name, o] as const))("%s: the card, the cart and Stripe say the same phrase", (_name, offer) => {
    const wording = offerWording(offer);
    const tote = catalog.products.find((p) => p.kind === "tote" && offerTriggers(offer, p))!;
    const addon = catalog.products.find((p) => p.id !== tote.id && offerAppliesTo(offer, p) && p.variants.some((v) => v.available > 0))!;
    expect(tote).toBeDefined();
    expect(addon).toBeDefined();
    const toteVariant = tote.variants.find((v) => v.available > 0)!;
    const addonVariant = addon.variants.find((v) => v.available > 0)!;

    // The card (micro bags only: the suggestion box offers micro bags).
    if (addon.kind === "micro") {
      const suggestions = rankCharms({
        tote,
        toteVariant,
        candidates: catalog.products.filter((p) => p.kind === "micro"),
        excludeProductIds: new Set(),
        coPurchase: new Map(),
        offers: [offer],
        now: NOW,
        limit: 20,
      });
      const card = suggestions.find((s) => s.offer?.id === offer.id);
      expect(card).toBeDefined();
      expect(card!.reason.endsWith(`, ${wording}`)).toBe(true);
      expect(suggestionCard(card!).offerLabel).toBe(wording);
    }

    // The cart's bundle line.
    const cart = buildCartView(
      [
        { variantId: toteVariant.id, quantity: 1 },
        { variantId: addonVariant.id, quantity: 1 },
      ],
      catalog,
      [offer],
      NOW,
    );
    expect(cart.bundles).toHaveLength(1);
    expect(cart.bundles[0]!.label.startsWith(`Bundle: ${wording} `)).toBe(true);

    // The order line, and Stripe's description of it.
    const lines = orderLinesFromCart(cart, offerWordings(OFFERS));
    const discounted = lines.find((l) => l.discountCents > 0)!;
    expect(discounted.offerName).toBe(wording);
    const items = stripeLineItems(lines, "usd", (p) => `https://shop.test${p}`);
    expect(items.find((i) => i.price_data.product_data.description)!.price_data.product_data.description).toContain(`(${wording})`);
    expect(JSON.stringify(items)).not.toContain(offer.name);
  });
});
