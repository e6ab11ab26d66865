import { describe, expect, it } from "vitest";
import { renderSitemap, sitemapEntries } from "~/domain/sitemap";
import { jsonForScript, productJsonLd } from "~/domain/structured-data";
import { seedCatalog } from "../fixtures/catalog";

const ORIGIN = "https://shop.example";

function ld(stock: Record<string, number> = {}, colour = "Black") {
  const catalog = seedCatalog({ stock });
  const product = catalog.bySlug.get("calfskin-classic-tote")!;
  const variant = product.variants.find((v) => v.colourName === colour)!;
  return {
    variant,
    data: productJsonLd({
      product,
      variant,
      origin: ORIGIN,
      imageUrl: variant.imageUrl,
      crumbs: [
        { name: "Home", path: "/" },
        { name: "Totes", path: "/collections/totes" },
        { name: product.name, path: `/products/${product.slug}` },
      ],
    }),
  };
}

const availability = (data: ReturnType<typeof productJsonLd>) => (data["@graph"][0] as { offers: { availability: string } }).offers.availability;

describe("product JSON-LD", () => {
  it("describes the product and its offer at the catalog price, with brand, colour, material and size", () => {
    const { data, variant } = ld();
    const [product, crumbs] = data["@graph"] as [{ image: string[]; size: string }, unknown];
    expect(data["@context"]).toBe("https://schema.org");
    expect(product).toMatchObject({
      "@type": "Product",
      name: "Calfskin Classic Tote",
      sku: variant.sku,
      brand: { "@type": "Brand", name: "Tote & Charm" },
      color: "Black",
      material: "Calfskin",
      url: `${ORIGIN}/products/calfskin-classic-tote?colour=black`,
      offers: { "@type": "Offer", price: "420.00", priceCurrency: "USD", availability: "https://schema.org/InStock" },
    });
    expect(product.image[0]).toMatch(/^https:\/\/shop\.example\//);
    expect(product!.size).toMatch(/cm/);
    expect(crumbs).toMatchObject({
      "@type": "BreadcrumbList",
      itemListElement: [
        { position: 1, name: "Home", item: `${ORIGIN}/` },
        { position: 2, name: "Totes", item: `${ORIGIN}/collections/totes` },
        { position: 3, name: "Calfskin Classic Tote", item: `${ORIGIN}/products/calfskin-classic-tote` },
      ],
    });
  });

  it("takes availability from stock: sold out, a few left, in stock", () => {
    const sku = ld().variant.sku;
    expect(availability(ld({ [sku]: 0 }).data)).toBe("https://schema.org/OutOfStock");
    expect(availability(ld({ [sku]: 2 }).data)).toBe("https://schema.org/LimitedAvailability");
    expect(availability(ld({ [sku]: 50 }).data)).toBe("https://schema.org/InStock");
  });

  it("is escaped for a script tag and parses back unchanged", () => {
    const hostile = { name: "</script><script>alert(1)</script> <!-- & \u2028 \u2029" };
    const text = jsonForScript(hostile);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(hostile);
    expect(JSON.parse(jsonForScript(ld().data))).toEqual(ld().data);
  });
});

describe("sitemap", () => {
  it("lists home, collections, every active product with its update time, and the info pages", () => {
    const catalog = seedCatalog();
    const times = new Map(catalog.products.map((p, i) => [p.id, Date.UTC(2026, 10, 1 + (i % 20))]));
    const entries = sitemapEntries(catalog.products, times);
    const paths = entries.map((e) => e.path);
    for (const p of catalog.products) expect(paths).toContain(`/products/${p.slug}`);
    expect(paths).toEqual(expect.arrayContaining(["/", "/collections/totes", "/collections/all", "/shipping-returns", "/about", "/contact", "/faq"]));
    const xml = renderSitemap("https://shop.example", entries);
    expect(xml).toContain("<loc>https://shop.example/products/calfskin-classic-tote</loc><lastmod>2026-11-");
    expect(renderSitemap("https://a.example/?x=1&y=<2>", [{ path: "/", updatedAt: null }])).toContain("<loc>https://a.example/?x=1&amp;y=&lt;2&gt;/</loc>");
  });
});
