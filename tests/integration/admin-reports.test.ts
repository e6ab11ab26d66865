// Sales, customers, the order list's search, dates and CSV, and the readable
// audit log, on a seeded history of orders, lines and refunds. Sales figures
// are checked against sums the test makes itself from the raw rows.
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { recordAudit } from "~/models/audit.server";
import { loader as auditLoader } from "~/routes/admin.audit";
import { loader as auditExportLoader } from "~/routes/admin.audit_.export";
import { loader as customerLoader } from "~/routes/admin.customers.$email";
import { loader as customersLoader } from "~/routes/admin.customers._index";
import { loader as ordersExportLoader } from "~/routes/admin.orders.export";
import { loader as ordersLoader } from "~/routes/admin.orders._index";
import { loader as salesLoader } from "~/routes/admin.sales";
import { parseCsv } from "~/domain/csv";
import { signInAs, type SignedIn } from "../helpers/admin";
import { db, variantBySku } from "../helpers/db";
import { getRequest, run } from "../helpers/remix";
import * as schema from "../../db/schema";

let owner: SignedIn;
let staff: SignedIn;
const DAY = 86_400_000;
const at = (day: number, hour = 12) => Date.UTC(2031, 2, day, hour); // March 2031, far from other rows

type Seed = { number: string; status: (typeof schema.ORDER_STATUSES)[number]; email: string | null; name: string | null; paidDay: number | null; hour?: number; subtotal: number; discount: number; shipping: number; tax?: number; refunds?: { amount: number; day: number; status?: "succeeded" | "failed" }[]; lines: { sku: string; qty: number; restocked?: number }[] };

const SEED: Seed[] = [
  { number: "TC-AAAA22", status: "paid", email: "ada.lovelace@example.com", name: "Ada Lovelace", paidDay: 2, subtotal: 12_000, discount: 1_500, shipping: 800, lines: [{ sku: "", qty: 2 }] },
  { number: "TC-AAAA23", status: "partially_refunded", email: "ada.lovelace@example.com", name: "Ada King", paidDay: 5, subtotal: 8_000, discount: 0, shipping: 0, tax: 300, refunds: [{ amount: 2_000, day: 6 }, { amount: 999, day: 6, status: "failed" }], lines: [{ sku: "", qty: 2, restocked: 1 }] },
  { number: "TC-BBBB22", status: "refunded", email: "grace@example.org", name: "Grace Hopper", paidDay: 9, subtotal: 5_000, discount: 500, shipping: 800, refunds: [{ amount: 5_300, day: 16 }], lines: [{ sku: "", qty: 1, restocked: 1 }] },
  { number: "TC-CCCC22", status: "paid", email: "hedy@example.net", name: "Hedy Lamarr", paidDay: 14, hour: 23, subtotal: 3_000, discount: 0, shipping: 500, lines: [{ sku: "", qty: 1 }] },
  // Before the range: the previous period.
  { number: "TC-DDDD22", status: "paid", email: "grace@example.org", name: "Grace Hopper", paidDay: -3, subtotal: 4_000, discount: 0, shipping: 0, lines: [{ sku: "", qty: 1 }] },
  // Never paid: not a sale, not a customer.
  { number: "TC-EEEE22", status: "expired", email: "nobody@example.com", name: "No Body", paidDay: null, subtotal: 9_000, discount: 0, shipping: 0, lines: [{ sku: "", qty: 1 }] },
];

beforeAll(async () => {
  owner = await signInAs("owner", "Olive Owner");
  staff = await signInAs("staff", "Sam Staff");
  const variants = db.select().from(schema.variants).limit(3).all();
  const product = (id: number) => db.select().from(schema.products).where(eq(schema.products.id, id)).get()!;
  SEED.forEach((s, i) => {
    const v = variants[i % variants.length]!;
    for (const l of s.lines) l.sku = v.sku;
    const paidAt = s.paidDay === null ? null : at(s.paidDay, s.hour ?? 12);
    const total = s.subtotal - s.discount + s.shipping + (s.tax ?? 0);
    const refunded = (s.refunds ?? []).filter((r) => r.status !== "failed").reduce((n, r) => n + r.amount, 0);
    const [o] = db
      .insert(schema.orders)
      .values({
        number: s.number,
        status: s.status,
        currency: "usd",
        subtotalCents: s.subtotal,
        discountCents: s.discount,
        shippingCents: s.shipping,
        taxCents: s.tax ?? 0,
        totalCents: total,
        refundedCents: refunded,
        customerEmail: s.email,
        customerName: s.name,
        paymentMode: "test",
        holdExpiresAt: (paidAt ?? at(1)) + DAY,
        paidAt,
        createdAt: (paidAt ?? at(3)) - 60_000,
      })
      .returning()
      .all();
    for (const l of s.lines) {
      const p = product(v.productId);
      db.insert(schema.orderLines)
        .values({ orderId: o!.id, variantId: v.id, productId: p.id, productKind: p.kind, productName: p.name, sku: v.sku, colourName: v.colourName, imageUrl: v.imageUrl, quantity: l.qty, unitPriceCents: s.subtotal / l.qty, discountCents: s.discount, lineTotalCents: s.subtotal - s.discount, restockedQuantity: l.restocked ?? 0 })
        .run();
    }
    (s.refunds ?? []).forEach((r, j) =>
      db.insert(schema.refunds).values({ id: `re_${s.number}_${j}`, orderId: o!.id, amountCents: r.amount, status: r.status ?? "succeeded", createdAt: at(r.day), updatedAt: at(r.day) }).run(),
    );
  });
});

async function get(fn: Parameters<typeof run>[0], path: string, who: SignedIn = staff, params: Record<string, string> = {}) {
  const res = await run(fn, getRequest(path, { cookie: who.cookie }), params);
  const text = await res.text();
  let body: any = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body, headers: res.headers };
}

/** The expected figures, summed here from the raw rows. */
function expected(fromMs: number, toMs: number) {
  const sold = db.select().from(schema.orders).all().filter((o) => ["paid", "partially_refunded", "refunded"].includes(o.status) && o.paidAt !== null && o.paidAt >= fromMs && o.paidAt < toMs);
  const refunds = db.select().from(schema.refunds).all().filter((r) => r.status === "succeeded" && r.createdAt >= fromMs && r.createdAt < toMs);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const gross = sum(sold.map((o) => o.subtotalCents));
  const discount = sum(sold.map((o) => o.discountCents));
  const refund = sum(refunds.map((r) => r.amountCents));
  const shipping = sum(sold.map((o) => o.shippingCents));
  const tax = sum(sold.map((o) => o.taxCents));
  const net = gross - discount - refund;
  return { orders: sold.length, grossCents: gross, discountCents: discount, refundCents: refund, netCents: net, shippingCents: shipping, taxCents: tax, totalCents: net + shipping + tax, averageOrderCents: sold.length ? Math.round(net / sold.length) : 0 };
}

describe("sales", () => {
  it("match sums of the raw rows, net of refunds, with the previous period", async () => {
    const { status, body } = await get(salesLoader, "/admin/sales?from=2031-03-01&to=2031-03-14&grain=week&rank=units");
    expect(status).toBe(200);
    const want = expected(at(1, 0), at(15, 0));
    expect(body.totals).toEqual(want);
    // Hand check of the same: 4 orders; refunds 2,000 on the 6th (the failed one not counted); Grace's 5,300 falls on the 16th.
    expect(want).toMatchObject({ orders: 4, grossCents: 28_000, discountCents: 2_000, refundCents: 2_000, netCents: 24_000 });
    expect(body.previous).toMatchObject({ from: "2031-02-15", to: "2031-02-28" });
    expect(body.previous.totals).toEqual(expected(Date.UTC(2031, 1, 15), at(1, 0)));
    expect(body.changes.netCents).toMatchObject({ current: 24_000, previous: 4_000, delta: 20_000, text: "+500.0 %" });
    // Weeks from Monday; their sums are the range's.
    expect(body.buckets.map((b: any) => b.key)).toEqual(["2031-02-24", "2031-03-03", "2031-03-10"]);
    for (const k of ["orders", "grossCents", "refundCents", "netCents", "shippingCents"]) {
      expect(body.buckets.reduce((n: number, b: any) => n + b[k], 0), k).toBe(want[k as keyof typeof want]);
    }
    // Top colours by units, less units put back.
    const units = body.top.colours.reduce((n: number, c: any) => n + c.units, 0);
    expect(units).toBe(2 + (2 - 1) + (1 - 1) + 1);
  });

  it("net of refunds made later, in their own period", async () => {
    const { body } = await get(salesLoader, "/admin/sales?from=2031-03-15&to=2031-03-21");
    expect(body.totals).toEqual(expected(at(15, 0), at(22, 0)));
    expect(body.totals).toMatchObject({ orders: 0, refundCents: 5_300, netCents: -5_300 });
    expect(body.grain).toBe("day");
  });

  it("refuse bad input with 400", async () => {
    for (const q of ["from=2031-13-01", "from=2031-03-05&to=2031-03-01", "grain=year", "rank=x", "foo=1", "from=2029-01-01&to=2031-01-01"]) {
      const { status, body } = await get(salesLoader, `/admin/sales?${q}`);
      expect(status, q).toBe(400);
      expect(body.ok).toBe(false);
    }
  });
});

describe("customers", () => {
  it("are gathered from paid orders, spent net of refunds", async () => {
    const { status, body } = await get(customersLoader, "/admin/customers");
    expect(status).toBe(200);
    const byEmail = new Map(body.customers.map((c: any) => [c.email, c]));
    expect(byEmail.has("nobody@example.com")).toBe(false);
    expect(byEmail.get("ada.lovelace@example.com")).toMatchObject({ name: "Ada King", orders: 2, spentCents: 11_300 + 8_300 - 2_000, refundedCents: 2_000, firstOrderAt: at(2), lastOrderAt: at(5) });
    expect(byEmail.get("grace@example.org")).toMatchObject({ orders: 2, spentCents: 4_000 + 5_300 - 5_300 });
    expect(body.customers[0].email).toBe("hedy@example.net"); // latest order first
  });

  it("are found by any part of a name or an email, in any case", async () => {
    const emails = async (q: string) => (await get(customersLoader, `/admin/customers?q=${encodeURIComponent(q)}`)).body.customers.map((c: any) => c.email).sort();
    expect(await emails("LOVELACE")).toEqual(["ada.lovelace@example.com"]);
    expect(await emails("king")).toEqual(["ada.lovelace@example.com"]); // a name on one of her orders
    expect(await emails("example.org")).toEqual(["grace@example.org"]);
    expect(await emails("%")).toEqual([]);
    expect(await emails("no body")).toEqual([]);
    expect((await get(customersLoader, `/admin/customers?q=${"x".repeat(101)}`)).status).toBe(400);
  });

  it("have a page with their orders", async () => {
    const { status, body } = await get(customerLoader, "/admin/customers/ada.lovelace%40example.com", staff, { email: "ADA.lovelace@example.com" });
    expect(status).toBe(200);
    expect(body.customer).toMatchObject({ email: "ada.lovelace@example.com", orders: 2, spentCents: 17_600 });
    expect(body.orders.map((o: any) => o.number)).toEqual(["TC-AAAA23", "TC-AAAA22"]);
    expect((await get(customerLoader, "/admin/customers/x", staff, { email: "nobody@example.com" })).status).toBe(404);
    expect((await get(customerLoader, "/admin/customers/x", staff, { email: "not an email" })).status).toBe(404);
  });
});

describe("orders list", () => {
  const numbers = async (q: string) => {
    const { status, body } = await get(ordersLoader, `/admin/orders?${q}`);
    expect(status, q).toBe(200);
    return body.orders.map((o: any) => o.number).filter((n: string) => SEED.some((s) => s.number === n)).sort();
  };

  it("is searched by any part of the number, email or name", async () => {
    expect(await numbers("q=aaa")).toEqual(["TC-AAAA22", "TC-AAAA23"]);
    expect(await numbers("q=BBB22")).toEqual(["TC-BBBB22"]);
    expect(await numbers("q=HOPPER")).toEqual(["TC-BBBB22", "TC-DDDD22"]);
    expect(await numbers("q=example.net")).toEqual(["TC-CCCC22"]);
    expect(await numbers("q=_")).toEqual([]);
  });

  it("is filtered by the days placed and by status", async () => {
    expect(await numbers("from=2031-03-05&to=2031-03-09")).toEqual(["TC-AAAA23", "TC-BBBB22"]);
    expect(await numbers("from=2031-03-14")).toEqual(["TC-CCCC22"]);
    expect(await numbers("to=2031-02-28&q=TC-")).toEqual(["TC-DDDD22"]);
    expect(await numbers("from=2031-03-01&to=2031-03-31&status=refunded")).toEqual(["TC-BBBB22"]);
    const bad = await get(ordersLoader, "/admin/orders?from=2031-03-09&to=2031-03-01");
    expect(bad.status).toBe(400);
    expect(bad.body.errors.to).toBeTruthy();
  });

  it("downloads as CSV with the same filters", async () => {
    const page = await get(ordersLoader, "/admin/orders?q=lovelace&from=2031-03-01");
    expect(page.body.exportHref).toBe("/admin/orders/export?q=lovelace&from=2031-03-01");
    const res = await run(ordersExportLoader, getRequest(page.body.exportHref, { cookie: staff.cookie }));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="orders-\d{4}-\d{2}-\d{2}\.csv"$/);
    const parsed = parseCsv(await res.text());
    if (!parsed.ok) throw new Error(parsed.message);
    const [head, ...rows] = parsed.records.map((r) => r.cells);
    expect(head).toEqual(["order", "placed", "status", "shipping_state", "email", "name", "items", "subtotal", "discount", "shipping", "tax", "total", "refunded", "net", "shipping_method"]);
    expect(rows.map((r) => r[0])).toEqual(["TC-AAAA23", "TC-AAAA22"]);
    expect(rows[0]!.slice(1, 14)).toEqual(["2031-03-05 12:00 UTC", "Partly refunded", "Not shipped", "ada.lovelace@example.com", "Ada King", "2", "80.00", "0.00", "0.00", "3.00", "83.00", "20.00", "63.00"]);
    expect((await run(ordersExportLoader, getRequest("/admin/orders/export?status=nope", { cookie: staff.cookie }))).status).toBe(400);
  });
});

describe("audit log", () => {
  it("reads with names, SKUs, order numbers and money, and is filtered by person, kind and days", async () => {
    const variant = variantBySku(SEED[0]!.lines[0]!.sku);
    const productName = db.select().from(schema.products).where(eq(schema.products.id, variant.productId)).get()!.name;
    const order = db.select().from(schema.orders).where(eq(schema.orders.number, "TC-AAAA23")).get()!;
    const line = db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, order.id)).get()!;
    recordAudit({
      staffId: owner.id,
      action: "variant.update",
      entityType: "variant",
      entityId: variant.id,
      before: { productId: variant.productId, sku: variant.sku, colourName: variant.colourName, priceCents: 4650 },
      after: { productId: variant.productId, sku: variant.sku, colourName: variant.colourName, priceCents: 100 },
      now: at(3),
    });
    recordAudit({
      staffId: staff.id,
      action: "order.refund",
      entityType: "order",
      entityId: order.id,
      before: { number: order.number, status: "paid", refundedCents: 0 },
      after: { number: order.number, status: "partially_refunded", refundedCents: 2000, amountCents: 2000, refundStatus: "succeeded", restocked: [{ lineId: line.id, variantId: variant.id, quantity: 1 }] },
      now: at(6),
    });

    const all = await get(auditLoader, "/admin/audit?from=2031-03-01&to=2031-03-31", owner);
    expect(all.status).toBe(200);
    const summaries = all.body.entries.map((e: any) => e.summary);
    expect(summaries).toEqual([
      "Refunded $20.00 on order TC-AAAA23.",
      `Changed the price of ${productName} · ${variant.colourName} (${variant.sku}) from $46.50 to $1.00.`,
    ]);
    expect(all.body.entries[0].details).toContain(`Put back in stock: 1 × ${productName} · ${variant.colourName} (${variant.sku}).`);
    expect(all.body.entries[0]).toMatchObject({ who: "Sam Staff", href: "/admin/orders/TC-AAAA23" });
    expect(all.body.kinds).toEqual(expect.arrayContaining([{ value: "order.refund", label: "Refund" }]));
    expect(all.body.people.map((p: any) => p.id)).toEqual(expect.arrayContaining([owner.id, staff.id]));

    const only = async (q: string) => (await get(auditLoader, `/admin/audit?${q}`, owner)).body.entries.map((e: any) => e.action);
    expect(await only(`who=${owner.id}&from=2031-03-01`)).toEqual(["variant.update"]);
    expect(await only("kind=order.refund")).toEqual(["order.refund"]);
    expect(await only("from=2031-03-04&to=2031-03-31")).toEqual(["order.refund"]);
    expect(await only("from=2031-03-01&to=2031-03-02")).toEqual([]);
    expect((await get(auditLoader, "/admin/audit?who=me", owner)).status).toBe(400);
    expect((await get(auditLoader, "/admin/audit?from=soon", owner)).status).toBe(400);

    const csv = await run(auditExportLoader, getRequest(all.body.exportHref, { cookie: owner.cookie }));
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain("Refunded $20.00 on order TC-AAAA23.");
    expect(text).toContain("Price: $46.50 → $1.00");
  });
});
