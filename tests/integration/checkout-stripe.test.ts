// Checkout against a loopback Stripe stand-in: what is sent, what is held, and
// what happens when Stripe fails.
import { afterAll, describe, expect, it, vi } from "vitest";

const standIn = await vi.hoisted(async () => {
  const { startStripeStandIn } = await import("../helpers/stripe-stand-in");
  const server = await startStripeStandIn();
  process.env.STRIPE_SECRET_KEY = "sk_test_standin";
  process.env.STRIPE_WEBHOOK_SECRET = "whsec_standin";
  process.env.STRIPE_API_BASE = server.url;
  process.env.PUBLIC_URL = "https://shop.example";
  process.env.CHECKOUT_HOLD_MINUTES = "30";
  return server;
});

const { action: cartAction } = await import("~/routes/cart");
const { action: checkoutAction } = await import("~/routes/checkout");
const { loader: cartLoader } = await import("~/routes/cart");
const { db, variantBySku, snapshotTables, setStock } = await import("../helpers/db");
const { cookieFrom, formRequest, getRequest, run } = await import("../helpers/remix");
const schema = await import("../../db/schema");
const { eq } = await import("drizzle-orm");
const { registerOutboxHandlers } = await import("~/services/outbox-handlers.server");
const { deliverDueEffects } = await import("~/services/outbox.server");

afterAll(() => standIn.close());

async function cartWith(items: [string, number][]) {
  let cookie: string | null = null;
  for (const [sku, quantity] of items) {
    const res = await run(cartAction, formRequest("/cart", { intent: "add", sku, quantity: String(quantity) }, { cookie }));
    expect(res.status, await res.clone().text()).toBe(200);
    cookie = cookieFrom(res) ?? cookie;
  }
  return cookie!;
}

function checkout(cookie: string | null, fields: Record<string, string> = {}) {
  return run(checkoutAction, formRequest("/checkout", fields, { cookie }));
}

const TOTE = "TOT-CMK-BLACK"; // $120.00
const CHARM = "MIC-DUF-LIME"; // $45.00, 15% off with a tote → $38.25

describe("POST /checkout with Stripe", () => {
  it("holds stock, creates a pending order and redirects (303) to the session URL with the exact parameters", async () => {
    const cookie = await cartWith([[TOTE, 1], [CHARM, 1]]);
    const before = { tote: variantBySku(TOTE), charm: variantBySku(CHARM) };
    const started = Date.now();
    const res = await checkout(cookie);
    expect(res.status).toBe(303);
    const location = res.headers.get("Location")!;
    expect(location).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);

    const call = standIn.requests.findLast((r) => r.path === "/v1/checkout/sessions")!;
    const order = db.select().from(schema.orders).orderBy(schema.orders.id).all().at(-1)!;
    expect(order).toMatchObject({ status: "pending", subtotalCents: 16500, discountCents: 675, totalCents: 15825, paymentMode: "stripe" });
    expect(call.headers["idempotency-key"]).toBe(`checkout-order-${order.id}`);
    expect(call.params).toMatchObject({
      mode: "payment",
      client_reference_id: String(order.id),
      metadata: { order_id: String(order.id), order_number: order.number },
      success_url: "https://shop.example/checkout/success?session_id={CHECKOUT_SESSION_ID}",
      cancel_url: "https://shop.example/cart?checkout=cancelled",
    });
    // Shipping comes from the database's methods; without STRIPE_AUTOMATIC_TAX no tax is asked for.
    expect((call.params.shipping_options as any[]).map((o) => [o.shipping_rate_data.display_name, o.shipping_rate_data.fixed_amount.amount])).toEqual([
      ["Standard", "0"],
      ["Express", "2000"],
    ]);
    expect(call.params.shipping_address_collection).toEqual({ allowed_countries: ["US", "CA", "GB", "IE", "FR", "DE", "NL", "AU"] });
    expect(call.params.automatic_tax).toBeUndefined();
    const items = call.params.line_items as any[];
    expect(items.map((li) => [li.price_data.product_data.name, Number(li.price_data.unit_amount), Number(li.quantity)])).toEqual([
      ["Canvas Market Tote (Black)", 12000, 1],
      ["Micro Duffle (Lime)", 3825, 1],
    ]);
    expect(items[1].price_data.product_data.description).toContain("Bundle price");
    expect(items[0].price_data.product_data.images[0]).toMatch(/^https:\/\/shop\.example\/art\//);
    expect(items.every((li) => li.price_data.currency === "usd")).toBe(true);
    // The session lives exactly as long as the hold, and at least the 30 minutes Stripe asks for.
    const expiresAt = Number(call.params.expires_at);
    expect(expiresAt).toBe(Math.floor(order.holdExpiresAt / 1000));
    expect(expiresAt * 1000 - started).toBeGreaterThanOrEqual(30 * 60 * 1000);
    expect(order.stripeSessionId).toBe(location.split("/").pop());

    const after = { tote: variantBySku(TOTE), charm: variantBySku(CHARM) };
    expect(after.tote.stockHeld - before.tote.stockHeld).toBe(1);
    expect(after.charm.stockHeld - before.charm.stockHeld).toBe(1);
    expect(after.tote.stockOnHand).toBe(before.tote.stockOnHand);
    const holds = db.select().from(schema.stockHolds).where(eq(schema.stockHolds.orderId, order.id)).all();
    expect(holds.map((h) => [h.quantity, h.status, h.expiresAt])).toEqual([
      [1, "active", order.holdExpiresAt],
      [1, "active", order.holdExpiresAt],
    ]);
    const lines = db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, order.id)).all();
    expect(lines.map((l) => [l.sku, l.unitPriceCents, l.discountCents, l.quantity, l.lineTotalCents])).toEqual([
      [TOTE, 12000, 0, 1, 12000],
      [CHARM, 4500, 675, 1, 3825],
    ]);
  });

  it("splits a line whose units are priced differently into separate Stripe line items", async () => {
    const cookie = await cartWith([[TOTE, 1], [CHARM, 3]]);
    expect((await checkout(cookie)).status).toBe(303);
    const items = standIn.requests.findLast((r) => r.path === "/v1/checkout/sessions")!.params.line_items as any[];
    expect(items.map((li) => [Number(li.price_data.unit_amount), Number(li.quantity)])).toEqual([
      [12000, 1],
      [3825, 2],
      [4500, 1],
    ]);
  });

  it("turns a Stripe error into a friendly message on the cart and releases the hold", async () => {
    const cookie = await cartWith([[TOTE, 1]]);
    const before = variantBySku(TOTE);
    standIn.failNext("/v1/checkout/sessions", { status: 400, type: "invalid_request_error", message: "boom" });
    const res = await checkout(cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/cart");
    const notice = cookieFrom(res, "notice")!;
    const page = await run(cartLoader, getRequest("/cart", { cookie: `${cookie}; ${notice}` }));
    const data = (await page.json()) as any;
    expect(data.notice).toEqual({ kind: "error", message: expect.stringContaining("couldn't reach our payment provider") });
    expect(data.lines).toHaveLength(1);
    expect(variantBySku(TOTE).stockHeld).toBe(before.stockHeld);
    const order = db.select().from(schema.orders).orderBy(schema.orders.id).all().at(-1)!;
    expect(order.status).toBe("expired");
  });

  it("sends the shopper back to the cart when stock ran out, with the cart intact and nothing held", async () => {
    const cookie = await cartWith([["MIC-BOX-BLACK", 2]]);
    setStock("MIC-BOX-BLACK", 1);
    const before = snapshotTables(["orders", "stock_holds", "cart_lines"]);
    const res = await checkout(cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/cart");
    const notice = cookieFrom(res, "notice")!;
    const data = (await (await run(cartLoader, getRequest("/cart", { cookie: `${cookie}; ${notice}` }))).json()) as any;
    expect(data.notice.message).toMatch(/Only 1 left/);
    expect(snapshotTables(["orders", "stock_holds", "cart_lines"])).toEqual(before);
    expect(variantBySku("MIC-BOX-BLACK").stockHeld).toBe(0);
  });

  it("refuses an empty cart and form fields sent to checkout", async () => {
    const empty = await checkout(null);
    expect(empty.status).toBe(303);
    const cookie = await cartWith([[TOTE, 1]]);
    const before = snapshotTables(["orders", "stock_holds"]);
    const sessionsBefore = standIn.requests.filter((r) => r.path === "/v1/checkout/sessions").length;
    const tampered = await checkout(cookie, { total: "1" });
    // Back to the cart, with the reason as a notice (see checkout-refusals.test.ts).
    expect(tampered.status).toBe(303);
    expect(tampered.headers.get("Location")).toBe("/cart");
    expect(tampered.headers.get("Set-Cookie")).toMatch(/^notice=/);
    expect(snapshotTables(["orders", "stock_holds"])).toEqual(before);
    expect(standIn.requests.filter((r) => r.path === "/v1/checkout/sessions")).toHaveLength(sessionsBefore);
  });

  it("gives up an earlier unfinished checkout's hold when the shopper starts again", async () => {
    const cookie = await cartWith([["TOT-CCL-CREAM", 1]]);
    const before = variantBySku("TOT-CCL-CREAM").stockHeld;
    expect((await checkout(cookie)).status).toBe(303);
    expect((await checkout(cookie)).status).toBe(303);
    expect(variantBySku("TOT-CCL-CREAM").stockHeld).toBe(before + 1);
    const orders = db.select().from(schema.orders).orderBy(schema.orders.id).all().slice(-2);
    expect(orders.map((o) => o.status)).toEqual(["expired", "pending"]);
    // The earlier session is expired through the outbox, which keeps trying until Stripe confirms.
    const expiry = db.select().from(schema.outbox).all().find((r) => r.dedupeKey === `expire-session:${orders[0]!.stripeSessionId}`);
    expect(expiry).toMatchObject({ kind: "payment.expire_session", status: "pending" });
    registerOutboxHandlers();
    await deliverDueEffects();
    expect(standIn.requests.some((r) => r.path === `/v1/checkout/sessions/${orders[0]!.stripeSessionId}/expire`)).toBe(true);
    expect(db.select().from(schema.outbox).all().find((r) => r.id === expiry!.id)).toMatchObject({ status: "sent", attempts: 1 });
  });
});
