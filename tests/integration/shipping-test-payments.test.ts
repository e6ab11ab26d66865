// Shipping without Stripe: the cart's hint, the test-payment page's choice of
// method (checked on the server, priced from the database) and the admin's
// shipping pages.
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { action as cartAction, loader as cartLoader } from "~/routes/cart";
import { action as checkoutAction } from "~/routes/checkout";
import { loader as successLoader } from "~/routes/checkout.success";
import { action as payAction, loader as payLoader } from "~/routes/checkout.test-payment";
import { action as shippingAction, loader as shippingLoader } from "~/routes/admin.shipping._index";
import { signInAs } from "../helpers/admin";
import { db, snapshotTables } from "../helpers/db";
import { cookieFrom, formRequest, getRequest, run } from "../helpers/remix";
import * as schema from "../../db/schema";

const TOTE = "TOT-CRO-BLACK"; // $210
const CHARM = "MIC-BOX-EMERALD"; // $55 alone
const PAY_FIELDS = { email: "grace@example.com", name: "Grace Hopper", line1: "1 Navy Yard", city: "Arlington", postal_code: "22202", country: "US" };
const ORDER_TABLES = ["orders", "order_lines", "order_status_history", "stock_holds", "stock_ledger", "variants", "cart_lines"];

let staff: Awaited<ReturnType<typeof signInAs>>;
beforeAll(async () => {
  staff = await signInAs("staff");
});

function method(name: string) {
  return db.select().from(schema.shippingMethods).where(eq(schema.shippingMethods.name, name)).get()!;
}

async function cartWith(items: [string, number][]) {
  let cookie: string | null = null;
  for (const [sku, quantity] of items) {
    const res = await run(cartAction, formRequest("/cart", { intent: "add", sku, quantity: String(quantity) }, { cookie }));
    cookie = cookieFrom(res) ?? cookie;
  }
  return cookie!;
}

async function startTestCheckout(items: [string, number][]) {
  const cookie = await cartWith(items);
  const res = await run(checkoutAction, formRequest("/checkout", {}, { cookie }));
  expect(res.status).toBe(303);
  const path = res.headers.get("Location")!;
  const sessionId = new URL(path, "http://x").searchParams.get("session_id")!;
  const order = db.select().from(schema.orders).where(eq(schema.orders.stripeSessionId, sessionId)).get()!;
  return { cookie, sessionId, order, path };
}

function orderRow(id: number) {
  return db.select().from(schema.orders).where(eq(schema.orders.id, id)).get()!;
}

describe("the cart", () => {
  it("shows the cheapest method's cost and how far free shipping is", async () => {
    const cookie = await cartWith([[CHARM, 1]]);
    const cart = (await (await run(cartLoader, getRequest("/cart", { cookie }))).json()) as any;
    expect(cart.totalCents).toBe(5500);
    expect(cart.shipping).toEqual({ fromCents: 800, moreForFreeCents: 15_000 - 5500 });
  });

  it("says shipping is free once the goods reach the threshold", async () => {
    const cookie = await cartWith([[TOTE, 1]]);
    const cart = (await (await run(cartLoader, getRequest("/cart", { cookie }))).json()) as any;
    expect(cart.shipping).toEqual({ fromCents: 0, moreForFreeCents: null });
  });
});

describe("the test-payment page", () => {
  it("offers the active methods for this order's goods, cheapest first", async () => {
    const { cookie, path } = await startTestCheckout([[CHARM, 1]]);
    const page = (await (await run(payLoader, getRequest(path, { cookie }))).json()) as any;
    expect(page.goodsCents).toBe(5500);
    expect(page.shipping.map((o: any) => [o.name, o.amountCents, o.estimate])).toEqual([
      ["Standard", 800, "3–5 business days"],
      ["Express", 2000, "1–2 business days"],
    ]);
    expect(page.countries.map((c: any) => c.code)).toEqual(["US", "CA", "GB", "IE", "FR", "DE", "NL", "AU"]);
  });

  it("charges goods + $20 with Express and records it; the success page shows the shipping", async () => {
    const { cookie, sessionId, order, path } = await startTestCheckout([[CHARM, 1]]);
    const express = method("Express");
    const res = await run(payAction, formRequest(path, { intent: "pay", session_id: sessionId, ...PAY_FIELDS, shipping_method: String(express.id) }, { cookie }));
    expect(res.status).toBe(303);
    expect(orderRow(order.id)).toMatchObject({
      status: "paid",
      shippingMethodId: express.id,
      shippingMethodName: "Express",
      shippingCents: 2000,
      deliveryMinDays: 1,
      deliveryMaxDays: 2,
      taxCents: 0,
      totalCents: 5500 + 2000,
    });
    const shown = (await (await run(successLoader, getRequest(`/checkout/success?session_id=${sessionId}`, { cookie }))).json()) as any;
    expect(shown).toMatchObject({ shippingMethodName: "Express", shippingCents: 2000, taxCents: 0, totalCents: 7500 });
  });

  it("charges the cheapest method serving the country when the form names none", async () => {
    const { cookie, sessionId, order, path } = await startTestCheckout([[TOTE, 1]]);
    expect((await run(payAction, formRequest(path, { intent: "pay", session_id: sessionId, ...PAY_FIELDS }, { cookie }))).status).toBe(303);
    expect(orderRow(order.id)).toMatchObject({ shippingMethodName: "Standard", shippingCents: 0, totalCents: 21000 });
  });

  it("refuses a forged method id with 400 and a message, writing nothing", async () => {
    const { cookie, sessionId, path } = await startTestCheckout([[CHARM, 1]]);
    const before = snapshotTables(ORDER_TABLES);
    for (const forged of ["99999", "0", "-1", "1e3", "Express"]) {
      const res = await run(payAction, formRequest(path, { intent: "pay", session_id: sessionId, ...PAY_FIELDS, shipping_method: forged }, { cookie }));
      expect(res.status, forged).toBe(400);
      expect(((await res.json()) as any).message).toMatch(/shipping method/);
    }
    expect(snapshotTables(ORDER_TABLES)).toEqual(before);
  });

  it("refuses a method that doesn't deliver to the chosen country, and a switched-off one", async () => {
    // A new method, from the back office, for the United States only.
    const created = await run(
      shippingAction,
      formRequest("/admin/shipping", { intent: "create", name: "Courier", price: "30", minDays: "1", maxDays: "1", "country-US": "on", active: "on" }, { cookie: staff.cookie }),
    );
    expect(created.status).toBe(303);
    const courier = method("Courier");
    expect(courier).toMatchObject({ priceCents: 3000, freeOverCents: null, countries: ["US"], active: true });
    expect(db.select().from(schema.auditLog).all().at(-1)).toMatchObject({ action: "shipping.create", entityId: String(courier.id), staffId: staff.id });

    const { cookie, sessionId, path } = await startTestCheckout([[CHARM, 1]]);
    const before = snapshotTables(ORDER_TABLES);
    const res = await run(payAction, formRequest(path, { intent: "pay", session_id: sessionId, ...PAY_FIELDS, country: "GB", shipping_method: String(courier.id) }, { cookie }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).message).toBe("Courier doesn't deliver to United Kingdom. Choose Standard or Express.");
    expect(snapshotTables(ORDER_TABLES)).toEqual(before);

    const off = await run(shippingAction, formRequest("/admin/shipping", { intent: "deactivate", id: String(courier.id) }, { cookie: staff.cookie }));
    expect(off.status).toBe(303);
    expect(method("Courier").active).toBe(false);
    expect(db.select().from(schema.auditLog).all().at(-1)).toMatchObject({ action: "shipping.deactivate", before: { active: true }, after: { active: false } });
    const again = await run(payAction, formRequest(path, { intent: "pay", session_id: sessionId, ...PAY_FIELDS, shipping_method: String(courier.id) }, { cookie }));
    expect(again.status).toBe(400);
    expect(snapshotTables(ORDER_TABLES)).toEqual(before);
  });
});

describe("with every method switched off", () => {
  it("checkout is refused with a message and nothing is held; the cart shows no shipping", async () => {
    const ids = db.select().from(schema.shippingMethods).all().filter((m) => m.active).map((m) => String(m.id));
    for (const id of ids) {
      expect((await run(shippingAction, formRequest("/admin/shipping", { intent: "deactivate", id }, { cookie: staff.cookie }))).status).toBe(303);
    }
    const cookie = await cartWith([[CHARM, 1]]);
    const cart = (await (await run(cartLoader, getRequest("/cart", { cookie }))).json()) as any;
    expect(cart.shipping).toEqual({ fromCents: null, moreForFreeCents: null });
    const before = snapshotTables(["orders", "stock_holds", "variants"]);
    const res = await run(checkoutAction, formRequest("/checkout", {}, { cookie }));
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/cart");
    expect(snapshotTables(["orders", "stock_holds", "variants"])).toEqual(before);
    for (const id of ids) {
      expect((await run(shippingAction, formRequest("/admin/shipping", { intent: "activate", id }, { cookie: staff.cookie }))).status).toBe(303);
    }
  });
});

describe("the admin's shipping page", () => {
  it("lists the methods", async () => {
    const res = await run(shippingLoader, getRequest("/admin/shipping", { cookie: staff.cookie }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.methods.filter((m: any) => m.name !== "Courier")).toMatchObject([
      { name: "Standard", price: "$8.00", freeOver: "$150.00", estimate: "3–5 business days", active: true },
      { name: "Express", price: "$20.00", freeOver: "—", estimate: "1–2 business days", active: true },
    ]);
  });

  it("refuses bad input with 400 and a message per field, writing nothing", async () => {
    const before = snapshotTables(["shipping_methods", "audit_log"]);
    const cases: Record<string, string>[] = [
      { intent: "create", name: "", price: "5", minDays: "1", maxDays: "2", "country-US": "on" },
      { intent: "create", name: "Slow", price: "five", minDays: "1", maxDays: "2", "country-US": "on" },
      { intent: "create", name: "Slow", price: "5", minDays: "4", maxDays: "2", "country-US": "on" },
      { intent: "create", name: "Slow", price: "5", minDays: "1", maxDays: "2" },
      { intent: "create", name: "Slow", price: "5", minDays: "1", maxDays: "2", "country-US": "on", priceCents: "1" },
      { intent: "delete", id: "1" },
      { intent: "activate", id: "abc" },
    ];
    for (const fields of cases) {
      const res = await run(shippingAction, formRequest("/admin/shipping", fields, { cookie: staff.cookie }));
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(((await res.json()) as any).message).toBeTruthy();
    }
    const missing = await run(shippingAction, formRequest("/admin/shipping", { intent: "activate", id: "99999" }, { cookie: staff.cookie }));
    expect(missing.status).toBe(404);
    expect(snapshotTables(["shipping_methods", "audit_log"])).toEqual(before);
  });
});
