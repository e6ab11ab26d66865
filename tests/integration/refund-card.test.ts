// The card a refund goes back to. Through a real shop process and the loopback
// Stripe stand-in: a paid session's PaymentIntent is read with its latest
// charge expanded, the order keeps the card's brand and last four, and the
// admin order page and the refund's confirm step (HTML) name "Visa card ending
// 4242"; a charge that names no card leaves it unknown ("the original
// payment"). In process: a test payment records no card at all.
import crypto from "node:crypto";
import Database from "better-sqlite3";
import Stripe from "stripe";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action as cartAction } from "~/routes/cart";
import { action as checkoutAction } from "~/routes/checkout";
import { action as orderAction, loader as orderLoader } from "~/routes/admin.orders.$number";
import { action as payAction } from "~/routes/checkout.test-payment";
import { hashPassword } from "~/utils/password.server";
import { signInAs } from "../helpers/admin";
import { db } from "../helpers/db";
import { HttpShopper } from "../helpers/http-shopper";
import { cookieFrom, formRequest, getRequest, run } from "../helpers/remix";
import { startShop, type RunningShop } from "../helpers/server";
import { startStripeStandIn, stripeEvent, type StripeStandIn } from "../helpers/stripe-stand-in";
import * as schema from "../../db/schema";

const WEBHOOK_SECRET = "whsec_refund_card_secret";
const stripe = new Stripe("sk_test_standin");

describe("through Stripe (real server, Stripe stand-in)", () => {
  let standIn: StripeStandIn;
  let shop: RunningShop;
  let admin: HttpShopper;

  beforeAll(async () => {
    standIn = await startStripeStandIn();
    shop = await startShop({
      env: { STRIPE_SECRET_KEY: "sk_test_standin", STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE: standIn.url },
    });
    const file = new Database(shop.databaseFile);
    file
      .prepare("INSERT INTO staff (email, name, role, password_hash) VALUES (?, ?, 'owner', ?)")
      .run("card@shop.test", "Cara", await hashPassword("card owner passphrase"));
    file.close();
    admin = new HttpShopper(shop.url);
    expect((await admin.post("/admin/login", { email: "card@shop.test", password: "card owner passphrase" })).status).toBe(303);
  });

  afterAll(async () => {
    await shop?.stop();
    await standIn?.close();
  });

  function orderRow(sessionId: string) {
    const file = new Database(shop.databaseFile, { readonly: true });
    try {
      return file.prepare("SELECT number, status, card_brand, card_last4 FROM orders WHERE stripe_session_id = ?").get(sessionId) as {
        number: string;
        status: string;
        card_brand: string | null;
        card_last4: string | null;
      };
    } finally {
      file.close();
    }
  }

  /** A micro bag bought through Stripe's checkout, paid with the PaymentIntent `pay` makes. */
  async function paidOrder(pay: (amount: number) => string) {
    const shopper = new HttpShopper(shop.url);
    expect((await shopper.post("/cart", { intent: "add", sku: "MIC-HRT-GOLD", quantity: "1" })).status).toBe(303);
    const checkout = await shopper.post("/checkout", {});
    expect(checkout.status).toBe(303);
    const sessionId = /\/pay\/(cs_test_[0-9a-f]+)/.exec(checkout.headers.get("Location") ?? "")![1]!;
    const session = standIn.sessions.get(sessionId)!;
    const paid = {
      ...session,
      status: "complete",
      payment_status: "paid",
      payment_intent: pay(session.amount_total),
      customer_details: { ...session.customer_details, email: "ada@example.com", name: "Ada Lovelace" },
    };
    const payload = JSON.stringify(stripeEvent("checkout.session.completed", paid));
    const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp: Math.floor(Date.now() / 1000) });
    const res = await fetch(`${shop.url}/webhooks/stripe`, {
      method: "POST",
      body: payload,
      headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
    });
    expect(await res.json()).toMatchObject({ outcome: "fulfilled" });
    return { sessionId, intentId: paid.payment_intent as string, ...orderRow(sessionId) };
  }

  /** The refund form sent without confirm=yes: the confirm step's page. */
  async function askToRefund(number: string) {
    const page = await (await admin.get(`/admin/orders/${number}`)).text();
    const requestKey = /name="requestKey" value="([^"]+)"/.exec(page)![1]!;
    const asked = await admin.post(`/admin/orders/${number}`, { requestKey, scope: "full" });
    expect(asked.status).toBe(200);
    return { page, confirm: await asked.text() };
  }

  it("stores the card Stripe's charge names and the confirm step says where the money goes", async () => {
    const order = await paidOrder((amount) => standIn.succeedPayment({ amount, brand: "visa", last4: "4242" }));
    expect(order).toMatchObject({ status: "paid", card_brand: "visa", card_last4: "4242" });
    // The shop asked for the PaymentIntent with its latest charge expanded.
    const read = standIn.requests.find((r) => r.method === "GET" && r.path === `/v1/payment_intents/${order.intentId}`)!;
    expect(Object.values(read.params)).toContain("latest_charge");

    const { page, confirm } = await askToRefund(order.number);
    expect(page).toContain("Visa card ending 4242 (Stripe)");
    // $49.00 and the shipping paid with it, back to the card.
    expect(confirm).toMatch(/Refund \$\d+\.\d\d(?:, shipping of \$\d+\.\d\d included,)? to the Visa card ending 4242\?/);
    expect(confirm).toMatch(/Yes, refund \$\d+\.\d\d/);
    expect(orderRow(order.sessionId).status).toBe("paid");
  });

  it("another brand and last four are shown as Stripe gave them", async () => {
    const order = await paidOrder((amount) => standIn.succeedPayment({ amount, brand: "mastercard", last4: "4444" }));
    expect(order).toMatchObject({ card_brand: "mastercard", card_last4: "4444" });
    expect((await askToRefund(order.number)).confirm).toContain(" to the Mastercard card ending 4444?");
  });

  it("a charge that names no card, or a PaymentIntent Stripe can't find, leaves the card unknown and the wording reads well", async () => {
    const noCard = await paidOrder((amount) => standIn.succeedPayment({ amount, cardDetails: false }));
    expect(noCard).toMatchObject({ status: "paid", card_brand: null, card_last4: null });
    const { page, confirm } = await askToRefund(noCard.number);
    expect(page).toContain("Stripe (card not known)");
    expect(confirm).toMatch(/Refund \$\d+\.\d\d(?:, shipping of \$\d+\.\d\d included,)? to the original payment through Stripe\?/);
    expect(confirm).not.toMatch(/card ending/);

    const missing = await paidOrder(() => `pi_${crypto.randomBytes(8).toString("hex")}`);
    expect(missing).toMatchObject({ status: "paid", card_brand: null, card_last4: null });
  });
});

describe("test payments (no Stripe keys)", () => {
  it("the test-payment page takes no card, so no card is recorded or named", async () => {
    let cookie: string | null = null;
    const added = await run(cartAction, formRequest("/cart", { intent: "add", sku: "MIC-HRT-GOLD", quantity: "1" }, { cookie }));
    cookie = cookieFrom(added) ?? cookie;
    const started = await run(checkoutAction, formRequest("/checkout", {}, { cookie }));
    const path = started.headers.get("Location")!;
    const sessionId = new URL(path, "http://x").searchParams.get("session_id")!;
    const fields = { intent: "pay", session_id: sessionId, email: "grace@example.com", name: "Grace Hopper", line1: "1 Navy Yard", city: "Arlington", postal_code: "22202", country: "US" };
    expect((await run(payAction, formRequest(path, fields, { cookie }))).status).toBe(303);
    const order = db.select().from(schema.orders).where(eq(schema.orders.stripeSessionId, sessionId)).get()!;
    expect(order).toMatchObject({ status: "paid", paymentMode: "test", cardBrand: null, cardLast4: null });

    const owner = await signInAs("owner");
    const shown = (await (await run(orderLoader, getRequest(`/admin/orders/${order.number}`, { cookie: owner.cookie }), { number: order.number })).json()) as any;
    expect(shown.order.card).toBeNull();
    const requestKey = shown.order.refund.requestKey as string;
    const asked = await run(orderAction, formRequest(`/admin/orders/${order.number}`, { requestKey, scope: "full" }, { cookie: owner.cookie }), { number: order.number });
    const question = ((await asked.json()) as any).confirm.question as string;
    expect(question).toMatch(/^Refund \$\d+\.\d\d(?:, shipping of \$\d+\.\d\d included,)? \(a test payment: recorded here, no money moves\)\?$/);
  });
});
