// Refunds from the back office against a loopback Stripe stand-in: what is
// sent to Stripe's refunds API, partial and full refunds with restock, Stripe's
// webhooks for the same refund arriving before or after the shop records it
// (same end state), a double submit, and Stripe refusing.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

const standIn = await vi.hoisted(async () => {
  const { startStripeStandIn } = await import("../helpers/stripe-stand-in");
  const server = await startStripeStandIn();
  process.env.STRIPE_SECRET_KEY = "sk_test_standin";
  process.env.STRIPE_WEBHOOK_SECRET = "whsec_refund_test_secret";
  process.env.STRIPE_API_BASE = server.url;
  return server;
});

const Stripe = (await import("stripe")).default;
const { action: cartAction } = await import("~/routes/cart");
const { action: checkoutAction } = await import("~/routes/checkout");
const { action: webhookAction } = await import("~/routes/webhooks.stripe");
const { action: orderAction, loader: orderLoader } = await import("~/routes/admin.orders.$number");
const { signInAs } = await import("../helpers/admin");
const { db, snapshotTables, variantBySku } = await import("../helpers/db");
const { cookieFrom, formRequest, getRequest, run } = await import("../helpers/remix");
const { stripeEvent } = await import("../helpers/stripe-stand-in");
const schema = await import("../../db/schema");
const { and, eq } = await import("drizzle-orm");

afterAll(() => standIn.close());
afterEach(() => {
  standIn.onRefundCreated = null;
});

const SECRET = "whsec_refund_test_secret";
const stripe = new Stripe("sk_test_standin");
const TOTE = "TOT-VCT-CREAM"; // $185.00
const CHARM = "MIC-HRT-GOLD"; // $49.00, 15% off with a tote → $41.65
const TABLES = ["orders", "order_lines", "order_status_history", "refunds", "variants", "stock_ledger", "audit_log", "stripe_events"];

let staff: Awaited<ReturnType<typeof signInAs>>;
beforeAll(async () => {
  staff = await signInAs("staff");
});

function deliver(event: object) {
  const payload = JSON.stringify(event);
  const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp: Math.floor(Date.now() / 1000) });
  return run(
    webhookAction,
    new Request("http://shop.test/webhooks/stripe", { method: "POST", body: payload, headers: { "Content-Type": "application/json", "Stripe-Signature": signature } }),
  );
}

/** A tote and a charm bought through Stripe and paid (checkout.session.completed). */
async function paidOrder(items: [string, number][] = [[TOTE, 1], [CHARM, 1]]) {
  let cookie: string | null = null;
  for (const [sku, quantity] of items) {
    const res = await run(cartAction, formRequest("/cart", { intent: "add", sku, quantity: String(quantity) }, { cookie }));
    cookie = cookieFrom(res) ?? cookie;
  }
  expect((await run(checkoutAction, formRequest("/checkout", {}, { cookie }))).status).toBe(303);
  const order = db.select().from(schema.orders).orderBy(schema.orders.id).all().at(-1)!;
  const session = standIn.sessions.get(order.stripeSessionId!)!;
  const paid = {
    ...session,
    status: "complete",
    payment_status: "paid",
    payment_intent: `pi_${session.id.slice(-16)}`,
    customer_details: { ...session.customer_details, email: "ada@example.com", name: "Ada Lovelace" },
  };
  const res = await deliver(stripeEvent("checkout.session.completed", paid));
  expect(await res.json()).toMatchObject({ outcome: "fulfilled" });
  return db.select().from(schema.orders).where(eq(schema.orders.id, order.id)).get()!;
}

function linesOf(orderId: number) {
  return db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, orderId)).orderBy(schema.orderLines.id).all();
}

async function requestKey(number: string) {
  const res = await run(orderLoader, getRequest(`/admin/orders/${number}`, { cookie: staff.cookie }), { number });
  return ((await res.json()) as any).order.refund.requestKey as string;
}

async function refund(number: string, fields: Record<string, string>, key?: string) {
  const requestKey_ = key ?? (await requestKey(number));
  return run(orderAction, formRequest(`/admin/orders/${number}`, { requestKey: requestKey_, confirm: "yes", ...fields }, { cookie: staff.cookie }), { number });
}

const refundCalls = () => standIn.requests.filter((r) => r.method === "POST" && r.path === "/v1/refunds");

/** What an order ended as, without ids and times, to compare two orders. */
function endState(orderId: number) {
  const order = db.select().from(schema.orders).where(eq(schema.orders.id, orderId)).get()!;
  return {
    status: order.status,
    refundedCents: order.refundedCents,
    refunds: db
      .select()
      .from(schema.refunds)
      .where(eq(schema.refunds.orderId, orderId))
      .all()
      .map((r) => ({ amountCents: r.amountCents, status: r.status, staffId: r.staffId, reason: r.reason })),
    restocked: linesOf(orderId).map((l) => l.restockedQuantity),
    ledger: db
      .select()
      .from(schema.stockLedger)
      .where(and(eq(schema.stockLedger.orderId, orderId), eq(schema.stockLedger.reason, "refund_restock")))
      .all()
      .map((r) => [r.variantId, r.onHandDelta]),
    history: db
      .select()
      .from(schema.orderStatusHistory)
      .where(eq(schema.orderStatusHistory.orderId, orderId))
      .all()
      .map((h) => h.status),
  };
}

describe("refunds through Stripe", () => {
  it("refunds the micro bag (partial) with restock: Stripe gets the amount and payment intent, the books follow", async () => {
    const order = await paidOrder();
    const [, charmLine] = linesOf(order.id);
    const key = await requestKey(order.number);
    const charmBefore = variantBySku(CHARM);
    const calls = refundCalls().length;

    const res = await refund(order.number, { scope: "lines", [`qty-${charmLine!.id}`]: "1", restock: "on", reason: "Changed her mind" }, key);
    expect(res.status, await res.clone().text()).toBe(303);

    expect(refundCalls()).toHaveLength(calls + 1);
    const call = refundCalls().at(-1)!;
    expect(call.params).toEqual({ payment_intent: order.stripePaymentIntentId, amount: "4165", metadata: { order_id: String(order.id) } });
    expect(call.headers["idempotency-key"]).toBe(`refund-order-${order.id}-${key}`);
    const made = standIn.refunds.get(db.select().from(schema.refunds).where(eq(schema.refunds.orderId, order.id)).get()!.id)!;
    expect(made).toMatchObject({ amount: 4165, payment_intent: order.stripePaymentIntentId });

    expect(db.select().from(schema.orders).where(eq(schema.orders.id, order.id)).get()).toMatchObject({ status: "partially_refunded", refundedCents: 4165 });
    expect(db.select().from(schema.refunds).where(eq(schema.refunds.orderId, order.id)).all()).toEqual([
      expect.objectContaining({ id: made.id, amountCents: 4165, status: "succeeded", staffId: staff.id, reason: "Changed her mind" }),
    ]);
    expect(variantBySku(CHARM).stockOnHand).toBe(charmBefore.stockOnHand + 1);
    expect(endState(order.id)).toMatchObject({ restocked: [0, 1], ledger: [[charmBefore.id, 1]] });
    const audit = db.select().from(schema.auditLog).where(and(eq(schema.auditLog.action, "order.refund"), eq(schema.auditLog.entityId, String(order.id)))).all();
    expect(audit).toEqual([expect.objectContaining({ staffId: staff.id, after: expect.objectContaining({ refundId: made.id, amountCents: 4165 }) })]);
  });

  it("refunds the rest in full with restock, and a second full refund is refused before Stripe is asked", async () => {
    const order = await paidOrder();
    const toteBefore = variantBySku(TOTE);
    const charmBefore = variantBySku(CHARM);
    expect((await refund(order.number, { scope: "amount", amount: "20" })).status).toBe(303);
    const res = await refund(order.number, { scope: "full", restock: "on" });
    expect(res.status).toBe(303);
    expect(refundCalls().at(-1)!.params).toMatchObject({ amount: String(order.totalCents - 2000), payment_intent: order.stripePaymentIntentId });
    expect(endState(order.id)).toMatchObject({ status: "refunded", refundedCents: order.totalCents, restocked: [1, 1] });
    expect(variantBySku(TOTE).stockOnHand).toBe(toteBefore.stockOnHand + 1);
    expect(variantBySku(CHARM).stockOnHand).toBe(charmBefore.stockOnHand + 1);

    const calls = refundCalls().length;
    const snapshot = snapshotTables(TABLES);
    expect((await refund(order.number, { scope: "amount", amount: "1" })).status).toBe(409);
    expect(refundCalls()).toHaveLength(calls);
    expect(snapshotTables(TABLES)).toEqual(snapshot);
  });

  it("refuses more than is left without asking Stripe", async () => {
    const order = await paidOrder([[CHARM, 1]]);
    const calls = refundCalls().length;
    const snapshot = snapshotTables(TABLES);
    // $49.00 of goods and $8.00 of Standard shipping were charged.
    expect(order.totalCents).toBe(5700);
    const res = await refund(order.number, { scope: "amount", amount: "57.01" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).fieldErrors).toEqual({ amount: "You can refund at most $57.00." });
    expect(refundCalls()).toHaveLength(calls);
    expect(snapshotTables(TABLES)).toEqual(snapshot);
  });

  it("ends in the same state whether Stripe's webhooks for the refund arrive before or after the shop records it", async () => {
    const early = await paidOrder();
    const late = await paidOrder();
    const webhooksFor = (refund: Record<string, any>) => [
      stripeEvent("refund.created", { ...refund, object: "refund" }),
      stripeEvent("charge.refunded", { id: "ch_x", object: "charge", amount_refunded: refund.amount, payment_intent: refund.payment_intent }),
    ];

    // Early: both webhooks are handled while the shop is still waiting for Stripe's answer.
    let deliveredEarly = 0;
    standIn.onRefundCreated = async (made) => {
      for (const event of webhooksFor(made)) {
        const res = await deliver(event);
        expect(res.status).toBe(200);
        deliveredEarly++;
      }
    };
    const [, earlyCharm] = linesOf(early.id);
    expect((await refund(early.number, { scope: "lines", [`qty-${earlyCharm!.id}`]: "1", restock: "on" })).status).toBe(303);
    standIn.onRefundCreated = null;
    expect(deliveredEarly).toBe(2);

    // Late: the same webhooks after the shop has recorded the refund.
    const [, lateCharm] = linesOf(late.id);
    expect((await refund(late.number, { scope: "lines", [`qty-${lateCharm!.id}`]: "1", restock: "on" })).status).toBe(303);
    const lateRefund = standIn.refunds.get(db.select().from(schema.refunds).where(eq(schema.refunds.orderId, late.id)).get()!.id)!;
    for (const event of webhooksFor(lateRefund)) expect((await deliver(event)).status).toBe(200);

    const expected = {
      status: "partially_refunded",
      refundedCents: 4165,
      refunds: [{ amountCents: 4165, status: "succeeded", staffId: staff.id, reason: null }],
      restocked: [0, 1],
      ledger: [[variantBySku(CHARM).id, 1]],
      // One history entry for the refund, however many pieces of news told of it.
      history: ["pending", "paid", "partially_refunded"],
    };
    expect(endState(early.id)).toMatchObject(expected);
    expect(endState(late.id)).toEqual(endState(early.id));
  });

  it("refunds once when the same form is sent twice (Stripe's idempotency key)", async () => {
    const order = await paidOrder([[CHARM, 1]]);
    const key = await requestKey(order.number);
    const first = await refund(order.number, { scope: "amount", amount: "9.99" }, key);
    const second = await refund(order.number, { scope: "amount", amount: "9.99" }, key);
    expect([first.status, second.status]).toEqual([303, 303]);
    const calls = refundCalls().slice(-2);
    expect(calls.map((c) => c.headers["idempotency-key"])).toEqual([`refund-order-${order.id}-${key}`, `refund-order-${order.id}-${key}`]);
    expect(endState(order.id)).toMatchObject({ status: "partially_refunded", refundedCents: 999, refunds: [{ amountCents: 999 }] });
  });

  it("changes nothing when Stripe refuses, and says what Stripe said", async () => {
    const order = await paidOrder();
    const snapshot = snapshotTables(TABLES);
    standIn.failNext("/v1/refunds", { status: 400, type: "invalid_request_error", message: "Charge ch_1 has already been refunded." });
    const res = await refund(order.number, { scope: "full", restock: "on" });
    expect(res.status).toBe(502);
    const body = (await res.json()) as any;
    expect(body.message).toMatch(/Stripe didn't make the refund.*already been refunded/);
    expect(body.values.requestKey).toBeUndefined();
    expect(snapshotTables(TABLES)).toEqual(snapshot);
  });
});

describe("cancelling a Stripe order", () => {
  it("refunds everything through Stripe with one idempotency key, restocks with reason 'cancelled', twice refunds once", async () => {
    const { action: cancelAction } = await import("~/routes/admin.orders.$number_.cancel");
    const order = await paidOrder();
    const before = { tote: variantBySku(TOTE).stockOnHand, charm: variantBySku(CHARM).stockOnHand };
    const calls = refundCalls().length;
    const cancel = () => run(cancelAction, formRequest(`/admin/orders/${order.number}/cancel`, { confirm: "yes" }, { cookie: staff.cookie }), { number: order.number });

    const res = await cancel();
    expect(res.status, await res.clone().text()).toBe(303);
    expect(refundCalls()).toHaveLength(calls + 1);
    const call = refundCalls().at(-1)!;
    expect(call.params).toMatchObject({ payment_intent: order.stripePaymentIntentId, amount: String(order.totalCents) });
    expect(call.headers["idempotency-key"]).toBe(`refund-order-${order.id}-cancel-order-${String(order.id).padStart(6, "0")}`);
    expect(db.select().from(schema.orders).where(eq(schema.orders.id, order.id)).get()).toMatchObject({
      status: "refunded",
      refundedCents: order.totalCents,
      fulfilmentStatus: "cancelled",
    });
    expect(variantBySku(TOTE).stockOnHand).toBe(before.tote + 1);
    expect(variantBySku(CHARM).stockOnHand).toBe(before.charm + 1);
    const reasons = db.select().from(schema.stockLedger).where(eq(schema.stockLedger.orderId, order.id)).all().map((l) => l.reason);
    expect(reasons.filter((r) => r === "cancelled")).toHaveLength(2);
    expect(reasons).not.toContain("refund_restock");

    // Again: Stripe isn't asked, nothing changes.
    const snapshot = snapshotTables(TABLES);
    expect((await cancel()).status).toBe(303);
    expect(refundCalls()).toHaveLength(calls + 1);
    expect(snapshotTables(TABLES)).toEqual(snapshot);
  });
});
