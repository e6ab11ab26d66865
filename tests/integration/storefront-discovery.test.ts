// Search, the information pages and what search engines read, over HTTP from
// the real production build: search pages (hostile input included), sitemap and
// robots, canonical and sharing tags, and product JSON-LD against the database.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShop, type RunningShop } from "../helpers/server";

let shop: RunningShop;

beforeAll(async () => {
  shop = await startShop({ env: { PUBLIC_URL: "https://shop.example" } });
});

afterAll(async () => {
  await shop?.stop();
});

async function get(path: string) {
  const res = await fetch(shop.url + path, { redirect: "manual" });
  return { status: res.status, type: res.headers.get("content-type") ?? "", text: await res.text() };
}

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(shop.databaseFile, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

function write(sql: string, ...params: unknown[]) {
  const db = new Database(shop.databaseFile);
  db.pragma("busy_timeout = 5000");
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

function jsonLd(html: string) {
  const match = /<script type="application\/ld\+json"[^>]*>([\s\S]*?)<\/script>/.exec(html);
  expect(match, "a JSON-LD script").toBeTruthy();
  return JSON.parse(match![1]!);
}

describe("search pages", () => {
  it("finds 'lmie' (lime) and shows product cards linking to the lime colour", async () => {
    const { status, text } = await get("/search?q=lmie");
    expect(status).toBe(200);
    expect(text).toContain('data-testid="search-results"');
    expect(text).toContain('href="/products/micro-duffle?colour=lime"');
  });

  it("suggests as you type, as JSON", async () => {
    const res = await fetch(`${shop.url}/search/suggest?q=calf`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { suggestions: { name: string; href: string }[] };
    expect(body.suggestions.length).toBeGreaterThan(0);
    expect(body.suggestions.length).toBeLessThanOrEqual(6);
    expect(body.suggestions.map((s) => s.name)).toContain("Calfskin Classic Tote");
  });

  it.each([
    ["empty", ""],
    ["spaces", "%20%20%20"],
    ["very long", "a".repeat(5000)],
    ["script", encodeURIComponent('<script>alert("x")</script>')],
    ["attribute breakout", encodeURIComponent('"><img src=x onerror=alert(1)>')],
    ["odd unicode", encodeURIComponent("\u202e\u200b👜 e\u0301\u0000")],
    ["lone surrogate", "%ED%A0%80"],
    ["bad percent", "%E0%A4%A"],
    ["repeated q", "a&q=b&q=c"],
    ["sql", encodeURIComponent("' OR 1=1; DROP TABLE products; --")],
  ])("answers %s queries with a normal page, the query escaped", async (_name, q) => {
    for (const path of [`/search?q=${q}`, `/search/suggest?q=${q}`]) {
      const { status, text } = await get(path);
      expect(status, path).toBe(200);
      expect(text).not.toContain("<script>alert");
      expect(text).not.toContain("<img src=x");
    }
  });

  it("shows what was searched for, escaped", async () => {
    const { text } = await get(`/search?q=${encodeURIComponent("<b>lime</b>")}`);
    expect(text).toContain("&lt;b&gt;lime&lt;/b&gt;");
  });
});

describe("information pages", () => {
  it.each(["/shipping-returns", "/about", "/contact", "/faq"])("serves %s, linked from the footer", async (path) => {
    const { status, text } = await get(path);
    expect(status).toBe(200);
    expect(text).toContain(`<link rel="canonical" href="https://shop.example${path}"/>`);
    const home = await get("/");
    expect(home.text).toContain(`href="${path}"`);
  });

  it("reads shipping prices and times from the shipping methods", async () => {
    write("UPDATE shipping_methods SET price_cents = 1234, min_days = 2, max_days = 9 WHERE id = (SELECT min(id) FROM shipping_methods)");
    write("UPDATE catalog_version SET version = version + 1 WHERE id = 1");
    const { text } = await get("/shipping-returns");
    expect(text).toContain("$12.34");
    expect(text).toContain("2–9 business days");
    expect(text).toContain("Free returns within 30 days");
  });
});

describe("search engines", () => {
  it("sitemap.xml lists every active product with its update time, and no draft", async () => {
    write("UPDATE products SET status = 'draft' WHERE slug = 'lambskin-slouch-tote'");
    const { status, type, text } = await get("/sitemap.xml");
    expect(status).toBe(200);
    expect(type).toContain("application/xml");
    const active = query<{ slug: string }>("SELECT slug FROM products WHERE status = 'active'");
    expect(active.length).toBeGreaterThan(10);
    for (const { slug } of active) expect(text).toMatch(new RegExp(`<loc>https://shop\\.example/products/${slug}</loc><lastmod>\\d{4}-`));
    expect(text).not.toContain("lambskin-slouch-tote");
    expect(text).toContain("<loc>https://shop.example/collections/totes</loc>");
    expect(text).toContain("<loc>https://shop.example/shipping-returns</loc>");
    write("UPDATE products SET status = 'active' WHERE slug = 'lambskin-slouch-tote'");
  });

  it("robots.txt points to the sitemap", async () => {
    const { status, text } = await get("/robots.txt");
    expect(status).toBe(200);
    expect(text).toContain("Sitemap: https://shop.example/sitemap.xml");
    expect(text).toContain("Disallow: /admin");
  });

  it("a product page carries canonical, Open Graph and Twitter tags with a picture that exists", async () => {
    const { text } = await get("/products/calfskin-classic-tote?colour=tan");
    expect(text).toContain('<link rel="canonical" href="https://shop.example/products/calfskin-classic-tote"/>');
    expect(text).toMatch(/<meta property="og:type" content="product"\/>/);
    expect(text).toMatch(/<meta name="twitter:card" content="summary_large_image"\/>/);
    const image = /<meta property="og:image" content="https:\/\/shop\.example(\/social\/[^"]+\.png)"\/>/.exec(text);
    expect(image).toBeTruthy();
    const png = await fetch(shop.url + image![1]!);
    expect(png.status).toBe(200);
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await png.arrayBuffer()).subarray(1, 4).toString()).toBe("PNG");
  });

  it("product JSON-LD parses and carries the database price and availability", async () => {
    const [variant] = query<{ id: number; sku: string }>("SELECT id, sku FROM variants WHERE sku = 'TOT-CCL-TAN'");
    expect(variant).toBeTruthy();
    write("UPDATE variants SET price_cents = 43210, stock_on_hand = 40, stock_held = 0 WHERE id = ?", variant!.id);
    let data = jsonLd((await get("/products/calfskin-classic-tote?colour=tan")).text);
    let product = data["@graph"].find((n: { "@type": string }) => n["@type"] === "Product");
    expect(product).toMatchObject({
      name: "Calfskin Classic Tote",
      color: "Tan",
      material: "Calfskin",
      brand: { name: "Tote & Charm" },
      offers: { price: "432.10", priceCurrency: "USD", availability: "https://schema.org/InStock", sku: variant!.sku },
    });
    const crumbs = data["@graph"].find((n: { "@type": string }) => n["@type"] === "BreadcrumbList");
    expect(crumbs.itemListElement.map((i: { name: string }) => i.name)).toEqual(["Home", "Totes", "Calfskin Classic Tote"]);

    write("UPDATE variants SET stock_on_hand = 0, stock_held = 0 WHERE id = ?", variant!.id);
    data = jsonLd((await get("/products/calfskin-classic-tote?colour=tan")).text);
    product = data["@graph"].find((n: { "@type": string }) => n["@type"] === "Product");
    expect(product.offers.availability).toBe("https://schema.org/OutOfStock");
  });

  it("a product name that looks like markup cannot break out of the JSON-LD script", async () => {
    write("UPDATE products SET name = ? WHERE slug = 'micro-duffle'", "Duffle </script><script>alert(1)</script>");
    const { status, text } = await get("/products/micro-duffle");
    expect(status).toBe(200);
    expect(text).not.toContain("<script>alert(1)");
    const product = jsonLd(text)["@graph"][0];
    expect(product.name).toBe("Duffle </script><script>alert(1)</script>");
    write("UPDATE products SET name = 'Micro Duffle' WHERE slug = 'micro-duffle'");
  });
});
