import { describe, expect, it } from "vitest";
import { getCartLines, deleteExpiredCarts, changeCart } from "~/models/cart.server";
import { action, loader } from "~/routes/cart";
import { openDatabase } from "~/utils/db.server";
import { setStock, snapshotTables, variantBySku } from "../helpers/db";
import { cookieFrom, formRequest, getRequest, run } from "../helpers/remix";

const TOTE = "TOT-CMK-BLACK";
const CHARM = "MIC-DUF-LIME";

/** A fetcher's POST by default; `navigation` makes it a plain browser form submission. */
async function post(fields: Record<string, string> | [string, string][], cookie?: string | null, navigation = false) {
  return run(action, formRequest("/cart", fields, { cookie, headers: navigation ? { "Sec-Fetch-Mode": "navigate" } : {} }));
}

async function cartOf(cookie: string | null) {
  const res = await run(loader, getRequest("/cart", { cookie }));
  return (await res.json()) as {
    lines: { sku: string; quantity: number; totalCents: number }[];
    subtotalCents: number;
    totalCents: number;
    itemCount: number;
  };
}

async function newCartWith(sku = TOTE, quantity = "1") {
  const res = await post({ intent: "add", sku, quantity });
  expect(res.status).toBe(200);
  const cookie = cookieFrom(res);
  expect(cookie).toBeTruthy();
  return cookie!;
}

const CART_TABLES = ["carts", "cart_lines"];

describe("POST /cart", () => {
  it("adds a line and sets a signed, HttpOnly, SameSite=Lax cookie", async () => {
    const res = await post({ intent: "add", sku: TOTE, quantity: "2" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
    const setCookie = res.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/^cart=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cart = await cartOf(cookieFrom(res));
    expect(cart.lines).toEqual([expect.objectContaining({ sku: TOTE, quantity: 2 })]);
    expect(cart.subtotalCents).toBe(2 * variantBySku(TOTE).priceCents);
  });

  it("merges a repeated add of the same SKU into one line", async () => {
    const cookie = await newCartWith(TOTE, "1");
    await post({ intent: "add", sku: TOTE, quantity: "2" }, cookie);
    const cart = await cartOf(cookie);
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0]!.quantity).toBe(3);
  });

  it("updates and removes lines", async () => {
    const cookie = await newCartWith(TOTE, "1");
    await post({ intent: "add", sku: CHARM, quantity: "1" }, cookie);
    expect((await post({ intent: "update", sku: TOTE, quantity: "4" }, cookie)).status).toBe(200);
    expect((await cartOf(cookie)).lines.find((l) => l.sku === TOTE)?.quantity).toBe(4);
    expect((await post({ intent: "remove", sku: TOTE }, cookie)).status).toBe(200);
    expect((await cartOf(cookie)).lines.map((l) => l.sku)).toEqual([CHARM]);
  });

  it("redirects a plain browser POST to the cart page (303)", async () => {
    const res = await post({ intent: "add", sku: TOTE, quantity: "1" }, null, true);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/cart");
    expect(cookieFrom(res)).toBeTruthy();
  });

  it("takes prices from the database, never from the form", async () => {
    const res = await post([
      ["intent", "add"],
      ["sku", TOTE],
      ["quantity", "1"],
      ["price", "1"],
    ]);
    expect(res.status).toBe(400);
    const cookie = await newCartWith(TOTE, "1");
    expect((await cartOf(cookie)).subtotalCents).toBe(variantBySku(TOTE).priceCents);
  });

  const badInputs: [string, Record<string, string> | [string, string][], number, RegExp][] = [
    ["unknown SKU", { intent: "add", sku: "NOPE-123", quantity: "1" }, 404, /not in our shop/],
    ["sold-out SKU", { intent: "add", sku: "MIC-SPH-CHROME", quantity: "1" }, 409, /sold out/],
    ["zero", { intent: "add", sku: TOTE, quantity: "0" }, 400, /whole number from 1/],
    ["negative", { intent: "add", sku: TOTE, quantity: "-2" }, 400, /whole number/],
    ["fractional", { intent: "add", sku: TOTE, quantity: "1.5" }, 400, /whole number/],
    ["huge", { intent: "add", sku: TOTE, quantity: "1000000000000" }, 400, /whole number/],
    ["above stock", { intent: "add", sku: "MIC-LTD-CHAMPAGNE", quantity: "4" }, 409, /Only 3/],
    ["missing quantity", { intent: "add", sku: TOTE }, 400, /how many/],
    ["missing sku", { intent: "add", quantity: "1" }, 400, /Choose a bag/],
    ["missing intent", { sku: TOTE, quantity: "1" }, 400, /Unknown cart action/],
    ["non-numeric", { intent: "add", sku: TOTE, quantity: "lots" }, 400, /whole number/],
    ["extra field", { intent: "add", sku: TOTE, quantity: "1", total: "0" }, 400, /Unexpected field "total"/],
    ["repeated field", [["intent", "add"], ["sku", TOTE], ["quantity", "1"], ["quantity", "2"]], 400, /more than once/],
    ["update of a line not in the cart", { intent: "update", sku: CHARM, quantity: "1" }, 404, /not in your cart/],
    ["remove of a line not in the cart", { intent: "remove", sku: CHARM }, 404, /not in your cart/],
  ];

  it.each(badInputs)("refuses %s with a message and leaves the cart as it was", async (_name, fields, status, message) => {
    const cookie = await newCartWith(TOTE, "2");
    const before = snapshotTables(CART_TABLES);
    const res = await post(fields, cookie);
    expect(res.status).toBe(status);
    const body = (await res.json()) as { ok: boolean; message: string };
    expect(body.ok).toBe(false);
    expect(body.message).toMatch(message);
    expect(snapshotTables(CART_TABLES)).toEqual(before);
  });

  it("refuses to add more than is left, counting what the cart already holds", async () => {
    setStock("MIC-BOX-EMERALD", 3);
    const cookie = await newCartWith("MIC-BOX-EMERALD", "2");
    const res = await post({ intent: "add", sku: "MIC-BOX-EMERALD", quantity: "2" }, cookie);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { message: string }).message).toBe(
      "Only 3 of Croc Micro Box left and 2 are already in your cart.",
    );
    expect((await cartOf(cookie)).lines[0]!.quantity).toBe(2);
  });

  it("creates no cart when the first add is refused", async () => {
    const before = snapshotTables(CART_TABLES);
    const res = await post({ intent: "add", sku: "MIC-SPH-CHROME", quantity: "1" });
    expect(res.status).toBe(409);
    expect(cookieFrom(res)).toBeNull();
    expect(snapshotTables(CART_TABLES)).toEqual(before);
  });

  it("ignores a tampered cookie and starts a new cart", async () => {
    const cookie = await newCartWith(TOTE, "1");
    const forged = cookie.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    expect((await cartOf(forged)).lines).toEqual([]);
  });
});

describe("cart persistence and expiry", () => {
  it("is still there through a new database connection", async () => {
    const cookie = await newCartWith(CHARM, "3");
    const { sqlite } = openDatabase(process.env.DATABASE_URL!);
    const rows = sqlite.prepare("SELECT quantity FROM cart_lines JOIN variants ON variants.id = variant_id WHERE sku = ?").all(CHARM) as { quantity: number }[];
    expect(rows.some((r) => r.quantity === 3)).toBe(true);
    sqlite.close();
    expect((await cartOf(cookie)).lines[0]).toMatchObject({ sku: CHARM, quantity: 3 });
  });

  it("treats an expired cart as empty and removes it in the sweep", () => {
    const now = Date.now();
    const old = changeCart({ cartId: null, changes: [{ intent: "add", sku: TOTE, quantity: 1 }], now: now - 10_000, ttlMs: 5_000 });
    expect(old.ok).toBe(true);
    if (!old.ok) return;
    expect(getCartLines(old.cartId, now)).toEqual([]);
    const fresh = changeCart({ cartId: null, changes: [{ intent: "add", sku: TOTE, quantity: 1 }], now, ttlMs: 60_000 });
    expect(deleteExpiredCarts(now)).toBeGreaterThanOrEqual(1);
    expect(snapshotTables(["carts"]).carts!.map((c) => (c as { id: string }).id)).not.toContain(old.cartId);
    if (fresh.ok) expect(getCartLines(fresh.cartId, now)).toHaveLength(1);
  });

  it("starts an expired cart afresh when it is used again", () => {
    const now = Date.now();
    const old = changeCart({ cartId: null, changes: [{ intent: "add", sku: TOTE, quantity: 2 }], now: now - 10_000, ttlMs: 5_000 });
    if (!old.ok) throw new Error("setup");
    const again = changeCart({ cartId: old.cartId, changes: [{ intent: "add", sku: CHARM, quantity: 1 }], now, ttlMs: 60_000 });
    expect(again.ok && again.lines.map((l) => l.quantity)).toEqual([1]);
  });
});
