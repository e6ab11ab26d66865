// The real server refuses cross-site form posts before Remix sees them, and no
// GET changes anything. Runs the production build (made by globalSetup).
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpShopper } from "../helpers/http-shopper";
import { startShop, type RunningShop } from "../helpers/server";

const GUARD_MESSAGE = "Cross-site form submissions are not accepted.";
const EVIL = "https://evil.example";
const OWNER = { email: "owner@shop.test", password: "a long owner passphrase" };
const TOTE = "TOT-CMK-BLACK";

let shop: RunningShop;

beforeAll(async () => {
  shop = await startShop({ env: { ADMIN_EMAIL: OWNER.email, ADMIN_PASSWORD: OWNER.password } });
});

afterAll(async () => {
  await shop?.stop();
});

const ALL_TABLES = null;

/**
 * Rows of the given tables (or all), read from the shop's database file through
 * a separate read-only connection. A session's lastSeenAt is left out: it is
 * the one write a page view may make (at most once a minute).
 */
function rows(tables: string[] | null = ALL_TABLES): Record<string, unknown[]> {
  const file = new Database(shop.databaseFile, { readonly: true });
  try {
    const names =
      tables ??
      (file.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
        (r) => r.name,
      );
    return Object.fromEntries(
      names.map((t) => {
        const all = file.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all() as Record<string, unknown>[];
        if (t === "staff_sessions") for (const row of all) delete row.last_seen_at;
        return [t, all];
      }),
    );
  } finally {
    file.close();
  }
}

function count(table: string): number {
  return rows([table])[table]!.length;
}

async function signedInOwner() {
  const owner = new HttpShopper(shop.url);
  const res = await owner.request("/admin/login", { form: OWNER, headers: { Origin: shop.url } });
  expect(res.status, await res.clone().text()).toBe(303);
  expect(owner.cookieHeader).toContain("__Host-admin=");
  return owner;
}

describe("cross-site POSTs", () => {
  it("POST /cart from another site: 403 from the guard, no cart, no lines", async () => {
    const before = rows(["carts", "cart_lines"]);
    const shopper = new HttpShopper(shop.url);
    const res = await shopper.request("/cart", { form: { intent: "add", sku: TOTE, quantity: "1" }, headers: { Origin: EVIL } });
    expect(res.status).toBe(403);
    expect(await res.text()).toBe(GUARD_MESSAGE);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(rows(["carts", "cart_lines"])).toEqual(before);
  });

  it("POST /admin/login from another site: 403, no attempt recorded, no session, no cookie", async () => {
    const before = rows(["login_attempts", "staff_sessions"]);
    const visitor = new HttpShopper(shop.url);
    const res = await visitor.request("/admin/login", { form: OWNER, headers: { Origin: EVIL } });
    expect(res.status).toBe(403);
    expect(await res.text()).toBe(GUARD_MESSAGE);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(rows(["login_attempts", "staff_sessions"])).toEqual(before);
  });

  it("Sec-Fetch-Site: cross-site is refused too, even without an Origin header", async () => {
    const before = rows(["carts", "cart_lines", "login_attempts", "staff_sessions"]);
    const shopper = new HttpShopper(shop.url);
    const cart = await shopper.request("/cart", { form: { intent: "add", sku: TOTE, quantity: "1" }, headers: { "Sec-Fetch-Site": "cross-site" } });
    expect(cart.status).toBe(403);
    expect(await cart.text()).toBe(GUARD_MESSAGE);
    const login = await shopper.request("/admin/login", { form: OWNER, headers: { "Sec-Fetch-Site": "cross-site" } });
    expect(login.status).toBe(403);
    expect(await login.text()).toBe(GUARD_MESSAGE);
    expect(rows(["carts", "cart_lines", "login_attempts", "staff_sessions"])).toEqual(before);
  });

  it("a signed-in owner's cookie does not help a cross-site POST to an admin page", async () => {
    const owner = await signedInOwner();
    const before = rows();
    const res = await owner.request("/admin/staff", {
      form: { intent: "create", email: "mallory@evil.example", name: "Mallory", role: "owner", password: "mallory passphrase" },
      headers: { Origin: EVIL, "Sec-Fetch-Site": "cross-site" },
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toBe(GUARD_MESSAGE);
    expect(rows()).toEqual(before);
  });

  it("same-origin POSTs go through", async () => {
    const shopper = new HttpShopper(shop.url);
    const cartsBefore = count("carts");
    const cart = await shopper.request("/cart", {
      form: { intent: "add", sku: TOTE, quantity: "1" },
      headers: { Origin: shop.url, "Sec-Fetch-Site": "same-origin" },
    });
    expect(cart.status).not.toBe(403);
    expect(cart.status).toBe(303);
    expect(count("carts")).toBe(cartsBefore + 1);

    const sessionsBefore = count("staff_sessions");
    const login = await shopper.request("/admin/login", { form: OWNER, headers: { Origin: shop.url, "Sec-Fetch-Site": "same-origin" } });
    expect(login.status).toBe(303);
    expect(login.headers.get("Location")).toBe("/admin");
    expect(count("staff_sessions")).toBe(sessionsBefore + 1);
  });

  it("POST /webhooks/stripe from a foreign Origin is not stopped by the guard", async () => {
    const res = await fetch(`${shop.url}/webhooks/stripe`, {
      method: "POST",
      headers: { Origin: EVIL, "Content-Type": "application/json" },
      body: "{}",
      redirect: "manual",
    });
    expect(await res.text()).not.toBe(GUARD_MESSAGE);
    // The route answers for itself (no Stripe configured here, or no signature).
    expect([400, 404, 405]).toContain(res.status);
  });
});

describe("GET requests change nothing", () => {
  it("browsing the shop and the back office writes nothing; GET /admin/logout leaves the session valid", async () => {
    const owner = await signedInOwner();
    const before = rows();
    for (const path of [
      "/",
      "/collections/all",
      "/cart",
      "/admin/login",
      "/admin",
      "/admin/staff",
      "/admin/audit",
      "/admin/logout",
      "/admin/login?returnTo=%2Fadmin%2Fstaff",
    ]) {
      const res = await owner.get(path);
      expect(res.status, path).toBeLessThan(500);
    }
    expect(rows()).toEqual(before);
    const still = await owner.get("/admin");
    expect(still.status).toBe(200);
  });
});

describe("admin pages over HTTP", () => {
  it("are never cached or indexed; the cookie is __Host- prefixed, Secure, HttpOnly, SameSite=Lax", async () => {
    const visitor = new HttpShopper(shop.url);
    const login = await visitor.get("/admin/login");
    expect(login.status).toBe(200);
    expect(login.headers.get("Cache-Control")).toBe("private, no-store");
    expect(await login.text()).toContain('<meta name="robots" content="noindex"/>');

    const res = await visitor.request("/admin/login", { form: OWNER, headers: { Origin: shop.url } });
    const cookie = res.headers.getSetCookie().find((h) => h.startsWith("__Host-admin="))!;
    expect(cookie).toMatch(/; Path=\/(;|$)/);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).not.toMatch(/Domain=/i);

    for (const path of ["/admin", "/admin/staff", "/admin/audit"]) {
      const page = await visitor.get(path);
      expect(page.status, path).toBe(200);
      expect(page.headers.get("Cache-Control"), path).toBe("private, no-store");
      const html = await page.text();
      expect(html, path).toContain('<meta name="robots" content="noindex"/>');
      expect(html, path).toContain("Sign out");
    }

    const anonymous = await new HttpShopper(shop.url).get("/admin/staff");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe("/admin/login?returnTo=%2Fadmin%2Fstaff");
  });

  it("sign-out is a POST that ends the session", async () => {
    const owner = await signedInOwner();
    const cookie = owner.cookieHeader;
    const res = await owner.request("/admin/logout", { method: "POST", form: {}, headers: { Origin: shop.url } });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/admin/login");
    expect(owner.cookieHeader).not.toContain("__Host-admin=");
    const replay = await fetch(`${shop.url}/admin`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("Location")).toBe("/admin/login?returnTo=%2Fadmin");
    expect(shop.output()).toContain("Created the first owner account, owner@shop.test.");
  });
});
