// The page cache over real HTTP, with two shop processes on one database and
// staff edits written by a third connection (this test): a price change, an
// offer change, a product set to draft and the last unit selling each show on
// the very next request to every page that shows them, in both processes.
// Shoppers with a cart never get a cached page, a cached page carries no
// cookie, filter addresses cannot grow the cache, and each kind of page gets
// its Cache-Control, ETag and 304.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { HttpShopper, type ShopResponse } from "../helpers/http-shopper";
import { startShop, tempDatabaseFile, type RunningShop } from "../helpers/server";

// Dozens of requests per test through two servers: generous on a busy machine (no timing is asserted).
vi.setConfig({ testTimeout: 120_000 });

const shops: RunningShop[] = [];
let staff: Database.Database;

const TOTE_PAGE = "/products/vegan-leather-city-tote";
const MICRO = "metallic-micro-heart";
const MICRO_PAGE = `/products/${MICRO}`;
const MICROS = "/collections/micro-bags";

beforeAll(async () => {
  const file = tempDatabaseFile("shop-page-cache-");
  shops.push(await startShop({ databaseFile: file }));
  shops.push(await startShop({ databaseFile: file }));
  staff = new Database(file);
  staff.pragma("busy_timeout = 5000");
}, 60_000);

afterAll(async () => {
  staff?.close();
  await Promise.all(shops.map((s) => s.stop()));
});

const anonymous = (shop: RunningShop) => new HttpShopper(shop.url);

/** GET as a first-time visitor (no cookie). */
async function visit(shop: RunningShop, path: string, headers: Record<string, string> = {}): Promise<ShopResponse & { html: string }> {
  const res = await anonymous(shop).request(path, { headers });
  return Object.assign(res, { html: await res.text() });
}

/** Every page on both processes, twice, so each is cached; the second read must be a hit. */
async function warm(paths: string[]) {
  for (const shop of shops) {
    for (const path of paths) {
      await visit(shop, path);
      const again = await visit(shop, path);
      expect(again.headers.get("X-Page-Cache"), `${path} cached`).toBe("hit");
    }
  }
}

describe("cached pages are never stale", () => {
  it("a price change shows at once on the product page, its collection and home, in both processes", async () => {
    await warm([MICRO_PAGE, MICROS, "/"]);
    staff.prepare("UPDATE variants SET price_cents = 4321 WHERE product_id = (SELECT id FROM products WHERE slug = ?)").run(MICRO);
    for (const shop of shops) {
      for (const path of [MICRO_PAGE, MICROS]) {
        const page = await visit(shop, path);
        expect(page.html, `${path} on ${shop.port}`).toContain("$43.21");
        expect(page.headers.get("X-Page-Cache")).toBe("miss");
      }
    }
  });

  it("an offer change shows at once on the tote and micro bag pages", async () => {
    await warm([TOTE_PAGE, MICRO_PAGE]);
    for (const shop of shops) expect((await visit(shop, MICRO_PAGE)).html).not.toContain("37% off");
    staff.prepare("UPDATE bundle_offers SET discount_value = 37 WHERE name = '15% off up to two micro bags with any tote'").run();
    for (const shop of shops) {
      expect((await visit(shop, MICRO_PAGE)).html, `micro page on ${shop.port}`).toContain("37% off");
      expect((await visit(shop, TOTE_PAGE)).html, `tote page on ${shop.port}`).toContain("37% off");
    }
  });

  it("a product set to draft is gone at once from its page and its collection", async () => {
    const row = staff.prepare("SELECT slug FROM products WHERE kind = 'micro' AND slug != ? ORDER BY id LIMIT 1").get(MICRO) as { slug: string };
    const page = `/products/${row.slug}`;
    await warm([page, MICROS]);
    expect((await visit(shops[0]!, MICROS)).html).toContain(`/products/${row.slug}"`);
    staff.prepare("UPDATE products SET status = 'draft' WHERE slug = ?").run(row.slug);
    for (const shop of shops) {
      expect((await visit(shop, page)).status, `${page} on ${shop.port}`).toBe(404);
      expect((await visit(shop, MICROS)).html).not.toContain(`/products/${row.slug}"`);
    }
  });

  it("the last unit selling in one process shows as sold out at once in both", async () => {
    const sku = staff.prepare("SELECT v.sku FROM variants v JOIN products p ON p.id = v.product_id WHERE p.slug = ? ORDER BY v.position LIMIT 1").get(MICRO) as { sku: string };
    // One unit of the heart left in any colour, so the whole product sells out with it.
    staff.prepare("UPDATE variants SET stock_on_hand = CASE WHEN sku = ? THEN 1 ELSE 0 END, stock_held = 0 WHERE product_id = (SELECT id FROM products WHERE slug = ?)").run(sku.sku, MICRO);
    await warm([MICRO_PAGE, MICROS]);
    expect((await visit(shops[1]!, MICRO_PAGE)).html).toContain("Only 1 left");

    const buyer = new HttpShopper(shops[0]!.url);
    await buyer.post("/cart", { intent: "add", sku: sku.sku, quantity: "1" });
    const paying = (await buyer.post("/checkout", {})).headers.get("Location")!;
    const session = new URL(paying, shops[0]!.url).searchParams.get("session_id")!;
    const paid = await buyer.post("/checkout/test-payment", {
      intent: "pay",
      session_id: session,
      email: "last@example.com",
      name: "Last Buyer",
      line1: "1 Drop St",
      city: "Cache",
      postal_code: "1",
      country: "US",
    });
    expect(paid.status).toBe(303);

    for (const shop of shops) {
      const page = await visit(shop, MICRO_PAGE);
      expect(page.html, `product page on ${shop.port}`).toContain("Sold out");
      expect(page.html).not.toContain("Only 1 left");
      const listing = await visit(shop, MICROS);
      const card = listing.html.slice(listing.html.indexOf(`/products/${MICRO}"`));
      expect(card.slice(0, card.indexOf("</li>")), `collection on ${shop.port}`).toMatch(/Sold out/i);
    }
  });
});

describe("whose page", () => {
  it("a shopper with a cart never gets a cached page, and a cached page carries no cookie", async () => {
    const shop = shops[0]!;
    await warm([TOTE_PAGE, "/", MICROS]);
    const shopper = new HttpShopper(shop.url);
    const added = await shopper.post("/cart", { intent: "add", sku: "TOT-VCT-BLACK", quantity: "1" });
    expect(added.headers.getSetCookie().length).toBeGreaterThan(0);
    for (const path of [TOTE_PAGE, "/", MICROS]) {
      const mine = await shopper.get(path);
      expect(mine.headers.get("X-Page-Cache"), path).toBeNull();
      expect(mine.headers.get("Cache-Control"), path).toBe("private, no-store");
      expect(mine.headers.get("ETag"), path).toBeNull();
      expect(mine.headers.get("Content-Security-Policy"), path).toMatch(/'nonce-/);
      expect(await mine.text()).toMatch(/data-testid="cart-count"[^>]*>1</);
    }
    // The first visitor after them: a cached page, no cookie, an empty cart.
    for (const path of [TOTE_PAGE, "/", MICROS]) {
      const theirs = await visit(shop, path);
      expect(theirs.headers.get("X-Page-Cache"), path).toBe("hit");
      expect(theirs.headers.getSetCookie(), path).toEqual([]);
      expect(theirs.html).toMatch(/data-testid="cart-count"[^>]*>0</);
    }
  });
});

describe("bounds", () => {
  it("filter addresses cannot grow the cache: past 32 per collection, the least recently used one goes", async () => {
    const shop = shops[0]!;
    const urls = Array.from({ length: 33 }, (_, i) => `/collections/totes?min=${i + 1}`);
    for (const url of urls.slice(0, 32)) expect((await visit(shop, url)).headers.get("X-Page-Cache")).toBe("miss");
    expect((await visit(shop, urls[31]!)).headers.get("X-Page-Cache")).toBe("hit");
    await visit(shop, urls[32]!);
    expect((await visit(shop, urls[32]!)).headers.get("X-Page-Cache")).toBe("hit");
    expect((await visit(shop, urls[0]!)).headers.get("X-Page-Cache")).toBe("miss");
    // The collection itself, without filters, is not one of them.
    await visit(shop, "/collections/totes");
    expect((await visit(shop, "/collections/totes")).headers.get("X-Page-Cache")).toBe("hit");
  });

  it("addresses with other parameters, and data requests, are rendered per request", async () => {
    const shop = shops[0]!;
    for (const path of ["/collections/totes?utm_source=x", `${TOTE_PAGE}?_data=routes%2Fproducts.%24slug`, "/?x=1"]) {
      await visit(shop, path);
      expect((await visit(shop, path)).headers.get("X-Page-Cache"), path).toBeNull();
    }
  });
});

describe("HTTP caching per kind of page", () => {
  it("cached pages: public with s-maxage and stale-while-revalidate, a strong ETag per encoding, 304 on If-None-Match", async () => {
    const shop = shops[0]!;
    for (const path of ["/", MICROS, TOTE_PAGE]) {
      const page = await visit(shop, path, { "Accept-Encoding": "gzip" });
      expect(page.headers.get("Cache-Control"), path).toMatch(/^public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+$/);
      expect(page.headers.get("Vary")).toBe("Accept-Encoding, Cookie");
      const etag = page.headers.get("ETag")!;
      expect(etag, path).toMatch(/^"[A-Za-z0-9_-]+-gz"$/);
      const br = await visit(shop, path, { "Accept-Encoding": "br" });
      expect(br.headers.get("ETag")).not.toBe(etag);
      expect(br.headers.get("Content-Encoding")).toBe("br");
      const again = await visit(shop, path, { "Accept-Encoding": "gzip", "If-None-Match": etag });
      expect(again.status, path).toBe(304);
      expect(again.html).toBe("");
      expect(again.headers.get("ETag")).toBe(etag);
      const weak = await visit(shop, path, { "Accept-Encoding": "gzip", "If-None-Match": `"other", W/${etag}` });
      expect(weak.status).toBe(304);
      expect((await visit(shop, path, { "If-None-Match": '"other"' })).status).toBe(200);
    }
  });

  it("HEAD never stores an empty page, and is answered from the cache once the page is there", async () => {
    const shop = shops[1]!;
    const path = "/collections/totes?sort=price-asc";
    const head = await anonymous(shop).request(path, { method: "HEAD" });
    expect(head.status).toBe(200);
    const page = await visit(shop, path);
    expect(page.html).toContain("</html>");
    const again = await anonymous(shop).request(path, { method: "HEAD" });
    expect(again.headers.get("X-Page-Cache")).toBe("hit");
    expect(again.headers.get("ETag")).toBe(page.headers.get("ETag"));
    expect((await visit(shop, path)).html).toBe(page.html);
  });

  it("an ETag stops matching when the page changes", async () => {
    const shop = shops[1]!;
    const before = await visit(shop, TOTE_PAGE);
    staff.prepare("UPDATE variants SET price_cents = price_cents + 100 WHERE sku = 'TOT-VCT-BLACK'").run();
    expect((await visit(shop, TOTE_PAGE, { "If-None-Match": before.headers.get("ETag")! })).status).toBe(200);
  });

  it("pages with a cart or a session, and error pages: private, no-store", async () => {
    const shop = shops[0]!;
    const shopper = new HttpShopper(shop.url);
    await shopper.post("/cart", { intent: "add", sku: "TOT-VCT-BLACK", quantity: "1" });
    expect((await shopper.get("/cart")).headers.get("Cache-Control")).toBe("private, no-store");
    expect((await visit(shop, "/cart")).headers.get("Cache-Control")).toBe("private, no-store");
    expect((await visit(shop, "/admin/login")).headers.get("Cache-Control")).toBe("private, no-store");
    const missing = await visit(shop, "/products/no-such-bag");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("Cache-Control")).toBe("private, no-store");
    expect(missing.headers.get("X-Page-Cache")).toBeNull();
  });
});
