import { describe, expect, it } from "vitest";
import { loader as collectionLoader } from "~/routes/collections.$handle";
import { loader as productLoader } from "~/routes/products.$slug";
import { loader as homeLoader } from "~/routes/_index";
import { loader as healthLoader } from "~/routes/healthz";
import { loader as notFoundLoader } from "~/routes/$";
import { db, setStock } from "../helpers/db";
import { getRequest, run } from "../helpers/remix";
import { eq } from "drizzle-orm";
import { products } from "../../db/schema";

type CollectionData = {
  collection: { title: string };
  products: { slug: string; priceCents: number; soldOut: boolean }[];
  total: number;
  filters: { sort: string; colours: string[] };
};

async function collection(handle: string, search = "") {
  const res = await run(collectionLoader, getRequest(`/collections/${handle}${search}`), { handle });
  return { status: res.status, data: res.status === 200 ? ((await res.json()) as CollectionData) : null };
}

async function product(slug: string, search = "") {
  const res = await run(productLoader, getRequest(`/products/${slug}${search}`), { slug });
  return { status: res.status, data: res.status === 200 ? ((await res.json()) as any) : null };
}

describe("collection loader", () => {
  it.each(["totes", "micro-bags", "mini-bags", "kids", "all"])("serves /collections/%s", async (handle) => {
    const { status, data } = await collection(handle);
    expect(status).toBe(200);
    expect(data!.products.length).toBeGreaterThan(0);
  });

  it("answers 404 for an unknown collection", async () => {
    expect((await collection("hats")).status).toBe(404);
  });

  it("filters and sorts from the URL", async () => {
    const { data } = await collection("totes", "?colour=black&sort=price-asc");
    expect(data!.filters).toMatchObject({ sort: "price-asc", colours: ["black"] });
    const prices = data!.products.map((p) => p.priceCents);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(data!.products.length).toBeLessThan(data!.total);
    const none = await collection("totes", "?material=faux%20fur");
    expect(none.data!.products).toEqual([]);
  });

  it("hides draft products and marks sold-out ones", async () => {
    db.update(products).set({ status: "draft" }).where(eq(products.slug, "neon-micro-tote")).run();
    const { data } = await collection("micro-bags");
    expect(data!.products.map((p) => p.slug)).not.toContain("neon-micro-tote");
    expect(data!.products.find((p) => p.slug === "sold-out-micro-sphere")?.soldOut).toBe(true);
    db.update(products).set({ status: "active" }).where(eq(products.slug, "neon-micro-tote")).run();
    expect((await collection("micro-bags")).data!.products.map((p) => p.slug)).toContain("neon-micro-tote");
  });
});

describe("product loader", () => {
  it("shows a tote in the chosen colour with its size class", async () => {
    const { status, data } = await product("canvas-market-tote", "?colour=navy");
    expect(status).toBe(200);
    expect(data.variant).toMatchObject({ sku: "TOT-CMK-NAVY", colourName: "Navy", priceCents: 12000 });
    expect(data.product.sizeClass).toBe("Oversized (35 cm and up)");
    expect(data.product.dimensions).toBe("38 × 33 × 14 cm");
    expect(data.colours.map((c: { name: string }) => c.name)).toEqual(["Black", "Cream", "Navy"]);
  });

  it("says how many are left and when a colour is sold out", async () => {
    const limited = await product("holiday-glitter-micro-duffle");
    expect(limited.data.variant.stock).toEqual({ kind: "low", label: "Only 3 left" });
    const sphere = await product("sold-out-micro-sphere");
    expect(sphere.data.variant.stock).toEqual({ kind: "sold_out", label: "Sold out" });
  });

  it("sees stock changes at once (the catalog cache follows the database)", async () => {
    setStock("TOT-LSL-STONE", 1);
    expect((await product("lambskin-slouch-tote", "?colour=stone")).data.variant.stock.label).toBe("Only 1 left");
    setStock("TOT-LSL-STONE", 0);
    expect((await product("lambskin-slouch-tote", "?colour=stone")).data.variant.stock.label).toBe("Sold out");
  });

  it("answers 404 for an unknown product", async () => {
    expect((await product("no-such-bag")).status).toBe(404);
  });
});

describe("home, health and unknown pages", () => {
  it("features totes and micro bags on the home page", async () => {
    const res = await run(homeLoader, getRequest("/"));
    const data = (await res.json()) as { totes: unknown[]; charms: { soldOut: boolean }[] };
    expect(data.totes.length).toBe(4);
    expect(data.charms.length).toBeGreaterThan(3);
    expect(data.charms.every((c) => !c.soldOut)).toBe(true);
  });

  it("reports health as JSON", async () => {
    const res = await run(healthLoader, getRequest("/healthz"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "ok" });
  });

  it("answers 404 for any unknown URL", async () => {
    const res = await run(notFoundLoader, getRequest("/nowhere"));
    expect(res.status).toBe(404);
  });
});
