// Open redirects, through the real server: every place a user-supplied path
// can become a Location (sign-in's returnTo, in the page's form and in the
// action; the sign-in redirect built from the address asked for; the cart)
// sends only to a path on this shop.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_EMAIL, ADMIN_ENV, ADMIN_PASSWORD } from "../helpers/page-tour";
import { startShop, type RunningShop } from "../helpers/server";

let shop: RunningShop;
beforeAll(async () => {
  shop = await startShop({ env: ADMIN_ENV });
});
afterAll(() => shop?.stop());

const HOSTILE = [
  "//evil.example",
  "//evil.example/admin",
  "https://evil.example/",
  "HTTPS://evil.example",
  "http:evil.example",
  "javascript:alert(1)",
  "/\\evil.example",
  "\\\\evil.example",
  "%2F%2Fevil.example",
  "/%2F/evil.example",
  "/%2f%2fevil.example",
  "/%5Cevil.example",
  "%5C%5Cevil.example",
  "/%252F%252Fevil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/%09/evil.example",
  "/%0D%0A/evil.example",
  " //evil.example",
  "evil.example",
];

// Signing in costs a real scrypt hash each: the action gets a representative share.
const HOSTILE_SIGN_INS = ["//evil.example", "https://evil.example/", "/\\evil.example", "/%2F/evil.example", "/%5Cevil.example", "/%252F%252Fevil.example", "/\t/evil.example", "/%0D%0A/evil.example"];

let address = 1;
/**
 * A raw request from its own loopback address (127.0.0.x), so each sign-in has
 * its own rate-limit budget; the path is sent exactly as given.
 */
function send(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  address += 1;
  return new Promise<{ status: number; location: string | null; body: string }>((resolve, reject) => {
    const req = http.request({
      host: "127.0.0.1",
      port: shop.port,
      method,
      path,
      localAddress: `127.0.0.${(address % 250) + 2}`,
      headers: {
        Host: `127.0.0.1:${shop.port}`,
        ...(body !== undefined ? { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(Buffer.byteLength(body)) } : {}),
        "Sec-Fetch-Mode": "navigate",
        ...headers,
      },
    });
    req.on("response", (res) => {
      let text = "";
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, location: (res.headers.location as string | undefined) ?? null, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Where a browser on this shop would go for a Location header. */
function destination(location: string) {
  return new URL(location, shop.url);
}

describe("sign-in returnTo", () => {
  it.each(HOSTILE)("the sign-in page does not carry %j into its form", async (returnTo) => {
    const res = await send("GET", `/admin/login?${new URLSearchParams({ returnTo })}`);
    expect(res.status).toBe(200);
    const value = /name="returnTo" value="([^"]*)"/.exec(res.body)?.[1];
    expect(value).toBe("/admin");
  });

  it.each(HOSTILE_SIGN_INS)("signing in with returnTo %j lands on /admin", async (returnTo) => {
    const res = await send("POST", "/admin/login", new URLSearchParams({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD, returnTo }).toString());
    expect(res.status).toBe(303);
    expect(res.location).toBe("/admin");
    expect(destination(res.location!).origin).toBe(shop.url);
  }, 15_000);

  it("keeps a path on this shop, with its query", async () => {
    const page = await send("GET", `/admin/login?${new URLSearchParams({ returnTo: "/admin/stock?q=tote" })}`);
    expect(/name="returnTo" value="([^"]*)"/.exec(page.body)?.[1]).toBe("/admin/stock?q=tote");
    const res = await send("POST", "/admin/login", new URLSearchParams({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD, returnTo: "/admin/stock?q=tote" }).toString());
    expect(res.location).toBe("/admin/stock?q=tote");
  });

  it("a wrong password never redirects anywhere", async () => {
    const res = await send("POST", "/admin/login", new URLSearchParams({ email: ADMIN_EMAIL, password: "not-the-password", returnTo: "//evil.example" }).toString());
    expect(res.status).toBe(401);
    expect(res.location).toBeNull();
  });
});

describe("the sign-in redirect built from the address asked for", () => {
  it.each(["/admin/stock", "//evil.example/admin", "/admin/%2F%2Fevil.example", "/admin/..%2F..%2F%2Fevil.example", "/admin/\\evil.example"])(
    "a signed-out visit to %j goes to the sign-in page on this shop",
    async (path) => {
      const res = await send("GET", path);
      if (res.status === 404 || res.status === 400) return; // not a back-office page: no redirect at all
      expect([302, 303]).toContain(res.status);
      const to = destination(res.location!);
      expect(to.origin).toBe(shop.url);
      expect(to.pathname).toBe("/admin/login");
      const returnTo = to.searchParams.get("returnTo")!;
      expect(destination(returnTo).origin).toBe(shop.url);
      expect(returnTo.startsWith("/") && !returnTo.startsWith("//") && !returnTo.includes("\\")).toBe(true);
    },
  );
});

describe("the cart", () => {
  it.each(["returnTo", "redirectTo", "next", "return"])("refuses a %s field rather than redirect with it", async (field) => {
    const res = await send("POST", "/cart", new URLSearchParams({ intent: "add", sku: "TOT-VCT-CREAM", quantity: "1", [field]: "//evil.example" }).toString());
    expect(res.status).toBe(400);
    expect(res.location).toBeNull();
  });

  it("redirects a form post only to its own cart page", async () => {
    const res = await send("POST", "/cart", "intent=add&sku=TOT-VCT-CREAM&quantity=1", { Referer: "https://evil.example/" });
    expect(res.status).toBe(303);
    expect(res.location).toBe("/cart");
  });
});
