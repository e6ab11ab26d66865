// The charm ranking behind a tote's suggestions is kept between requests;
// these are the changes that must still show at once.
import { describe, expect, it } from "vitest";
import { getCatalog } from "~/models/catalog.server";
import { charmSuggestions } from "~/services/suggestions.server";
import { db, setStock } from "../helpers/db";
import * as schema from "../../db/schema";

function suggestionsFor(toteSlug: string, now: number, inCart: number[] = []) {
  const catalog = getCatalog();
  const tote = catalog.bySlug.get(toteSlug)!;
  return charmSuggestions({ tote, toteVariant: tote.variants[0]!, cartId: null, inCartProductIds: new Set(inCart), now, catalog });
}

describe("charm suggestions, ranked once and kept", () => {
  it("follow an offer that starts later, stock that runs out and what the cart holds", () => {
    const now = Date.now();
    const start = now + 60_000;
    db.insert(schema.bundleOffers)
      .values({
        name: "Half-price charms from noon",
        triggerType: "kind",
        triggerValue: "tote",
        addonType: "kind",
        addonValue: "micro",
        discountType: "percent",
        discountValue: 50,
        priority: 100,
        activeFrom: start,
        enabled: true,
      })
      .run();

    const before = suggestionsFor("canvas-market-tote", now);
    expect(before.length).toBeGreaterThan(0);
    expect(suggestionsFor("canvas-market-tote", now + 1_000)).toBe(before); // kept
    expect(before.every((s) => s.offer?.name !== "Half-price charms from noon")).toBe(true);

    const after = suggestionsFor("canvas-market-tote", start + 1_000);
    expect(after.every((s) => s.offer?.name === "Half-price charms from noon")).toBe(true);
    expect(after[0]!.bundlePriceCents).toBe(Math.round(after[0]!.regularPriceCents / 2));

    const top = after[0]!;
    for (const v of top.product.variants) setStock(v.sku, 0);
    expect(suggestionsFor("canvas-market-tote", start + 2_000).map((s) => s.product.id)).not.toContain(top.product.id);

    const second = suggestionsFor("canvas-market-tote", start + 3_000)[0]!;
    expect(suggestionsFor("canvas-market-tote", start + 3_000, [second.product.id]).map((s) => s.product.id)).not.toContain(second.product.id);
  });
});
