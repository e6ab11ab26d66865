// Every product's pictures, as the routes serve them: one drawing per product,
// a gallery whose every picture answers as a small SVG, staff photos first.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bumpCatalogVersion, getCatalog } from "~/models/catalog.server";
import { loader as artLoader } from "~/routes/art.$style.$file";
import { loader as homeLoader } from "~/routes/_index";
import { loader as previewLoader } from "~/routes/previews.$tote.$charm";
import { loader as productLoader } from "~/routes/products.$slug";
import { variants } from "../../db/schema";
import { db } from "../helpers/db";
import { getRequest, run } from "../helpers/remix";

type Picture = { view: string; label: string; url: string; alt: string };

/** Fetch a picture URL through the route that serves it. */
async function fetchPicture(url: string): Promise<Response> {
  const art = /^\/art\/([^/]+)\/([^/]+)$/.exec(url);
  if (art) return run(artLoader, getRequest(url), { style: art[1]!, file: art[2]! });
  const preview = /^\/previews\/([^/]+)\/([^/]+)$/.exec(url);
  if (preview) return run(previewLoader, getRequest(url), { tote: preview[1]!, charm: preview[2]! });
  throw new Error(`No route for ${url}`);
}

async function gallery(slug: string, search = ""): Promise<{ pictures: Picture[]; selected: number }> {
  const res = await run(productLoader, getRequest(`/products/${slug}${search}`), { slug });
  expect(res.status).toBe(200);
  return ((await res.json()) as { gallery: { pictures: Picture[]; selected: number } }).gallery;
}

/** The drawing itself: the title names the style and colour, and ids are hashes; neither makes two drawings different. */
const drawingOnly = (svg: string) => svg.replace(/<title>.*?<\/title>/, "").replace(/\b(id="|url\(#|href="#)[a-z][a-z0-9]{4}/g, "$1");

const BUDGET = { front: 8 * 1024, detail: 8 * 1024, preview: 16 * 1024 };

describe("product pictures", () => {
  it("gives every product a drawing of its own (the served SVG bytes differ, colour for colour)", async () => {
    const catalog = getCatalog();
    expect(catalog.products.length).toBeGreaterThan(25);
    // The same colour and finish for every product, so only the drawing can tell them apart…
    const sameColour = new Map<string, string>();
    // …and each product's own first colour, as shoppers see it.
    const asSold = new Map<string, string>();
    for (const product of catalog.products) {
      const variant = product.variants[0]!;
      const own = await fetchPicture(variant.imageUrl);
      expect(own.status, variant.imageUrl).toBe(200);
      asSold.set(product.slug, drawingOnly(await own.text()));
      const neutral = await fetchPicture(`/art/${product.artStyle}/b9855a-gold.svg`);
      sameColour.set(product.slug, drawingOnly(await neutral.text()));
    }
    for (const drawings of [sameColour, asSold]) {
      const bySvg = new Map<string, string[]>();
      for (const [slug, svg] of drawings) bySvg.set(svg, [...(bySvg.get(svg) ?? []), slug]);
      const shared = [...bySvg.values()].filter((slugs) => slugs.length > 1);
      expect(shared).toEqual([]);
    }
  });

  it("draws to one scale: a 9 cm micro bag is drawn narrower than a 34 cm tote", async () => {
    const scaleOf = async (url: string) => Number(/scale\(([\d.]+)\)/.exec(await (await fetchPicture(url)).text())![1]);
    const tote = getCatalog().bySlug.get("vegan-leather-city-tote")!;
    const micro = getCatalog().bySlug.get("micro-duffle")!;
    const toteScale = await scaleOf(tote.variants[0]!.imageUrl);
    const microScale = await scaleOf(micro.variants[0]!.imageUrl);
    // Both drawings are 200 units wide at the front panel: the scale is the drawn width.
    expect(microScale / toteScale).toBeLessThan(0.7);
    expect(microScale / toteScale).toBeGreaterThan(9 / 34);
  });

  it("serves every picture of every product's gallery as a small cached SVG", async () => {
    const catalog = getCatalog();
    for (const product of catalog.products) {
      for (const variant of product.variants) {
        const colour = variant.colourName.toLowerCase().replace(/\s+/g, "-");
        const { pictures } = await gallery(product.slug, `?colour=${encodeURIComponent(colour)}`);
        const views = pictures.map((p) => p.view);
        expect(views.slice(0, 2), product.slug).toEqual(["front", "detail"]);
        if (product.kind === "micro") expect(views, product.slug).toContain("on-a-tote");
        for (const picture of pictures) {
          expect(picture.alt, picture.url).toContain(product.name);
          const res = await fetchPicture(picture.url);
          expect(res.status, picture.url).toBe(200);
          expect(res.headers.get("Content-Type")).toBe("image/svg+xml");
          expect(res.headers.get("Cache-Control")).toMatch(/^public, max-age=\d+/);
          const svg = await res.text();
          expect(svg).toMatch(/<svg [^>]*width="400" height="400"/);
          const budget = picture.view === "front" ? BUDGET.front : picture.view === "detail" ? BUDGET.detail : BUDGET.preview;
          expect(Buffer.byteLength(svg), picture.url).toBeLessThan(budget);
        }
      }
    }
  });

  it("shows totes with a micro bag that fits, and none on a tote whose handles take no clasp", async () => {
    const market = await gallery("canvas-market-tote");
    const withCharm = market.pictures.find((p) => p.view === "with-micro-bag");
    expect(withCharm?.url).toMatch(/^\/previews\/TOT-CMK-BLACK\/MIC-[A-Z-]+\.svg$/);
    expect(withCharm?.alt).toMatch(/clipped to its handle/);
    const micro = await gallery("micro-duffle");
    expect(micro.pictures.find((p) => p.view === "on-a-tote")?.url).toMatch(/^\/previews\/TOT-[A-Z-]+\/MIC-DUF-LIME\.svg$/);
  });

  it("opens the picture the URL names (a thumbnail without JavaScript)", async () => {
    const { pictures, selected } = await gallery("croc-micro-box", "?colour=black&view=detail");
    expect(pictures[selected]!.view).toBe("detail");
    expect((await gallery("croc-micro-box", "?view=nonsense")).selected).toBe(0);
    expect((await gallery("croc-micro-box", "?view=photo-99")).selected).toBe(0);
  });

  it("puts a photo staff uploaded first, and keeps the drawings after it", async () => {
    const photo = `/images/${"ab".repeat(32)}-600.webp`;
    db.update(variants).set({ imageUrl: photo }).where(eq(variants.sku, "TOT-CRO-BLACK")).run();
    bumpCatalogVersion();
    try {
      const { pictures } = await gallery("croc-embossed-vegan-tote", "?colour=black");
      expect(pictures[0]).toMatchObject({ view: "photo", url: photo });
      expect(pictures.map((p) => p.view)).toContain("detail");
    } finally {
      db.update(variants).set({ imageUrl: "/art/tote-croc/1b1b1d-gold.svg" }).where(eq(variants.sku, "TOT-CRO-BLACK")).run();
      bumpCatalogVersion();
    }
  });

  it("shows a tote with a micro bag clipped to its handle in the home hero, and says so", async () => {
    const res = await run(homeLoader, getRequest("/"));
    const { hero } = (await res.json()) as { hero: { imageUrl: string; alt: string } };
    expect(hero.imageUrl).toMatch(/^\/previews\/TOT-[A-Z-]+\/MIC-[A-Z-]+\.svg$/);
    const [, toteSku, microSku] = /^\/previews\/([^/]+)\/([^/]+)\.svg$/.exec(hero.imageUrl)!;
    const catalog = getCatalog();
    const tote = catalog.byId.get(catalog.variantsBySku.get(toteSku!)!.productId)!;
    const micro = catalog.byId.get(catalog.variantsBySku.get(microSku!)!.productId)!;
    expect(hero.alt).toContain(tote.name);
    expect(hero.alt).toContain(micro.name);
    expect(hero.alt).toMatch(/clipped to its handle/);
    const svg = await (await fetchPicture(hero.imageUrl)).text();
    expect(svg).toContain('data-part="tote"');
    expect(svg).toContain('data-part="charm"');
  });
});
