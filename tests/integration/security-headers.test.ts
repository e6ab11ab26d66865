// Security headers on every kind of HTML page the real server sends: shop
// pages, cart, payment and success pages, 404 and 405 error pages, the
// sign-in page and every back-office page. The CSP carries a fresh script
// nonce per response that every <script> in the page uses, or, on a page
// from the page cache, the hash of each of its inline scripts.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpShopper, type ShopResponse } from "../helpers/http-shopper";
import { ADMIN_EMAIL, ADMIN_ENV, ADMIN_PAGES, ADMIN_PASSWORD, MICRO_SKU, PUBLIC_PAGES, TOTE_SKU } from "../helpers/page-tour";
import { startShop, type RunningShop } from "../helpers/server";
import { recordFigures } from "../helpers/figures";

let shop: RunningShop;
let shopper: HttpShopper;
let admin: HttpShopper;
const pages: [string, string, HttpShopper, number][] = [];
const checked: string[] = [];

function directives(csp: string) {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name!.toLowerCase(), values] as const;
      }),
  );
}

/**
 * A page rendered for one response carries a fresh nonce that every script
 * uses; a page from the page cache (the same bytes for every visitor without
 * a cart) lists the hash of each inline script instead. Returns the nonce, or
 * null for a cached page.
 */
async function expectSecureHtml(name: string, res: ShopResponse): Promise<string | null> {
  expect(res.headers.get("Content-Type"), name).toMatch(/^text\/html/);
  const csp = res.headers.get("Content-Security-Policy");
  expect(csp, name).toBeTruthy();
  const d = directives(csp!);
  const scripts = d.get("script-src") ?? d.get("default-src")!;
  const nonce = scripts.find((s) => s.startsWith("'nonce-"))?.slice(7, -1) ?? null;
  const hashes = scripts.filter((s) => s.startsWith("'sha256-"));
  // Rendered for the page cache (kept, or not kept as a 404 is): hashes, no nonce.
  const cached = nonce === null;
  if (res.headers.get("X-Page-Cache") !== null) expect(nonce, `${name}: a cached page has no nonce`).toBeNull();
  if (cached) {
    expect(hashes.length, `${name}: script hashes`).toBeGreaterThan(0);
  } else {
    expect(nonce, `${name}: script nonce`).toMatch(/^[A-Za-z0-9+/]{20,}={0,2}$/);
  }
  expect(scripts, name).not.toContain("'unsafe-inline'");
  expect(scripts, name).not.toContain("'unsafe-eval'");
  expect(d.get("frame-ancestors"), name).toEqual(["'none'"]);
  expect(d.get("object-src"), name).toEqual(["'none'"]);
  expect(d.get("base-uri"), name).toEqual(["'none'"]);
  expect(res.headers.get("X-Content-Type-Options"), name).toBe("nosniff");
  expect(res.headers.get("Referrer-Policy"), name).toBe("strict-origin-when-cross-origin");
  // startShop runs NODE_ENV=production.
  expect(res.headers.get("Strict-Transport-Security"), name).toMatch(/^max-age=\d{8,}/);
  expect(res.headers.has("X-Powered-By"), name).toBe(false);
  const html = await res.text();
  const tags = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  expect(tags.length, `${name}: scripts`).toBeGreaterThan(0);
  for (const [, attributes, body] of tags) {
    if (cached) {
      // Every inline script is allowed by its hash, and nothing else inline is.
      if (/\ssrc=/.test(attributes!)) continue;
      const hash = `'sha256-${crypto.createHash("sha256").update(body!, "utf8").digest("base64")}'`;
      expect(hashes, name).toContain(hash);
    } else {
      // Every script in the page runs under this response's nonce.
      expect(attributes, name).toContain(`nonce="${nonce}"`);
    }
  }
  if (cached) expect(hashes.length, `${name}: no hash beyond the page's scripts`).toBeLessThanOrEqual(tags.length);
  // No inline event handlers, which neither a nonce nor a hash allows.
  expect(html, name).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
  checked.push(cached ? `${name} (cached)` : name);
  return nonce;
}

beforeAll(async () => {
  shop = await startShop({ env: ADMIN_ENV });
  shopper = new HttpShopper(shop.url);
  await shopper.post("/cart", { intent: "add", sku: TOTE_SKU, quantity: "1" });
  await shopper.post("/cart", { intent: "add", sku: MICRO_SKU, quantity: "1" });
  pages.push(["cart with items", "/cart", shopper, 200]);
  const checkout = await shopper.post("/checkout", {});
  const payment = checkout.headers.get("Location")!;
  expect(payment).toMatch(/^\/checkout\/test-payment\?session_id=/);
  pages.push(["test payment", payment, shopper, 200]);

  // Someone else pays, for a success page.
  const buyer = new HttpShopper(shop.url);
  await buyer.post("/cart", { intent: "add", sku: TOTE_SKU, quantity: "1" });
  const paying = (await buyer.post("/checkout", {})).headers.get("Location")!;
  const session = new URL(paying, shop.url).searchParams.get("session_id")!;
  const paid = await buyer.post("/checkout/test-payment", {
    intent: "pay",
    session_id: session,
    email: "buyer@example.com",
    name: "Buyer",
    line1: "1 Header St",
    city: "Nonce",
    postal_code: "1",
    country: "US",
  });
  pages.push(["checkout success", paid.headers.get("Location")!, buyer, 200]);

  admin = new HttpShopper(shop.url);
  const signedIn = await admin.post("/admin/login", { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, returnTo: "/admin" });
  expect(signedIn.status).toBe(303);
  const anonymous = new HttpShopper(shop.url);
  for (const [name, path] of PUBLIC_PAGES) pages.push([name, path, anonymous, name.startsWith("404") ? 404 : 200]);
  for (const [name, path] of ADMIN_PAGES) pages.push([name, path, admin, 200]);
}, 60_000);

afterAll(async () => {
  await shop?.stop();
  recordFigures("securityHeaders", { pageTypesChecked: checked.length, pages: checked });
});

describe("security headers on every HTML page", () => {
  it("every page type carries CSP (per-response nonce, no unsafe-inline scripts), nosniff, referrer policy, HSTS and no X-Powered-By", async () => {
    for (const [name, path, who, status] of pages) {
      const res = await who.get(path);
      expect(res.status, `${name} ${path}`).toBe(status);
      await expectSecureHtml(name, res);
    }
    expect(checked.length).toBeGreaterThanOrEqual(18);
  });

  it("error pages too: a form posted where there is no action (405)", async () => {
    const posted = await new HttpShopper(shop.url).post("/collections/totes", { anything: "1" });
    expect(posted.status).toBe(405);
    await expectSecureHtml("405 error page", posted);
  });

  it("gives each response its own nonce (pages rendered per response: a shopper with a cart)", async () => {
    const a = await expectSecureHtml("home with a cart (1)", await shopper.get("/"));
    const b = await expectSecureHtml("home with a cart (2)", await shopper.get("/"));
    expect(a).toBeTruthy();
    expect(a).not.toBe(b);
  });

  it("serves catalog pages to visitors without a cart from the cache, with script hashes, the same headers otherwise", async () => {
    const visitor = new HttpShopper(shop.url);
    for (const path of ["/", "/collections/totes", "/products/vegan-leather-city-tote", "/products/metallic-micro-heart"]) {
      await visitor.get(path);
      const res = await visitor.get(path);
      expect(res.headers.get("X-Page-Cache"), path).toBe("hit");
      expect(await expectSecureHtml(`${path} from the cache`, res)).toBeNull();
    }
  });

  it("sends nosniff and no X-Powered-By on non-HTML answers and refusals too", async () => {
    for (const res of [
      await new HttpShopper(shop.url).get("/healthz"),
      await new HttpShopper(shop.url).request("/", { method: "DELETE" }),
      await new HttpShopper(shop.url).request("/cart", { method: "POST", headers: { "Content-Type": "application/json" } }),
    ]) {
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(res.headers.has("X-Powered-By")).toBe(false);
    }
  });
});
