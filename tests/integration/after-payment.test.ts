// The micro-bag offer after payment, in test-payment mode (no Stripe key):
// shown after paying, priced on the server from the first order's tote, paid
// in a short second payment, shipped in the same parcel; refused when the
// offer is over, the key is wrong, the micro bag sold out or is already added.
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { action as cartAction } from "~/routes/cart";
import { action as checkoutAction } from "~/routes/checkout";
import { loader as successLoader } from "~/routes/checkout.success";
import { action as payAction } from "~/routes/checkout.test-payment";
import { action as addonAction } from "~/routes/orders.$number_.add-on";
import { action as addonPayAction, loader as addonPayLoader } from "~/routes/checkout.test-payment-addon";
import { loader as orderLoader } from "~/routes/orders.$number";
import { flushImpressions } from "~/models/suggestions.server";
import { packingSlipFor, shipOrder, newShipmentFormKey } from "~/services/fulfilment.server";
import { AUTO_REFUND_EFFECT } from "~/services/payments.server";
import { orderPageKey } from "~/utils/order-key.server";
import { db, setStock, variantBySku } from "../helpers/db";
import { staffAccounts } from "../helpers/admin";
import { cookieFrom, formRequest, getRequest, run } from "../helpers/remix";
import * as schema from "../../db/schema";

const TOTE = "TOT-CMK-BLACK"; // Canvas Market Tote, $120

function orderRow(id: number) {
  return db.select().from(schema.orders).where(eq(schema.orders.id, id)).get()!;
}

/** A paid order for one tote, and the shopper's cart cookie. */
async function paidToteOrder(sku = TOTE) {
  const added = await run(cartAction, formRequest("/cart", { intent: "add", sku, quantity: "1" }));
  const cookie = cookieFrom(added)!;
  const started = await run(checkoutAction, formRequest("/checkout", {}, { cookie }));
  const path = started.headers.get("Location")!;
  const sessionId = new URL(path, "http://x").searchParams.get("session_id")!;
  const paid = await run(
    payAction,
    formRequest(path, { intent: "pay", session_id: sessionId, email: "ada@example.com", name: "Ada Lovelace", line1: "1 Analytical Way", city: "London", postal_code: "N1 1AA", country: "GB" }, { cookie }),
  );
  expect(paid.status).toBe(303);
  const order = db.select().from(schema.orders).where(eq(schema.orders.stripeSessionId, sessionId)).get()!;
  expect(order.status).toBe("paid");
  return { cookie, sessionId, order, key: orderPageKey(order.number) };
}

async function offerOnThankYouPage(sessionId: string, cookie: string) {
  const res = await run(successLoader, getRequest(`/checkout/success?session_id=${sessionId}`, { cookie }));
  return ((await res.json()) as any).afterPayment;
}

function addToOrder(number: string, key: string, sku: string, extra: Record<string, string> = {}) {
  return run(addonAction, formRequest(`/orders/${number}/add-on`, { key, sku, ...extra }), { number });
}

async function payAddon(location: string, intent = "pay") {
  const url = new URL(location, "http://x");
  return run(addonPayAction, formRequest(location, { intent, session_id: url.searchParams.get("session_id")!, key: url.searchParams.get("key")! }));
}

async function orderPage(number: string, key: string) {
  const res = await run(orderLoader, getRequest(`/orders/${number}?key=${key}`), { number });
  expect(res.status).toBe(200);
  return (await res.json()) as any;
}

function addonOrdersOf(parentId: number) {
  return db
    .select({ order: schema.orders })
    .from(schema.orderAddons)
    .innerJoin(schema.orders, eq(schema.orders.id, schema.orderAddons.addonOrderId))
    .where(eq(schema.orderAddons.parentOrderId, parentId))
    .all()
    .map((r) => r.order);
}

describe("after-payment offer (test payments)", () => {
  it("shows up to three micro bags that fit at the bundle price; adding one pays for it alone and joins the order", async () => {
    const { cookie, sessionId, order, key } = await paidToteOrder();
    const offer = await offerOnThankYouPage(sessionId, cookie);
    expect(offer.open).toBe(true);
    expect(offer.items.length).toBeGreaterThan(0);
    expect(offer.items.length).toBeLessThanOrEqual(3);
    // 15% off up to two micro bags with any tote, from the database's price.
    for (const item of offer.items) {
      const v = variantBySku(item.sku);
      expect(item.regularPriceCents).toBe(v.priceCents);
      expect(item.priceCents).toBe(v.priceCents - Math.round(v.priceCents * 0.15));
    }
    // A stranger with the thank-you link sees no offer (it needs the order's key).
    expect(await offerOnThankYouPage(sessionId, "cart=someone-else")).toBeNull();

    const pick = offer.items[0];
    const before = variantBySku(pick.sku);
    // A price sent by the browser is not our form: refused, nothing started.
    expect((await addToOrder(order.number, key, pick.sku, { price_cents: "1" })).status).toBe(400);
    expect(addonOrdersOf(order.id)).toEqual([]);

    const started = await addToOrder(order.number, key, pick.sku);
    expect(started.status).toBe(303);
    const location = started.headers.get("Location")!;
    expect(location).toMatch(/^\/checkout\/test-payment-addon\?session_id=test_cs_/);
    const [addon] = addonOrdersOf(order.id);
    expect(addon).toMatchObject({ status: "pending", totalCents: pick.priceCents, customerEmail: "ada@example.com", cartId: order.cartId });
    expect(variantBySku(pick.sku).stockHeld).toBe(before.stockHeld + 1);
    // The page opens with the add-on's own key only.
    expect((await run(addonPayLoader, getRequest(location))).status).toBe(200);
    expect((await run(addonPayLoader, getRequest(location.replace(/key=[^&]+/, `key=${key}`)))).status).toBe(404);

    const paid = await payAddon(location);
    expect(paid.status).toBe(303);
    expect(paid.headers.get("Location")).toBe(`/orders/${order.number}?key=${key}`);
    expect(orderRow(addon!.id)).toMatchObject({ status: "paid", totalCents: pick.priceCents, paymentMode: "test" });
    expect(variantBySku(pick.sku)).toMatchObject({ stockOnHand: before.stockOnHand - 1, stockHeld: before.stockHeld });
    // The first order is untouched: its own payment stands.
    expect(orderRow(order.id)).toMatchObject({ status: "paid", totalCents: order.totalCents });

    // The order page shows the add-on and both payments; the offer now suggests another micro bag.
    const page = await orderPage(order.number, key);
    expect(page.addons.map((a: any) => a.lines.map((l: any) => l.sku))).toEqual([[pick.sku]]);
    expect(page.addons[0]).toMatchObject({ totalCents: pick.priceCents, status: "paid" });
    expect(page.firstPayment.totalCents).toBe(order.totalCents);
    expect(page.afterPayment.open).toBe(true);
    expect(page.afterPayment.items.map((i: any) => i.sku)).not.toContain(pick.sku);

    // Counted in the upsell figures as placement "after payment".
    flushImpressions();
    const events = db.select().from(schema.suggestionEvents).where(eq(schema.suggestionEvents.placement, "after_payment")).all();
    expect(events.filter((e) => e.type === "add").map((e) => e.microProductId)).toEqual([variantBySku(pick.sku).productId]);
    expect(events.some((e) => e.type === "impression")).toBe(true);

    // Adding the same micro bag again is refused: never charged twice.
    const again = await addToOrder(order.number, key, pick.sku);
    expect(again.status).toBe(409);
    expect(((await again.json()) as any).message).toMatch(/already part of your order/);
    // Paying the same add-on's page again changes nothing.
    await payAddon(location);
    expect(variantBySku(pick.sku).stockOnHand).toBe(before.stockOnHand - 1);
    expect(addonOrdersOf(order.id).filter((o) => o.status === "paid")).toHaveLength(1);

    // One parcel: shipping the first order ships the add-on too, and the packing slip lists it.
    const slip = packingSlipFor(order.number)!;
    expect(slip.items.map((i) => i.sku)).toEqual([TOTE, pick.sku]);
    const staffId = (await staffAccounts()).ownerId;
    const shipped = shipOrder({
      orderNumber: order.number,
      request: {
        formKey: newShipmentFormKey(),
        carrier: "ups",
        trackingNumber: "1Z999",
        trackingUrl: null,
        quantities: db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, order.id)).all().map((l) => ({ lineId: l.id, quantity: l.quantity })),
      },
      staffId,
    });
    expect(shipped.ok).toBe(true);
    expect(orderRow(order.id).fulfilmentStatus).toBe("fulfilled");
    expect(orderRow(addon!.id).fulfilmentStatus).toBe("fulfilled");
    const addonShipment = db.select().from(schema.shipments).where(eq(schema.shipments.orderId, addon!.id)).get();
    expect(addonShipment).toMatchObject({ carrier: "ups", trackingNumber: "1Z999" });
    // Shipped: the offer is withdrawn with a message, and adding is refused.
    const after = await orderPage(order.number, key);
    expect(after.afterPayment).toMatchObject({ open: false });
    expect(after.afterPayment.message).toMatch(/on its way/);
    const late = await addToOrder(order.number, key, offer.items[1]?.sku ?? pick.sku);
    expect(late.status).toBe(409);
  });

  it("refuses a wrong key (404) and an offer more than 24 hours old (409), with nothing held", async () => {
    const { cookie, sessionId, order, key } = await paidToteOrder();
    const offer = await offerOnThankYouPage(sessionId, cookie);
    const sku = offer.items[0].sku;
    const held = variantBySku(sku).stockHeld;
    expect((await addToOrder(order.number, "not-the-key", sku)).status).toBe(404);
    expect((await addToOrder("TC-ZZZZZZ", key, sku)).status).toBe(404);

    db.update(schema.orders).set({ paidAt: Date.now() - 24 * 60 * 60 * 1000 - 1 }).where(eq(schema.orders.id, order.id)).run();
    const expired = await addToOrder(order.number, key, sku);
    expect(expired.status).toBe(409);
    expect(((await expired.json()) as any).message).toMatch(/24 hours/);
    expect((await orderPage(order.number, key)).afterPayment).toMatchObject({ open: false });
    expect(variantBySku(sku).stockHeld).toBe(held);
    expect(addonOrdersOf(order.id)).toEqual([]);
  });

  it("refuses a micro bag that sold out meanwhile: never oversold", async () => {
    const { cookie, sessionId, order, key } = await paidToteOrder();
    const offer = await offerOnThankYouPage(sessionId, cookie);
    const sku = offer.items[0].sku;
    setStock(sku, 0);
    const res = await addToOrder(order.number, key, sku);
    expect(res.status).toBe(409);
    expect(((await res.json()) as any).message).toMatch(/sold out/);
    expect(variantBySku(sku)).toMatchObject({ stockOnHand: 0, stockHeld: 0 });
    expect(addonOrdersOf(order.id)).toEqual([]);
  });

  it("a second click closes the first payment; a refunded order withdraws the offer", async () => {
    const { cookie, sessionId, order, key } = await paidToteOrder();
    const offer = await offerOnThankYouPage(sessionId, cookie);
    const sku = offer.items[0].sku;
    const held = variantBySku(sku).stockHeld;
    const first = (await addToOrder(order.number, key, sku)).headers.get("Location")!;
    const second = (await addToOrder(order.number, key, sku)).headers.get("Location")!;
    expect(second).not.toBe(first);
    expect(variantBySku(sku).stockHeld).toBe(held + 1);
    // The first page can no longer be paid.
    await payAddon(first);
    expect(addonOrdersOf(order.id).map((o) => o.status).sort()).toEqual(["expired", "pending"]);

    db.update(schema.orders).set({ status: "refunded", refundedCents: order.totalCents }).where(eq(schema.orders.id, order.id)).run();
    const page = await orderPage(order.number, key);
    expect(page.afterPayment).toMatchObject({ open: false });
    expect(page.afterPayment.message).toMatch(/refunded or cancelled/);
    expect((await addToOrder(order.number, key, sku)).status).toBe(409);
    // A payment arriving now is refunded automatically through the outbox.
    await payAddon(second);
    const paidLate = addonOrdersOf(order.id).find((o) => o.status === "paid")!;
    expect(paidLate.fulfilmentStatus).toBe("cancelled");
    const refund = db
      .select()
      .from(schema.outbox)
      .where(and(eq(schema.outbox.kind, AUTO_REFUND_EFFECT), eq(schema.outbox.orderId, paidLate.id)))
      .get();
    expect(refund).toBeDefined();
    expect(variantBySku(sku).stockHeld).toBe(held);
  });
});
