// Suggestions weigh the tote's material and price level, and say one honest
// reason with the offer that applies.
import { describe, expect, it } from "vitest";
import { offerFromRow, type BundleOffer } from "~/domain/bundle-offers";
import { materialFamily, materialScore, priceLevelScore, rankCharms, suggestionReason } from "~/domain/ranking";
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
const micros = catalog.products.filter((p) => p.kind === "micro");

function rank(toteSlug: string, colour: string, limit = 4) {
  const tote = catalog.bySlug.get(toteSlug)!;
  return rankCharms({
    tote,
    toteVariant: tote.variants.find((v) => v.colourName === colour)!,
    candidates: micros,
    excludeProductIds: new Set(),
    coPurchase: new Map(),
    offers: OFFERS,
    now: NOW,
    limit,
  });
}

describe("material and price level", () => {
  it("a black calfskin tote suggests leather micro bags first, its own 20% offer showing on them", () => {
    const top = rank("calfskin-classic-tote", "Black");
    expect(materialFamily(top[0]!.product.material)).toBe("leather");
    expect(materialFamily(top[1]!.product.material)).toBe("leather");
    const flap = top.find((s) => s.product.slug === "chain-strap-micro-flap");
    expect(flap).toBeDefined();
    expect(flap!.offer?.id).toBe(2);
    expect(flap!.reason).toBe("Calfskin like your tote, 20% off");
    // No vegan-leather or canvas micro bag outranks a leather one.
    const firstOther = top.findIndex((s) => materialFamily(s.product.material) !== "leather");
    const lastLeather = top.map((s) => materialFamily(s.product.material)).lastIndexOf("leather");
    if (firstOther !== -1) expect(firstOther).toBeGreaterThan(lastLeather);
  });

  it("shows an offer only where it applies: no 20% on the canvas tote", () => {
    for (const s of rank("canvas-market-tote", "Black", 10)) {
      expect(s.offer?.id).not.toBe(2);
      if (s.offer) expect(s.reason).toMatch(new RegExp(`, ${s.offer.discount.type === "percent" ? `${s.offer.discount.percent}% off` : "\\$"}`));
      else expect(s.reason).not.toMatch(/off$/);
    }
  });

  it("scores material by family and price by tier", () => {
    expect(materialScore("Calfskin", "calfskin")).toBe(1);
    expect(materialScore("Lambskin", "Calfskin")).toBe(0.7);
    expect(materialScore("Vegan leather", "Calfskin")).toBe(0);
    expect(materialScore("Canvas", "Calfskin")).toBe(0);
    expect(priceLevelScore(8500, 42000)).toBe(1);
    expect(priceLevelScore(4500, 42000)).toBe(0.5);
    expect(priceLevelScore(3500, 42000)).toBe(0);
  });
});

describe("suggestionReason (one wording)", () => {
  const pairing = { score: 0.8, reasons: ["Pops against black"] } as any;
  const base = { toteName: "Calfskin Classic Tote", toteMaterial: "Calfskin", microMaterial: "Calfskin", coPurchaseCount: 0, pairing, fitReason: "Fits", offer: null };
  it("names the shared material, then the offer", () => {
    expect(suggestionReason(base)).toBe("Calfskin like your tote");
    expect(suggestionReason({ ...base, offer: OFFERS[1]! })).toBe("Calfskin like your tote, 20% off");
    expect(suggestionReason({ ...base, microMaterial: "Lambskin", offer: OFFERS[0]! })).toBe("Lambskin to go with your calfskin tote, 15% off");
  });
  it("falls back to co-purchase, colour, then fit", () => {
    expect(suggestionReason({ ...base, coPurchaseCount: 5 })).toBe("Often bought with the Calfskin Classic Tote");
    expect(suggestionReason({ ...base, toteMaterial: "Canvas", microMaterial: "Vegan leather" })).toBe("Pops against black");
    expect(suggestionReason({ ...base, toteMaterial: "Canvas", microMaterial: "Vegan leather", pairing: { score: 0.2, reasons: [] } as any })).toBe("Fits");
  });
});

describe("bundleButtonLabel", () => {
  it("says both and the combined price without the tote in the cart, the charm and what it adds with it", async () => {
    const { bundleButtonLabel } = await import("~/domain/product-view");
    expect(bundleButtonLabel({ toteInCart: false, totePriceCents: 18500, bundlePriceCents: 3825, addPriceCents: null, pricesStale: false })).toBe("Add both – $223.25");
    expect(bundleButtonLabel({ toteInCart: true, totePriceCents: 18500, bundlePriceCents: 3825, addPriceCents: 3825, pricesStale: false })).toBe("Add charm – $38.25");
    expect(bundleButtonLabel({ toteInCart: true, totePriceCents: 18500, bundlePriceCents: 3825, addPriceCents: 3825, pricesStale: true })).toBe("Add charm");
    expect(bundleButtonLabel({ toteInCart: false, totePriceCents: null, bundlePriceCents: 3825, addPriceCents: null, pricesStale: false })).toBe("Add tote + charm");
  });
});
