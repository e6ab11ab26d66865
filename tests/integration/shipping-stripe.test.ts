// Shipping with Stripe Checkout (the loopback stand-in), automatic tax on:
// what each session offers comes from the database, and payment news is
// recorded (or flagged) by the shipping and tax Stripe reports.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const standIn = await vi.hoisted(async () => {
  const { startStripeStandIn } = await import("../helpers/stripe-stand-in");
  const server = await startStripeStandIn();
  process.env.STRIPE_SECRET_KEY = "sk_test_standin";
  process.env.STRIPE_WEBHOOK_SECRET = "whsec_shipping_test_secret";
  process.env.STRIPE_API_BASE = server.url;
  process.env.STRIPE_AUTOMATIC_TAX = "1";
  return server;
});

const Stripe = (await import("stripe")).default;
const { action: cartAction } = await import("~/routes/cart");
const { action: checkoutAction } = await import("~/routes/checkout");
const { action: webhookAction } = await import("~/routes/webhooks.stripe");
const { action: orderAction, loader: orderLoader } = await import("~/routes/admin.orders.$number");
const { action: shippingListAction } = await import("~/routes/admin.shipping._index");
const { action: shippingEditAction, loader: shippingEditLoader } = await import("~/routes/admin.shipping.$id");
const { signInAs } = await import("../helpers/admin");
const { db, snapshotTables } = await import("../helpers/db");
const { cookieFrom, formRequest, getRequest, run } = await import("../helpers/remix");
const { stripeEvent } = await import("../helpers/stripe-stand-in");
const schema = await import("../../db/schema");
const { eq } = await import("drizzle-orm");

afterAll(() => standIn.close());

const SECRET = "whsec_shipping_test_secret";
const stripe = new Stripe("sk_test_standin");
const TOTE = "TOT-VCT-CREAM"; // $185.00: over Standard's $150 threshold
const CHARM = "MIC-HRT-GOLD"; // $49.00 alone

let staff: Awaited<ReturnType<typeof signInAs>>;
beforeAll(async () => {
  staff = await signInAs("staff");
});

function method(name: string) {
  return db.select().from(schema.shippingMethods).where(eq(schema.shippingMethods.name, name)).get()!;
}

async function startOrder(items: [string, number][]) {
  let cookie: string | null = null;
  for (const [sku, quantity] of items) {
    const res = await run(cartAction, formRequest("/cart", { intent: "add", sku, quantity: String(quantity) }, { cookie }));
    cookie = cookieFrom(res) ?? cookie;
  }
  const res = await run(checkoutAction, formRequest("/checkout", {}, { cookie }));
  expect(res.status).toBe(303);
  const order = db.select().from(schema.orders).orderBy(schema.orders.id).all().at(-1)!;
  const call = standIn.requests.findLast((r) => r.path === "/v1/checkout/sessions")!;
  return { order, session: standIn.sessions.get(order.stripeSessionId!)!, params: call.params };
}

/**
 * The session as Stripe reports it once paid with the option at `index` and
 * this much tax in all (of which `shippingTax` on the shipping).
 */
function paidWith(session: Record<string, any>, index: number, taxCents = 0, overrides: Record<string, any> = {}, shippingTax = 0) {
  const option = session.shipping_options[index];
  const goods = session.amount_subtotal as number;
  return {
    ...session,
    status: "complete",
    payment_status: "paid",
    payment_intent: `pi_${session.id.slice(-14)}`,
    customer_details: { ...session.customer_details, email: "ada@example.com", name: "Ada Lovelace" },
    amount_total: goods + option.shipping_amount + taxCents,
    shipping_cost: {
      amount_subtotal: option.shipping_amount,
      amount_tax: shippingTax,
      amount_total: option.shipping_amount + shippingTax,
      shipping_rate: option.shipping_rate,
    },
    total_details: { amount_discount: 0, amount_shipping: option.shipping_amount, amount_tax: taxCents },
    ...overrides,
  };
}

function deliver(event: object) {
  const payload = JSON.stringify(event);
  const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp: Math.floor(Date.now() / 1000) });
  return run(
    webhookAction,
    new Request("http://shop.test/webhooks/stripe", { method: "POST", body: payload, headers: { "Content-Type": "application/json", "Stripe-Signature": signature } }),
  );
}

function orderRow(id: number) {
  return db.select().from(schema.orders).where(eq(schema.orders.id, id)).get()!;
}

async function editMethod(id: number, fields: Record<string, string>) {
  const page = await run(shippingEditLoader, getRequest(`/admin/shipping/${id}`, { cookie: staff.cookie }), { id: String(id) });
  const values = ((await page.json()) as any).values as Record<string, string>;
  const sent = { intent: "save", ...values, ...fields };
  return run(shippingEditAction, formRequest(`/admin/shipping/${id}`, Object.fromEntries(Object.entries(sent).filter(([, v]) => v !== "")), { cookie: staff.cookie }), {
    id: String(id),
  });
}

describe("what Stripe Checkout is offered", () => {
  it("sends every active method as an inline rate priced from the database, cheapest first, with the countries and automatic tax", async () => {
    const { order, params } = await startOrder([[CHARM, 1]]);
    expect(order.totalCents).toBe(4900);
    const standard = method("Standard");
    const express = method("Express");
    expect(params.shipping_options).toEqual([
      {
        shipping_rate_data: {
          type: "fixed_amount",
          tax_behavior: "exclusive",
          display_name: "Standard",
          fixed_amount: { amount: "800", currency: "usd" },
          delivery_estimate: { minimum: { unit: "business_day", value: "3" }, maximum: { unit: "business_day", value: "5" } },
          metadata: { shipping_method_id: String(standard.id) },
        },
      },
      {
        shipping_rate_data: {
          type: "fixed_amount",
          tax_behavior: "exclusive",
          display_name: "Express",
          fixed_amount: { amount: "2000", currency: "usd" },
          delivery_estimate: { minimum: { unit: "business_day", value: "1" }, maximum: { unit: "business_day", value: "2" } },
          metadata: { shipping_method_id: String(express.id) },
        },
      },
    ]);
    expect(params.shipping_address_collection).toEqual({ allowed_countries: ["US", "CA", "GB", "IE", "FR", "DE", "NL", "AU"] });
    expect(params.automatic_tax).toEqual({ enabled: "true" });
    // Prices before tax, so what Stripe charges is goods + shipping + tax.
    expect(params.line_items.map((li: any) => li.price_data.tax_behavior)).toEqual(["exclusive"]);
  });

  it("makes Standard free when the goods reach its threshold", async () => {
    const { params } = await startOrder([[TOTE, 1]]);
    expect(params.shipping_options.map((o: any) => [o.shipping_rate_data.display_name, o.shipping_rate_data.fixed_amount.amount])).toEqual([
      ["Standard", "0"],
      ["Express", "2000"],
    ]);
  });

  it("uses a price changed in the back office for the next session, and the countries of the active methods", async () => {
    const standard = method("Standard");
    expect((await editMethod(standard.id, { price: "9.50" })).status).toBe(303);
    const audit = db.select().from(schema.auditLog).all().at(-1)!;
    expect(audit).toMatchObject({ action: "shipping.update", entityType: "shipping_method", entityId: String(standard.id), staffId: staff.id });
    expect(audit.before).toMatchObject({ priceCents: 800 });
    expect(audit.after).toMatchObject({ priceCents: 950 });

    const express = method("Express");
    const onlyUsCa = Object.fromEntries(["IE", "FR", "DE", "NL", "AU", "GB"].map((c) => [`country-${c}`, ""]));
    expect((await editMethod(express.id, onlyUsCa)).status).toBe(303);
    expect((await editMethod(standard.id, { ...onlyUsCa, "country-CA": "" })).status).toBe(303);

    const { params } = await startOrder([[CHARM, 1]]);
    expect(params.shipping_options.map((o: any) => o.shipping_rate_data.fixed_amount.amount)).toEqual(["950", "2000"]);
    expect(params.shipping_address_collection).toEqual({ allowed_countries: ["US", "CA"] });

    // Back as they were, for the tests below.
    const all = Object.fromEntries(["US", "CA", "GB", "IE", "FR", "DE", "NL", "AU"].map((c) => [`country-${c}`, "on"]));
    expect((await editMethod(standard.id, { price: "8.00", ...all })).status).toBe(303);
    expect((await editMethod(express.id, all)).status).toBe(303);
  });

  it("refuses a bad edit with 400 and messages per field, writing nothing", async () => {
    const standard = method("Standard");
    const before = snapshotTables(["shipping_methods", "audit_log"]);
    const res = await editMethod(standard.id, { price: "-3", minDays: "6", maxDays: "2", name: "" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(Object.keys(body.fieldErrors).sort()).toEqual(["maxDays", "name", "price"]);
    const forged = await run(shippingListAction, formRequest("/admin/shipping", { intent: "create", name: "Drone", price: "1", minDays: "1", maxDays: "1", "country-ZZ": "on" }, { cookie: staff.cookie }));
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as any).fieldErrors.countries).toMatch(/not a country/);
    expect(snapshotTables(["shipping_methods", "audit_log"])).toEqual(before);
  });
});

describe("payment news with shipping and tax", () => {
  it("records the method, its name, amount, delivery estimate and the tax, and the total charged", async () => {
    const { order, session } = await startOrder([[CHARM, 1]]);
    const res = await deliver(stripeEvent("checkout.session.completed", paidWith(session, 1, 392)));
    expect(await res.json()).toEqual({ received: true, outcome: "fulfilled" });
    expect(orderRow(order.id)).toMatchObject({
      status: "paid",
      flag: null,
      subtotalCents: 4900,
      discountCents: 0,
      shippingMethodId: method("Express").id,
      shippingMethodName: "Express",
      shippingCents: 2000,
      deliveryMinDays: 1,
      deliveryMaxDays: 2,
      taxCents: 392,
      totalCents: 4900 + 2000 + 392,
    });
    const page = (await (await run(orderLoader, getRequest(`/admin/orders/${order.number}`, { cookie: staff.cookie }), { number: order.number })).json()) as any;
    expect(page.order).toMatchObject({ shipping: { methodName: "Express", cents: 2000, estimate: "1–2 business days" }, taxCents: 392, remainingCents: 7292 });
  });

  it("counts tax on shipping once: in the tax, not in the shipping amount", async () => {
    const { order, session } = await startOrder([[CHARM, 1]]);
    const res = await deliver(stripeEvent("checkout.session.completed", paidWith(session, 0, 392 + 64, {}, 64)));
    expect(await res.json()).toMatchObject({ outcome: "fulfilled" });
    expect(orderRow(order.id)).toMatchObject({ shippingMethodName: "Standard", shippingCents: 800, taxCents: 456, totalCents: 4900 + 800 + 456 });
  });

  it("takes the method from the rate's metadata when Stripe sends the rate itself", async () => {
    const { order, session } = await startOrder([[TOTE, 1]]);
    const standard = method("Standard");
    const rate = { ...standIn.shippingRates.get(session.shipping_options[0].shipping_rate)! };
    const paid = paidWith(session, 0);
    paid.shipping_cost = { ...paid.shipping_cost, shipping_rate: rate };
    expect(await (await deliver(stripeEvent("checkout.session.completed", paid))).json()).toMatchObject({ outcome: "fulfilled" });
    expect(orderRow(order.id)).toMatchObject({ shippingMethodId: standard.id, shippingMethodName: "Standard", shippingCents: 0, totalCents: 18500 });
  });

  it("flags a session whose shipping amount the shop did not offer, and fulfils nothing", async () => {
    const { order, session } = await startOrder([[CHARM, 1]]);
    const paid = paidWith(session, 0, 0, {
      amount_total: 4900 + 1500,
      shipping_cost: { amount_subtotal: 1500, amount_tax: 0, amount_total: 1500, shipping_rate: "shr_not_ours" },
    });
    expect(await (await deliver(stripeEvent("checkout.session.completed", paid))).json()).toMatchObject({ outcome: "amount_mismatch" });
    const row = orderRow(order.id);
    expect(row).toMatchObject({ status: "pending", shippingMethodId: null, shippingCents: 0, totalCents: 4900 });
    expect(row.flag).toMatch(/Shipping of 1500 usd is not an amount the shop offers/);
    expect(db.select().from(schema.stockLedger).where(eq(schema.stockLedger.orderId, order.id)).all().filter((r) => r.reason === "sale")).toEqual([]);
  });

  it("flags a total that is not goods + shipping + tax", async () => {
    const { order, session } = await startOrder([[CHARM, 1]]);
    const paid = paidWith(session, 0, 100, { amount_total: 4900 + 800 });
    expect(await (await deliver(stripeEvent("checkout.session.completed", paid))).json()).toMatchObject({ outcome: "amount_mismatch" });
    expect(orderRow(order.id).flag).toMatch(/does not match the order total of 5800/);
  });

  it("refunds goods, shipping and tax in a full refund", async () => {
    const { order, session } = await startOrder([[CHARM, 1]]);
    await deliver(stripeEvent("checkout.session.completed", paidWith(session, 0, 250)));
    expect(orderRow(order.id).totalCents).toBe(4900 + 800 + 250);
    const page = (await (await run(orderLoader, getRequest(`/admin/orders/${order.number}`, { cookie: staff.cookie }), { number: order.number })).json()) as any;
    const res = await run(orderAction, formRequest(`/admin/orders/${order.number}`, { requestKey: page.order.refund.requestKey, confirm: "yes", scope: "full" }, { cookie: staff.cookie }), {
      number: order.number,
    });
    expect(res.status).toBe(303);
    const call = standIn.requests.findLast((r) => r.path === "/v1/refunds")!;
    expect(call.params).toMatchObject({ amount: String(4900 + 800 + 250) });
    expect(orderRow(order.id)).toMatchObject({ status: "refunded", refundedCents: 5950 });
  });

  it("refunds the shipping with chosen items when the box is ticked", async () => {
    const { order, session } = await startOrder([[CHARM, 1]]);
    await deliver(stripeEvent("checkout.session.completed", paidWith(session, 1)));
    const page = (await (await run(orderLoader, getRequest(`/admin/orders/${order.number}`, { cookie: staff.cookie }), { number: order.number })).json()) as any;
    const line = page.order.lines[0];
    const res = await run(
      orderAction,
      formRequest(`/admin/orders/${order.number}`, { requestKey: page.order.refund.requestKey, confirm: "yes", scope: "lines", [line.field]: "1", shipping: "on" }, { cookie: staff.cookie }),
      { number: order.number },
    );
    expect(res.status).toBe(303);
    expect(standIn.requests.findLast((r) => r.path === "/v1/refunds")!.params).toMatchObject({ amount: String(4900 + 2000) });
  });
});
