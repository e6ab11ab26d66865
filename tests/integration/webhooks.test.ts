// POST /webhooks/stripe: signatures, idempotency, ordering, amounts and refunds.
import fc from "fast-check";
import { afterAll, describe, expect, it, vi } from "vitest";

const standIn = await vi.hoisted(async () => {
  const { startStripeStandIn } = await import("../helpers/stripe-stand-in");
  const server = await startStripeStandIn();
  process.env.STRIPE_SECRET_KEY = "sk_test_standin";
  process.env.STRIPE_WEBHOOK_SECRET = "whsec_webhook_test_secret";
  process.env.STRIPE_API_BASE = server.url;
  return server;
});

const Stripe = (await import("stripe")).default;
const { action: cartAction } = await import("~/routes/cart");
const { action: checkoutAction } = await import("~/routes/checkout");
const { action: webhookAction } = await import("~/routes/webhooks.stripe");
const { db, variantBySku, snapshotTables, setStock } = await import("../helpers/db");
const { cookieFrom, formRequest, run } = await import("../helpers/remix");
const { stripeEvent } = await import("../helpers/stripe-stand-in");
const { sqlite } = await import("../helpers/db");
const { looksLikeEvent, webhookBodyArbitrary } = await import("../helpers/fuzz");
const { recordFigures } = await import("../helpers/figures");
const schema = await import("../../db/schema");
const { eq } = await import("drizzle-orm");

afterAll(() => standIn.close());

const SECRET = "whsec_webhook_test_secret";
const stripe = new Stripe("sk_test_standin");
const TOTE = "TOT-VCT-CREAM"; // $185.00
const CHARM = "MIC-HRT-GOLD"; // $49.00, 15% off → $41.65

async function startOrder(items: [string, number][] = [[TOTE, 1], [CHARM, 1]]) {
  let cookie: string | null = null;
  for (const [sku, quantity] of items) {
    const res = await run(cartAction, formRequest("/cart", { intent: "add", sku, quantity: String(quantity) }, { cookie }));
    cookie = cookieFrom(res) ?? cookie;
  }
  const res = await run(checkoutAction, formRequest("/checkout", {}, { cookie }));
  expect(res.status).toBe(303);
  expect(res.headers.get("Location")).toMatch(/^https:\/\/checkout\.stripe\.com\//);
  const order = db.select().from(schema.orders).orderBy(schema.orders.id).all().at(-1)!;
  return { order, cookie: cookie!, session: standIn.sessions.get(order.stripeSessionId!)! };
}

function paidSession(session: Record<string, any>, overrides: Record<string, any> = {}) {
  return {
    ...session,
    status: "complete",
    payment_status: "paid",
    payment_intent: `pi_${session.id.slice(-12)}`,
    customer_details: { ...session.customer_details, email: "ada@example.com", name: "Ada Lovelace" },
    collected_information: {
      shipping_details: {
        name: "Ada Lovelace",
        address: { line1: "12 St James's Square", line2: null, city: "London", state: null, postal_code: "SW1Y 4JH", country: "GB" },
      },
    },
    ...overrides,
  };
}

function signed(payload: string, options: { secret?: string; timestamp?: number } = {}) {
  return stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? SECRET,
    timestamp: options.timestamp ?? Math.floor(Date.now() / 1000),
  });
}

function deliver(event: object | string, signature?: string | null) {
  const payload = typeof event === "string" ? event : JSON.stringify(event);
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  const sig = signature === undefined ? signed(payload) : signature;
  if (sig !== null) headers["Stripe-Signature"] = sig;
  return run(webhookAction, new Request("http://shop.test/webhooks/stripe", { method: "POST", body: payload, headers }));
}

const TABLES = ["orders", "order_lines", "order_status_history", "stock_holds", "stock_ledger", "stripe_events", "variants", "cart_lines", "refunds"];

function saleRows(orderId: number) {
  return db.select().from(schema.stockLedger).where(eq(schema.stockLedger.orderId, orderId)).all().filter((r) => r.reason === "sale");
}

describe("webhook signatures", () => {
  it("fulfils a paid checkout.session.completed: stock sold, order paid, cart emptied", async () => {
    const { order, session } = await startOrder();
    const before = { tote: variantBySku(TOTE), charm: variantBySku(CHARM) };
    const res = await deliver(stripeEvent("checkout.session.completed", paidSession(session)));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true, outcome: "fulfilled" });

    const paid = db.select().from(schema.orders).where(eq(schema.orders.id, order.id)).get()!;
    expect(paid).toMatchObject({ status: "paid", customerEmail: "ada@example.com", customerName: "Ada Lovelace", flag: null });
    expect(paid.shippingAddress).toMatchObject({ city: "London", country: "GB" });
    expect(paid.stripePaymentIntentId).toMatch(/^pi_/);
    for (const [sku, was] of [[TOTE, before.tote], [CHARM, before.charm]] as const) {
      const now = variantBySku(sku);
      expect(now.stockOnHand).toBe(was.stockOnHand - 1);
      expect(now.stockHeld).toBe(was.stockHeld - 1);
    }
    expect(saleRows(order.id)).toHaveLength(2);
    expect(db.select().from(schema.cartLines).where(eq(schema.cartLines.cartId, order.cartId!)).all()).toEqual([]);
  });

  const badSignatures: [string, (payload: string) => string | null][] = [
    ["missing", () => null],
    ["signed with the wrong secret", (p) => signed(p, { secret: "whsec_someone_else" })],
    ["stale (10 minutes old)", (p) => signed(p, { timestamp: Math.floor(Date.now() / 1000) - 600 })],
    ["garbage", () => "t=1,v1=deadbeef"],
  ];

  it.each(badSignatures)("rejects a %s signature with 400 and changes nothing", async (_name, sign) => {
    const { session } = await startOrder([[TOTE, 1]]);
    const payload = JSON.stringify(stripeEvent("checkout.session.completed", paidSession(session)));
    const before = snapshotTables(TABLES);
    const res = await deliver(payload, sign(payload));
    expect(res.status).toBe(400);
    expect(snapshotTables(TABLES)).toEqual(before);
  });

  it("rejects a body tampered with after signing", async () => {
    const { session } = await startOrder([[TOTE, 1]]);
    const payload = JSON.stringify(stripeEvent("checkout.session.completed", paidSession(session, { amount_total: 100 })));
    const signature = signed(payload);
    const tampered = payload.replace('"amount_total":100', `"amount_total":${session.amount_total}`);
    const before = snapshotTables(TABLES);
    expect((await deliver(tampered, signature)).status).toBe(400);
    expect(snapshotTables(TABLES)).toEqual(before);
  });

  it("answers 400 for a signed but malformed session object, and 200 for event types it does not handle", async () => {
    const before = snapshotTables(TABLES);
    expect((await deliver(stripeEvent("checkout.session.completed", { id: 5 }))).status).toBe(400);
    const ignored = await deliver(stripeEvent("customer.created", { id: "cus_1", object: "customer" }));
    expect(ignored.status).toBe(200);
    expect(await ignored.json()).toEqual({ received: true, outcome: "ignored" });
    expect(snapshotTables(TABLES)).toEqual(before);
  });
});

describe("signed bodies that are not Stripe events", () => {
  const evt = () => `evt_${Math.random().toString(36).slice(2, 14)}`;
  const notEvents: [string, unknown][] = [
    ["null", null],
    ["an array", [1, 2, 3]],
    ["a string", "checkout.session.completed"],
    ["a number", 42],
    ["true", true],
    ["an empty object", {}],
    ["an object without type", { id: evt(), data: { object: { id: "cs_1" } } }],
    ["an object without data", { id: evt(), type: "checkout.session.completed" }],
    ["data without object", { id: evt(), type: "checkout.session.completed", data: {} }],
    ["data that is a string", { id: evt(), type: "charge.refunded", data: "x" }],
    ["data.object that is null", { id: evt(), type: "refund.created", data: { object: null } }],
    ["data.object that is an array", { id: evt(), type: "customer.created", data: { object: [] } }],
    ["a type that is not a string", { id: evt(), type: 7, data: { object: {} } }],
    ["an id that is not a string", { id: { $gt: "" }, type: "checkout.session.completed", data: { object: {} } }],
  ];

  it.each(notEvents)("answers 400 with a short message for %s, and writes nothing", async (_name, body) => {
    const before = snapshotTables(TABLES);
    const res = await deliver(JSON.stringify(body));
    expect(res.status).toBe(400);
    const { message } = (await res.json()) as { message: string };
    expect(message).toMatch(/^\S.{0,119}$/);
    expect(snapshotTables(TABLES)).toEqual(before);
  });

  it("answers 400 'not an event' (not 'invalid signature') for a signed body that is not JSON", async () => {
    const before = snapshotTables(TABLES);
    const res = await deliver("{ this is not json");
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ message: "Not a Stripe event" });
    expect(snapshotTables(TABLES)).toEqual(before);
  });

  const handled = [
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
    "checkout.session.async_payment_failed",
    "checkout.session.expired",
    "charge.refunded",
    "refund.created",
    "refund.updated",
  ];
  const wrongObjects: [string, Record<string, unknown>][] = [
    ["an empty object", {}],
    ["a customer", { id: "cus_1", object: "customer" }],
    ["a session with a numeric id", { id: 5, object: "checkout.session", payment_status: "paid", amount_total: 100, currency: "usd" }],
    ["a charge with a negative refund", { id: "ch_1", object: "charge", amount_refunded: -1, payment_intent: "pi_1" }],
    ["a refund with a fractional amount", { id: "re_1", object: "refund", amount: 1.5, status: "succeeded", payment_intent: "pi_1" }],
  ];
  const cases = handled.flatMap((type) => wrongObjects.map(([name, object]) => [type, name, object] as const));

  it.each(cases)("answers 400 for %s carrying %s, and writes nothing", async (type, _name, object) => {
    const before = snapshotTables(TABLES);
    const res = await deliver(stripeEvent(type, object));
    expect(res.status).toBe(400);
    expect(snapshotTables(TABLES)).toEqual(before);
  });
});

describe("idempotency and ordering", () => {
  it("an event replayed 3 times in a row gives one order and one stock movement", async () => {
    const { order, session } = await startOrder();
    const event = stripeEvent("checkout.session.completed", paidSession(session));
    const outcomes = [];
    for (let i = 0; i < 3; i += 1) outcomes.push(((await (await deliver(event)).json()) as any).outcome);
    expect(outcomes).toEqual(["fulfilled", "duplicate_event", "duplicate_event"]);
    expect(saleRows(order.id)).toHaveLength(2);
  });

  it("an event delivered 10 times at once gives one order and one stock movement", async () => {
    const { order, session } = await startOrder();
    const before = variantBySku(TOTE).stockOnHand;
    const event = stripeEvent("checkout.session.completed", paidSession(session));
    const responses = await Promise.all(Array.from({ length: 10 }, () => deliver(event)));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    const outcomes = await Promise.all(responses.map(async (r) => ((await r.json()) as any).outcome));
    expect(outcomes.filter((o) => o === "fulfilled")).toHaveLength(1);
    expect(saleRows(order.id)).toHaveLength(2);
    expect(variantBySku(TOTE).stockOnHand).toBe(before - 1);
    expect(db.select().from(schema.stripeEvents).where(eq(schema.stripeEvents.id, event.id)).all()).toHaveLength(1);
  });

  function permutations<T>(items: T[]): T[][] {
    if (items.length <= 1) return [items];
    return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
  }

  it("every ordering of completed / async succeeded / async failed / expired ends in the same state", async () => {
    const kinds = ["checkout.session.completed", "checkout.session.async_payment_succeeded", "checkout.session.async_payment_failed", "checkout.session.expired"];
    const endings = new Set<string>();
    setStock(CHARM, 100);
    for (const order of permutations(kinds)) {
      const { order: placed, session } = await startOrder([[CHARM, 1]]);
      const before = variantBySku(CHARM);
      for (const type of order) {
        const object = type.includes("failed") || type.includes("expired") ? { ...session, status: "expired" } : paidSession(session);
        expect((await deliver(stripeEvent(type, object))).status).toBe(200);
      }
      const after = variantBySku(CHARM);
      const final = db.select().from(schema.orders).where(eq(schema.orders.id, placed.id)).get()!;
      const holds = db.select().from(schema.stockHolds).where(eq(schema.stockHolds.orderId, placed.id)).all();
      endings.add(
        JSON.stringify({
          status: final.status,
          flag: final.flag,
          sold: before.stockOnHand - after.stockOnHand,
          heldChange: after.stockHeld - before.stockHeld,
          holds: holds.map((h) => h.status),
        }),
      );
    }
    expect([...endings]).toEqual([JSON.stringify({ status: "paid", flag: null, sold: 1, heldChange: -1, holds: ["converted"] })]);
  });

  it("an expired event after completed releases nothing", async () => {
    const { order, session } = await startOrder([[TOTE, 1]]);
    await deliver(stripeEvent("checkout.session.completed", paidSession(session)));
    const afterPaid = variantBySku(TOTE);
    await deliver(stripeEvent("checkout.session.expired", { ...session, status: "expired" }));
    expect(variantBySku(TOTE)).toEqual(afterPaid);
    expect(db.select().from(schema.orders).where(eq(schema.orders.id, order.id)).get()!.status).toBe("paid");
  });

  it("checkout.session.expired releases the hold of an unpaid order", async () => {
    const { order, session } = await startOrder([[TOTE, 2]]);
    const held = variantBySku(TOTE);
    await deliver(stripeEvent("checkout.session.expired", { ...session, status: "expired" }));
    expect(variantBySku(TOTE).stockHeld).toBe(held.stockHeld - 2);
    expect(variantBySku(TOTE).stockOnHand).toBe(held.stockOnHand);
    expect(db.select().from(schema.orders).where(eq(schema.orders.id, order.id)).get()!.status).toBe("expired");
  });
});

describe("a session whose id the shop never saved", () => {
  const SPARE_TOTE = "TOT-CMK-CREAM"; // its own stock, so the other tests' totes stay available
  // The process can stop between Stripe opening the session and the shop saving its id.
  function forgetSession(orderId: number) {
    db.update(schema.orders).set({ stripeSessionId: null }).where(eq(schema.orders.id, orderId)).run();
  }

  it("is matched to its order by client_reference_id, fulfilled, and the session id saved", async () => {
    const { order, session } = await startOrder([[SPARE_TOTE, 1]]);
    forgetSession(order.id);
    const before = variantBySku(SPARE_TOTE);
    const res = await deliver(stripeEvent("checkout.session.completed", paidSession(session)));
    expect(await res.json()).toEqual({ received: true, outcome: "fulfilled" });
    expect(db.select().from(schema.orders).where(eq(schema.orders.id, order.id)).get()!).toMatchObject({
      status: "paid",
      stripeSessionId: session.id,
    });
    expect(variantBySku(SPARE_TOTE)).toMatchObject({ stockOnHand: before.stockOnHand - 1, stockHeld: before.stockHeld - 1 });
  });

  it("releases the hold when it expires", async () => {
    const { order, session } = await startOrder([[SPARE_TOTE, 1]]);
    forgetSession(order.id);
    const held = variantBySku(SPARE_TOTE);
    await deliver(stripeEvent("checkout.session.expired", { ...session, status: "expired" }));
    expect(variantBySku(SPARE_TOTE).stockHeld).toBe(held.stockHeld - 1);
    expect(db.select().from(schema.orders).where(eq(schema.orders.id, order.id)).get()!.status).toBe("expired");
  });

  it("never takes over an order that already has another session", async () => {
    const first = await startOrder([[SPARE_TOTE, 1]]);
    const second = await startOrder([[SPARE_TOTE, 1]]);
    const intruder = paidSession(second.session, { client_reference_id: String(first.order.id), metadata: { order_id: String(first.order.id) } });
    forgetSession(second.order.id);
    const res = await deliver(stripeEvent("checkout.session.completed", { ...intruder, id: "cs_test_someone_elses" }));
    expect(await res.json()).toEqual({ received: true, outcome: "unknown_order" });
    expect(db.select().from(schema.orders).where(eq(schema.orders.id, first.order.id)).get()!).toMatchObject({
      status: "pending",
      stripeSessionId: first.order.stripeSessionId,
    });
  });
});

describe("payments that must not be fulfilled", () => {
  it("flags a session whose amount differs from the order and does not fulfil it", async () => {
    const { order, session } = await startOrder([[TOTE, 1]]);
    const before = variantBySku(TOTE);
    const res = await deliver(stripeEvent("checkout.session.completed", paidSession(session, { amount_total: session.amount_total - 1 })));
    expect(await res.json()).toEqual({ received: true, outcome: "amount_mismatch" });
    const flagged = db.select().from(schema.orders).where(eq(schema.orders.id, order.id)).get()!;
    expect(flagged.status).toBe("pending");
    expect(flagged.flag).toMatch(/does not match/);
    expect(variantBySku(TOTE)).toEqual(before);
  });

  it("flags a session in another currency", async () => {
    const { order, session } = await startOrder([[TOTE, 1]]);
    await deliver(stripeEvent("checkout.session.completed", paidSession(session, { currency: "eur" })));
    expect(db.select().from(schema.orders).where(eq(schema.orders.id, order.id)).get()!).toMatchObject({ status: "pending", flag: expect.stringContaining("eur") });
  });

  it("does not fulfil a completed session whose payment is still unpaid", async () => {
    const { order, session } = await startOrder([[TOTE, 1]]);
    const before = variantBySku(TOTE);
    const res = await deliver(stripeEvent("checkout.session.completed", paidSession(session, { payment_status: "unpaid" })));
    expect(await res.json()).toEqual({ received: true, outcome: "awaiting_payment" });
    expect(db.select().from(schema.orders).where(eq(schema.orders.id, order.id)).get()!.status).toBe("pending");
    expect(variantBySku(TOTE)).toEqual(before);
  });
});

describe("refunds", () => {
  it("marks partial and full refunds from charge.refunded and refund.* events, once each", async () => {
    const { order, session } = await startOrder([[TOTE, 1]]);
    const paid = paidSession(session);
    await deliver(stripeEvent("checkout.session.completed", paid));
    const charge = { id: "ch_1", object: "charge", amount_refunded: 5000, payment_intent: paid.payment_intent };
    const partial = stripeEvent("charge.refunded", charge);
    await deliver(partial);
    await deliver(partial);
    let row = db.select().from(schema.orders).where(eq(schema.orders.id, order.id)).get()!;
    expect(row).toMatchObject({ status: "partially_refunded", refundedCents: 5000 });

    const refund = { id: "re_full", object: "refund", amount: order.totalCents, status: "succeeded", payment_intent: paid.payment_intent };
    await deliver(stripeEvent("refund.created", refund));
    row = db.select().from(schema.orders).where(eq(schema.orders.id, order.id)).get()!;
    expect(row).toMatchObject({ status: "refunded", refundedCents: order.totalCents });
  });
});

// Last in this file: it posts many events (none naming an order the tests made).
describe("signed arbitrary JSON (fast-check)", () => {
  const RUNS = Number(process.env.FUZZ_RUNS ?? 1_000);
  const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);

  it(`${RUNS} signed bodies: never a 5xx, and a body that is not an event answers 400 and writes nothing`, async () => {
    const totalChanges = sqlite.prepare("SELECT total_changes()").pluck();
    const figures = { inputs: 0, nonEvents: 0, serverErrors: 0, byStatus: {} as Record<number, number> };
    try {
      await fc.assert(
        fc.asyncProperty(webhookBodyArbitrary, async (body) => {
          figures.inputs += 1;
          const before = totalChanges.get() as number;
          let res: Response;
          try {
            res = await deliver(JSON.stringify(body));
          } catch (error) {
            // Thrown out of the action: Remix would answer 500.
            figures.serverErrors += 1;
            throw error;
          }
          figures.byStatus[res.status] = (figures.byStatus[res.status] ?? 0) + 1;
          if (res.status >= 500) figures.serverErrors += 1;
          expect(res.status).toBeLessThan(500);
          const wrote = (totalChanges.get() as number) !== before;
          if (!looksLikeEvent(body)) {
            figures.nonEvents += 1;
            expect(res.status).toBe(400);
            expect(wrote).toBe(false);
          } else if (res.status >= 400) {
            expect(wrote).toBe(false);
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    } finally {
      console.log(`webhook envelopes: ${figures.inputs} signed bodies (seed ${SEED}), ${figures.nonEvents} not events, ${figures.serverErrors} 5xx, by status ${JSON.stringify(figures.byStatus)}`);
      recordFigures("webhookEnvelopes", { inputs: figures.inputs, serverErrors: figures.serverErrors, nonEvents: figures.nonEvents, byStatus: figures.byStatus, seed: SEED });
    }
    expect(figures.inputs).toBeGreaterThanOrEqual(RUNS);
    // The generator reaches both sides.
    expect(figures.nonEvents).toBeGreaterThan(0);
    expect(figures.inputs - figures.nonEvents).toBeGreaterThan(0);
  }, 120_000);
});
