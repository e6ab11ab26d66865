// Safe actions in the back office: a change that moves money, removes stock or
// deletes is confirmed first (a POST without the confirmation changes nothing)
// and carries a one-time token, so the same form sent twice changes things once
// and says "already done" the second time, with the books still agreeing.
import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { action as cartAction } from "~/routes/cart";
import { action as checkoutAction } from "~/routes/checkout";
import { action as payAction } from "~/routes/checkout.test-payment";
import { action as orderAction, loader as orderLoader } from "~/routes/admin.orders.$number";
import { action as editAction, loader as editLoader } from "~/routes/admin.products.$id";
import { action as skuAction, loader as skuLoader } from "~/routes/admin.stock.$sku";
import { action as staffAction } from "~/routes/admin.staff";
import { signInAs, withCookie, type SignedIn } from "../helpers/admin";
import { db, setStock, snapshotTables, sqlite, variantBySku } from "../helpers/db";
import { cookieFrom, formRequest, getRequest, run } from "../helpers/remix";
import * as schema from "../../db/schema";

const TOTE = "TOT-CRO-BLACK";
const CHARM = "MIC-BOX-EMERALD";
const BOOKS = ["orders", "order_lines", "order_status_history", "refunds", "variants", "stock_ledger", "audit_log", "used_form_tokens", "outbox"];

let manager: SignedIn;
let owner: SignedIn;

beforeAll(async () => {
  [manager, owner] = await Promise.all([signInAs("manager", "Mia Manager"), signInAs("owner")]);
});

async function paidOrder(items: [string, number][]) {
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
    formRequest(location, { intent: "pay", session_id: sessionId, email: "safe@example.com", name: "Ada", line1: "1 Road", city: "Town", postal_code: "22202", country: "US" }, { cookie }),
  );
  expect(paid.status).toBe(303);
  return db.select().from(schema.orders).where(eq(schema.orders.stripeSessionId, sessionId)).get()!;
}

/** The notice the page shows after a redirect (the flash cookie it set). */
async function noticeAfter(res: Response, load: (cookie: string) => Promise<Response>) {
  const flash = res.headers.get("Set-Cookie")!.split(";")[0]!;
  const page = await load(withCookie(manager.cookie, flash));
  return ((await page.json()) as { notice: { kind: string; message: string } }).notice;
}

function token() {
  return crypto.randomBytes(24).toString("base64url");
}

describe("refunds", () => {
  it("ask first (saying what will happen), then refund once; the same form again does nothing and says so", async () => {
    const order = await paidOrder([[TOTE, 1], [CHARM, 1]]);
    const page = ((await (await run(orderLoader, getRequest(`/admin/orders/${order.number}`, { cookie: manager.cookie }), { number: order.number })).json()) as any).order;
    const charmLine = page.lines.find((l: { sku: string }) => l.sku === CHARM);
    const fields = { requestKey: page.refund.requestKey, scope: "lines", [charmLine.field]: "1", restock: "on" };
    const post = (extra: Record<string, string> = {}) =>
      run(orderAction, formRequest(`/admin/orders/${order.number}`, { ...fields, ...extra }, { cookie: manager.cookie }), { number: order.number });

    const before = snapshotTables(BOOKS);
    const asked = await post();
    expect(asked.status).toBe(200);
    const body = (await asked.json()) as { confirm: { question: string; yes: string; fields: Record<string, string> } };
    expect(body.confirm.question).toBe("Refund $46.75 (a test payment: recorded here, no money moves) and put 1 × Emerald Croc Micro Box back in stock?");
    expect(body.confirm.yes).toBe("Yes, refund $46.75");
    expect(body.confirm.fields).toEqual(fields);
    expect(snapshotTables(BOOKS)).toEqual(before);

    const stockBefore = variantBySku(CHARM).stockOnHand;
    const first = await post({ confirm: "yes" });
    expect(first.status).toBe(303);
    const second = await post({ confirm: "yes" });
    expect(second.status).toBe(303);
    const load = (cookie: string) => run(orderLoader, getRequest(`/admin/orders/${order.number}`, { cookie }), { number: order.number });
    expect((await noticeAfter(second, load)).message).toMatch(/^Already done/);

    const refunds = db.select().from(schema.refunds).where(eq(schema.refunds.orderId, order.id)).all();
    expect(refunds.map((r) => r.amountCents)).toEqual([4675]);
    const after = db.select().from(schema.orders).where(eq(schema.orders.id, order.id)).get()!;
    expect(after.refundedCents).toBe(refunds.reduce((sum, r) => sum + r.amountCents, 0));
    expect(variantBySku(CHARM).stockOnHand).toBe(stockBefore + 1);
    const restocks = db
      .select()
      .from(schema.stockLedger)
      .where(and(eq(schema.stockLedger.orderId, order.id), eq(schema.stockLedger.reason, "refund_restock")))
      .all();
    expect(restocks.map((r) => r.onHandDelta)).toEqual([1]);
    expect(sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'order.refund' AND entity_id = ?").get(String(order.id))).toEqual({ n: 1 });
  });
});

describe("stock", () => {
  const sku = "MIC-BOX-BLACK";
  const post = (fields: Record<string, string>) => run(skuAction, formRequest(`/admin/stock/${sku}`, fields, { cookie: manager.cookie }), { sku });
  const load = (cookie: string) => run(skuLoader, getRequest(`/admin/stock/${sku}`, { cookie }), { sku });
  const ledgerSum = () =>
    (sqlite.prepare("SELECT coalesce(sum(on_hand_delta), 0) AS n FROM stock_ledger WHERE variant_id = ?").get(variantBySku(sku).id) as { n: number }).n;

  it("receiving twice with the same form receives once and says it was already done", async () => {
    setStock(sku, 4);
    const start = variantBySku(sku).stockOnHand;
    const ledgerStart = ledgerSum();
    const form = { intent: "adjust", quantity: "10", reason: "received", formToken: token() };
    const first = await post(form);
    expect(first.status).toBe(303);
    expect(variantBySku(sku).stockOnHand).toBe(start + 10);
    const second = await post(form);
    expect(second.status).toBe(303);
    expect((await noticeAfter(second, load)).message).toMatch(/^Already done.*Received 10 units of MIC-BOX-BLACK/);
    expect(variantBySku(sku).stockOnHand).toBe(start + 10);
    expect(ledgerSum() - ledgerStart).toBe(10);
    // A fresh page brings a fresh token: the form starts empty and works again.
    const page = (await (await load(manager.cookie)).json()) as { formToken: string };
    expect(page.formToken).not.toBe(form.formToken);
  });

  it("counting fewer asks first; the confirmed count applies once; a resend does nothing", async () => {
    setStock(sku, 12);
    const ledgerStart = ledgerSum();
    const form = { intent: "set", onHand: "7", reason: "counted", formToken: token() };
    const before = snapshotTables(BOOKS);
    const asked = await post(form);
    expect(asked.status).toBe(200);
    expect(((await asked.json()) as { confirm: { question: string } }).confirm.question).toBe(
      "Remove 5 units of MIC-BOX-BLACK (counted on the shelf): on hand 12 → 7?",
    );
    expect(snapshotTables(BOOKS)).toEqual(before);

    expect((await post({ ...form, confirm: "yes" })).status).toBe(303);
    expect(variantBySku(sku).stockOnHand).toBe(7);
    setStock(sku, 9); // someone else's change meanwhile (outside the ledger, so the sum is checked as a difference)
    const again = await post({ ...form, confirm: "yes" });
    expect(again.status).toBe(303);
    expect((await noticeAfter(again, load)).message).toMatch(/^Already done/);
    expect(variantBySku(sku).stockOnHand).toBe(9);
    expect(ledgerSum() - ledgerStart).toBe(-5);
  });

  it("a stock change without a token changes nothing", async () => {
    const before = snapshotTables(BOOKS);
    const res = await post({ intent: "adjust", quantity: "3", reason: "received" });
    expect(res.status).toBe(400);
    expect(snapshotTables(BOOKS)).toEqual(before);
  });
});

describe("deletes", () => {
  const edit = (productId: number, fields: Record<string, string>) =>
    run(editAction, formRequest(`/admin/products/${productId}`, fields, { cookie: manager.cookie }), { id: String(productId) });

  it("deleting a colour asks first, happens once, and the resend says it was already done", async () => {
    const product = db.select().from(schema.products).where(eq(schema.products.slug, "canvas-market-tote")).get()!;
    const add = await edit(product.id, { intent: "variant-create", sku: "TOT-HBR-PLUM", colourName: "Plum", colourHex: "#5b2a4a", hardware: "gold", price: "60", compareAt: "", position: "2" });
    expect(add.status).toBe(303);
    const plum = variantBySku("TOT-HBR-PLUM");
    const form = { intent: "variant-delete", variantId: String(plum.id), formToken: token() };

    const before = snapshotTables(["products", "variants", "audit_log", "used_form_tokens"]);
    const asked = await edit(product.id, form);
    expect(asked.status).toBe(200);
    expect(((await asked.json()) as { confirm: { question: string } }).confirm.question).toBe(
      `Delete the colour Plum (TOT-HBR-PLUM) of ${product.name}, with its picture? This can't be undone.`,
    );
    expect(snapshotTables(["products", "variants", "audit_log", "used_form_tokens"])).toEqual(before);

    expect((await edit(product.id, { ...form, confirm: "yes" })).status).toBe(303);
    const again = await edit(product.id, { ...form, confirm: "yes" });
    expect(again.status).toBe(303);
    const load = (cookie: string) => run(editLoader, getRequest(`/admin/products/${product.id}`, { cookie }), { id: String(product.id) });
    expect((await noticeAfter(again, load)).message).toMatch(/^Already done.*Deleted Plum/);
    expect(sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'variant.delete' AND entity_id = ?").get(String(plum.id))).toEqual({ n: 1 });
    expect(sqlite.prepare("SELECT count(*) AS n FROM variants WHERE sku = 'TOT-HBR-PLUM'").get()).toEqual({ n: 0 });
  });

  it("a product's last colour can't be deleted", async () => {
    const only = sqlite.prepare("SELECT product_id AS id FROM variants GROUP BY product_id HAVING count(*) = 1 LIMIT 1").get() as { id: number };
    expect(only).toBeDefined();
    const [colour] = db.select().from(schema.variants).where(eq(schema.variants.productId, only.id)).all();
    db.update(schema.variants).set({ stockOnHand: 0, stockHeld: 0 }).where(eq(schema.variants.id, colour!.id)).run();
    const before = snapshotTables(["products", "variants", "audit_log", "used_form_tokens"]);
    const res = await edit(only.id, { intent: "variant-delete", variantId: String(colour!.id), formToken: token(), confirm: "yes" });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { message: string }).message).toMatch(/only colour, so it can't be deleted/);
    expect(snapshotTables(["products", "variants", "audit_log", "used_form_tokens"])).toEqual(before);
  });

  it("disabling a staff member asks first", async () => {
    const member = await signInAs("support", "Sue Support");
    const post = (extra: Record<string, string> = {}) =>
      run(staffAction, formRequest("/admin/staff", { intent: "disable", staffId: String(member.id), ...extra }, { cookie: owner.cookie }));
    const before = snapshotTables(["staff", "staff_sessions", "audit_log"]);
    const asked = await post();
    expect(asked.status).toBe(200);
    expect(((await asked.json()) as { confirm: { question: string } }).confirm.question).toBe(`Disable Sue Support's account (${member.email}) and sign them out now?`);
    expect(snapshotTables(["staff", "staff_sessions", "audit_log"])).toEqual(before);
    expect((await post({ confirm: "yes" })).status).toBe(303);
    expect(db.select().from(schema.staff).where(eq(schema.staff.id, member.id)).get()!.disabledAt).not.toBeNull();
  });
});

describe("the support role's refund limit", () => {
  it("the owner sets it; support can refund up to it and no more", async () => {
    const support = await signInAs("support", "Sid Support");
    const set = await run(staffAction, formRequest("/admin/staff", { intent: "refund-limit", refundLimit: "10" }, { cookie: owner.cookie }));
    expect(set.status).toBe(303);
    expect(sqlite.prepare("SELECT after FROM audit_log WHERE action = 'settings.support_refund_limit' ORDER BY id DESC").get()).toEqual({ after: '{"cents":1000}' });
    const refused = await run(staffAction, formRequest("/admin/staff", { intent: "refund-limit", refundLimit: "lots" }, { cookie: owner.cookie }));
    expect(refused.status).toBe(400);

    const order = await paidOrder([[CHARM, 1]]);
    const page = ((await (await run(orderLoader, getRequest(`/admin/orders/${order.number}`, { cookie: support.cookie }), { number: order.number })).json()) as any).order;
    const post = (amount: string, extra: Record<string, string> = {}) =>
      run(orderAction, formRequest(`/admin/orders/${order.number}`, { requestKey: page.refund.requestKey, scope: "amount", amount, ...extra }, { cookie: support.cookie }), {
        number: order.number,
      });
    const before = snapshotTables(BOOKS);
    const over = await post("10.01", { confirm: "yes" });
    expect(over.status).toBe(403);
    expect(((await over.json()) as { message: string }).message).toBe("Your role can refund at most $10.00 at a time; this refund is $10.01. Ask a manager or the owner.");
    expect(snapshotTables(BOOKS)).toEqual(before);
    expect((await post("10", { confirm: "yes" })).status).toBe(303);
    expect(db.select().from(schema.orders).where(eq(schema.orders.id, order.id)).get()!.refundedCents).toBe(1000);
  });
});
