// The micro-bag offer after payment with Stripe (a loopback stand-in): the
// add-on opens its own Checkout session for the micro bag only, at the bundle
// price from the first order's tote; the webhook (or the return to the order
// page) makes it part of the order; a late payment is refunded automatically.
import { afterAll, describe, expect, it, vi } from "vitest";

const standIn = await vi.hoisted(async () => {
  const { startStripeStandIn } = await import("../helpers/stripe-stand-in");
  const server = await startStripeStandIn();
  process.env.STRIPE_SECRET_KEY = "sk_test_standin";
  process.env.STRIPE_WEBHOOK_SECRET = "whsec_after_payment";
  process.env.STRIPE_API_BASE = server.url;
  process.env.PUBLIC_URL = "https://shop.example";
  return server;
});

const Stripe = (await import("stripe")).default;
const { action: cartAction } = await import("~/routes/cart");
const { action: checkoutAction } = await import("~/routes/checkout");
const { action: webhookAction } = await import("~/routes/webhooks.stripe");
const { action: addonAction } = await import("~/routes/orders.$number_.add-on");
const { loader: orderLoader } = await import("~/routes/orders.$number");
const { orderPageKey } = await import("~/utils/order-key.server");
const { AUTO_REFUND_EFFECT } = await import("~/services/payments.server");
const { db, variantBySku } = await import("../helpers/db");
const { cookieFrom, formRequest, getRequest, run } = await import("../helpers/remix");
const { stripeEvent } = await import("../helpers/stripe-stand-in");
const schema = await import("../../db/schema");
const { and, eq } = await import("drizzle-orm");

afterAll(() => standIn.close());

const stripe = new Stripe("sk_test_standin");
const TOTE = "TOT-CCL-BLACK"; // Calfskin Classic Tote

function deliver(event: object) {
  const payload = JSON.stringify(event);
  const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_after_payment", timestamp: Math.floor(Date.now() / 1000) });
  return run(webhookAction, new Request("http://shop.test/webhooks/stripe", { method: "POST", body: payload, headers: { "Content-Type": "application/json", "Stripe-Signature": signature } }));
}

function paid(session: Record<string, any>, withAddress = true) {
  return {
    ...session,
    status: "complete",
    payment_status: "paid",
    payment_intent: `pi_${session.id.slice(-12)}`,
    customer_details: { email: "ada@example.com", name: "Ada Lovelace", address: null },
    collected_information: withAddress
      ? { shipping_details: { name: "Ada Lovelace", address: { line1: "12 St James's Square", line2: null, city: "London", state: null, postal_code: "SW1Y 4JH", country: "GB" } } }
      : null,
  };
}

function orderRow(id: number) {
  return db.select().from(schema.orders).where(eq(schema.orders.id, id)).get()!;
}

async function paidToteOrder() {
  const added = await run(cartAction, formRequest("/cart", { intent: "add", sku: TOTE, quantity: "1" }));
  const cookie = cookieFrom(added)!;
  expect((await run(checkoutAction, formRequest("/checkout", {}, { cookie }))).status).toBe(303);
  const order = db.select().from(schema.orders).orderBy(schema.orders.id).all().at(-1)!;
  const session = standIn.sessions.get(order.stripeSessionId!)!;
  expect(((await (await deliver(stripeEvent("checkout.session.completed", paid(session)))).json()) as any).outcome).toBe("fulfilled");
  const key = orderPageKey(order.number);
  return { order: orderRow(order.id), key };
}

async function offerOf(number: string, key: string, query = "") {
  const res = await run(orderLoader, getRequest(`/orders/${number}?key=${key}${query}`), { number });
  expect(res.status).toBe(200);
  return (await res.json()) as any;
}

function addToOrder(number: string, key: string, sku: string) {
  return run(addonAction, formRequest(`/orders/${number}/add-on`, { key, sku }), { number });
}

describe("after-payment offer with Stripe", () => {
  it("opens a payment-mode session for the micro bag alone at the server's bundle price; the webhook adds it to the order", async () => {
    const { order, key } = await paidToteOrder();
    const page = await offerOf(order.number, key);
    expect(page.afterPayment.open).toBe(true);
    const item = page.afterPayment.items[0];
    const price = variantBySku(item.sku).priceCents;
    expect(item.priceCents).toBeLessThan(price);

    const res = await addToOrder(order.number, key, item.sku);
    expect(res.status).toBe(303);
    const location = res.headers.get("Location")!;
    expect(location).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);
    const call = standIn.requests.findLast((r) => r.path === "/v1/checkout/sessions")!;
    const addon = db.select().from(schema.orders).orderBy(schema.orders.id).all().at(-1)!;
    expect(addon.id).not.toBe(order.id);
    expect(call.headers["idempotency-key"]).toBe(`addon-order-${addon.id}`);
    expect(call.params).toMatchObject({
      mode: "payment",
      client_reference_id: String(addon.id),
      customer_email: "ada@example.com",
      metadata: { order_id: String(addon.id), addon_to: order.number },
      success_url: `https://shop.example/orders/${order.number}?key=${key}&addon_session={CHECKOUT_SESSION_ID}`,
    });
    // The micro bag alone, no shipping (it rides in the first parcel).
    expect(call.params.shipping_options).toBeUndefined();
    expect((call.params.line_items as any[]).map((li) => [li.price_data.product_data.metadata.sku, Number(li.price_data.unit_amount), Number(li.quantity)])).toEqual([
      [item.sku, item.priceCents, 1],
    ]);

    const session = standIn.sessions.get(addon.stripeSessionId!)!;
    const event = stripeEvent("checkout.session.completed", paid(session, false));
    expect(((await (await deliver(event)).json()) as any).outcome).toBe("fulfilled");
    // The same news again charges and sells nothing more.
    expect(((await (await deliver(event)).json()) as any).outcome).toBe("duplicate_event");
    expect(((await (await deliver(stripeEvent("checkout.session.completed", paid(session, false)))).json()) as any).outcome).toBe("already_paid");
    expect(orderRow(addon.id)).toMatchObject({
      status: "paid",
      totalCents: item.priceCents,
      stripePaymentIntentId: `pi_${session.id.slice(-12)}`,
      // Ships with the first order: its address is kept.
      shippingAddress: order.shippingAddress,
    });

    const after = await offerOf(order.number, key);
    expect(after.addons).toHaveLength(1);
    expect(after.addons[0].lines[0].sku).toBe(item.sku);
    expect(after.firstPayment.totalCents).toBe(order.totalCents);
  });

  it("a payment that arrives after the first order shipped is refunded in full through the outbox", async () => {
    const { order, key } = await paidToteOrder();
    const item = (await offerOf(order.number, key)).afterPayment.items[0];
    expect((await addToOrder(order.number, key, item.sku)).status).toBe(303);
    const addon = db.select().from(schema.orders).orderBy(schema.orders.id).all().at(-1)!;
    const before = variantBySku(item.sku);
    // Meanwhile the first order ships.
    db.update(schema.orders).set({ fulfilmentStatus: "fulfilled" }).where(eq(schema.orders.id, order.id)).run();
    const withdrawn = await offerOf(order.number, key);
    expect(withdrawn.afterPayment).toMatchObject({ open: false });
    // Back from Stripe: the order page confirms the session and refunds it.
    standIn.sessions.set(addon.stripeSessionId!, paid(standIn.sessions.get(addon.stripeSessionId!)!, false));
    await offerOf(order.number, key, `&addon_session=${addon.stripeSessionId}`);
    expect(orderRow(addon.id)).toMatchObject({ status: "paid", fulfilmentStatus: "cancelled" });
    const refund = db.select().from(schema.outbox).where(and(eq(schema.outbox.kind, AUTO_REFUND_EFFECT), eq(schema.outbox.orderId, addon.id))).get();
    expect(refund).toBeDefined();
    // Nothing was sold: the hold went back to the shelf.
    expect(variantBySku(item.sku)).toMatchObject({ stockOnHand: before.stockOnHand, stockHeld: before.stockHeld - 1 });
  });
});
