// The bundle upsell in the running shop: what is suggested where, one-click
// adds at the bundle price, and the records the figures are built from.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { action as cartAction, loader as cartLoader } from "~/routes/cart";
import { loader as productLoader } from "~/routes/products.$slug";
import { loader as previewLoader } from "~/routes/previews.$tote.$charm";
import { action as checkoutAction } from "~/routes/checkout";
import { flushImpressions } from "~/models/suggestions.server";
import { saveHoldoutPercent } from "~/models/offers.server";
import { db, setStock, sqlite } from "../helpers/db";
import { serverPriceOfLines } from "../helpers/fuzz";
import { cookieFrom, formRequest, getRequest, run } from "../helpers/remix";
import * as schema from "../../db/schema";

async function productPage(slug: string, search = "", cookie: string | null = null) {
  const res = await run(productLoader, getRequest(`/products/${slug}${search}`, { cookie }), { slug });
  expect(res.status).toBe(200);
  return (await res.json()) as any;
}

async function cartPage(cookie: string | null) {
  return (await (await run(cartLoader, getRequest("/cart", { cookie }))).json()) as any;
}

async function post(fields: Record<string, string>, cookie: string | null = null) {
  return run(cartAction, formRequest("/cart", fields, { cookie }));
}

function productId(slug: string) {
  return db.select().from(schema.products).where(eq(schema.products.slug, slug)).get()!.id;
}

const suggestedSlugs = (page: any) => (page.upsell?.suggestions ?? []).map((s: any) => s.slug);

describe("suggestions on a tote's page", () => {
  it("offers 3–4 micro bags for the chosen colour, lime first on black, with the bundle price", async () => {
    const page = await productPage("canvas-market-tote", "?colour=black");
    const suggestions = page.upsell.suggestions;
    expect(suggestions.length).toBeGreaterThanOrEqual(3);
    expect(suggestions.length).toBeLessThanOrEqual(4);
    const lime = suggestions.find((s: any) => s.sku === "MIC-DUF-LIME");
    expect(lime).toMatchObject({ reason: "Pops against black, 15% off", regularPriceCents: 4500, bundlePriceCents: 3825, offerLabel: "15% off" });
    expect(suggestions.slice(0, 3).map((s: any) => s.sku)).toContain("MIC-DUF-LIME");
    expect(page.upsell.preview.url).toBe(`/previews/TOT-CMK-BLACK/${suggestions[0].sku}.svg`);
  });

  it("leaves out micro bags that are sold out in every colour", async () => {
    const all = suggestedSlugs(await productPage("calfskin-classic-tote"));
    expect(all).not.toContain("sold-out-micro-sphere");
    const top = all[0];
    const variants = db.select().from(schema.variants).where(eq(schema.variants.productId, productId(top))).all();
    for (const v of variants) setStock(v.sku, 0);
    expect(suggestedSlugs(await productPage("calfskin-classic-tote"))).not.toContain(top);
    for (const v of variants) setStock(v.sku, v.stockOnHand);
    expect(suggestedSlugs(await productPage("calfskin-classic-tote"))).toContain(top);
  });

  it("leaves out micro bags that cannot hang on the tote", async () => {
    // Slim 1.8 cm handles and no strap ring: split rings do not fit.
    const eastWest = suggestedSlugs(await productPage("vegan-leather-east-west-tote"));
    expect(eastWest.length).toBeGreaterThan(0);
    for (const splitRing of ["faux-fur-micro-pouch", "pastel-micro-bucket", "neon-micro-tote"]) expect(eastWest).not.toContain(splitRing);
    // 4.5 cm rope handles, no ring: nothing fits, so no section at all.
    expect((await productPage("striped-canvas-beach-tote")).upsell).toBeNull();
  });

  it("leaves out micro bags already in the cart", async () => {
    const before = suggestedSlugs(await productPage("vegan-leather-city-tote", "?colour=black"));
    const first = before[0];
    const sku = db.select().from(schema.variants).where(eq(schema.variants.productId, productId(first))).all().find((v) => v.stockOnHand > 0)!.sku;
    const cookie = cookieFrom(await post({ intent: "add", sku, quantity: "1" }));
    const after = suggestedSlugs(await productPage("vegan-leather-city-tote", "?colour=black", cookie));
    expect(after).not.toContain(first);
  });

  it("draws the charm on the tote to scale", async () => {
    const res = await run(previewLoader, getRequest("/previews/TOT-CMK-BLACK/MIC-DUF-LIME.svg"), { tote: "TOT-CMK-BLACK", charm: "MIC-DUF-LIME.svg" });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/svg+xml");
    const svg = await res.text();
    expect(svg).toContain("Lime Micro Duffle on the Black Canvas Market Tote, to scale");
    const scale = (part: string) => Number(new RegExp(`data-part="${part}" transform="[^"]*scale\\(([\\d.]+)\\)`).exec(svg)![1]);
    // 9 cm charm on a 38 cm tote.
    expect(scale("charm") / scale("tote")).toBeCloseTo(9 / 38, 2);
    const bad = await run(previewLoader, getRequest("/previews/x/y.svg"), { tote: "TOT-CMK-BLACK", charm: "TOT-CMK-NAVY.svg" });
    expect(bad.status).toBe(404);
  });
});

describe("one-click add and the cart", () => {
  it("adds the tote and the charm together at the bundle price, and records the add", async () => {
    const res = await post({ intent: "add-bundle", sku: "TOT-CMK-BLACK", charm: "MIC-DUF-LIME", placement: "product_page" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.cart).toEqual({ itemCount: 2, subtotalCents: 16500, discountCents: 675, totalCents: 15825 });
    const cookie = cookieFrom(res)!;
    const cart = await cartPage(cookie);
    expect(cart.lines.map((l: any) => [l.sku, l.quantity, l.totalCents])).toEqual([
      ["TOT-CMK-BLACK", 1, 12000],
      ["MIC-DUF-LIME", 1, 3825],
    ]);
    expect(cart.bundles).toEqual([{ offerId: expect.any(Number), label: "Bundle: 15% off Lime Micro Duffle with Black Canvas Market Tote", discountCents: 675 }]);
    expect(cart.totalCents).toBe(15825);
    // The tote has its charm: no more suggestions for it in the cart.
    expect(cart.charms).toEqual([]);

    const cartId = db.select().from(schema.carts).all().at(-1)!.id;
    const adds = db.select().from(schema.suggestionEvents).where(eq(schema.suggestionEvents.type, "add")).all();
    expect(adds.at(-1)).toMatchObject({
      placement: "product_page",
      toteProductId: productId("canvas-market-tote"),
      microProductId: productId("micro-duffle"),
      cartId,
      offerId: expect.any(Number),
    });

    // Removing the tote removes its bundle price.
    await post({ intent: "remove", sku: "TOT-CMK-BLACK" }, cookie);
    const after = await cartPage(cookie);
    expect(after.bundles).toEqual([]);
    expect(after.totalCents).toBe(4500);
  });

  it("suggests charms for a tote in the cart, and adds one in a click", async () => {
    const cookie = cookieFrom(await post({ intent: "add", sku: "TOT-VCT-CREAM", quantity: "1" }))!;
    const cart = await cartPage(cookie);
    expect(cart.charms).toHaveLength(1);
    expect(cart.charms[0].toteSku).toBe("TOT-VCT-CREAM");
    const charm = cart.charms[0].suggestions[0];
    const res = await post({ intent: "add-charm", sku: charm.sku, tote: "TOT-VCT-CREAM", placement: "cart" }, cookie);
    expect(res.status).toBe(200);
    const after = await cartPage(cookie);
    expect(after.lines.find((l: any) => l.sku === charm.sku).totalCents).toBe(charm.bundlePriceCents);
    expect(after.discountCents).toBe(charm.regularPriceCents - charm.bundlePriceCents);
  });

  it("refuses a one-click add for an unknown or sold-out charm and leaves the cart alone", async () => {
    const cookie = cookieFrom(await post({ intent: "add", sku: "TOT-CMK-NAVY", quantity: "1" }))!;
    const sold = await post({ intent: "add-bundle", sku: "TOT-CMK-NAVY", charm: "MIC-SPH-CHROME", placement: "product_page" }, cookie);
    expect(sold.status).toBe(409);
    const unknown = await post({ intent: "add-bundle", sku: "TOT-CMK-NAVY", charm: "NOPE", placement: "product_page" }, cookie);
    expect(unknown.status).toBe(404);
    const badPlace = await post({ intent: "add-bundle", sku: "TOT-CMK-NAVY", charm: "MIC-DUF-LIME", placement: "homepage" }, cookie);
    expect(badPlace.status).toBe(400);
    expect((await cartPage(cookie)).lines.map((l: any) => [l.sku, l.quantity])).toEqual([["TOT-CMK-NAVY", 1]]);
  });
});

describe("'tote + charm' when the tote is already in the cart", () => {
  const linesOf = async (cookie: string) => (await cartPage(cookie)).lines.map((l: any) => [l.sku, l.quantity]);

  async function cartWith(items: [string, number][]) {
    let cookie: string | null = null;
    for (const [sku, quantity] of items) cookie = cookieFrom(await post({ intent: "add", sku, quantity: String(quantity) }, cookie)) ?? cookie;
    return cookie!;
  }

  it.each([
    ["the same colour", [["TOT-CMK-CREAM", 1]], [["TOT-CMK-CREAM", 1], ["MIC-BOX-EMERALD", 1]]],
    ["the same colour, two of it", [["TOT-CMK-CREAM", 2]], [["TOT-CMK-CREAM", 2], ["MIC-BOX-EMERALD", 1]]],
    ["another colour of that tote", [["TOT-CMK-BLACK", 1]], [["TOT-CMK-BLACK", 1], ["MIC-BOX-EMERALD", 1]]],
  ] as [string, [string, number][], [string, number][]][])("adds only the charm (%s)", async (_name, start, expected) => {
    const cookie = await cartWith(start);
    const res = await post({ intent: "add-bundle", sku: "TOT-CMK-CREAM", charm: "MIC-BOX-EMERALD", placement: "product_page" }, cookie);
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.message).toBe("Added the charm to your cart.");
    expect(await linesOf(cookie)).toEqual(expected);
    // Charged what the database's prices and offers make of the expected lines.
    const expectedTotal = serverPriceOfLines(sqlite, expected);
    expect(body.cart.totalCents).toBe(expectedTotal);
    expect((await cartPage(cookie)).totalCents).toBe(expectedTotal);
  });

  it("the issue's cart: one Cream Canvas Market Tote, then tote + Emerald Croc Micro Box, comes to $166.75", async () => {
    const cookie = await cartWith([["TOT-CMK-CREAM", 1]]);
    await post({ intent: "add-bundle", sku: "TOT-CMK-CREAM", charm: "MIC-BOX-EMERALD", placement: "product_page" }, cookie);
    expect((await cartPage(cookie)).totalCents).toBe(16675);
  });

  it.each([
    ["an empty cart", [], [["TOT-CMK-CREAM", 1], ["MIC-BOX-EMERALD", 1]]],
    ["a cart with another tote", [["TOT-VCT-CREAM", 1]], [["TOT-VCT-CREAM", 1], ["TOT-CMK-CREAM", 1], ["MIC-BOX-EMERALD", 1]]],
  ] as [string, [string, number][], [string, number][]][])("adds the tote and the charm when the tote is absent (%s)", async (_name, start, expected) => {
    const cookie = start.length > 0 ? await cartWith(start) : null;
    const res = await post({ intent: "add-bundle", sku: "TOT-CMK-CREAM", charm: "MIC-BOX-EMERALD", placement: "product_page" }, cookie);
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.message).toBe("Added the tote and its charm to your cart.");
    const after = cookieFrom(res) ?? cookie!;
    expect(await linesOf(after)).toEqual(expected);
    expect(body.cart.totalCents).toBe(serverPriceOfLines(sqlite, expected));
  });

  it("the tote's page knows the tote is in the cart (any colour)", async () => {
    expect((await productPage("canvas-market-tote", "?colour=cream")).upsell.toteInCart).toBe(false);
    const cookie = await cartWith([["TOT-CMK-NAVY", 1]]);
    expect((await productPage("canvas-market-tote", "?colour=cream", cookie)).upsell.toteInCart).toBe(true);
    expect((await productPage("vegan-leather-city-tote", "", cookie)).upsell.toteInCart).toBe(false);
  });
});

describe("measurement and holdout", () => {
  it("records one impression per suggestion shown, in batches", async () => {
    flushImpressions();
    const before = db.select().from(schema.suggestionEvents).where(eq(schema.suggestionEvents.type, "impression")).all().length;
    const page = await productPage("croc-embossed-vegan-tote");
    expect(db.select().from(schema.suggestionEvents).all().length).toBeGreaterThanOrEqual(0);
    flushImpressions();
    const rows = db.select().from(schema.suggestionEvents).where(eq(schema.suggestionEvents.type, "impression")).all();
    expect(rows.length - before).toBe(page.upsell.suggestions.length);
    expect(rows.at(-1)).toMatchObject({ placement: "product_page", toteProductId: productId("croc-embossed-vegan-tote") });
  });

  it("does not count bots", async () => {
    flushImpressions();
    const before = db.select().from(schema.suggestionEvents).all().length;
    await run(productLoader, getRequest("/products/croc-embossed-vegan-tote", { headers: { "User-Agent": "Googlebot/2.1 (+http://www.google.com/bot.html)" } }), {
      slug: "croc-embossed-vegan-tote",
    });
    flushImpressions();
    expect(db.select().from(schema.suggestionEvents).all().length).toBe(before);
  });

  it("does not count a bot's add either (the same rule as its impressions)", async () => {
    const before = db.select().from(schema.suggestionEvents).all().length;
    const res = await run(
      cartAction,
      formRequest("/cart", { intent: "add-bundle", sku: "TOT-CMK-CREAM", charm: "MIC-BOX-EMERALD", placement: "product_page" }, { headers: { "User-Agent": "Googlebot/2.1 (+http://www.google.com/bot.html)" } }),
    );
    expect(res.status).toBeLessThan(400);
    flushImpressions();
    expect(db.select().from(schema.suggestionEvents).all().length).toBe(before);
  });

  it("shows a holdout cart no suggestions, and its order remembers it", async () => {
    const cookie = cookieFrom(await post({ intent: "add", sku: "TOT-LSL-BLACK", quantity: "1" }))!;
    // The holdout setting runs as a two-arm experiment: all carts held out here.
    saveHoldoutPercent(100, { staffId: null });
    try {
      expect((await productPage("lambskin-slouch-tote", "", cookie)).upsell).toBeNull();
      expect((await cartPage(cookie)).charms).toEqual([]);
      // Visitors without a cart still see them.
      expect((await productPage("lambskin-slouch-tote")).upsell).not.toBeNull();
      await run(checkoutAction, formRequest("/checkout", {}, { cookie }));
      expect(db.select().from(schema.orders).all().at(-1)!.inHoldout).toBe(true);
    } finally {
      saveHoldoutPercent(0, { staffId: null });
    }
    expect((await productPage("lambskin-slouch-tote", "", cookie)).upsell).not.toBeNull();
  });
});

describe("a micro bag's page", () => {
  it("says what a tote saves on it and links the totes it fits", async () => {
    const page = await productPage("micro-duffle");
    expect(page.upsell).toBeNull();
    expect(page.microOffer.label).toBe("15% off with any tote");
    const fits = page.microOffer.fits.map((f: any) => f.slug);
    expect(fits).toContain("canvas-market-tote");
    expect(fits).not.toContain("striped-canvas-beach-tote");
  });
});
