// A cart checked out many times at once (a double click, several tabs) must be
// paid at most once: replaced checkouts cannot be paid on the test-payment page,
// their Stripe sessions are expired until Stripe confirms, and a payment that
// still arrives for stock that has gone is refunded in full automatically.
import Database from "better-sqlite3";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordFigures } from "../helpers/figures";
import { HttpShopper } from "../helpers/http-shopper";
import { startShop, tempDatabaseFile, type RunningShop } from "../helpers/server";
import { checkStockBooks } from "../helpers/stock-invariants";
import { startStripeStandIn, stripeEvent, type StripeStandIn } from "../helpers/stripe-stand-in";

const SKU = "MIC-LTD-CHAMPAGNE";
const WEBHOOK_SECRET = "whsec_replaced_checkouts";

/** Set the shelf as a stock count would, with its ledger row, so the books still balance. */
function setStock(file: string, onHand: number) {
  const db = new Database(file);
  const row = db.prepare("SELECT id, stock_on_hand AS onHand, stock_held AS held FROM variants WHERE sku = ?").get(SKU) as { id: number; onHand: number; held: number };
  db.prepare("UPDATE variants SET stock_on_hand = ? WHERE id = ?").run(onHand, row.id);
  db.prepare(
    "INSERT INTO stock_ledger (variant_id, reason, on_hand_delta, held_delta, on_hand_after, held_after) VALUES (?, 'counted', ?, 0, ?, ?)",
  ).run(row.id, onHand - row.onHand, onHand, row.held);
  db.close();
}

function query<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

function stockOf(file: string) {
  return query<{ onHand: number; held: number }>(file, "SELECT stock_on_hand AS onHand, stock_held AS held FROM variants WHERE sku = ?", SKU)[0]!;
}

function books(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return checkStockBooks(db).problems;
  } finally {
    db.close();
  }
}

/** Wait for something the shop does in the background; fails with the last value if it never happens. */
async function eventually<T>(read: () => T | Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  let value = await read();
  for (let i = 0; i < 400 && !done(value); i += 1) {
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  if (!done(value)) throw new Error(`${what} did not happen; last seen: ${JSON.stringify(value)}`);
  return value;
}

describe("ten checkouts of one cart, test payments", () => {
  let shop: RunningShop;
  beforeAll(async () => {
    shop = await startShop({ databaseFile: tempDatabaseFile("shop-replaced-") });
    setStock(shop.databaseFile, 3);
  });
  afterAll(() => shop.stop());

  it("pays exactly one: every other session is refused as the page refuses it, and the books balance", async () => {
    const shopper = new HttpShopper(shop.url);
    expect((await shopper.post("/cart", { intent: "add", sku: SKU, quantity: "1" })).status).toBe(303);

    const starts = await Promise.all(Array.from({ length: 10 }, () => shopper.post("/checkout", {})));
    const sessions = starts.map((r) => new URL(r.headers.get("Location")!, shop.url).searchParams.get("session_id"));
    expect(sessions.every((s) => s?.startsWith("test_cs_"))).toBe(true);
    expect(new Set(sessions).size).toBe(10);

    const address = { email: "twice@example.com", name: "Ten Tabs", line1: "1 Market Street", city: "Springfield", postal_code: "12345", country: "US" };
    const payments = [];
    for (const sessionId of sessions) {
      payments.push(await shopper.post("/checkout/test-payment", { intent: "pay", session_id: sessionId!, ...address }));
    }
    const paid = payments.filter((r) => r.headers.get("Location")?.startsWith("/checkout/success"));
    expect(paid).toHaveLength(1);
    // The rest land on the cart, like the page itself would send them, with the reason.
    const refused = payments.filter((r) => r.headers.get("Location") === "/cart");
    expect(refused).toHaveLength(9);
    expect(refused.every((r) => r.status === 303)).toBe(true);
    const cartPage = await (await shopper.get("/cart")).text();
    expect(cartPage).toContain("That checkout is closed");

    const orders = query<{ status: string; n: number }>(shop.databaseFile, "SELECT status, count(*) AS n FROM orders GROUP BY status ORDER BY status");
    expect(orders).toEqual([
      { status: "expired", n: 9 },
      { status: "paid", n: 1 },
    ]);
    expect(stockOf(shop.databaseFile)).toEqual({ onHand: 2, held: 0 });
    expect(books(shop.databaseFile)).toEqual([]);

    // Paying the paid one again changes nothing and goes to its thank-you page.
    const paidSession = sessions[payments.indexOf(paid[0]!)]!;
    const again = await shopper.post("/checkout/test-payment", { intent: "pay", session_id: paidSession, ...address });
    expect(again.headers.get("Location")).toBe(`/checkout/success?session_id=${paidSession}`);
    expect(query(shop.databaseFile, "SELECT id FROM orders WHERE status = 'paid'")).toHaveLength(1);
    recordFigures("hardening", (previous) => ({
      ...previous,
      replacedCheckouts: { checkouts: 10, payAttempts: 11, paid: paid.length, refused: refused.length, recordedAt: new Date().toISOString() },
    }));
  });
});

describe("replaced checkouts with Stripe", () => {
  let shop: RunningShop;
  let standIn: StripeStandIn;
  const stripe = new Stripe("sk_test_signing_only");

  beforeAll(async () => {
    standIn = await startStripeStandIn();
    shop = await startShop({
      databaseFile: tempDatabaseFile("shop-replaced-stripe-"),
      env: {
        STRIPE_SECRET_KEY: "sk_test_standin",
        STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
        STRIPE_API_BASE: standIn.url,
        PUBLIC_URL: "https://shop.example",
        OUTBOX_POLL_MS: "100",
        OUTBOX_RETRY_BASE_MS: "50",
      },
    });
    setStock(shop.databaseFile, 1);
  });
  afterAll(async () => {
    await shop.stop();
    await standIn.close();
  });

  async function deliver(event: object) {
    const payload = JSON.stringify(event);
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
    const res = await fetch(`${shop.url}/webhooks/stripe`, {
      method: "POST",
      body: payload,
      headers: { "Content-Type": "application/json", "Stripe-Signature": header },
    });
    return res.status;
  }

  it("expires the replaced session until Stripe confirms, and refunds a late payment for stock that has gone", async () => {
    const shopper = new HttpShopper(shop.url);
    await shopper.post("/cart", { intent: "add", sku: SKU, quantity: "1" });
    const first = await shopper.post("/checkout", {});
    const sessionA = first.headers.get("Location")!.split("/").pop()!;
    expect(sessionA).toMatch(/^cs_test_/);

    // Stripe is briefly unavailable when the shop first tries to expire A.
    standIn.failNext(`/v1/checkout/sessions/${sessionA}/expire`, { status: 500, type: "api_error", message: "try later" });
    standIn.failNext(`/v1/checkout/sessions/${sessionA}/expire`, { status: 500, type: "api_error", message: "try later" });
    standIn.failNext(`/v1/checkout/sessions/${sessionA}/expire`, { status: 500, type: "api_error", message: "try later" });
    const second = await shopper.post("/checkout", {});
    const sessionB = second.headers.get("Location")!.split("/").pop()!;
    expect(sessionB).not.toBe(sessionA);
    // B holds the only unit; A's hold went back and A's session is expired in the background, retried until Stripe says so.
    expect(stockOf(shop.databaseFile)).toEqual({ onHand: 1, held: 1 });
    await eventually(() => standIn.sessions.get(sessionA)!.status, (s) => s === "expired", "expiring session A").catch((e) => {
      throw new Error(`${e.message}\n${JSON.stringify(query(shop.databaseFile, "SELECT * FROM outbox"))}\n${shop.output()}`);
    });
    const expireCalls = standIn.requests.filter((r) => r.path === `/v1/checkout/sessions/${sessionA}/expire`);
    expect(expireCalls.length).toBeGreaterThanOrEqual(2);
    const effect = await eventually(
      () => query<{ status: string; attempts: number }>(shop.databaseFile, "SELECT status, attempts FROM outbox WHERE dedupe_key = ?", `expire-session:${sessionA}`)[0],
      (row) => row?.status === "sent",
      "marking the expiry sent",
    );
    expect(effect!.attempts).toBeGreaterThanOrEqual(2);

    // Yet Stripe still completes A (it was paid in the moment before it expired).
    const session = standIn.sessions.get(sessionA)!;
    const completed = {
      ...session,
      status: "complete",
      payment_status: "paid",
      payment_intent: "pi_late_payment_for_a",
      customer_details: { ...session.customer_details, email: "late@example.com", name: "Late Payer" },
    };
    expect(await deliver(stripeEvent("checkout.session.completed", completed))).toBe(200);

    const [orderA] = query<{ id: number; number: string; totalCents: number }>(
      shop.databaseFile,
      "SELECT id, number, total_cents AS totalCents FROM orders WHERE stripe_session_id = ?",
      sessionA,
    );
    const refunded = await eventually(
      () =>
        query<{ status: string; refundedCents: number; fulfilment: string }>(
          shop.databaseFile,
          "SELECT status, refunded_cents AS refundedCents, fulfilment_status AS fulfilment FROM orders WHERE id = ?",
          orderA!.id,
        )[0]!,
      (o) => o.status === "refunded",
      "the automatic refund",
    );
    expect(refunded).toEqual({ status: "refunded", refundedCents: orderA!.totalCents, fulfilment: "cancelled" });
    const refundCalls = standIn.requests.filter((r) => r.path === "/v1/refunds");
    expect(refundCalls).toHaveLength(1);
    expect(refundCalls[0]!.params).toMatchObject({ payment_intent: "pi_late_payment_for_a", amount: String(orderA!.totalCents) });
    expect(refundCalls[0]!.headers["idempotency-key"]).toBe(`auto-refund-order-${orderA!.id}`);
    const audit = query<{ action: string }>(shop.databaseFile, "SELECT action FROM audit_log WHERE entity_type = 'order' AND entity_id = ? ORDER BY id", String(orderA!.id));
    expect(audit.map((a) => a.action)).toEqual(["order.auto_refund_scheduled", "order.auto_refund"]);

    // Nothing of A was sold: B still holds the one unit, and no paid order is left that cannot be fulfilled.
    expect(stockOf(shop.databaseFile)).toEqual({ onHand: 1, held: 1 });
    expect(query(shop.databaseFile, "SELECT id FROM orders WHERE status = 'paid'")).toEqual([]);
    expect(books(shop.databaseFile)).toEqual([]);

    // The same news again changes nothing and refunds nothing more.
    expect(await deliver(stripeEvent("checkout.session.completed", completed))).toBe(200);
    expect(standIn.requests.filter((r) => r.path === "/v1/refunds")).toHaveLength(1);
    recordFigures("hardening", (previous) => ({
      ...previous,
      latePayment: { expireAttempts: expireCalls.length, refunds: 1, paidLeftUnfulfillable: 0, recordedAt: new Date().toISOString() },
    }));
  });
});
