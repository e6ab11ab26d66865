// Search results and content pages in the page cache, over real HTTP with two
// shop processes on one database and staff edits written by a third
// connection: every spelling of one search is one cached page, a search that
// found nothing is never kept, made-up queries cannot evict catalog pages
// (their own small budget), and a price, a draft product or a shipping change
// shows on the very next request in both processes.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { HttpShopper, type ShopResponse } from "../helpers/http-shopper";
import { startShop, tempDatabaseFile, type RunningShop } from "../helpers/server";

vi.setConfig({ testTimeout: 120_000 });

const shops: RunningShop[] = [];
let small: RunningShop;
let staff: Database.Database;

const HEART = "metallic-micro-heart";
const TOTE_PAGE = "/products/vegan-leather-city-tote";
const CONTENT_PAGES = ["/about", "/faq", "/shipping-returns", "/contact"];

beforeAll(async () => {
  const file = tempDatabaseFile("shop-page-cache-search-");
  shops.push(await startShop({ databaseFile: file }));
  shops.push(await startShop({ databaseFile: file }));
  // A small cache (512 KB: 64 KB of it for searches) on a database of its own, for the budget test.
  small = await startShop({ databaseFile: tempDatabaseFile("shop-page-cache-small-"), env: { PAGE_CACHE_MB: "0.5" } });
  staff = new Database(file);
  staff.pragma("busy_timeout = 5000");
}, 60_000);

afterAll(async () => {
  staff?.close();
  await Promise.all([...shops, small].filter(Boolean).map((s) => s.stop()));
});

async function visit(shop: RunningShop, path: string, headers: Record<string, string> = {}): Promise<ShopResponse & { html: string }> {
  const res = await new HttpShopper(shop.url).request(path, { headers });
  return Object.assign(res, { html: await res.text() });
}

const cacheState = async (shop: RunningShop, path: string) => (await visit(shop, path)).headers.get("X-Page-Cache");

describe("search result pages", () => {
  it("every spelling of one search is one cached page, with the same HTML as a fresh render", async () => {
    const shop = shops[0]!;
    const first = await visit(shop, "/search?q=canvas+tote");
    expect(first.headers.get("X-Page-Cache")).toBe("miss");
    expect(first.html).toContain("match “canvas tote”");
    for (const spelling of ["/search?q=canvas%20tote", "/search?q=%20canvas%20%20tote%20", "/search?q=canvas%09tote&q=other"]) {
      const again = await visit(shop, spelling);
      expect(again.headers.get("X-Page-Cache"), spelling).toBe("hit");
      expect(again.html, spelling).toBe(first.html);
    }
    // Case is shown as typed, so it is another page.
    expect(await cacheState(shop, "/search?q=Canvas+tote")).toBe("miss");
    // A shopper with a cart gets the same results rendered for them.
    const shopper = new HttpShopper(shop.url);
    await shopper.post("/cart", { intent: "add", sku: "TOT-VCT-BLACK", quantity: "1" });
    const mine = await shopper.get("/search?q=canvas+tote");
    expect(mine.headers.get("X-Page-Cache")).toBeNull();
    expect(mine.headers.get("Cache-Control")).toBe("private, no-store");
    expect(await mine.text()).toMatch(/data-testid="cart-count"[^>]*>1</);
  });

  it("the search page without a query is cached; a search that found nothing, or other parameters, never", async () => {
    const shop = shops[0]!;
    await visit(shop, "/search");
    expect(await cacheState(shop, "/search")).toBe("hit");
    expect(await cacheState(shop, "/search?q=")).toBe("hit");
    for (const path of ["/search?q=zzqqxx", "/search?q=lime&utm_source=x"]) {
      const page = await visit(shop, path);
      expect(page.status, path).toBe(200);
      expect(page.headers.get("X-Page-Cache"), path).not.toBe("hit");
      expect((await visit(shop, path)).headers.get("X-Page-Cache"), path).not.toBe("hit");
    }
    // A search without results is still answered in full, privately.
    const nothing = await visit(shop, "/search?q=zzqqxx");
    expect(nothing.html).toContain("Nothing matches “zzqqxx”");
    expect(nothing.headers.get("Cache-Control")).toBe("private, no-store");
  });

  it("a price change and a product set to draft show at once in results, in both processes", async () => {
    const path = "/search?q=heart";
    for (const shop of shops) {
      await visit(shop, path);
      const page = await visit(shop, path);
      expect(page.headers.get("X-Page-Cache")).toBe("hit");
      expect(page.html).toContain(`/products/${HEART}"`);
    }
    staff.prepare("UPDATE variants SET price_cents = 5432 WHERE product_id = (SELECT id FROM products WHERE slug = ?)").run(HEART);
    for (const shop of shops) expect((await visit(shop, path)).html, `price on ${shop.port}`).toContain("$54.32");
    staff.prepare("UPDATE products SET status = 'draft' WHERE slug = ?").run(HEART);
    for (const shop of shops) {
      const page = await visit(shop, path);
      expect(page.html, `draft on ${shop.port}`).not.toContain(`/products/${HEART}"`);
    }
    staff.prepare("UPDATE products SET status = 'active' WHERE slug = ?").run(HEART);
  });

  it("any number of queries cannot evict catalog pages: they compete for their own small share", async () => {
    await visit(small, TOTE_PAGE);
    await visit(small, "/");
    const queries = ["lime", "calfskin", "canvas", "evening", "black", "tote", "micro", "leather", "cream", "silver", "work", "pink"];
    for (const q of queries) expect(await cacheState(small, `/search?q=${q}`), q).toBe("miss");
    // The last query is kept; the first ones made room for the later ones.
    expect(await cacheState(small, `/search?q=${queries.at(-1)}`)).toBe("hit");
    expect(await cacheState(small, `/search?q=${queries[0]}`)).toBe("miss");
    expect(await cacheState(small, TOTE_PAGE)).toBe("hit");
    expect(await cacheState(small, "/")).toBe("hit");
  });
});

describe("content pages", () => {
  it("are cached for first visits, with the headers of a cached page; a shopper with a cart gets their own", async () => {
    const shop = shops[1]!;
    const shopper = new HttpShopper(shop.url);
    await shopper.post("/cart", { intent: "add", sku: "TOT-VCT-BLACK", quantity: "1" });
    for (const path of CONTENT_PAGES) {
      await visit(shop, path);
      const page = await visit(shop, path, { "Accept-Encoding": "gzip" });
      expect(page.headers.get("X-Page-Cache"), path).toBe("hit");
      expect(page.headers.get("Cache-Control"), path).toMatch(/^public, max-age=0, s-maxage=\d+/);
      expect(page.headers.get("ETag"), path).toMatch(/-gz"$/);
      expect(page.headers.get("Content-Security-Policy"), path).toMatch(/'sha256-/);
      expect(page.headers.getSetCookie(), path).toEqual([]);
      expect((await visit(shop, path, { "If-None-Match": page.headers.get("ETag")!, "Accept-Encoding": "gzip" })).status, path).toBe(304);
      expect((await visit(shop, path)).html, path).toMatch(/data-testid="cart-count"[^>]*>0</);
      // With a cart: rendered for them.
      const mine = await shopper.get(path);
      expect(mine.headers.get("X-Page-Cache"), path).toBeNull();
      expect(mine.headers.get("Cache-Control"), path).toBe("private, no-store");
      expect(await mine.text(), path).toMatch(/data-testid="cart-count"[^>]*>1</);
    }
    expect(await cacheState(shop, "/about?x=1")).toBeNull();
  });

  it("a shipping price change (as the shipping model writes it: the row and the catalog's version) shows at once in both processes", async () => {
    for (const shop of shops) {
      await visit(shop, "/shipping-returns");
      const page = await visit(shop, "/shipping-returns");
      expect(page.headers.get("X-Page-Cache")).toBe("hit");
      expect(page.html).toContain("$8.00");
    }
    staff.transaction(() => {
      staff.prepare("UPDATE shipping_methods SET price_cents = 765 WHERE name = 'Standard'").run();
      staff.prepare("UPDATE catalog_version SET version = version + 1 WHERE id = 1").run();
    })();
    for (const shop of shops) {
      const page = await visit(shop, "/shipping-returns");
      expect(page.html, `on ${shop.port}`).toContain("$7.65");
      expect(page.html).not.toContain("$8.00");
    }
  });
});
