import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addonUnitDiscount, isOfferActive, offerAppliesTo, offerTriggers, type BundleOffer } from "~/domain/bundle-offers";
import { priceCart, type PricedCart, type PricingLine, type PricingProduct } from "~/domain/pricing";

const RUNS = { numRuns: 500 };
const NOW = Date.UTC(2026, 10, 15);

function offer(overrides: Partial<BundleOffer> & { id: number }): BundleOffer {
  return {
    name: `Offer ${overrides.id}`,
    trigger: { type: "kind", kind: "tote" },
    addon: { type: "kind", kind: "micro" },
    discount: { type: "percent", percent: 15 },
    maxAddonsPerTrigger: 2,
    activeFrom: null,
    activeUntil: null,
    priority: 0,
    enabled: true,
    ...overrides,
  };
}

// The seed's three offers, with the seed catalog's product ids.
const ANY_TOTE = offer({ id: 1, name: "15% off up to two micro bags with any tote", priority: 10 });
const CLASSIC = offer({
  id: 2,
  name: "20% off a calfskin micro with the Calfskin Classic Tote",
  trigger: { type: "product", productId: 5 },
  addon: { type: "products", productIds: [11, 16] },
  discount: { type: "percent", percent: 20 },
  maxAddonsPerTrigger: 1,
  priority: 20,
});
const KIDS = offer({
  id: 3,
  name: "$8 off a kids' bag with any tote",
  addon: { type: "tag", tag: "kids" },
  discount: { type: "fixed", cents: 800 },
  maxAddonsPerTrigger: 1,
  priority: 5,
});
const SEED = [ANY_TOTE, CLASSIC, KIDS];

const PRODUCTS = new Map<number, PricingProduct>(
  [
    { id: 1, kind: "tote", tags: ["everyday"], name: "Canvas Market Tote" },
    { id: 5, kind: "tote", tags: ["work", "investment"], name: "Calfskin Classic Tote" },
    { id: 10, kind: "micro", tags: ["charm", "bright"], name: "Micro Duffle" },
    { id: 11, kind: "micro", tags: ["charm", "classic"], name: "Chain-Strap Micro Flap" },
    { id: 16, kind: "micro", tags: ["charm", "classic"], name: "Micro Saddle" },
    { id: 28, kind: "clutch", tags: ["kids", "sparkle"], name: "Sparkle Clutch" },
    { id: 26, kind: "clutch", tags: ["evening"], name: "Satin Evening Clutch" },
  ].map((p) => [p.id, p]),
);

// Variant ids: 1xx totes, 2xx micros, 3xx others.
const canvasTote = (quantity = 1): PricingLine => ({ variantId: 101, productId: 1, quantity, unitPriceCents: 12000 });
const classicTote = (quantity = 1): PricingLine => ({ variantId: 113, productId: 5, quantity, unitPriceCents: 42000 });
const duffle = (quantity = 1, variantId = 201): PricingLine => ({ variantId, productId: 10, quantity, unitPriceCents: 4500 });
const flap = (quantity = 1): PricingLine => ({ variantId: 211, productId: 11, quantity, unitPriceCents: 8500 });
const saddle = (quantity = 1): PricingLine => ({ variantId: 231, productId: 16, quantity, unitPriceCents: 6500 });
const kidsClutch = (quantity = 1, price = 2800): PricingLine => ({ variantId: 301, productId: 28, quantity, unitPriceCents: price });

function line(cart: PricedCart, variantId: number) {
  const l = cart.lines.find((x) => x.variantId === variantId);
  if (!l) throw new Error(`no line ${variantId}`);
  return l;
}

describe("priceCart: examples", () => {
  it("discounts both micro bags with one tote at 15%", () => {
    const cart = priceCart([canvasTote(), duffle(), saddle()], PRODUCTS, SEED, NOW);
    expect(line(cart, 201)).toMatchObject({ discountCents: 675, totalCents: 3825, offerId: 1 });
    expect(line(cart, 231)).toMatchObject({ discountCents: 975, totalCents: 5525, offerId: 1 });
    expect(line(cart, 101)).toMatchObject({ discountCents: 0, totalCents: 12000, offerId: null });
    expect(cart).toMatchObject({ subtotalCents: 23000, discountCents: 1650, totalCents: 21350, itemCount: 3 });
    expect(cart.bundles).toEqual([
      { offerId: 1, offerName: ANY_TOTE.name, triggerVariantId: 101, addonVariantId: 201, quantity: 1, discountCents: 675 },
      { offerId: 1, offerName: ANY_TOTE.name, triggerVariantId: 101, addonVariantId: 231, quantity: 1, discountCents: 975 },
    ]);
  });

  it("discounts only two of three micro bags per tote, the dearest ones", () => {
    const cart = priceCart([canvasTote(), duffle(), flap(), saddle()], PRODUCTS, SEED, NOW);
    expect(line(cart, 211).discountCents).toBe(1275);
    expect(line(cart, 231).discountCents).toBe(975);
    expect(line(cart, 201).discountCents).toBe(0);
    expect(cart.discountCents).toBe(2250);
  });

  it("splits a line of three identical micro bags into two discounted units and one at full price", () => {
    const cart = priceCart([duffle(3), canvasTote()], PRODUCTS, SEED, NOW);
    expect(cart.lines[0]).toEqual({
      variantId: 201,
      productId: 10,
      quantity: 3,
      unitPriceCents: 4500,
      subtotalCents: 13500,
      discountCents: 1350,
      totalCents: 12150,
      offerId: 1,
      groups: [
        { quantity: 2, unitPriceCents: 3825, discountPerUnitCents: 675, offerId: 1, triggerVariantId: 101 },
        { quantity: 1, unitPriceCents: 4500, discountPerUnitCents: 0, offerId: null, triggerVariantId: null },
      ],
    });
    expect(cart.lines[1]!.groups).toEqual([
      { quantity: 1, unitPriceCents: 12000, discountPerUnitCents: 0, offerId: null, triggerVariantId: null },
    ]);
  });

  it("discounts three micro bags with two totes", () => {
    const cart = priceCart([canvasTote(2), duffle(3)], PRODUCTS, SEED, NOW);
    expect(line(cart, 201)).toMatchObject({ discountCents: 3 * 675 });
    expect(cart.bundles).toEqual([
      { offerId: 1, offerName: ANY_TOTE.name, triggerVariantId: 101, addonVariantId: 201, quantity: 3, discountCents: 2025 },
    ]);
  });

  it("removes the discounts with the tote", () => {
    const withTote = priceCart([canvasTote(), duffle(), saddle()], PRODUCTS, SEED, NOW);
    expect(withTote.discountCents).toBeGreaterThan(0);
    const without = priceCart([duffle(), saddle()], PRODUCTS, SEED, NOW);
    expect(without).toMatchObject({ discountCents: 0, totalCents: 11000, bundles: [] });
    expect(without.lines.every((l) => l.offerId === null && l.groups.length === 1)).toBe(true);
  });

  it("lets one tote serve several offers, each up to its own limit", () => {
    const cart = priceCart([canvasTote(), duffle(2), kidsClutch(2)], PRODUCTS, SEED, NOW);
    expect(line(cart, 201).discountCents).toBe(1350);
    expect(line(cart, 301).discountCents).toBe(800); // one kids' bag per tote
    expect(cart.discountCents).toBe(2150);
  });

  it("prefers the product-specific offer when it saves more", () => {
    const cart = priceCart([classicTote(), saddle()], PRODUCTS, SEED, NOW);
    expect(line(cart, 231)).toMatchObject({ discountCents: 1300, offerId: 2 });
    expect(cart.bundles.map((b) => b.offerId)).toEqual([2]);
  });

  it("uses both offers of the classic tote and puts the 20% on the dearest eligible bag", () => {
    // Offer 2 gives one bag 20%, offer 1 two bags 15%: flap 20% (1700) + saddle
    // 15% (975) + duffle 15% (675) = 3350 beats saddle 20% + flap 15% + duffle 15% = 3250.
    const cart = priceCart([classicTote(), duffle(), flap(), saddle()], PRODUCTS, SEED, NOW);
    expect(line(cart, 211)).toMatchObject({ discountCents: 1700, offerId: 2 });
    expect(line(cart, 231)).toMatchObject({ discountCents: 975, offerId: 1 });
    expect(line(cart, 201)).toMatchObject({ discountCents: 675, offerId: 1 });
    expect(cart.discountCents).toBe(3350);
  });

  it("chooses the best assignment where a greedy one would be wrong", () => {
    // One tote. A: 50% off any micro (one per tote); B: 49% off the duffle only.
    // Duffle $100: A saves 5000, B 4900. Saddle $99: A saves 4950.
    // Greedy, biggest saving first: duffle takes A (5000), the saddle is left
    // with nothing: 5000. Best: duffle takes B, saddle takes A: 9850.
    const a = offer({ id: 7, discount: { type: "percent", percent: 50 }, maxAddonsPerTrigger: 1 });
    const b = offer({ id: 8, addon: { type: "products", productIds: [10] }, discount: { type: "percent", percent: 49 }, maxAddonsPerTrigger: 1 });
    const lines = [canvasTote(), { ...duffle(), unitPriceCents: 10000 }, { ...saddle(), unitPriceCents: 9900 }];
    const cart = priceCart(lines, PRODUCTS, [a, b], NOW);
    expect(line(cart, 201)).toMatchObject({ discountCents: 4900, offerId: 8 });
    expect(line(cart, 231)).toMatchObject({ discountCents: 4950, offerId: 7 });
    expect(cart.discountCents).toBe(9850);
    // Greedy by priority would be wrong too: a high-priority offer does not win
    // when it saves less overall.
    const bFirst = { ...b, priority: 100 };
    expect(priceCart(lines, PRODUCTS, [a, bFirst], NOW).discountCents).toBe(9850);
    const cheapButFirst = offer({ id: 9, discount: { type: "percent", percent: 10 }, maxAddonsPerTrigger: 1, priority: 1000 });
    const cart2 = priceCart([canvasTote(), duffle()], PRODUCTS, [cheapButFirst, ANY_TOTE], NOW);
    expect(line(cart2, 201)).toMatchObject({ discountCents: 675, offerId: 1 });
  });

  it("chooses which unit triggers when a bag could trigger or be discounted", () => {
    // "20% off a micro with a micro" plus the usual 15% with a tote, one per trigger.
    const microForMicro = offer({ id: 9, trigger: { type: "kind", kind: "micro" }, discount: { type: "percent", percent: 20 }, maxAddonsPerTrigger: 1 });
    const toteOne = { ...ANY_TOTE, maxAddonsPerTrigger: 1 };
    // Duffle 4500, saddle 6500, flap 8500 and a tote. Best: duffle triggers,
    // flap gets 20% (1700) via the duffle, saddle gets 15% (975) via the tote = 2675
    // (a greedy "cheapest micro triggers" would agree here; "all micros are
    // add-ons" would give only 1275).
    const cart = priceCart([canvasTote(), duffle(), saddle(), flap()], PRODUCTS, [microForMicro, toteOne], NOW);
    expect(cart.discountCents).toBe(2675);
    expect(line(cart, 201).discountCents).toBe(0);
    expect(line(cart, 211)).toMatchObject({ discountCents: 1700, offerId: 9 });
    expect(line(cart, 211).groups[0]!.triggerVariantId).toBe(201);
    // Two units of one line: one triggers the other, never itself.
    const pair = priceCart([duffle(2)], PRODUCTS, [microForMicro], NOW);
    expect(pair.discountCents).toBe(900);
    expect(pair.bundles).toEqual([
      { offerId: 9, offerName: "Offer 9", triggerVariantId: 201, addonVariantId: 201, quantity: 1, discountCents: 900 },
    ]);
    expect(priceCart([duffle(1)], PRODUCTS, [microForMicro], NOW).discountCents).toBe(0);
  });

  it("caps a fixed discount at the price of the bag", () => {
    const cart = priceCart([canvasTote(), kidsClutch(1, 500)], PRODUCTS, SEED, NOW);
    expect(line(cart, 301)).toMatchObject({ discountCents: 500, totalCents: 0 });
    expect(line(cart, 301).groups).toEqual([
      { quantity: 1, unitPriceCents: 0, discountPerUnitCents: 500, offerId: 3, triggerVariantId: 101 },
    ]);
    // A free bag gets nothing off, and no bundle line.
    const free = priceCart([canvasTote(), kidsClutch(1, 0)], PRODUCTS, SEED, NOW);
    expect(free.discountCents).toBe(0);
    expect(free.bundles).toEqual([]);
  });

  it("ignores offers that are switched off or outside their dates", () => {
    const cart = [canvasTote(), duffle()];
    expect(priceCart(cart, PRODUCTS, [{ ...ANY_TOTE, enabled: false }], NOW).discountCents).toBe(0);
    expect(priceCart(cart, PRODUCTS, [{ ...ANY_TOTE, activeUntil: NOW }], NOW).discountCents).toBe(0);
    expect(priceCart(cart, PRODUCTS, [{ ...ANY_TOTE, activeFrom: NOW + 1 }], NOW).discountCents).toBe(0);
    expect(priceCart(cart, PRODUCTS, [{ ...ANY_TOTE, activeFrom: NOW, activeUntil: NOW + 1 }], NOW).discountCents).toBe(675);
  });

  it("breaks ties by priority, then lower offer id", () => {
    const low = offer({ id: 4, priority: 1 });
    const high = offer({ id: 5, priority: 2 });
    expect(line(priceCart([canvasTote(), duffle()], PRODUCTS, [low, high], NOW), 201).offerId).toBe(5);
    expect(line(priceCart([canvasTote(), duffle()], PRODUCTS, [high, low], NOW), 201).offerId).toBe(5);
    const twin = offer({ id: 3, priority: 2 });
    expect(line(priceCart([canvasTote(), duffle()], PRODUCTS, [high, twin], NOW), 201).offerId).toBe(3);
  });

  it("breaks ties between equal add-ons by lower variant id", () => {
    const one = { ...ANY_TOTE, maxAddonsPerTrigger: 1 };
    const cart = priceCart([duffle(1, 205), canvasTote(), duffle(1, 204)], PRODUCTS, [one], NOW);
    expect(line(cart, 204).discountCents).toBe(675);
    expect(line(cart, 205).discountCents).toBe(0);
  });

  it("prices unknown products and empty carts plainly", () => {
    expect(priceCart([], PRODUCTS, SEED, NOW)).toEqual({ lines: [], bundles: [], subtotalCents: 0, discountCents: 0, totalCents: 0, itemCount: 0 });
    const cart = priceCart([canvasTote(), { variantId: 999, productId: 999, quantity: 2, unitPriceCents: 100 }], PRODUCTS, SEED, NOW);
    expect(cart).toMatchObject({ subtotalCents: 12200, discountCents: 0 });
  });

  it("refuses malformed lines", () => {
    expect(() => priceCart([duffle(), duffle()], PRODUCTS, SEED, NOW)).toThrow(RangeError);
    expect(() => priceCart([{ ...duffle(), quantity: -1 }], PRODUCTS, SEED, NOW)).toThrow(RangeError);
    expect(() => priceCart([{ ...duffle(), unitPriceCents: 1.5 }], PRODUCTS, SEED, NOW)).toThrow(RangeError);
  });

  it("is fast for a typical cart and bounded for a contrived one", () => {
    const typical = [canvasTote(), duffle(), saddle()];
    for (let k = 0; k < 200; k++) priceCart(typical, PRODUCTS, SEED, NOW);
    // Best of several batches, so a busy machine does not fail the test.
    let fastest = Infinity;
    for (let batch = 0; batch < 10; batch++) {
      const start = performance.now();
      for (let k = 0; k < 200; k++) priceCart(typical, PRODUCTS, SEED, NOW);
      fastest = Math.min(fastest, (performance.now() - start) / 200);
    }
    expect(fastest).toBeLessThan(0.25); // ms per cart; typically ~0.02

    // Worst case: 30 lines of 10 micro bags at different prices, every one of
    // which could trigger or be discounted under three overlapping offers.
    const products = new Map<number, PricingProduct>();
    const lines: PricingLine[] = [];
    for (let k = 0; k < 30; k++) {
      products.set(1000 + k, { id: 1000 + k, kind: "micro", tags: k % 2 ? ["charm", "odd"] : ["charm"], name: `M${k}` });
      lines.push({ variantId: 5000 + k, productId: 1000 + k, quantity: 10, unitPriceCents: 3000 + 137 * k });
    }
    const offers = [
      offer({ id: 1, trigger: { type: "kind", kind: "micro" }, maxAddonsPerTrigger: 1 }),
      offer({ id: 2, trigger: { type: "tag", tag: "odd" }, addon: { type: "tag", tag: "charm" }, discount: { type: "fixed", cents: 700 }, maxAddonsPerTrigger: 3 }),
      offer({ id: 3, trigger: { type: "tag", tag: "charm" }, addon: { type: "tag", tag: "odd" }, discount: { type: "percent", percent: 30 }, maxAddonsPerTrigger: 2 }),
    ];
    const t0 = performance.now();
    const worst = priceCart(lines, products, offers, NOW);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(worst.discountCents).toBeGreaterThan(0);
    expect(worst.totalCents).toBe(worst.subtotalCents - worst.discountCents);
  });
});

// ---------------------------------------------------------------- properties

const TAGS = ["a", "b", "c"] as const;
const PRODUCT_IDS = [1, 2, 3, 4, 5, 6];

// Weighted so that most carts hold something to trigger and something to discount.
const kindArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant("tote" as const) },
  { weight: 3, arbitrary: fc.constant("micro" as const) },
  { weight: 1, arbitrary: fc.constant("clutch" as const) },
);

const productsArb = fc
  .tuple(...PRODUCT_IDS.map(() => fc.tuple(kindArb, fc.subarray([...TAGS]))))
  .map(
    (specs) =>
      new Map<number, PricingProduct>(
        specs.map(([kind, tags], k) => [PRODUCT_IDS[k]!, { id: PRODUCT_IDS[k]!, kind, tags, name: `P${PRODUCT_IDS[k]}` }]),
      ),
  );

const offerArb = (id: number) =>
  fc
    .record({
      trigger: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom("tote", "tote", "micro", "clutch").map((kind) => ({ type: "kind" as const, kind })) },
        { weight: 1, arbitrary: fc.constantFrom(...PRODUCT_IDS).map((productId) => ({ type: "product" as const, productId })) },
        { weight: 1, arbitrary: fc.constantFrom(...TAGS).map((tag) => ({ type: "tag" as const, tag })) },
      ),
      addon: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom("micro", "micro", "tote", "clutch").map((kind) => ({ type: "kind" as const, kind })) },
        { weight: 1, arbitrary: fc.subarray(PRODUCT_IDS, { minLength: 1 }).map((productIds) => ({ type: "products" as const, productIds })) },
        { weight: 1, arbitrary: fc.constantFrom(...TAGS).map((tag) => ({ type: "tag" as const, tag })) },
      ),
      discount: fc.oneof(
        fc.integer({ min: 1, max: 100 }).map((percent) => ({ type: "percent" as const, percent })),
        fc.integer({ min: 1, max: 20000 }).map((cents) => ({ type: "fixed" as const, cents })),
      ),
      maxAddonsPerTrigger: fc.integer({ min: 1, max: 3 }),
      priority: fc.integer({ min: -3, max: 3 }),
      enabled: fc.integer({ min: 0, max: 99 }).map((n) => n < 90),
      window: fc.constantFrom<"open" | "current" | "past" | "future">("open", "open", "open", "open", "current", "current", "past", "future"),
    })
    .map(({ window, ...o }): BundleOffer => ({
      id,
      name: `Offer ${id}`,
      ...o,
      activeFrom: window === "current" ? NOW - 1000 : window === "future" ? NOW + 1 : null,
      activeUntil: window === "current" ? NOW + 1000 : window === "past" ? NOW : null,
    }));

const offersArb = fc
  .oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 9, arbitrary: fc.integer({ min: 1, max: 3 }) })
  .chain((n) => (n === 0 ? fc.constant([] as BundleOffer[]) : fc.tuple(...Array.from({ length: n }, (_, k) => offerArb(k + 1)))));

const linesArb = (maxLines: number, maxQuantity: number) =>
  fc
    .uniqueArray(
      fc.record({
        variantId: fc.integer({ min: 1, max: 60 }),
        productId: fc.constantFrom(...PRODUCT_IDS),
        quantity: fc.integer({ min: 1, max: maxQuantity }),
        unitPriceCents: fc.oneof(fc.integer({ min: 0, max: 30000 }), fc.constantFrom(0, 1, 99, 4500, 12000)),
      }),
      { minLength: 2, maxLength: maxLines, selector: (l) => l.variantId },
    );

const scenario = (maxLines = 6, maxQuantity = 4) =>
  fc.record({ products: productsArb, offers: offersArb, lines: linesArb(maxLines, maxQuantity) });

/**
 * The best total discount, independently of the implementation: try every
 * number of trigger units per line; for each, hand out the remaining units to
 * offers line by line (every split, memoised on the capacity left per offer).
 * An offer may discount at most maxAddonsPerTrigger × (trigger units that match
 * it) add-on units, and a unit is either a trigger or an add-on.
 */
function bruteForceBest(lines: PricingLine[], products: Map<number, PricingProduct>, offers: BundleOffer[]): number {
  const active = offers.filter((o) => isOfferActive(o, NOW));
  const info = lines.map((l) => {
    const p = products.get(l.productId)!;
    return {
      q: l.quantity,
      triggers: active.map((o) => offerTriggers(o, p)),
      disc: active.map((o) => (offerAppliesTo(o, p) ? addonUnitDiscount(o, l.unitPriceCents) : 0)),
    };
  });
  let best = 0;
  const t = info.map(() => 0);
  const allocate = (k: number, caps: number[], memo: Map<string, number>): number => {
    if (k === info.length) return 0;
    const key = `${k}|${caps.join(",")}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    const { q, disc } = info[k]!;
    let result = 0;
    const spread = (o: number, left: number, saved: number) => {
      if (o === active.length) {
        result = Math.max(result, saved + allocate(k + 1, caps, memo));
        return;
      }
      const most = disc[o]! > 0 ? Math.min(left, caps[o]!) : 0;
      for (let a = 0; a <= most; a++) {
        caps[o]! -= a;
        spread(o + 1, left - a, saved + a * disc[o]!);
        caps[o]! += a;
      }
    };
    spread(0, q - t[k]!, 0);
    memo.set(key, result);
    return result;
  };
  const chooseTriggers = (k: number) => {
    if (k === info.length) {
      const caps = active.map((o, i) => o.maxAddonsPerTrigger * info.reduce((s, l, j) => s + (l.triggers[i] ? t[j]! : 0), 0));
      best = Math.max(best, allocate(0, caps, new Map()));
      return;
    }
    const canTrigger = info[k]!.triggers.some(Boolean);
    for (let x = 0; x <= (canTrigger ? info[k]!.q : 0); x++) {
      t[k] = x;
      chooseTriggers(k + 1);
    }
    t[k] = 0;
  };
  chooseTriggers(0);
  return best;
}

/** Carts where many bags could trigger an offer or take one: the hard case. */
const overlapScenario = fc.record({
  products: fc
    .tuple(...PRODUCT_IDS.map(() => fc.tuple(fc.constantFrom("micro", "micro", "tote"), fc.subarray(["a", "b"]))))
    .map(
      (specs) =>
        new Map<number, PricingProduct>(
          specs.map(([kind, tags], k) => [PRODUCT_IDS[k]!, { id: PRODUCT_IDS[k]!, kind, tags, name: `P${PRODUCT_IDS[k]}` }]),
        ),
    ),
  offers: fc.integer({ min: 1, max: 3 }).chain((n) =>
    fc.tuple(
      ...Array.from({ length: n }, (_, k) =>
        fc
          .record({
            trigger: fc.constantFrom<BundleOffer["trigger"]>(
              { type: "kind", kind: "micro" },
              { type: "kind", kind: "tote" },
              { type: "tag", tag: "a" },
              { type: "tag", tag: "b" },
            ),
            addon: fc.constantFrom<BundleOffer["addon"]>(
              { type: "kind", kind: "micro" },
              { type: "tag", tag: "a" },
              { type: "tag", tag: "b" },
            ),
            discount: fc.oneof(
              fc.integer({ min: 5, max: 60 }).map((percent) => ({ type: "percent" as const, percent })),
              fc.integer({ min: 100, max: 3000 }).map((cents) => ({ type: "fixed" as const, cents })),
            ),
            maxAddonsPerTrigger: fc.integer({ min: 1, max: 3 }),
            priority: fc.integer({ min: 0, max: 2 }),
          })
          .map((o): BundleOffer => ({ id: k + 1, name: `Offer ${k + 1}`, ...o, activeFrom: null, activeUntil: null, enabled: true })),
      ),
    ),
  ),
  lines: fc.uniqueArray(
    fc.record({
      variantId: fc.integer({ min: 1, max: 60 }),
      productId: fc.constantFrom(...PRODUCT_IDS),
      quantity: fc.integer({ min: 1, max: 3 }),
      unitPriceCents: fc.integer({ min: 500, max: 9000 }),
    }),
    { minLength: 3, maxLength: 5, selector: (l) => l.variantId },
  ),
});

function checkInvariants(cart: PricedCart, lines: PricingLine[]) {
  expect(cart.lines.map((l) => l.variantId)).toEqual(lines.map((l) => l.variantId));
  let subtotal = 0;
  let discount = 0;
  for (const [k, l] of cart.lines.entries()) {
    const input = lines[k]!;
    expect(l.quantity).toBe(input.quantity);
    expect(l.unitPriceCents).toBe(input.unitPriceCents);
    expect(l.subtotalCents).toBe(input.quantity * input.unitPriceCents);
    expect(l.totalCents).toBe(l.subtotalCents - l.discountCents);
    expect(l.totalCents).toBeGreaterThanOrEqual(0);
    expect(l.discountCents).toBeGreaterThanOrEqual(0);
    expect(l.groups.reduce((s, g) => s + g.quantity, 0)).toBe(l.quantity);
    expect(l.groups.reduce((s, g) => s + g.quantity * g.discountPerUnitCents, 0)).toBe(l.discountCents);
    for (const g of l.groups) {
      expect(g.quantity).toBeGreaterThan(0);
      expect(g.discountPerUnitCents).toBeGreaterThanOrEqual(0);
      expect(g.discountPerUnitCents).toBeLessThanOrEqual(l.unitPriceCents);
      expect(g.unitPriceCents).toBe(l.unitPriceCents - g.discountPerUnitCents);
      expect(g.offerId === null).toBe(g.discountPerUnitCents === 0);
      expect(g.triggerVariantId === null).toBe(g.offerId === null);
    }
    subtotal += l.subtotalCents;
    discount += l.discountCents;
  }
  expect(cart.subtotalCents).toBe(subtotal);
  expect(cart.discountCents).toBe(discount);
  expect(cart.totalCents).toBe(cart.subtotalCents - cart.discountCents);
  expect(cart.itemCount).toBe(lines.reduce((s, l) => s + l.quantity, 0));
  expect(cart.bundles.reduce((s, b) => s + b.discountCents, 0)).toBe(cart.discountCents);
}

/** Units used as triggers can't be more than the line's units minus its discounted ones. */
function checkPairing(cart: PricedCart, lines: PricingLine[], products: Map<number, PricingProduct>, offers: BundleOffer[]) {
  const byVariant = new Map(lines.map((l) => [l.variantId, l]));
  const offersById = new Map(offers.map((o) => [o.id, o]));
  // Trigger units needed per (trigger line, offer), and discounted units per line.
  const needed = new Map<string, number>();
  const discounted = new Map<number, number>();
  for (const b of cart.bundles) {
    const o = offersById.get(b.offerId)!;
    expect(isOfferActive(o, NOW)).toBe(true);
    const trigger = byVariant.get(b.triggerVariantId)!;
    const addon = byVariant.get(b.addonVariantId)!;
    expect(offerTriggers(o, products.get(trigger.productId)!)).toBe(true);
    expect(offerAppliesTo(o, products.get(addon.productId)!)).toBe(true);
    expect(b.discountCents).toBe(b.quantity * addonUnitDiscount(o, addon.unitPriceCents));
    const key = `${b.triggerVariantId}:${b.offerId}`;
    needed.set(key, (needed.get(key) ?? 0) + b.quantity);
    discounted.set(b.addonVariantId, (discounted.get(b.addonVariantId) ?? 0) + b.quantity);
  }
  // Each trigger line needs ceil(units / max) trigger units for each offer; the
  // most any offer needs must fit in the units that are not discounted.
  const triggerUnits = new Map<number, number>();
  for (const [key, units] of needed) {
    const [variantId, offerId] = key.split(":").map(Number) as [number, number];
    const need = Math.ceil(units / offersById.get(offerId)!.maxAddonsPerTrigger);
    triggerUnits.set(variantId, Math.max(triggerUnits.get(variantId) ?? 0, need));
  }
  for (const l of lines) {
    expect((triggerUnits.get(l.variantId) ?? 0) + (discounted.get(l.variantId) ?? 0)).toBeLessThanOrEqual(l.quantity);
  }
}

function triggerUnitBound(lines: PricingLine[], products: Map<number, PricingProduct>, offers: BundleOffer[]) {
  return offers
    .filter((o) => isOfferActive(o, NOW))
    .reduce(
      (sum, o) =>
        sum +
        o.maxAddonsPerTrigger * lines.filter((l) => offerTriggers(o, products.get(l.productId)!)).reduce((s, l) => s + l.quantity, 0),
      0,
    );
}

describe("priceCart: properties", () => {
  it("keeps the books straight: totals, no line below zero, no unit discount above its price", () => {
    fc.assert(
      fc.property(scenario(), ({ products, offers, lines }) => {
        const cart = priceCart(lines, products, offers, NOW);
        checkInvariants(cart, lines);
        checkPairing(cart, lines, products, offers);
      }),
      RUNS,
    );
  });

  it("never discounts more add-on units than the triggers allow", () => {
    fc.assert(
      fc.property(scenario(), ({ products, offers, lines }) => {
        const cart = priceCart(lines, products, offers, NOW);
        const discountedUnits = cart.lines.reduce(
          (s, l) => s + l.groups.filter((g) => g.offerId !== null).reduce((t, g) => t + g.quantity, 0),
          0,
        );
        expect(discountedUnits).toBeLessThanOrEqual(triggerUnitBound(lines, products, offers));
      }),
      RUNS,
    );
  });

  it("finds the largest possible discount (checked by brute force on small carts)", () => {
    fc.assert(
      fc.property(scenario(4, 3), ({ products, offers, lines }) => {
        const cart = priceCart(lines, products, offers, NOW);
        expect(cart.discountCents).toBe(bruteForceBest(lines, products, offers));
      }),
      { numRuns: 3000 },
    );
  });

  it("finds the largest possible discount when many bags could trigger or take an offer", () => {
    fc.assert(
      fc.property(overlapScenario, ({ products, offers, lines }) => {
        const cart = priceCart(lines, products, offers, NOW);
        expect(cart.discountCents).toBe(bruteForceBest(lines, products, offers));
        checkInvariants(cart, lines);
        checkPairing(cart, lines, products, offers);
      }),
      { numRuns: 1000 },
    );
  });

  it("does not depend on the order of the lines", () => {
    fc.assert(
      fc.property(
        scenario(),
        fc.func(fc.integer()),
        ({ products, offers, lines }, key) => {
          const shuffled = lines
            .map((l, k) => ({ l, k: key(l.variantId) * 1000 + k }))
            .sort((a, b) => a.k - b.k)
            .map((x) => x.l);
          const a = priceCart(lines, products, offers, NOW);
          const b = priceCart(shuffled, products, offers, NOW);
          const offersReversed = priceCart(shuffled, products, [...offers].reverse(), NOW);
          for (const other of [b, offersReversed]) {
            expect(other.bundles).toEqual(a.bundles);
            expect({ ...other, lines: [], bundles: [] }).toEqual({ ...a, lines: [], bundles: [] });
            for (const l of a.lines) expect(other.lines.find((x) => x.variantId === l.variantId)).toEqual(l);
          }
        },
      ),
      RUNS,
    );
  });

  it("never lowers the discount when a trigger unit is added", () => {
    fc.assert(
      fc.property(scenario(), fc.nat(), fc.integer({ min: 1, max: 60 }), ({ products, offers, lines }, pick, newVariant) => {
        const active = offers.filter((o) => isOfferActive(o, NOW));
        const triggerProducts = PRODUCT_IDS.filter((id) => active.some((o) => offerTriggers(o, products.get(id)!)));
        fc.pre(triggerProducts.length > 0);
        const productId = triggerProducts[pick % triggerProducts.length]!;
        const before = priceCart(lines, products, offers, NOW);
        // Either one more unit on an existing line of that product, or a new line.
        const existing = lines.find((l) => l.productId === productId);
        const more =
          existing && pick % 2 === 0
            ? lines.map((l) => (l === existing ? { ...l, quantity: l.quantity + 1 } : l))
            : lines.some((l) => l.variantId === newVariant)
              ? null
              : [...lines, { variantId: newVariant, productId, quantity: 1, unitPriceCents: (pick % 300) * 100 }];
        fc.pre(more !== null);
        const after = priceCart(more!, products, offers, NOW);
        expect(after.discountCents).toBeGreaterThanOrEqual(before.discountCents);
      }),
      RUNS,
    );
  });

  it("adding an unrelated item changes no existing discount", () => {
    fc.assert(
      fc.property(scenario(), fc.integer({ min: 61, max: 100 }), fc.nat(30000), ({ products, offers, lines }, variantId, price) => {
        const unrelated: PricingProduct = { id: 99, kind: "crossbody", tags: ["unrelated"], name: "Unrelated" };
        const withUnrelated = new Map(products).set(99, unrelated);
        const before = priceCart(lines, products, offers, NOW);
        const extra = { variantId, productId: 99, quantity: 2, unitPriceCents: price };
        const after = priceCart([...lines, extra], withUnrelated, offers, NOW);
        expect(after.lines.slice(0, -1)).toEqual(before.lines);
        expect(after.bundles).toEqual(before.bundles);
        expect(after.discountCents).toBe(before.discountCents);
        expect(after.lines.at(-1)).toMatchObject({ discountCents: 0, offerId: null });
      }),
      RUNS,
    );
  });

  it("gives nothing for an offer that is switched off or outside its dates", () => {
    fc.assert(
      fc.property(
        scenario(),
        fc.nat(),
        fc.constantFrom("off", "ended", "not yet"),
        ({ products, offers, lines }, pick, how) => {
          fc.pre(offers.length > 0);
          const k = pick % offers.length;
          const dead: BundleOffer =
            how === "off"
              ? { ...offers[k]!, enabled: false }
              : how === "ended"
                ? { ...offers[k]!, activeFrom: null, activeUntil: NOW - (pick % 5) }
                : { ...offers[k]!, activeFrom: NOW + 1 + (pick % 5), activeUntil: null };
          const withDead = offers.map((o, i) => (i === k ? dead : o));
          const cart = priceCart(lines, products, withDead, NOW);
          expect(cart.bundles.some((b) => b.offerId === dead.id)).toBe(false);
          expect(cart.lines.every((l) => l.groups.every((g) => g.offerId !== dead.id))).toBe(true);
          // Exactly as if the offer did not exist.
          const without = priceCart(lines, products, offers.filter((_, i) => i !== k), NOW);
          expect(cart).toEqual(without);
        },
      ),
      RUNS,
    );
  });
});
