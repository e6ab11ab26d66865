import { describe, expect, it } from "vitest";
import { buildCatalog, pickVariantByColour, stockStatus } from "~/domain/catalog";
import { filterOptions, filterProducts, filtersToSearch, findCollection, parseFilters } from "~/domain/collections";
import { seedCatalog } from "../fixtures/catalog";

const catalog = seedCatalog();
const collection = (handle: string) => catalog.products.filter(findCollection(handle)!.includes);

describe("collections", () => {
  it("groups the catalog", () => {
    expect(collection("totes").every((p) => p.kind === "tote")).toBe(true);
    expect(collection("totes").length).toBeGreaterThanOrEqual(8);
    expect(collection("micro-bags").length).toBeGreaterThanOrEqual(12);
    expect(collection("micro-bags").every((p) => p.sizeClass === "micro")).toBe(true);
    expect(collection("kids").every((p) => p.isKids)).toBe(true);
    expect(collection("mini-bags").some((p) => p.isKids)).toBe(false);
    expect(collection("all")).toHaveLength(catalog.products.length);
    expect(findCollection("hats")).toBeUndefined();
  });

  it("reads filters from the URL and ignores nonsense", () => {
    const f = parseFilters(new URLSearchParams("colour=Black&colour=cream,navy&material=canvas&min=50&max=abc&sort=price-desc"));
    expect(f).toEqual({
      colours: ["black", "cream", "navy"],
      materials: ["canvas"],
      occasions: [],
      minCents: 5000,
      maxCents: null,
      sort: "price-desc",
    });
    expect(parseFilters(new URLSearchParams("sort=__proto__")).sort).toBe("featured");
    expect(parseFilters(new URLSearchParams("min=-5")).minCents).toBeNull();
  });

  it("filters by colour, material, occasion and price together", () => {
    const totes = collection("totes");
    const black = filterProducts(totes, parseFilters(new URLSearchParams("colour=black")));
    expect(black.length).toBeGreaterThan(0);
    expect(black.every((p) => p.variants.some((v) => v.colourName === "Black"))).toBe(true);

    const canvas = filterProducts(totes, parseFilters(new URLSearchParams("material=canvas")));
    expect(canvas.map((p) => p.material)).toEqual(canvas.map(() => "Canvas"));

    const evening = filterProducts(totes, parseFilters(new URLSearchParams("occasion=evening")));
    expect(evening.every((p) => p.occasions.includes("evening"))).toBe(true);

    const cheap = filterProducts(totes, parseFilters(new URLSearchParams("max=150")));
    expect(cheap.map((p) => p.slug).sort()).toEqual(["canvas-market-tote", "striped-canvas-beach-tote"]);

    const both = filterProducts(totes, parseFilters(new URLSearchParams("colour=black&max=200")));
    expect(both.map((p) => p.slug).sort()).toEqual(["canvas-market-tote", "vegan-leather-city-tote"]);
  });

  it("sorts by featured, price and newest", () => {
    const totes = collection("totes");
    const asc = filterProducts(totes, parseFilters(new URLSearchParams("sort=price-asc")));
    expect(asc.map((p) => p.minPriceCents)).toEqual([...asc.map((p) => p.minPriceCents)].sort((a, b) => a - b));
    const desc = filterProducts(totes, parseFilters(new URLSearchParams("sort=price-desc")));
    expect(desc[0]!.minPriceCents).toBe(Math.max(...totes.map((p) => p.minPriceCents)));
    const newest = filterProducts(totes, parseFilters(new URLSearchParams("sort=newest")));
    expect(newest[0]!.createdAt).toBe(Math.max(...totes.map((p) => p.createdAt)));
    const featured = filterProducts(totes, parseFilters(new URLSearchParams("")));
    expect(featured.map((p) => p.featuredRank)).toEqual([...featured.map((p) => p.featuredRank)].sort((a, b) => a - b));
  });

  it("offers the filter choices the collection has", () => {
    const options = filterOptions(collection("totes"));
    expect(options.materials.map((m) => m.value)).toEqual(["calfskin", "canvas", "lambskin", "vegan leather"]);
    expect(options.colours.find((c) => c.value === "black")?.count).toBe(5);
  });

  it("round-trips filters into a query string", () => {
    const f = parseFilters(new URLSearchParams("colour=black&min=50&sort=newest"));
    expect(filtersToSearch(f)).toBe("?colour=black&min=50&sort=newest");
    expect(filtersToSearch(parseFilters(new URLSearchParams()))).toBe("");
  });
});

describe("catalog snapshot", () => {
  it("leaves out drafts and products without variants", () => {
    const snapshot = buildCatalog(
      1,
      [
        { ...catalog.products[0]!, id: 1, status: "draft" },
        { ...catalog.products[1]!, id: 2, status: "active" },
        { ...catalog.products[2]!, id: 3, status: "active" },
      ],
      [{ ...catalog.products[1]!.variants[0]!, id: 10, productId: 2 }],
    );
    expect(snapshot.products.map((p) => p.id)).toEqual([2]);
  });

  it("computes what is available from on hand minus held", () => {
    const p = catalog.products[0]!;
    const snapshot = buildCatalog(1, [p], [{ ...p.variants[0]!, stockOnHand: 5, stockHeld: 3 }]);
    expect(snapshot.products[0]!.variants[0]!.available).toBe(2);
    expect(snapshot.products[0]!.available).toBe(2);
  });

  it("labels stock for shoppers", () => {
    expect(stockStatus({ available: 0, lowStockThreshold: 3 })).toEqual({ kind: "sold_out", label: "Sold out" });
    expect(stockStatus({ available: 2, lowStockThreshold: 3 })).toEqual({ kind: "low", label: "Only 2 left" });
    expect(stockStatus({ available: 12, lowStockThreshold: 3 }).kind).toBe("in_stock");
  });

  it("opens a product page on the chosen colour, else the first in stock", () => {
    const neon = catalog.bySlug.get("neon-micro-tote")!;
    expect(pickVariantByColour(neon, "hot-pink").colourName).toBe("Hot pink");
    expect(pickVariantByColour(neon, "nope").colourName).toBe("Orange");
    const camera = catalog.bySlug.get("micro-camera-bag")!;
    expect(pickVariantByColour(camera, null).colourName).toBe("White");
  });
});
