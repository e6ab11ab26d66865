// Fulfilment in the back office with test payments (no Stripe key): shipments
// (partial, then the rest), refusals that write nothing, tracking, delivery,
// cancelling (refund, restock with reason "cancelled", email), the To-ship
// list and its count, packing slips and pick lists, and the shopper's order page.
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { action as cartAction } from "~/routes/cart";
import { action as checkoutAction } from "~/routes/checkout";
import { action as payAction } from "~/routes/checkout.test-payment";
import { loader as layoutLoader } from "~/routes/admin";
import { loader as listLoader } from "~/routes/admin.orders._index";
import { loader as orderLoader } from "~/routes/admin.orders.$number";
import { action as shipAction } from "~/routes/admin.orders.$number_.ship";
import { action as shipmentAction } from "~/routes/admin.orders.$number_.shipments.$id";
import { action as cancelAction, loader as cancelLoader } from "~/routes/admin.orders.$number_.cancel";
import { loader as slipLoader } from "~/routes/admin.orders.$number_.packing-slip";
import { loader as pickLoader } from "~/routes/admin.orders.pick-list";
import { loader as orderPageLoader } from "~/routes/orders.$number";
import { loader as successLoader } from "~/routes/checkout.success";
import { adjustStock } from "~/models/inventory.server";
import { orderPageKey } from "~/utils/order-key.server";
import { pendingOrder, signInAs, type SignedIn } from "../helpers/admin";
import { db, snapshotTables, sqlite, variantBySku } from "../helpers/db";
import { cookieFrom, formRequest, getRequest, run } from "../helpers/remix";
import { checkStockBooks } from "../helpers/stock-invariants";
import * as schema from "../../db/schema";

const TOTE = "TOT-CRO-BLACK";
const CHARM = "MIC-BOX-EMERALD";
const TABLES = ["orders", "order_lines", "shipments", "shipment_lines", "refunds", "variants", "stock_ledger", "audit_log", "outbox"];

let staff: SignedIn;
let emailCounter = 0;

beforeAll(async () => {
  staff = await signInAs("staff");
  // Enough of both bags for every order here, through the ledger (the stock books are checked).
  for (const sku of [TOTE, CHARM]) adjustStock({ sku, change: { mode: "delta", delta: 200 }, reason: "received", note: null, actor: { staffId: null } });
});

async function paidOrder(items: [string, number][] = [[TOTE, 1], [CHARM, 2]]) {
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
    formRequest(
      location,
      { intent: "pay", session_id: sessionId, email: `ship${++emailCounter}@example.com`, name: "Grace Hopper", line1: "1 Navy Yard", city: "Arlington", postal_code: "22202", country: "US" },
      { cookie },
    ),
  );
  expect(paid.status).toBe(303);
  const order = db.select().from(schema.orders).where(eq(schema.orders.stripeSessionId, sessionId)).get()!;
  return { order, cookie: cookie!, sessionId };
}

function orderRow(id: number) {
  return db.select().from(schema.orders).where(eq(schema.orders.id, id)).get()!;
}

function linesOf(orderId: number) {
  return db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, orderId)).orderBy(schema.orderLines.id).all();
}

function shipmentsOf(orderId: number) {
  return db.select().from(schema.shipments).where(eq(schema.shipments.orderId, orderId)).orderBy(schema.shipments.id).all();
}

function outboxOf(orderId: number, template: string) {
  return db
    .select()
    .from(schema.outbox)
    .where(eq(schema.outbox.orderId, orderId))
    .all()
    .filter((r) => (r.payload as any).template === template);
}

async function staffOrder(number: string) {
  const res = await run(orderLoader, getRequest(`/admin/orders/${number}`, { cookie: staff.cookie }), { number });
  expect(res.status).toBe(200);
  return ((await res.json()) as any).order;
}

async function ship(number: string, fields: Record<string, string>, formKey?: string) {
  const key = formKey ?? (await staffOrder(number)).fulfilment.ship.formKey;
  return run(shipAction, formRequest(`/admin/orders/${number}/ship`, { formKey: key, ...fields }, { cookie: staff.cookie }), { number });
}

function editShipment(number: string, id: number, fields: Record<string, string>) {
  return run(shipmentAction, formRequest(`/admin/orders/${number}/shipments/${id}`, fields, { cookie: staff.cookie }), { number, id: String(id) });
}

function cancel(number: string, fields: Record<string, string> = { confirm: "yes" }) {
  return run(cancelAction, formRequest(`/admin/orders/${number}/cancel`, fields, { cookie: staff.cookie }), { number });
}

async function noticeOf(res: Response) {
  const cookie = cookieFrom(res, "notice");
  expect(cookie).not.toBeNull();
  return cookie;
}

describe("shipments", () => {
  it("ships part, then the rest: statuses, shipment lines, tracking URL, one order_shipped email each, audit", async () => {
    const { order } = await paidOrder();
    const [tote, charm] = linesOf(order.id);
    expect(orderRow(order.id).fulfilmentStatus).toBe("unfulfilled");

    let res = await ship(order.number, { carrier: "ups", trackingNumber: "1Z 999 AA1", [`ship-${tote!.id}`]: "1", [`ship-${charm!.id}`]: "1" });
    expect(res.status, await res.clone().text()).toBe(303);
    expect(res.headers.get("Location")).toBe(`/admin/orders/${order.number}`);
    await noticeOf(res);
    expect(orderRow(order.id).fulfilmentStatus).toBe("partially_fulfilled");
    const [first] = shipmentsOf(order.id);
    expect(first).toMatchObject({ carrier: "ups", trackingNumber: "1Z 999 AA1", trackingUrl: "https://www.ups.com/track?tracknum=1Z%20999%20AA1", staffId: staff.id, deliveredAt: null });
    expect(outboxOf(order.id, "order_shipped")).toEqual([expect.objectContaining({ dedupeKey: `email:order_shipped:${order.id}:${first!.id}`, status: "pending" })]);

    let page = await staffOrder(order.number);
    expect(page.fulfilment.lines.map((l: any) => [l.sku, l.shipped, l.remaining])).toEqual([
      [TOTE, 1, 0],
      [CHARM, 1, 1],
    ]);

    res = await ship(order.number, { carrier: "royal_mail", trackingNumber: "AB123456789GB", [`ship-${charm!.id}`]: "1" });
    expect(res.status).toBe(303);
    expect(orderRow(order.id).fulfilmentStatus).toBe("fulfilled");
    const all = shipmentsOf(order.id);
    expect(all).toHaveLength(2);
    expect(all[1]!.trackingUrl).toBe("https://www.royalmail.com/track-your-item#/tracking-results/AB123456789GB");
    expect(outboxOf(order.id, "order_shipped")).toHaveLength(2);
    const lines = db.select().from(schema.shipmentLines).all().filter((l) => all.some((s) => s.id === l.shipmentId));
    expect(lines.map((l) => [l.orderLineId, l.quantity])).toEqual([
      [tote!.id, 1],
      [charm!.id, 1],
      [charm!.id, 1],
    ]);
    const audits = db.select().from(schema.auditLog).where(and(eq(schema.auditLog.action, "order.shipment.create"), eq(schema.auditLog.entityId, String(order.id)))).all();
    expect(audits.map((a) => (a.after as any).fulfilmentStatus)).toEqual(["partially_fulfilled", "fulfilled"]);

    page = await staffOrder(order.number);
    expect(page.fulfilment).toMatchObject({ status: "fulfilled", ship: { possible: false }, canCancel: false });

    // Anything more is refused: nothing is left.
    const snapshot = snapshotTables(TABLES);
    res = await ship(order.number, { carrier: "usps", trackingNumber: "9400", [`ship-${charm!.id}`]: "1" });
    expect(res.status).toBe(409);
    expect(snapshotTables(TABLES)).toEqual(snapshot);
  });

  it("the same form sent twice creates one shipment (and one email)", async () => {
    const { order } = await paidOrder();
    const [tote] = linesOf(order.id);
    const formKey = (await staffOrder(order.number)).fulfilment.ship.formKey;
    const fields = { carrier: "fedex", trackingNumber: "1234", [`ship-${tote!.id}`]: "1" };
    const [a, b] = await Promise.all([ship(order.number, fields, formKey), ship(order.number, fields, formKey)]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(shipmentsOf(order.id)).toHaveLength(1);
    expect(outboxOf(order.id, "order_shipped")).toHaveLength(1);
    expect(orderRow(order.id).fulfilmentStatus).toBe("partially_fulfilled");
    // A new form (a new key) ships the rest.
    const [, charm] = linesOf(order.id);
    expect((await ship(order.number, { carrier: "fedex", trackingNumber: "5678", [`ship-${charm!.id}`]: "2" })).status).toBe(303);
    expect(shipmentsOf(order.id)).toHaveLength(2);
  });

  it("refuses over-quantity, an unknown carrier, an empty tracking number, and unpaid orders, with field messages; writes nothing", async () => {
    const { order } = await paidOrder();
    const [tote, charm] = linesOf(order.id);
    const unpaid = await pendingOrder(CHARM, 1);
    const unpaidLine = linesOf(unpaid.id)[0]!;
    const snapshot = snapshotTables(TABLES);
    const cases: [string, Record<string, string>, number, string][] = [
      [order.number, { carrier: "usps", trackingNumber: "9400", [`ship-${charm!.id}`]: "3" }, 400, `ship-${charm!.id}`],
      [order.number, { carrier: "usps", trackingNumber: "9400", [`ship-${tote!.id}`]: "2" }, 400, `ship-${tote!.id}`],
      [order.number, { carrier: "pigeon", trackingNumber: "9400", [`ship-${tote!.id}`]: "1" }, 400, "carrier"],
      [order.number, { carrier: "dhl", trackingNumber: " ", [`ship-${tote!.id}`]: "1" }, 400, "trackingNumber"],
      [order.number, { carrier: "dhl", trackingNumber: "JD1" }, 400, "_form"],
      [order.number, { carrier: "other", trackingUrl: "http://track.example.com/1", [`ship-${tote!.id}`]: "1" }, 400, "trackingUrl"],
      [unpaid.number, { carrier: "usps", trackingNumber: "9400", [`ship-${unpaidLine.id}`]: "1" }, 409, "_form"],
    ];
    for (const [number, fields, status, field] of cases) {
      const formKey = (await staffOrder(number)).fulfilment.ship.formKey;
      const res = await ship(number, fields, formKey);
      const body = (await res.json()) as any;
      expect(res.status, JSON.stringify(fields)).toBe(status);
      expect(Object.keys(body.fieldErrors), JSON.stringify(fields)).toContain(field);
      expect(body.message).toBeTruthy();
    }
    // A form older than a day is refused too.
    const stale = `t${(Date.now() - 25 * 3600_000).toString(36)}-abcdefghijklmnopqrstuvwx`;
    expect((await ship(order.number, { carrier: "usps", trackingNumber: "9", [`ship-${tote!.id}`]: "1" }, stale)).status).toBe(400);
    expect(snapshotTables(TABLES)).toEqual(snapshot);
  });

  it("edits tracking and marks delivered (once); refuses bad tracking", async () => {
    const { order } = await paidOrder([[CHARM, 1]]);
    const [line] = linesOf(order.id);
    await ship(order.number, { carrier: "usps", trackingNumber: "9400111", [`ship-${line!.id}`]: "1" });
    const [shipment] = shipmentsOf(order.id);

    let res = await editShipment(order.number, shipment!.id, { intent: "tracking", carrier: "dhl", trackingNumber: "JD0146" });
    expect(res.status).toBe(303);
    expect(shipmentsOf(order.id)[0]).toMatchObject({ carrier: "dhl", trackingNumber: "JD0146", trackingUrl: "https://www.dhl.com/en/express/tracking.html?AWB=JD0146" });
    res = await editShipment(order.number, shipment!.id, { intent: "tracking", carrier: "other", trackingNumber: "", trackingUrl: "https://parcels.example.com/x?id=1" });
    expect(res.status).toBe(303);
    expect(shipmentsOf(order.id)[0]).toMatchObject({ carrier: "other", trackingNumber: null, trackingUrl: "https://parcels.example.com/x?id=1" });

    const snapshot = snapshotTables(TABLES);
    res = await editShipment(order.number, shipment!.id, { intent: "tracking", carrier: "fedex", trackingNumber: "" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).fieldErrors).toHaveProperty("trackingNumber");
    res = await editShipment(order.number, shipment!.id, { intent: "tracking", carrier: "drone", trackingNumber: "1" });
    expect(res.status).toBe(400);
    expect((await editShipment(order.number, 999999, { intent: "delivered" })).status).toBe(404);
    expect(snapshotTables(TABLES)).toEqual(snapshot);

    res = await editShipment(order.number, shipment!.id, { intent: "delivered" });
    expect(res.status).toBe(303);
    expect(shipmentsOf(order.id)[0]!.deliveredAt).toEqual(expect.any(Number));
    expect(outboxOf(order.id, "order_delivered")).toHaveLength(1);
    res = await editShipment(order.number, shipment!.id, { intent: "delivered" });
    expect(res.status).toBe(303);
    expect(outboxOf(order.id, "order_delivered")).toHaveLength(1);
  });
});

describe("cancelling", () => {
  it("asks first, then refunds in full, puts the items back with reason 'cancelled', emails; twice does nothing more", async () => {
    const { order } = await paidOrder();
    const before = { tote: variantBySku(TOTE).stockOnHand, charm: variantBySku(CHARM).stockOnHand };

    const preview = await run(cancelLoader, getRequest(`/admin/orders/${order.number}/cancel`, { cookie: staff.cookie }), { number: order.number });
    expect(((await preview.json()) as any).cancel).toMatchObject({ why: null, refundCents: order.totalCents, items: [{ sku: TOTE, quantity: 1 }, { sku: CHARM, quantity: 2 }] });

    // Without the confirmation: refused, nothing written.
    const snapshot = snapshotTables(TABLES);
    const unconfirmed = await cancel(order.number, {});
    expect(unconfirmed.status).toBe(400);
    expect(((await unconfirmed.json()) as any).fieldErrors).toHaveProperty("confirm");
    expect(snapshotTables(TABLES)).toEqual(snapshot);

    const res = await cancel(order.number);
    expect(res.status, await res.clone().text()).toBe(303);
    expect(orderRow(order.id)).toMatchObject({ status: "refunded", refundedCents: order.totalCents, fulfilmentStatus: "cancelled", cancelledAt: expect.any(Number) });
    expect(variantBySku(TOTE).stockOnHand).toBe(before.tote + 1);
    expect(variantBySku(CHARM).stockOnHand).toBe(before.charm + 2);
    const ledger = db.select().from(schema.stockLedger).where(eq(schema.stockLedger.orderId, order.id)).all();
    expect(ledger.filter((l) => l.reason === "cancelled").map((l) => l.onHandDelta).sort()).toEqual([1, 2]);
    expect(ledger.some((l) => l.reason === "refund_restock")).toBe(false);
    expect(outboxOf(order.id, "order_cancelled")).toHaveLength(1);
    expect(db.select().from(schema.auditLog).where(and(eq(schema.auditLog.action, "order.cancel"), eq(schema.auditLog.entityId, String(order.id)))).all()).toHaveLength(1);
    expect(checkStockBooks(sqlite).problems).toEqual([]);

    // Again: nothing more happens, and it says so.
    const snapshotAfter = snapshotTables(TABLES);
    const again = await cancel(order.number);
    expect(again.status).toBe(303);
    const shown = await run(orderLoader, getRequest(`/admin/orders/${order.number}`, { cookie: `${staff.cookie}; ${cookieFrom(again, "notice")}` }), { number: order.number });
    expect(((await shown.json()) as any).notice).toEqual({ kind: "info", message: expect.stringMatching(/already cancelled/) });
    expect(snapshotTables(TABLES)).toEqual(snapshotAfter);

    // A cancelled order can't be shipped.
    const [tote] = linesOf(order.id);
    expect((await ship(order.number, { carrier: "usps", trackingNumber: "1", [`ship-${tote!.id}`]: "1" })).status).toBe(409);
  });

  it("two cancellations at once refund and restock once", async () => {
    const { order } = await paidOrder([[CHARM, 1]]);
    const [a, b] = await Promise.all([cancel(order.number), cancel(order.number)]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(db.select().from(schema.refunds).where(eq(schema.refunds.orderId, order.id)).all()).toHaveLength(1);
    expect(db.select().from(schema.stockLedger).where(and(eq(schema.stockLedger.orderId, order.id), eq(schema.stockLedger.reason, "cancelled"))).all()).toHaveLength(1);
    expect(checkStockBooks(sqlite).problems).toEqual([]);
  });

  it("refuses an order that has shipped, and tracking changes on a cancelled order", async () => {
    const { order } = await paidOrder([[CHARM, 2]]);
    const [line] = linesOf(order.id);
    await ship(order.number, { carrier: "usps", trackingNumber: "1", [`ship-${line!.id}`]: "1" });
    const snapshot = snapshotTables(TABLES);
    const res = await cancel(order.number);
    expect(res.status).toBe(409);
    expect(snapshotTables(TABLES)).toEqual(snapshot);

    // A shipment on an order cancelled meanwhile (written straight in): tracking is refused.
    const other = await paidOrder([[CHARM, 1]]);
    await cancel(other.order.number);
    const [otherLine] = linesOf(other.order.id);
    const shipmentId = sqlite.prepare("INSERT INTO shipments (order_id, carrier, tracking_number, shipped_at) VALUES (?, 'usps', '1', 0)").run(other.order.id).lastInsertRowid as number;
    sqlite.prepare("INSERT INTO shipment_lines (shipment_id, order_line_id, quantity) VALUES (?, ?, 1)").run(shipmentId, otherLine!.id);
    const edit = await editShipment(other.order.number, shipmentId, { intent: "tracking", carrier: "usps", trackingNumber: "2" });
    expect(edit.status).toBe(409);
    expect(((await edit.json()) as any).fieldErrors).toHaveProperty("_form");
  });
});

describe("the To-ship list, packing slips and pick lists", () => {
  async function list(query = "") {
    const res = await run(listLoader, getRequest(`/admin/orders${query}`, { cookie: staff.cookie }));
    return { status: res.status, body: (await res.json()) as any };
  }

  it("opens on paid orders not fully shipped, oldest first, with the count in the navigation; All still reachable", async () => {
    const a = await paidOrder([[CHARM, 1]]);
    const b = await paidOrder([[CHARM, 1]]);
    const c = await paidOrder([[CHARM, 1]]);
    const pending = await pendingOrder(CHARM, 1);
    // Shipped in full: off the list. Cancelled: off the list.
    await ship(c.order.number, { carrier: "usps", trackingNumber: "1", [`ship-${linesOf(c.order.id)[0]!.id}`]: "1" });
    const d = await paidOrder([[CHARM, 1]]);
    await cancel(d.order.number);
    // An older paid date puts b first.
    sqlite.prepare("UPDATE orders SET paid_at = 1000 WHERE id = ?").run(b.order.id);

    const { status, body } = await list();
    expect(status).toBe(200);
    expect(body.fulfilment).toBe("to_ship");
    const numbers = body.orders.map((o: any) => o.number);
    expect(numbers[0]).toBe(b.order.number);
    expect(numbers.indexOf(a.order.number)).toBeGreaterThan(0);
    for (const off of [c.order.number, d.order.number, pending.number]) expect(numbers).not.toContain(off);
    const paidAts = body.orders.map((o: any) => orderRow(db.select().from(schema.orders).where(eq(schema.orders.number, o.number)).get()!.id).paidAt);
    expect([...paidAts].sort((x, y) => x - y)).toEqual(paidAts);

    const layout = await run(layoutLoader, getRequest("/admin/orders", { cookie: staff.cookie }));
    expect(((await layout.json()) as any).toShip).toBe(body.total);

    const all = await list("?fulfilment=all");
    expect(all.body.orders.map((o: any) => o.number)).toEqual(expect.arrayContaining([c.order.number, d.order.number, pending.number]));
    expect((await list("?fulfilment=cancelled")).body.orders.every((o: any) => o.fulfilmentStatus === "cancelled")).toBe(true);
    expect((await list("?fulfilment=fulfilled")).body.orders.map((o: any) => o.number)).toContain(c.order.number);
    expect((await list(`?q=${d.order.number}`)).body.orders.map((o: any) => o.number)).toEqual([d.order.number]);
    expect((await list("?fulfilment=lost")).status).toBe(400);
  });

  it("a packing slip lists what is left to pack and where it goes; a pick list sums by SKU", async () => {
    const one = await paidOrder([[TOTE, 1], [CHARM, 2]]);
    const two = await paidOrder([[CHARM, 1]]);
    const [, charmLine] = linesOf(one.order.id);
    await ship(one.order.number, { carrier: "usps", trackingNumber: "1", [`ship-${charmLine!.id}`]: "1" });

    const slipRes = await run(slipLoader, getRequest(`/admin/orders/${one.order.number}/packing-slip`, { cookie: staff.cookie }), { number: one.order.number });
    expect(slipRes.status).toBe(200);
    const { slip } = (await slipRes.json()) as any;
    expect(slip.address).toEqual(["Grace Hopper", "1 Navy Yard", "22202 Arlington", "US"]);
    expect(slip.items.map((i: any) => [i.sku, i.ordered, i.shipped, i.toPack])).toEqual([
      [TOTE, 1, 0, 1],
      [CHARM, 2, 1, 1],
    ]);
    expect((await run(slipLoader, getRequest("/admin/orders/TC-ZZZZZZ/packing-slip", { cookie: staff.cookie }), { number: "TC-ZZZZZZ" })).status).toBe(404);

    const pick = await run(pickLoader, getRequest(`/admin/orders/pick-list?order=${one.order.number}&order=${two.order.number}`, { cookie: staff.cookie }));
    expect(pick.status).toBe(200);
    const body = (await pick.json()) as any;
    expect(body.lines).toEqual([
      { sku: CHARM, productName: expect.any(String), colourName: expect.any(String), quantity: 2 },
      { sku: TOTE, productName: expect.any(String), colourName: expect.any(String), quantity: 1 },
    ]);
    expect(body.slips.map((s: any) => s.number)).toEqual([one.order.number, two.order.number]);
    expect((await run(pickLoader, getRequest("/admin/orders/pick-list", { cookie: staff.cookie }))).status).toBe(400);
    expect((await run(pickLoader, getRequest("/admin/orders/pick-list?order=<x>", { cookie: staff.cookie }))).status).toBe(400);
  });
});

describe("the shopper's order page", () => {
  async function page(path: string) {
    const res = await run(orderPageLoader, getRequest(path), { number: decodeURIComponent(path.split("/")[2]!.split("?")[0]!) });
    return { res, text: await res.clone().text() };
  }

  it("with the right key: 200, private, with the tracking link; wrong, missing key and unknown order: the same 404", async () => {
    const { order } = await paidOrder([[CHARM, 1]]);
    const [line] = linesOf(order.id);
    await ship(order.number, { carrier: "usps", trackingNumber: "9400 111", [`ship-${line!.id}`]: "1" });
    const key = orderPageKey(order.number);

    const ok = await page(`/orders/${order.number}?key=${key}`);
    expect(ok.res.status).toBe(200);
    expect(ok.res.headers.get("Cache-Control")).toBe("private, no-store");
    expect(ok.res.headers.get("Referrer-Policy")).toBe("no-referrer");
    const body = JSON.parse(ok.text);
    expect(body).toMatchObject({
      number: order.number,
      state: { key: "shipped" },
      address: ["Grace Hopper", "1 Navy Yard", "22202 Arlington", "US"],
      shipments: [{ carrierLabel: "USPS", trackingNumber: "9400 111", trackingUrl: "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400%20111" }],
    });

    const unknownKey = orderPageKey("TC-ZZZZZZ");
    const misses = await Promise.all([
      page(`/orders/${order.number}?key=${key.slice(0, -2)}xx`),
      page(`/orders/${order.number}`),
      page(`/orders/${order.number}?key=`),
      page(`/orders/TC-ZZZZZZ?key=${unknownKey}`),
      page(`/orders/TC-ZZZZZZ`),
    ]);
    for (const miss of misses) {
      expect(miss.res.status).toBe(404);
      expect(miss.text).toBe(misses[0]!.text);
      expect(miss.res.headers.get("Cache-Control")).toBe("private, no-store");
    }
  });

  it("the thank-you page links to the order page and promises only the confirmation email", async () => {
    const { order, cookie, sessionId } = await paidOrder([[CHARM, 1]]);
    const res = await run(successLoader, getRequest(`/checkout/success?session_id=${sessionId}`, { cookie }));
    const body = (await res.json()) as any;
    expect(body.orderPagePath).toBe(`/orders/${order.number}?key=${orderPageKey(order.number)}`);
    expect(body.customer.email).toBe(order.customerEmail);
    // The method chosen at payment (the cheapest, Standard, by default) gives the estimate.
    expect(body).toMatchObject({ deliveryEstimate: "3–5 business days", shippingMethodName: "Standard" });
    // Whatever the order recorded is what the pages say.
    sqlite.prepare("UPDATE orders SET shipping_method_name = 'Standard', shipping_cents = 500, tax_cents = 120, delivery_min_days = 3, delivery_max_days = 5 WHERE id = ?").run(order.id);
    const withMethod = (await (await run(successLoader, getRequest(`/checkout/success?session_id=${sessionId}`, { cookie }))).json()) as any;
    expect(withMethod).toMatchObject({ deliveryEstimate: "3–5 business days", shippingMethodName: "Standard", shippingCents: 500, taxCents: 120 });
    const orderPage = (await (await run(orderPageLoader, getRequest(withMethod.orderPagePath), { number: order.number })).json()) as any;
    expect(orderPage).toMatchObject({ state: { key: "paid" }, deliveryEstimate: "3–5 business days", shippingCents: 500, taxCents: 120 });
    // Someone else with the session id sees no link (the link is a key to the address).
    const stranger = (await (await run(successLoader, getRequest(`/checkout/success?session_id=${sessionId}`))).json()) as any;
    expect(stranger.orderPagePath).toBeNull();
  });
});
