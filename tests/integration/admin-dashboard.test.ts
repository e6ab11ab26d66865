// The dashboard's figures on a small seeded history, worked out by hand
// (tests/fixtures/upsell-history.ts): suggestions per placement and offer,
// attach rate (overall and weekly), order values, add-on revenue, the holdout
// comparison, and the stock panels.
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { bundleCapacity } from "~/domain/dashboard";
import { getCatalog } from "~/models/catalog.server";
import { loader as dashboardLoader } from "~/routes/admin._index";
import { signInAs, type SignedIn } from "../helpers/admin";
import { db, setStock, sqlite, variantBySku } from "../helpers/db";
import { getRequest, run } from "../helpers/remix";
import { EXPECTED, HISTORY_RANGE, seedUpsellHistory } from "../fixtures/upsell-history";
import * as schema from "../../db/schema";

let staff: SignedIn;
let offers: { offer1: number; offer2: number };

beforeAll(async () => {
  staff = await signInAs("staff");
  offers = seedUpsellHistory(sqlite);
});

async function dashboard(query = "") {
  const res = await run(dashboardLoader, getRequest(`/admin${query}`, { cookie: staff.cookie }));
  return { status: res.status, body: (await res.json()) as any };
}

const RANGE = `?from=${HISTORY_RANGE.from}&to=${HISTORY_RANGE.to}`;

describe("upsell figures", () => {
  it("are exact for the seeded history", async () => {
    const { status, body } = await dashboard(RANGE);
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, from: HISTORY_RANGE.from, to: HISTORY_RANGE.to, days: 21 });
    const f = body.figures;
    expect(f.orders).toEqual({
      paidOrders: EXPECTED.paidOrders,
      attach: { ...EXPECTED.attach, rate: 4 / 6 },
      withAddon: EXPECTED.withAddon,
      withoutAddon: EXPECTED.withoutAddon,
      addonRevenueCents: EXPECTED.addonRevenueCents,
    });
    expect(f.holdout).toMatchObject({ ...EXPECTED.holdout, exists: true });
    expect(f.weeks).toEqual(EXPECTED.weeks);
    expect(f.suggestions.overall).toEqual(EXPECTED.suggestions.overall);
    expect(f.suggestions.byPlacement).toEqual([
      { ...EXPECTED.suggestions.byPlacement[0], label: "Tote page" },
      { ...EXPECTED.suggestions.byPlacement[1], label: "Cart" },
    ]);
    const names = new Map(db.select().from(schema.bundleOffers).all().map((o) => [o.id, o.name]));
    expect(f.suggestions.byOffer).toEqual([
      { key: offers.offer1, label: names.get(offers.offer1), impressions: 9, adds: 3, addRate: 3 / 9 },
      { key: offers.offer2, label: names.get(offers.offer2), impressions: 1, adds: 1, addRate: 1 },
      { key: null, label: "No offer (regular price)", impressions: 2, adds: 0, addRate: 0 },
    ]);
  });

  it("count only the days asked for", async () => {
    // Just the first week: orders of the 6th and 7th, and the events of the 6th to the 11th.
    const { body } = await dashboard("?from=2026-01-05&to=2026-01-11");
    expect(body.figures.orders).toMatchObject({ paidOrders: 2, attach: { numerator: 1, denominator: 2 }, addonRevenueCents: 3825 });
    expect(body.figures.suggestions.overall).toEqual({ impressions: 8, adds: 1, addRate: 1 / 8 });
    expect(body.figures.holdout).toMatchObject({ exists: false, differenceCents: 0 });
    expect(body.figures.weeks).toHaveLength(1);
  });

  it("defaults to the last 30 days", async () => {
    const { status, body } = await dashboard();
    expect(status).toBe(200);
    expect(body.days).toBe(30);
    expect(body.to).toBe(new Date().toISOString().slice(0, 10));
    // The seeded history is long ago.
    expect(body.figures.orders.paidOrders).toBe(0);
    expect(body.figures.suggestions.byPlacement.map((r: any) => r.key)).toEqual(["product_page", "cart"]);
  });

  it.each([
    ["?from=2026-02-30", "from"],
    ["?from=2026-03-01&to=2026-02-01", "to"],
    ["?from=2024-01-01&to=2026-01-01", "to"],
    ["?from=yesterday", "from"],
    ["?range=all", "_form"],
  ])("answers 400 with a field message for %s", async (query, field) => {
    const { status, body } = await dashboard(query);
    expect(status).toBe(400);
    expect(body.ok).toBe(false);
    expect(Object.keys(body.errors)).toEqual([field]);
    expect(body.figures).toBeUndefined();
  });
});

describe("stock panels", () => {
  it("list low SKUs and how many more bundles each micro bag can serve", async () => {
    const micro = db.select().from(schema.products).where(eq(schema.products.slug, "micro-saddle")).get()!;
    const microSkus = db.select().from(schema.variants).where(eq(schema.variants.productId, micro.id)).all();
    setStock(microSkus[0]!.sku, 1);
    for (const v of microSkus.slice(1)) setStock(v.sku, 0);
    const { body } = await dashboard(RANGE);
    const low = body.figures.stock.low.map((r: any) => r.sku);
    expect(low).toEqual(expect.arrayContaining(microSkus.map((v) => v.sku)));
    expect(body.figures.stock.low[0].available).toBe(0);
    const saddle = body.figures.stock.bundles.find((b: any) => b.productId === micro.id);
    expect(saddle).toMatchObject({ microAvailable: 1, bundles: 1 });
    expect(saddle.totesAvailable).toBeGreaterThan(1);
    expect(body.figures.stock.bundles).toEqual(bundleCapacity(getCatalog().products));
    expect(variantBySku(microSkus[0]!.sku).stockOnHand).toBe(1);
  });
});
