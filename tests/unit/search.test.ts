import { describe, expect, it } from "vitest";
import { buildSearch, MAX_QUERY_LENGTH, normaliseQuery, searchProducts, suggestProducts } from "~/domain/search";
import { seedCatalog } from "../fixtures/catalog";

const search = buildSearch(seedCatalog());
const slugs = (q: string) => searchProducts(search, q).map((h) => h.product.slug);

describe("shop search on the seeded catalog", () => {
  it("finds a colour by name and with a typo ('lmie' → lime), showing that colour", () => {
    const exact = searchProducts(search, "lime");
    expect(exact.length).toBeGreaterThan(0);
    for (const hit of exact) expect(hit.product.variants.map((v) => v.colourName)).toContain("Lime");
    expect(exact.every((h) => h.colour === "lime")).toBe(true);
    const typo = slugs("lmie");
    expect(typo).toContain("micro-duffle");
    expect(typo).toEqual(expect.arrayContaining(exact.map((h) => h.product.slug)));
    const first = searchProducts(search, "lmie")[0]!;
    expect(first.product.variants.map((v) => v.colourName)).toContain("Lime");
    expect(first.colour).toBe("lime");
  });

  it("tolerates typos in materials and kinds", () => {
    expect(slugs("calfskni").slice(0, 2)).toEqual(expect.arrayContaining(["calfskin-classic-tote"]));
    expect(slugs("totte").length).toBeGreaterThan(5);
  });

  it("ranks a name match above a description-less match and needs every word when it can", () => {
    expect(slugs("canvas market")[0]).toBe("canvas-market-tote");
    const blackCalfskin = searchProducts(search, "black calfskin");
    expect(blackCalfskin.length).toBeGreaterThan(0);
    for (const hit of blackCalfskin) {
      expect(hit.product.material).toBe("Calfskin");
      expect(hit.product.variants.some((v) => v.colourName === "Black")).toBe(true);
    }
  });

  it("searches kinds and occasions in shoppers' words", () => {
    const charms = searchProducts(search, "charm");
    expect(charms.length).toBeGreaterThan(3);
    expect(charms.every((h) => h.product.kind === "micro")).toBe(true);
    const evening = searchProducts(search, "evening");
    expect(evening.length).toBeGreaterThan(0);
    expect(evening.every((h) => h.product.occasions.includes("evening") || /evening/i.test(h.product.name) || h.product.kind === "clutch")).toBe(true);
  });

  it("matches the start of a word, for suggestions as you type", () => {
    expect(suggestProducts(search, "croc").map((h) => h.product.slug)).toContain("croc-embossed-vegan-tote");
    expect(suggestProducts(search, "c")).toEqual([]);
    expect(suggestProducts(search, "tote").length).toBeLessThanOrEqual(6);
  });

  it("returns nothing, without throwing, for empty, odd or hostile queries", () => {
    for (const q of ["", "   ", "\u0000\u200b", "<script>alert(1)</script>", "' OR 1=1 --", "💼👜", "a".repeat(10_000), "\ud800", "**~~^^", "AND OR NOT"]) {
      expect(() => searchProducts(search, q)).not.toThrow();
    }
    expect(searchProducts(search, "")).toEqual([]);
    expect(searchProducts(search, "qqqqzzzz")).toEqual([]);
  });

  it("cleans what was typed: control and invisible characters, spaces, length", () => {
    expect(normaliseQuery("  black\u0000\u200b   tote\n")).toBe("black tote");
    expect(normaliseQuery("x".repeat(500)).length).toBe(MAX_QUERY_LENGTH);
    expect(normaliseQuery("Cre\u0300me")).toBe("Crème");
    expect(normaliseQuery(null)).toBe("");
  });
});
