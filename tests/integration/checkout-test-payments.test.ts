// The embedded default: no Stripe key, so checkout goes to the local test-payment page.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { action as cartAction, loader as cartLoader } from "~/routes/cart";
import { action as checkoutAction } from "~/routes/checkout";
import { loader as successLoader } from "~/routes/checkout.success";
import { action as payAction, loader as payLoader } from "~/routes/checkout.test-payment";
import { db, snapshotTables, variantBySku } from "../helpers/db";
import { cookieFrom, formRequest, getRequest, run } from "../helpers/remix";
import * as schema from "../../db/schema";

const TOTE = "TOT-CRO-BLACK"; // $210
const CHARM = "MIC-BOX-EMERALD"; // $55, 15% off → $46.75

async function startTestCheckout(items: [string, number][] = [[TOTE, 1], [CHARM, 1]]) {
  let cookie: string | null = null;
  for (const [sku, quantity] of items) {
    const res = await run(cartAction, formRequest("/cart", { intent: "add", sku, quantity: String(quantity) }, { cookie }));
    cookie = cookieFrom(res) ?? cookie;
  }
  const res = await run(checkoutAction, formRequest("/checkout", {}, { cookie }));
  expect(res.status).toBe(303);
  const location = res.headers.get("Location")!;
  expect(location).toMatch(/^\/checkout\/test-payment\?session_id=test_cs_/);
  const sessionId = new URL(location, "http://x").searchParams.get("session_id")!;
  const order = db.select().from(schema.orders).where(eq(schema.orders.stripeSessionId, sessionId)).get()!;
  return { cookie: cookie!, sessionId, order, path: location };
}

const PAY_FIELDS = { email: "grace@example.com", name: "Grace Hopper", line1: "1 Navy Yard", city: "Arlington", postal_code: "22202", country: "US" };

function orderRow(id: number) {
  return db.select().from(schema.orders).where(eq(schema.orders.id, id)).get()!;
}

describe("test payments", () => {
  it("pays: the hold becomes a sale, the order is paid with the bundle discount, the success page shows it", async () => {
    const { cookie, sessionId, order, path } = await startTestCheckout();
    expect(order).toMatchObject({ paymentMode: "test", status: "pending", totalCents: 21000 + 4675, discountCents: 825 });
    const page = await run(payLoader, getRequest(path, { cookie }));
    expect(page.status).toBe(200);

    const before = { tote: variantBySku(TOTE), charm: variantBySku(CHARM) };
    const res = await run(payAction, formRequest(path, { intent: "pay", session_id: sessionId, ...PAY_FIELDS }, { cookie }));
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`/checkout/success?session_id=${sessionId}`);
    expect(orderRow(order.id)).toMatchObject({ status: "paid", customerEmail: "grace@example.com" });
    expect(variantBySku(TOTE).stockOnHand).toBe(before.tote.stockOnHand - 1);
    expect(variantBySku(CHARM).stockOnHand).toBe(before.charm.stockOnHand - 1);
    expect(variantBySku(CHARM).stockHeld).toBe(before.charm.stockHeld - 1);

    const success = await run(successLoader, getRequest(`/checkout/success?session_id=${sessionId}`, { cookie }));
    const shown = (await success.json()) as any;
    expect(shown).toMatchObject({ status: "paid", number: order.number, discountCents: 825, totalCents: 25675 });
    expect(shown.lines.map((l: any) => [l.productName, l.discountCents])).toEqual([
      ["Croc-Embossed Vegan Tote", 0],
      ["Croc Micro Box", 825],
    ]);
    expect(shown.customer.email).toBe("grace@example.com");
    // Someone else with the link sees the order but not the shopper's details.
    const stranger = (await (await run(successLoader, getRequest(`/checkout/success?session_id=${sessionId}`))).json()) as any;
    expect(stranger.customer).toBeNull();
    // The cart is emptied.
    const cart = (await (await run(cartLoader, getRequest("/cart", { cookie }))).json()) as any;
    expect(cart.lines).toEqual([]);
  });

  it("declines: back to the cart with a message, the cart intact and the stock unchanged", async () => {
    const before = { tote: variantBySku(TOTE), charm: variantBySku(CHARM) };
    const { cookie, sessionId, order, path } = await startTestCheckout();
    const res = await run(payAction, formRequest(path, { intent: "decline", session_id: sessionId }, { cookie }));
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/cart");
    expect(orderRow(order.id).status).toBe("payment_failed");
    expect(variantBySku(TOTE)).toMatchObject({ stockOnHand: before.tote.stockOnHand, stockHeld: before.tote.stockHeld });
    expect(variantBySku(CHARM)).toMatchObject({ stockOnHand: before.charm.stockOnHand, stockHeld: before.charm.stockHeld });
    const cart = (await (await run(cartLoader, getRequest("/cart", { cookie: `${cookie}; ${cookieFrom(res, "notice")}` }))).json()) as any;
    expect(cart.notice.message).toMatch(/declined/);
    expect(cart.lines.map((l: any) => l.sku)).toEqual([TOTE, CHARM]);
  });

  it("abandons: the hold is released and the order expires", async () => {
    const before = variantBySku(TOTE);
    const { cookie, sessionId, order, path } = await startTestCheckout([[TOTE, 2]]);
    expect(variantBySku(TOTE).stockHeld).toBe(before.stockHeld + 2);
    await run(payAction, formRequest(path, { intent: "abandon", session_id: sessionId }, { cookie }));
    expect(orderRow(order.id).status).toBe("expired");
    expect(variantBySku(TOTE).stockHeld).toBe(before.stockHeld);
  });

  it("refuses bad payment-page input with a 400 and changes nothing", async () => {
    const { cookie, sessionId, path } = await startTestCheckout([[TOTE, 1]]);
    const tables = ["orders", "stock_holds", "variants", "cart_lines"];
    const before = snapshotTables(tables);
    const cases: Record<string, string>[] = [
      { intent: "pay", session_id: sessionId, ...PAY_FIELDS, email: "not-an-email" },
      { intent: "pay", session_id: sessionId, ...PAY_FIELDS, amount: "1" },
      { intent: "refund", session_id: sessionId },
      { intent: "pay", session_id: sessionId },
    ];
    for (const fields of cases) {
      const res = await run(payAction, formRequest(path, fields, { cookie }));
      expect(res.status, JSON.stringify(fields)).toBe(400);
    }
    expect(snapshotTables(tables)).toEqual(before);
  });

  it("shows 404 for a made-up session, and for another shopper's checkout", async () => {
    const { sessionId, path } = await startTestCheckout([[TOTE, 1]]);
    expect((await run(successLoader, getRequest("/checkout/success?session_id=cs_test_madeup123456789"))).status).toBe(404);
    expect((await run(successLoader, getRequest("/checkout/success?session_id=<script>"))).status).toBe(404);
    expect((await run(successLoader, getRequest("/checkout/success"))).status).toBe(404);
    expect((await run(payLoader, getRequest(path))).status).toBe(404);
    const other = await run(cartAction, formRequest("/cart", { intent: "add", sku: TOTE, quantity: "1" }));
    expect((await run(payLoader, getRequest(path, { cookie: cookieFrom(other) }))).status).toBe(404);
    expect((await run(payAction, formRequest(path, { intent: "pay", session_id: sessionId, ...PAY_FIELDS }, { cookie: cookieFrom(other) }))).status).toBe(404);
  });
});
