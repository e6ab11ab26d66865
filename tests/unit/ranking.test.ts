import { describe, expect, it } from "vitest";
import { offerFromRow, type BundleOffer } from "~/domain/bundle-offers";
import type { CatalogProduct, CatalogVariant } from "~/domain/catalog";
import { bestOfferFor, microPageOffers, rankCharms, type RankCharmsInput } from "~/domain/ranking";
import { SEED_OFFERS, SEED_PRODUCTS } from "../../db/seed-data";
import { seedCatalog } from "../fixtures/catalog";

const NOW = Date.UTC(2026, 10, 15);

const idOf = (slug: string) => SEED_PRODUCTS.findIndex((p) => p.slug === slug) + 1;

/** The seed offers as the seeder stores them (slugs → ids), ids 1, 2, 3. */
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
const product = (slug: string) => catalog.bySlug.get(slug)!;
const colour = (p: CatalogProduct, name: string): CatalogVariant => p.variants.find((v) => v.colourName === name)!;
const micros = catalog.products.filter((p) => p.kind === "micro");

function input(toteSlug: string, toteColour: string, overrides: Partial<RankCharmsInput> = {}): RankCharmsInput {
  const tote = product(toteSlug);
  return {
    tote,
    toteVariant: colour(tote, toteColour),
    candidates: micros,
    excludeProductIds: new Set(),
    coPurchase: new Map(),
    offers: OFFERS,
    now: NOW,
    ...overrides,
  };
}

const slugs = (list: { product: CatalogProduct }[]) => list.map((s) => s.product.slug);

describe("rankCharms", () => {
  it("cold start: the lime Micro Duffle is a top-3 pick for the black Canvas Market Tote", () => {
    const top = rankCharms(input("canvas-market-tote", "Black"));
    expect(top).toHaveLength(4);
    expect(slugs(top.slice(0, 3))).toContain("micro-duffle");
    const duffle = top.find((s) => s.product.slug === "micro-duffle")!;
    expect(duffle.variant.colourName).toBe("Lime");
    expect(duffle.reason).toBe("Pops against black, 15% off");
    expect(duffle.fit).toEqual({ fits: true, reason: "Lobster clasp fits the 2.5 cm handle" });
    expect(duffle.offer?.id).toBe(1);
    expect(duffle).toMatchObject({ regularPriceCents: 4500, bundlePriceCents: 3825 });
    // Scores descend.
    for (let k = 1; k < top.length; k++) expect(top[k - 1]!.score).toBeGreaterThanOrEqual(top[k]!.score);
  });

  it("cold start: the lime Micro Duffle is a top-3 pick for the black Vegan Leather City Tote (gold)", () => {
    const top = rankCharms(input("vegan-leather-city-tote", "Black"));
    expect(slugs(top.slice(0, 3))).toContain("micro-duffle");
    const duffle = top.find((s) => s.product.slug === "micro-duffle")!;
    expect(duffle.variant.colourName).toBe("Lime");
    expect(duffle.pairing.reasons).toEqual(["Pops against black", "Gold hardware matches"]);
    expect(duffle.fit.reason).toBe("Clips onto the strap ring");
  });

  it("only suggests micro bags that fit, are in stock, and are not excluded", () => {
    // Canvas Market Tote: 2.5 cm handles, no strap ring: split rings do not fit.
    const all = rankCharms(input("canvas-market-tote", "Black", { limit: 100 }));
    const attachments = new Set(all.map((s) => s.product.attachment));
    expect(attachments.has("split_ring")).toBe(false);
    expect(slugs(all)).not.toContain("sold-out-micro-sphere");
    for (const s of all) {
      expect(s.variant.available).toBeGreaterThan(0);
      expect(s.fit.fits).toBe(true);
      expect(s.product.kind).toBe("micro");
    }
    // The rope-handled beach tote takes no charm at all.
    expect(rankCharms(input("striped-canvas-beach-tote", "Navy"))).toEqual([]);
    // A sold-out colour is never the one suggested: the Neon Micro Tote's lime is out.
    const city = rankCharms(input("vegan-leather-city-tote", "Black", { limit: 100 }));
    const neon = city.find((s) => s.product.slug === "neon-micro-tote")!;
    expect(neon.variant.colourName).not.toBe("Lime");
    // Excluded products (say, already in the cart) are left out.
    const excluded = rankCharms(input("canvas-market-tote", "Black", { excludeProductIds: new Set([idOf("micro-duffle")]), limit: 100 }));
    expect(slugs(excluded)).not.toContain("micro-duffle");
    expect(excluded).toHaveLength(all.length - 1);
    // Non-micro candidates are ignored.
    const withOthers = rankCharms(input("canvas-market-tote", "Black", { candidates: catalog.products, limit: 100 }));
    expect(slugs(withOthers)).toEqual(slugs(all));
  });

  it("drops a product once all its colours are sold out", () => {
    const soldOut = seedCatalog({ stock: { "MIC-DUF-LIME": 0, "MIC-DUF-BLUSH": 0, "MIC-DUF-LILAC": 0, "MIC-DUF-BLACK": 0 } });
    const tote = soldOut.bySlug.get("canvas-market-tote")!;
    const top = rankCharms({
      ...input("canvas-market-tote", "Black"),
      tote,
      toteVariant: colour(tote, "Black"),
      candidates: soldOut.products,
      limit: 100,
    });
    expect(slugs(top)).not.toContain("micro-duffle");
    // With only the lime sold out, the duffle comes in its next best colour.
    const limeOut = seedCatalog({ stock: { "MIC-DUF-LIME": 0 } });
    const top2 = rankCharms({ ...input("canvas-market-tote", "Black"), candidates: limeOut.products, limit: 100 });
    expect(top2.find((s) => s.product.slug === "micro-duffle")!.variant.colourName).toBe("Blush");
  });

  it("lets co-purchase data change the order, more as data grows", () => {
    const cold = rankCharms(input("canvas-market-tote", "Black", { limit: 100 }));
    const saddleId = idOf("micro-saddle");
    const coldRank = slugs(cold).indexOf("micro-saddle");
    expect(coldRank).toBeGreaterThan(3); // tan on black is not a rules favourite
    const little = rankCharms(input("canvas-market-tote", "Black", { coPurchase: new Map([[saddleId, 1]]), limit: 100 }));
    const lots = rankCharms(input("canvas-market-tote", "Black", { coPurchase: new Map([[saddleId, 60]]), limit: 100 }));
    expect(slugs(lots)[0]).toBe("micro-saddle");
    expect(lots[0]!.reason).toMatch(/^Often bought with the Canvas Market Tote(, \d+% off)?$/);
    const littleRank = slugs(little).indexOf("micro-saddle");
    expect(littleRank).toBeLessThanOrEqual(coldRank);
    expect(littleRank).toBeGreaterThan(0);
    // Data about other micros dilutes a single count: weight comes from all data.
    const spread = new Map([
      [saddleId, 5],
      [idOf("micro-duffle"), 5],
      [idOf("kiss-lock-micro-frame"), 5],
    ]);
    const top = rankCharms(input("canvas-market-tote", "Black", { coPurchase: spread }));
    expect(slugs(top.slice(0, 3)).sort()).toEqual(["kiss-lock-micro-frame", "micro-duffle", "micro-saddle"]);
  });

  it("prefers the product-specific offer and shows the bundle price", () => {
    const top = rankCharms(input("calfskin-classic-tote", "Black", { limit: 100 }));
    const saddle = top.find((s) => s.product.slug === "micro-saddle")!;
    expect(saddle.offer?.id).toBe(2);
    expect(saddle).toMatchObject({ regularPriceCents: 6500, bundlePriceCents: 5200 });
    // Switched off or out of date: no offer, no bundle price.
    const noOffers = rankCharms(input("calfskin-classic-tote", "Black", { offers: OFFERS.map((o) => ({ ...o, activeUntil: NOW })), limit: 100 }));
    for (const s of noOffers) expect(s).toMatchObject({ offer: null, bundlePriceCents: s.regularPriceCents });
  });

  it("is deterministic: same data, same order, whatever the candidate order; ties by product id", () => {
    const a = rankCharms(input("vegan-leather-city-tote", "Cream", { limit: 100 }));
    const b = rankCharms(input("vegan-leather-city-tote", "Cream", { candidates: [...micros].reverse(), limit: 100 }));
    expect(slugs(b)).toEqual(slugs(a));
    expect(b.map((s) => s.score)).toEqual(a.map((s) => s.score));
    // Two identical bags but for their ids: the lower id first.
    const duffle = product("micro-duffle");
    const twin: CatalogProduct = { ...duffle, id: 999, slug: "twin", variants: duffle.variants.map((v) => ({ ...v, productId: 999 })) };
    const ranked = rankCharms(input("canvas-market-tote", "Black", { candidates: [twin, duffle] }));
    expect(ranked[0]!.score).toBe(ranked[1]!.score);
    expect(ranked.map((s) => s.product.id).slice(0, 2)).toEqual([duffle.id, 999]);
  });

  it("respects the limit", () => {
    expect(rankCharms(input("canvas-market-tote", "Black", { limit: 2 }))).toHaveLength(2);
    expect(rankCharms(input("canvas-market-tote", "Black", { limit: 0 }))).toEqual([]);
  });
});

describe("bestOfferFor", () => {
  it("picks the biggest active saving", () => {
    const classic = product("calfskin-classic-tote");
    expect(bestOfferFor(classic, product("micro-saddle"), 6500, OFFERS, NOW)).toMatchObject({ offer: { id: 2 }, discountCents: 1300 });
    expect(bestOfferFor(classic, product("micro-duffle"), 4500, OFFERS, NOW)).toMatchObject({ offer: { id: 1 }, discountCents: 675 });
    expect(bestOfferFor(product("micro-duffle"), product("micro-saddle"), 6500, OFFERS, NOW)).toBeNull();
  });
});

describe("microPageOffers", () => {
  const totes = catalog.products.filter((p) => p.kind === "tote");

  it("describes the best offer with any tote and lists the totes it fits", () => {
    const page = microPageOffers(product("micro-duffle"), totes, OFFERS, NOW);
    expect(page.offer?.id).toBe(1);
    expect(page.label).toBe("15% off with any tote");
    expect(page.discountCents).toBe(675);
    const fitting = page.fits.map((f) => f.product.slug);
    expect(fitting).not.toContain("striped-canvas-beach-tote");
    expect(fitting).toContain("canvas-market-tote");
    expect(page.fits.find((f) => f.product.slug === "vegan-leather-city-tote")!.reason).toBe("Clips onto the strap ring");
  });

  it("names the tote for a product-specific offer", () => {
    const page = microPageOffers(product("micro-saddle"), totes, OFFERS, NOW);
    expect(page.offer?.id).toBe(2);
    expect(page.label).toBe("20% off with the Calfskin Classic Tote");
  });

  it("split-ring bags fit only strap rings and slim handles", () => {
    const page = microPageOffers(product("pastel-micro-bucket"), totes, OFFERS, NOW);
    expect(page.fits.map((f) => f.product.slug).sort()).toEqual(
      ["calfskin-bucket-tote", "calfskin-classic-tote", "croc-embossed-vegan-tote", "lambskin-slouch-tote", "vegan-leather-city-tote", "weekend-canvas-carryall"].sort(),
    );
  });

  it("has no label without an active offer", () => {
    const page = microPageOffers(product("micro-duffle"), totes, OFFERS.map((o) => ({ ...o, enabled: false })), NOW);
    expect(page).toMatchObject({ offer: null, label: null, discountCents: 0 });
    expect(page.fits.length).toBeGreaterThan(0);
  });
});
