// The orders pages of the back office with test payments (no Stripe key):
// the list (status filter, search, pages), an order's page, and refunds made
// locally: full, partial, by items, putting items back in stock, never more
// than was paid, audited.
import { beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import { action as cartAction } from "~/routes/cart";
import { action as checkoutAction } from "~/routes/checkout";
import { action as payAction } from "~/routes/checkout.test-payment";
import { loader as listLoader } from "~/routes/admin.orders._index";
import { action as orderAction, loader as orderLoader } from "~/routes/admin.orders.$number";
import { signInAs, withCookie, type SignedIn } from "../helpers/admin";
import { db, snapshotTables, sqlite, variantBySku } from "../helpers/db";
import { cookieFrom, formRequest, getRequest, run } from "../helpers/remix";
import * as schema from "../../db/schema";

const TOTE = "TOT-CRO-BLACK"; // $210.00
const CHARM = "MIC-BOX-EMERALD"; // $55.00, 15% off with a tote → $46.75
const REFUND_TABLES = ["orders", "order_lines", "order_status_history", "refunds", "variants", "stock_ledger", "audit_log"];

let staff: SignedIn;
let owner: SignedIn;

beforeAll(async () => {
  [staff, owner] = await Promise.all([signInAs("staff"), signInAs("owner")]);
});

let emailCounter = 0;

/** A paid test-payment order, bought by a fresh email address. */
async function paidOrder(items: [string, number][] = [[TOTE, 1], [CHARM, 1]], email = `shopper${++emailCounter}@example.com`) {
  let cookie: string | null = null;
  for (const [sku, quantity] of items) {
    const res = await run(cartAction, formRequest("/cart", { intent: "add", sku, quantity: String(quantity) }, { cookie }));
    cookie = cookieFrom(res) ?? cookie;
  }
  const started = await run(checkoutAction, formRequest("/checkout", {}, { cookie }));
  const location = started.headers.get("Location")!;
  const sessionId = new URL(location, "http://x").searchParams.get("session_id")!;
  const paid = await run(
    payAction,
    formRequest(location, { intent: "pay", session_id: sessionId, email, name: "Grace Hopper", line1: "1 Navy Yard", city: "Arlington", postal_code: "22202", country: "US" }, { cookie }),
  );
  expect(paid.status).toBe(303);
  return db.select().from(schema.orders).where(eq(schema.orders.stripeSessionId, sessionId)).get()!;
}

function orderRow(id: number) {
  return db.select().from(schema.orders).where(eq(schema.orders.id, id)).get()!;
}

function linesOf(orderId: number) {
  return db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, orderId)).orderBy(schema.orderLines.id).all();
}

async function orderPage(number: string, cookie = staff.cookie) {
  const res = await run(orderLoader, getRequest(`/admin/orders/${number}`, { cookie }), { number });
  expect(res.status).toBe(200);
  return ((await res.json()) as any).order;
}

async function refund(number: string, fields: Record<string, string>, who: SignedIn = staff) {
  const page = await orderPage(number, who.cookie);
  return run(orderAction, formRequest(`/admin/orders/${number}`, { requestKey: page.refund.requestKey, confirm: "yes", ...fields }, { cookie: who.cookie }), { number });
}

function restockRows(orderId: number) {
  return db
    .select()
    .from(schema.stockLedger)
    .where(and(eq(schema.stockLedger.orderId, orderId), eq(schema.stockLedger.reason, "refund_restock")))
    .all();
}

function refundAudits(orderId: number) {
  return db
    .select()
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.action, "order.refund"), eq(schema.auditLog.entityId, String(orderId))))
    .orderBy(schema.auditLog.id)
    .all();
}

describe("an order's page", () => {
  it("shows the lines with bundle discounts, totals, the customer, the address, payment ids and the history", async () => {
    const order = await paidOrder();
    const page = await orderPage(order.number);
    expect(page).toMatchObject({
      number: order.number,
      status: "paid",
      subtotalCents: 26500,
      discountCents: 825,
      totalCents: 25675,
      refundedCents: 0,
      remainingCents: 25675,
      paymentMode: "test",
      stripeSessionId: order.stripeSessionId,
      customer: { email: order.customerEmail, name: "Grace Hopper", address: ["Grace Hopper", "1 Navy Yard", "22202 Arlington", "US"] },
      refund: { possible: true, why: null, requestKey: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/) },
    });
    expect(page.lines.map((l: any) => [l.sku, l.quantity, l.unitPriceCents, l.discountCents, l.lineTotalCents, l.restockable])).toEqual([
      [TOTE, 1, 21000, 0, 21000, 1],
      [CHARM, 1, 5500, 825, 4675, 1],
    ]);
    expect(page.lines[1].offerName).toMatch(/15% off/);
    expect(page.history.map((h: any) => h.status)).toEqual(["pending", "paid"]);
    // Each page view carries a new refund key.
    expect((await orderPage(order.number)).refund.requestKey).not.toBe(page.refund.requestKey);
  });

  it("answers 404 for an unknown or malformed number", async () => {
    for (const number of ["TC-ZZZZZZ", "nope", "TC-<script>"]) {
      expect((await run(orderLoader, getRequest(`/admin/orders/${number}`, { cookie: staff.cookie }), { number })).status).toBe(404);
    }
  });

  it("finds an order by its number in lowercase", async () => {
    const order = await paidOrder([[CHARM, 1]]);
    const number = order.number.toLowerCase();
    const res = await run(orderLoader, getRequest(`/admin/orders/${number}`, { cookie: owner.cookie }), { number });
    expect(res.status).toBe(200);
  });
});

describe("refunds in test-payment mode", () => {
  it("refunds part, then items with restock, then the rest: stock, ledger, statuses and audit all follow", async () => {
    const order = await paidOrder();
    const before = { tote: variantBySku(TOTE), charm: variantBySku(CHARM) };

    // $10.50, exactly 1050 cents.
    let res = await refund(order.number, { scope: "amount", amount: "10.50", reason: "Scuffed corner" });
    expect(res.status, await res.clone().text()).toBe(303);
    expect(res.headers.get("Location")).toBe(`/admin/orders/${order.number}`);
    expect(orderRow(order.id)).toMatchObject({ status: "partially_refunded", refundedCents: 1050 });
    let refunds = db.select().from(schema.refunds).where(eq(schema.refunds.orderId, order.id)).all();
    expect(refunds).toEqual([expect.objectContaining({ amountCents: 1050, status: "succeeded", staffId: staff.id, reason: "Scuffed corner", id: expect.stringMatching(/^test_re_/) })]);
    expect(restockRows(order.id)).toEqual([]);
    const shown = await run(orderLoader, getRequest(`/admin/orders/${order.number}`, { cookie: withCookie(staff.cookie, cookieFrom(res, "notice")) }), { number: order.number });
    expect(((await shown.json()) as any).notice).toEqual({ kind: "success", message: "Refunded $10.50." });

    // The micro bag comes back: what it was paid ($46.75), and it goes back on the shelf.
    const [, charmLine] = linesOf(order.id);
    res = await refund(order.number, { scope: "lines", [`qty-${charmLine!.id}`]: "1", restock: "on" }, owner);
    expect(res.status, await res.clone().text()).toBe(303);
    expect(orderRow(order.id)).toMatchObject({ status: "partially_refunded", refundedCents: 1050 + 4675 });
    expect(variantBySku(CHARM).stockOnHand).toBe(before.charm.stockOnHand + 1);
    expect(variantBySku(TOTE).stockOnHand).toBe(before.tote.stockOnHand);
    expect(restockRows(order.id)).toEqual([
      expect.objectContaining({ variantId: before.charm.id, onHandDelta: 1, onHandAfter: before.charm.stockOnHand + 1, staffId: owner.id }),
    ]);
    expect(linesOf(order.id).map((l) => l.restockedQuantity)).toEqual([0, 1]);

    // Everything left, with restock: only the tote can still go back.
    res = await refund(order.number, { scope: "full", restock: "on" });
    expect(res.status).toBe(303);
    expect(orderRow(order.id)).toMatchObject({ status: "refunded", refundedCents: 25675 });
    expect(variantBySku(TOTE).stockOnHand).toBe(before.tote.stockOnHand + 1);
    expect(variantBySku(CHARM).stockOnHand).toBe(before.charm.stockOnHand + 1);
    expect(restockRows(order.id)).toHaveLength(2);
    expect(linesOf(order.id).map((l) => l.restockedQuantity)).toEqual([1, 1]);
    refunds = db.select().from(schema.refunds).where(eq(schema.refunds.orderId, order.id)).all();
    expect(refunds.map((r) => r.amountCents)).toEqual([1050, 4675, 25675 - 1050 - 4675]);
    expect(refunds.reduce((s, r) => s + r.amountCents, 0)).toBe(order.totalCents);

    const audits = refundAudits(order.id);
    expect(audits.map((a) => [a.staffId, (a.before as any).refundedCents, (a.after as any).refundedCents, (a.after as any).status])).toEqual([
      [staff.id, 0, 1050, "partially_refunded"],
      [owner.id, 1050, 5725, "partially_refunded"],
      [staff.id, 5725, 25675, "refunded"],
    ]);
    expect((audits[1]!.after as any).restocked).toEqual([{ lineId: charmLine!.id, variantId: before.charm.id, quantity: 1 }]);

    const page = await orderPage(order.number);
    expect(page).toMatchObject({ status: "refunded", remainingCents: 0, refund: { possible: false, why: expect.stringMatching(/refunded/i) } });
    expect(page.history.map((h: any) => h.status)).toEqual(["pending", "paid", "partially_refunded", "partially_refunded", "refunded"]);
    expect(page.refunds.map((r: any) => r.by)).toEqual(["Sam Staff", "Olive Owner", "Sam Staff"]);

    // Nothing left: refused, nothing changes.
    const snapshot = snapshotTables(REFUND_TABLES);
    res = await refund(order.number, { scope: "amount", amount: "1" });
    expect(res.status).toBe(409);
    expect(snapshotTables(REFUND_TABLES)).toEqual(snapshot);
  });

  it("never refunds more than was paid less what was refunded", async () => {
    const order = await paidOrder();
    expect((await refund(order.number, { scope: "amount", amount: "200" })).status).toBe(303);
    const snapshot = snapshotTables(REFUND_TABLES);
    for (const amount of ["56.76", "1000000", "256.75"]) {
      const res = await refund(order.number, { scope: "amount", amount });
      expect(res.status).toBe(400);
      expect(((await res.json()) as any).fieldErrors).toEqual({ amount: "You can refund at most $56.75." });
    }
    expect(snapshotTables(REFUND_TABLES)).toEqual(snapshot);
    // Exactly what is left is fine.
    expect((await refund(order.number, { scope: "amount", amount: "$56.75" })).status).toBe(303);
    expect(orderRow(order.id)).toMatchObject({ status: "refunded", refundedCents: 25675 });
  });

  it("limits restock to what was sold and not yet put back", async () => {
    const order = await paidOrder([[TOTE, 2]]);
    const [line] = linesOf(order.id);
    const qty = `qty-${line!.id}`;
    const snapshot = snapshotTables(REFUND_TABLES);
    let res = await refund(order.number, { scope: "lines", [qty]: "3", restock: "on" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).fieldErrors).toEqual({ [qty]: "Only 2 were bought." });
    expect(snapshotTables(REFUND_TABLES)).toEqual(snapshot);

    const before = variantBySku(TOTE).stockOnHand;
    // $40 back for a scuffed bag, which goes back on the shelf for resale.
    res = await refund(order.number, { scope: "amount", amount: "40", [qty]: "1", restock: "on" });
    expect(res.status).toBe(303);
    expect(variantBySku(TOTE).stockOnHand).toBe(before + 1);
    expect(orderRow(order.id).refundedCents).toBe(4000);

    res = await refund(order.number, { scope: "lines", [qty]: "2", restock: "on" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).fieldErrors).toEqual({ [qty]: "Only 1 more can go back in stock." });

    res = await refund(order.number, { scope: "lines", [qty]: "1", restock: "on" });
    expect(res.status).toBe(303);
    // One unit's worth ($210), capped at nothing more than is left.
    expect(orderRow(order.id)).toMatchObject({ refundedCents: 4000 + 21000, status: "partially_refunded" });
    expect(variantBySku(TOTE).stockOnHand).toBe(before + 2);
    expect(restockRows(order.id).map((r) => r.onHandDelta)).toEqual([1, 1]);
    res = await refund(order.number, { scope: "lines", [qty]: "1", restock: "on" });
    expect(((await res.json()) as any).fieldErrors).toEqual({ [qty]: "These have all been put back in stock already." });
  });

  it("refunds once when the same form is sent twice", async () => {
    const order = await paidOrder([[CHARM, 1]]);
    const { requestKey } = (await orderPage(order.number)).refund;
    const send = () =>
      run(orderAction, formRequest(`/admin/orders/${order.number}`, { requestKey, confirm: "yes", scope: "amount", amount: "5" }, { cookie: staff.cookie }), {
        number: order.number,
      });
    const [first, second] = [await send(), await send()];
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(orderRow(order.id).refundedCents).toBe(500);
    expect(db.select().from(schema.refunds).where(eq(schema.refunds.orderId, order.id)).all()).toHaveLength(1);
    expect(refundAudits(order.id)).toHaveLength(1);
  });

  it("refuses bad input with field messages (4xx) and changes nothing", async () => {
    const order = await paidOrder();
    const [toteLine] = linesOf(order.id);
    const page = await orderPage(order.number);
    const key = page.refund.requestKey;
    const snapshot = snapshotTables(REFUND_TABLES);
    const cases: [Record<string, string>, string][] = [
      [{ requestKey: key, scope: "amount", amount: "12.345" }, "amount"],
      [{ requestKey: key, scope: "amount", amount: "1e3" }, "amount"],
      [{ requestKey: key, scope: "amount", amount: "-5" }, "amount"],
      [{ requestKey: key, scope: "amount", amount: "0" }, "amount"],
      [{ requestKey: key, scope: "amount" }, "amount"],
      [{ requestKey: key, scope: "everything" }, "scope"],
      [{ requestKey: key, scope: "lines" }, "_form"],
      [{ requestKey: key, scope: "lines", [`qty-${toteLine!.id}`]: "one" }, `qty-${toteLine!.id}`],
      [{ requestKey: key, scope: "lines", "qty-999999": "1" }, "_form"],
      [{ requestKey: key, scope: "full", restock: "yes please" }, "restock"],
      [{ requestKey: key, scope: "full", reason: "x".repeat(201) }, "reason"],
      [{ requestKey: key, scope: "full", amountCents: "1" }, "_form"],
      [{ requestKey: "short", scope: "full" }, "_form"],
      [{ scope: "full" }, "_form"],
      [{ requestKey: key, scope: "amount", amount: "5", restock: "on" }, "restock"],
    ];
    for (const [fields, field] of cases) {
      const res = await run(orderAction, formRequest(`/admin/orders/${order.number}`, fields, { cookie: staff.cookie }), { number: order.number });
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(Object.keys(((await res.json()) as any).fieldErrors), JSON.stringify(fields)).toContain(field);
    }
    const repeated = await run(
      orderAction,
      formRequest(`/admin/orders/${order.number}`, [["requestKey", key], ["scope", "full"], ["scope", "amount"]], { cookie: staff.cookie }),
      { number: order.number },
    );
    expect(repeated.status).toBe(400);
    expect(snapshotTables(REFUND_TABLES)).toEqual(snapshot);
  });

  it("refuses orders that were never paid (409) and unknown orders (404)", async () => {
    let cookie: string | null = null;
    const res = await run(cartAction, formRequest("/cart", { intent: "add", sku: TOTE, quantity: "1" }));
    cookie = cookieFrom(res);
    await run(checkoutAction, formRequest("/checkout", {}, { cookie }));
    const pending = db.select().from(schema.orders).orderBy(desc(schema.orders.id)).get()!;
    expect(pending.status).toBe("pending");
    const snapshot = snapshotTables(REFUND_TABLES);
    const page = await orderPage(pending.number);
    expect(page.refund).toMatchObject({ possible: false, why: expect.stringMatching(/Only paid orders/) });
    const refused = await run(
      orderAction,
      formRequest(`/admin/orders/${pending.number}`, { requestKey: page.refund.requestKey, confirm: "yes", scope: "full" }, { cookie: staff.cookie }),
      { number: pending.number },
    );
    expect(refused.status).toBe(409);
    const unknown = await run(orderAction, formRequest("/admin/orders/TC-ZZZZZZ", { requestKey: page.refund.requestKey, confirm: "yes", scope: "full" }, { cookie: staff.cookie }), {
      number: "TC-ZZZZZZ",
    });
    expect(unknown.status).toBe(404);
    expect(snapshotTables(REFUND_TABLES)).toEqual(snapshot);
  });
});

describe("the orders list", () => {
  async function list(query = "", cookie = staff.cookie) {
    const res = await run(listLoader, getRequest(`/admin/orders${query}`, { cookie }));
    return { status: res.status, body: (await res.json()) as any };
  }

  it("filters by status and finds orders by the start of their number or email, in any case", async () => {
    const a = await paidOrder([[CHARM, 1]], "Ada.Lovelace@Example.com");
    const b = await paidOrder([[CHARM, 1]], "ada.byron@example.com");
    await refund(b.number, { scope: "full" });

    const refunded = await list("?status=refunded");
    expect(refunded.status).toBe(200);
    expect(refunded.body.orders.length).toBeGreaterThan(0);
    expect(refunded.body.orders.every((o: any) => o.status === "refunded")).toBe(true);
    expect(refunded.body.orders.map((o: any) => o.number)).toContain(b.number);
    expect(refunded.body.orders.map((o: any) => o.number)).not.toContain(a.number);

    const byEmail = await list("?q=ADA.");
    expect(byEmail.body.orders.map((o: any) => o.number)).toEqual([b.number, a.number]);
    expect(byEmail.body.total).toBe(2);
    expect((await list("?q=ada.lovelace@example.com")).body.orders.map((o: any) => o.number)).toEqual([a.number]);
    expect((await list(`?q=${a.number.slice(3).toLowerCase()}`)).body.orders.map((o: any) => o.number)).toEqual([a.number]);
    expect((await list(`?q=${a.number}`)).body.orders[0]).toMatchObject({ number: a.number, customerEmail: "ada.lovelace@example.com", itemCount: 1, totalCents: 5500 + 800 }); // with Standard shipping
    expect((await list("?q=ada.&status=paid")).body.orders.map((o: any) => o.number)).toEqual([a.number]);
    expect((await list("?q=nobody@")).body.orders).toEqual([]);

    // Items count every unit of every line.
    const c = await paidOrder([[TOTE, 1], [CHARM, 2]]);
    expect((await list(`?q=${c.number}`)).body.orders[0]).toMatchObject({ number: c.number, itemCount: 3 });
  });

  it("pages 25 at a time, newest first", async () => {
    // Thirty old orders straight into the table: the list only reads.
    const insert = sqlite.prepare(
      `INSERT INTO orders (number, status, currency, subtotal_cents, discount_cents, total_cents, customer_email, payment_mode, hold_expires_at, created_at, updated_at)
       VALUES (?, 'expired', 'usd', 1000, 0, 1000, ?, 'test', 0, ?, ?)`,
    );
    const alphabet = "23456789ABCDEFGH";
    for (let i = 0; i < 30; i++) {
      const number = `TC-PAGE${alphabet[Math.floor(i / 16)]}${alphabet[i % 16]}`;
      insert.run(number, `pager${i}@example.com`, 1000 + i, 1000 + i);
    }
    const first = await list("?status=expired&q=pager");
    expect(first.body).toMatchObject({ total: 30, page: 1, pages: 2, previous: null, next: "/admin/orders?status=expired&q=pager&page=2" });
    expect(first.body.orders).toHaveLength(25);
    expect(first.body.orders[0].customerEmail).toBe("pager29@example.com");
    const second = await list("?status=expired&q=pager&page=2");
    expect(second.body.orders.map((o: any) => o.customerEmail)).toEqual([4, 3, 2, 1, 0].map((i) => `pager${i}@example.com`));
    expect(second.body).toMatchObject({ previous: "/admin/orders?status=expired&q=pager", next: null });
    expect((await list("?status=expired&q=pager&page=3")).body.orders).toEqual([]);
  });

  it("answers 400 with a field message for a filter it cannot read", async () => {
    for (const [query, field] of [
      ["?status=lost", "status"],
      ["?page=0", "page"],
      ["?page=abc", "page"],
      [`?q=${"x".repeat(101)}`, "q"],
      ["?sort=total", "_form"],
      ["?status=paid&status=refunded", "_form"],
    ] as const) {
      const { status, body } = await list(query);
      expect(status, query).toBe(400);
      expect(Object.keys(body.errors), query).toEqual([field]);
    }
  });
});
