// Experiments end to end in process: the offers page refuses bad experiments
// and writes nothing; a saved one assigns carts (once), hides suggestions from
// its holdout and prices a discount arm by its discount; and the dashboard's
// figures on seeded histories with a known truth: the interval holds the true
// lift, no lift is said so, and a refund lowers the figures.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { assignArm } from "~/domain/experiments";
import { percentOf } from "~/domain/money";
import { getExperiment, listExperiments } from "~/models/experiments.server";
import { saveHoldoutPercent } from "~/models/offers.server";
import { action as listAction, loader as listLoader } from "~/routes/admin.offers._index";
import { loader as dashboardLoader } from "~/routes/admin._index";
import { action as cartAction } from "~/routes/cart";
import { loader as productLoader } from "~/routes/products.$slug";
import { signInAs, type SignedIn } from "../helpers/admin";
import { db, snapshotTables, sqlite } from "../helpers/db";
import { cookieFrom, formRequest, getRequest, run } from "../helpers/remix";
import { getCartId } from "~/utils/session.server";
import * as schema from "../../db/schema";
import { DAY, MICRO_CENTS, seedExperimentHistory } from "../fixtures/experiment-history";

const TABLES = ["experiments", "experiment_arms", "experiment_assignments", "audit_log", "settings"];
let staff: SignedIn;

beforeAll(async () => {
  staff = await signInAs("staff");
});

const future = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 16);
const goodForm = (over: Record<string, string> = {}) => ({
  intent: "create-experiment",
  name: "Ten against fifteen",
  startsAt: "",
  endsAt: future(28),
  arm1Label: "No suggestions",
  arm1Kind: "holdout",
  arm1Share: "20",
  arm2Label: "10 % off",
  arm2Kind: "discount",
  arm2DiscountType: "percent",
  arm2DiscountValue: "10",
  arm2Share: "40",
  arm3Label: "$10 off",
  arm3Kind: "discount",
  arm3DiscountType: "fixed",
  arm3DiscountValue: "10",
  arm3Share: "40",
  ...over,
});
const post = (fields: Record<string, string>) => run(listAction, formRequest("/admin/offers?index", fields, { cookie: staff.cookie }));

async function report(id?: number) {
  const res = await run(dashboardLoader, getRequest(`/admin${id ? `?experiment=${id}` : ""}`, { cookie: staff.cookie }));
  expect(res.status).toBe(200);
  return ((await res.json()) as any).experiment;
}

describe("the experiment form refuses bad input and writes nothing", () => {
  it.each([
    ["shares that do not add up to 100 %", { arm3Share: "30" }, /add up to 90 %/],
    ["an arm with neither offer settings nor a holdout", { arm2Kind: "" }, /choose "no suggestions" or its offer settings/],
    ["a discount arm without its discount", { arm3DiscountType: "" }, /needs a discount/],
    ["a single arm", { arm2Label: "", arm2Kind: "", arm2DiscountType: "", arm2DiscountValue: "", arm2Share: "", arm3Label: "", arm3Kind: "", arm3DiscountType: "", arm3DiscountValue: "", arm3Share: "", arm1Share: "100" }, /2 to 4 arms/],
    ["a stop in the past", { endsAt: "2020-01-01T00:00" }, /after the start|in the future/],
  ])("%s", async (_, over, message) => {
    const before = snapshotTables(TABLES);
    const res = await post(goodForm(over as Record<string, string>));
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).message).toMatch(message);
    expect(snapshotTables(TABLES)).toEqual(before);
  });
});

describe("a saved experiment in the storefront", () => {
  let experimentId: number;

  it("is saved from the offers page and listed", async () => {
    const res = await post(goodForm());
    expect(res.status).toBe(303);
    const listed = (await (await run(listLoader, getRequest("/admin/offers", { cookie: staff.cookie }))).json()) as any;
    expect(listed.experiments[0]).toMatchObject({ name: "Ten against fifteen", status: "Running" });
    experimentId = listed.experiments[0].id;
  });

  it("refuses a second experiment whose dates overlap it, and the holdout setting while it runs", async () => {
    const before = snapshotTables(TABLES);
    const res = await post(goodForm({ name: "Overlapping", startsAt: future(1), endsAt: future(40) }));
    expect(res.status).toBe(409);
    expect(((await res.json()) as any).message).toMatch(/overlap "Ten against fifteen": only one experiment runs at a time/);
    const holdout = await post({ intent: "holdout", holdoutPercent: "10" });
    expect(holdout.status).toBe(409);
    expect(snapshotTables(TABLES)).toEqual(before);
  });

  it("assigns a cart once when it reaches suggestions; a holdout cart sees none; a discount arm is priced by its discount", async () => {
    const experiment = getExperiment(experimentId)!;
    const seen = new Set<string>();
    for (let i = 0; i < 40 && seen.size < 3; i++) {
      const add = await run(cartAction, formRequest("/cart", { intent: "add", sku: "MIC-DUF-LIME", quantity: "1" }));
      const cookie = cookieFrom(add)!;
      const cartId = (await getCartId(getRequest("/", { cookie })))!;
      const arm = assignArm(experiment, cartId);
      if (seen.has(arm.label)) continue;
      seen.add(arm.label);
      for (let view = 0; view < 2; view++) {
        const page = (await (await run(productLoader, getRequest("/products/canvas-market-tote?colour=black", { cookie }), { slug: "canvas-market-tote" })).json()) as any;
        if (arm.kind === "holdout") expect(page.upsell).toBeNull();
        else {
          // Every suggestion under a bundle offer is priced by the arm's discount instead of the offer's own.
          const offered = page.upsell.suggestions.filter((s: any) => s.offerId !== null);
          expect(offered.length).toBeGreaterThan(0);
          for (const s of offered) {
            const off = arm.discount!.type === "percent" ? percentOf(s.regularPriceCents, arm.discount!.percent) : Math.min(arm.discount!.cents, s.regularPriceCents);
            expect(s.bundlePriceCents).toBe(s.regularPriceCents - off);
          }
        }
      }
      if (arm.kind === "discount") {
        // A micro bag's own page shows this cart the same discount its cart will charge.
        const micro = (await (await run(productLoader, getRequest("/products/micro-duffle?colour=lime", { cookie }), { slug: "micro-duffle" })).json()) as any;
        expect(micro.withTote.totes.length).toBeGreaterThan(0);
        const t = micro.withTote.totes[0];
        const off = arm.discount!.type === "percent" ? percentOf(micro.variant.priceCents, arm.discount!.percent) : Math.min(arm.discount!.cents, micro.variant.priceCents);
        expect(t.regularCents - t.totalCents).toBe(off);
      }
      const rows = db.select().from(schema.experimentAssignments).where(eq(schema.experimentAssignments.cartId, cartId)).all();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ experimentId, armId: arm.id });
    }
    expect(seen.size).toBe(3);
  });

  it("a bot reaching the page is not assigned", async () => {
    const add = await run(cartAction, formRequest("/cart", { intent: "add", sku: "MIC-DUF-LIME", quantity: "1" }));
    const cookie = cookieFrom(add)!;
    const cartId = (await getCartId(getRequest("/", { cookie })))!;
    const req = getRequest("/products/canvas-market-tote?colour=black", { cookie });
    req.headers.set("User-Agent", "Googlebot/2.1 (+http://www.google.com/bot.html)");
    await run(productLoader, req, { slug: "canvas-market-tote" });
    expect(db.select().from(schema.experimentAssignments).where(eq(schema.experimentAssignments.cartId, cartId)).all()).toHaveLength(0);
  });

  it("stops from the offers page", async () => {
    expect((await post({ intent: "stop-experiment", experimentId: String(experimentId) })).status).toBe(303);
    expect(getExperiment(experimentId)!.endsAt).not.toBeNull();
    expect(listExperiments().find((e) => e.id === experimentId)!.endsAt! <= Date.now()).toBe(true);
  });

  it("the holdout setting then runs as a two-arm experiment with the old buckets", () => {
    expect(saveHoldoutPercent(10, { staffId: null })).toMatchObject({ ok: true, changed: true });
    const holdout = listExperiments().find((e) => e.source === "holdout_setting")!;
    expect(holdout.hashSalt).toBe("");
    expect(holdout.arms.map((a) => [a.kind, a.shareBasisPoints])).toEqual([
      ["holdout", 1000],
      ["offers", 9000],
    ]);
    expect(saveHoldoutPercent(0, { staffId: null })).toMatchObject({ ok: true });
    expect(listExperiments().find((e) => e.id === holdout.id)!.endsAt).not.toBeNull();
  });
});

describe("figures on seeded histories with a known truth", () => {
  const base = Date.UTC(2025, 0, 6); // a Monday, long before the experiments above

  it("with a true lift of $12.00 per cart, the interval holds it and the verdict says the arm adds", async () => {
    const seeded = seedExperimentHistory(sqlite, { name: "Known lift", startsAt: base, cartsPerArm: 400, lift: true, prefix: "lift" });
    const r = await report(seeded.experimentId);
    const [control, treatment] = r.figures;
    expect(control).toMatchObject({ isControl: true, cartsAssigned: 400, orders: 200, microRevenueCents: 0 });
    expect(treatment).toMatchObject({ cartsAssigned: 400, orders: 200, microRevenueCents: 120 * MICRO_CENTS });
    const cmp = r.comparisons[0];
    expect(cmp.revenuePerCart.low).toBeLessThan(1200);
    expect(cmp.revenuePerCart.high).toBeGreaterThan(1200);
    expect(cmp.revenuePerCart.estimate).toBeCloseTo(1200, 6);
    expect(cmp.verdict.kind).toBe("adds");
    expect(cmp.attach.low).toBeLessThan(0.6);
    expect(cmp.attach.high).toBeGreaterThan(0.6);
    // Attributed: every suggested micro bag; incremental: the difference times the treated carts.
    expect(r.attribution.attributedCents).toBe(120 * MICRO_CENTS);
    expect(r.attribution.incremental.estimate).toBeCloseTo(1200 * 400, 3);
    expect(r.weeks).toHaveLength(4 * 2);

    // A refund of one micro bag (put back) lowers the treatment's figures.
    const orderId = seeded.microOrderIds[0]!;
    sqlite.prepare("UPDATE orders SET status = 'partially_refunded', refunded_cents = ? WHERE id = ?").run(MICRO_CENTS, orderId);
    sqlite.prepare("UPDATE order_lines SET restocked_quantity = 1 WHERE order_id = ? AND product_kind = 'micro'").run(orderId);
    const after = await report(seeded.experimentId);
    expect(after.figures[1].microRevenueCents).toBe(119 * MICRO_CENTS);
    expect(after.figures[1].revenueCents).toBe(treatment.revenueCents - MICRO_CENTS);
    expect(after.comparisons[0].revenuePerCart.estimate).toBeCloseTo(1200 - MICRO_CENTS / 400, 6);
    expect(after.figures[1].attach.successes).toBe(119);
    expect(after.attribution.attributedCents).toBe(119 * MICRO_CENTS);
  });

  it("with no lift, the interval includes no difference and the verdict says so", async () => {
    const seeded = seedExperimentHistory(sqlite, { name: "No lift", startsAt: base + 35 * DAY, cartsPerArm: 400, lift: false, prefix: "flat" });
    const r = await report(seeded.experimentId);
    const cmp = r.comparisons[0];
    expect(cmp.revenuePerCart.low).toBeLessThanOrEqual(0);
    expect(cmp.revenuePerCart.high).toBeGreaterThanOrEqual(0);
    expect(["no_difference", "ahead_unsure", "behind_unsure"]).toContain(cmp.verdict.kind);
    expect(cmp.verdict.text).toMatch(/No difference|includes no difference/);
  });

  it("with a handful of carts, not enough data yet", async () => {
    const seeded = seedExperimentHistory(sqlite, { name: "Tiny", startsAt: base + 70 * DAY, cartsPerArm: 8, lift: true, prefix: "tiny" });
    const r = await report(seeded.experimentId);
    expect(r.comparisons[0].verdict.kind).toBe("not_enough_data");
  });

  it("a micro bag added after payment counts inside its first order, not as another order", async () => {
    const seeded = seedExperimentHistory(sqlite, { name: "After payment", startsAt: base + 105 * DAY, cartsPerArm: 40, lift: false, prefix: "late" });
    const before = await report(seeded.experimentId);
    const treatment = before.figures[1];
    // One of the treatment's tote orders gets a paid add-on: its own order row, same cart, linked to the first.
    const first = sqlite
      .prepare(
        `SELECT o.id, o.cart_id, o.created_at FROM orders o JOIN experiment_assignments a ON a.cart_id = o.cart_id
         WHERE a.experiment_id = ? AND a.arm_id = ? ORDER BY o.id LIMIT 1`,
      )
      .get(seeded.experimentId, seeded.treatmentArmId) as { id: number; cart_id: string; created_at: number };
    const micro = sqlite.prepare("SELECT id, name FROM products WHERE kind = 'micro' ORDER BY id LIMIT 1").get() as { id: number; name: string };
    const at = first.created_at + 60_000;
    const addonId = Number(
      sqlite
        .prepare(
          `INSERT INTO orders (number, status, cart_id, currency, subtotal_cents, discount_cents, total_cents, refunded_cents, customer_email,
             payment_mode, hold_expires_at, in_holdout, paid_at, created_at, updated_at)
           VALUES ('TC-ZZZZZ9', 'paid', ?, 'usd', ?, 0, ?, 0, 'exp@example.com', 'test', ?, 0, ?, ?, ?)`,
        )
        .run(first.cart_id, MICRO_CENTS, MICRO_CENTS, at, at, at, at).lastInsertRowid,
    );
    sqlite
      .prepare(
        `INSERT INTO order_lines (order_id, variant_id, product_id, product_kind, product_name, sku, colour_name, image_url, quantity,
           unit_price_cents, discount_cents, line_total_cents) VALUES (?, NULL, ?, 'micro', ?, 'MIC-X', 'Black', '/art/x.svg', 1, ?, 0, ?)`,
      )
      .run(addonId, micro.id, micro.name, MICRO_CENTS, MICRO_CENTS);
    sqlite.prepare("INSERT INTO order_addons (parent_order_id, addon_order_id, variant_id, created_at) VALUES (?, ?, 1, ?)").run(first.id, addonId, at);
    const after = (await report(seeded.experimentId)).figures[1];
    expect(after.orders).toBe(treatment.orders);
    expect(after.revenueCents).toBe(treatment.revenueCents + MICRO_CENTS);
    expect(after.microRevenueCents).toBe(treatment.microRevenueCents + MICRO_CENTS);
    expect(after.attach.successes).toBe(treatment.attach.successes + 1);
  });
});
