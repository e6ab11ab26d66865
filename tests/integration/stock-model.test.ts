// Stock conservation, model-based (fast-check commands): adds, checkouts,
// payments (also late ones, after the hold lapsed), declines, expiries,
// refunds with restock and staff stock adjustments in random order. After
// every step: the model's on-hand and held counts equal the database's, and
// the books agree (tests/helpers/stock-invariants.ts: on hand = available +
// held, held = active holds, initial + received − sold + restocked = on hand
// from stock_ledger, never negative, orders consistent with their holds).
// A second test runs the same commands while a real server process on the
// same database file takes checkouts and payments at the same time.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adjustStock } from "~/models/inventory.server";
import { action as cartAction } from "~/routes/cart";
import { action as checkoutAction } from "~/routes/checkout";
import { refundOrder } from "~/services/refunds.server";
import { expireCheckout, failCheckout, fulfilCheckout, releaseExpiredHolds } from "~/services/payments.server";
import { recordFigures } from "../helpers/figures";
import { sqlite } from "../helpers/db";
import { HttpShopper } from "../helpers/http-shopper";
import { cookieFrom, formRequest, run } from "../helpers/remix";
import { startShop, type RunningShop } from "../helpers/server";
import { checkStockBooks } from "../helpers/stock-invariants";

const SKUS = (sqlite.prepare("SELECT v.sku FROM variants v JOIN products p ON p.id = v.product_id WHERE p.kind IN ('tote', 'micro') ORDER BY p.kind, v.id").all() as { sku: string }[])
  .map((r) => r.sku)
  .filter((_, i, all) => i < 3 || i >= all.length - 3);
const VARIANT_IDS = new Map((sqlite.prepare("SELECT id, sku FROM variants").all() as { id: number; sku: string }[]).map((r) => [r.sku, r.id]));
const SHOPPERS = 4;
const DAY = 24 * 60 * 60 * 1000;

let staffId = 0;

interface Model {
  /** Expected on hand and held per variant id. */
  onHand: Map<number, number>;
  held: Map<number, number>;
  /** Whether to compare counts with the model (off when another process changes stock too). */
  exact: boolean;
  steps: number;
}

interface Real {
  cookies: (string | null)[];
  clock: number;
}

function levels(variantId: number) {
  return sqlite.prepare("SELECT stock_on_hand AS onHand, stock_held AS held FROM variants WHERE id = ?").get(variantId) as { onHand: number; held: number };
}

function activeHolds(orderId: number) {
  return sqlite.prepare("SELECT variant_id AS variantId, quantity FROM stock_holds WHERE order_id = ? AND status = 'active'").all(orderId) as {
    variantId: number;
    quantity: number;
  }[];
}

function bump(map: Map<number, number>, id: number, by: number) {
  map.set(id, (map.get(id) ?? 0) + by);
}

function check(model: Model) {
  model.steps += 1;
  const books = checkStockBooks(sqlite);
  expect(books.problems).toEqual([]);
  if (!model.exact) return;
  for (const id of model.onHand.keys()) {
    expect(levels(id), `variant ${id}`).toEqual({ onHand: model.onHand.get(id), held: model.held.get(id) ?? 0 });
  }
}

function pickOrder(statuses: string[], pick: number) {
  const rows = sqlite
    .prepare(`SELECT id, number, stripe_session_id AS session, total_cents AS total FROM orders WHERE status IN (${statuses.map(() => "?").join(",")}) ORDER BY id`)
    .all(...statuses) as { id: number; number: string; session: string; total: number }[];
  return rows.length === 0 ? null : rows[pick % rows.length]!;
}

type Cmd = fc.AsyncCommand<Model, Real, false>;

class AddToCart implements Cmd {
  constructor(readonly shopper: number, readonly sku: string, readonly quantity: number) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const res = await run(cartAction, formRequest("/cart", { intent: "add", sku: this.sku, quantity: String(this.quantity) }, { cookie: real.cookies[this.shopper] }));
    expect(res.status).toBeLessThan(500);
    real.cookies[this.shopper] = cookieFrom(res) ?? real.cookies[this.shopper]!;
    check(model);
  }
  toString = () => `add(${this.shopper}, ${this.sku}×${this.quantity})`;
}

class Checkout implements Cmd {
  constructor(readonly shopper: number) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const cookie = real.cookies[this.shopper];
    // A new checkout replaces this cart's pending one, releasing its holds.
    const before = sqlite.prepare("SELECT max(id) AS id FROM orders").get() as { id: number | null };
    const pendingBefore = new Map(
      (sqlite.prepare("SELECT id FROM orders WHERE status = 'pending'").all() as { id: number }[]).map((o) => [o.id, activeHolds(o.id)]),
    );
    const res = await run(checkoutAction, formRequest("/checkout", {}, { cookie }));
    expect(res.status).toBe(303);
    for (const [id, holds] of pendingBefore) {
      const status = (sqlite.prepare("SELECT status FROM orders WHERE id = ?").get(id) as { status: string }).status;
      if (status !== "pending") for (const h of holds) bump(model.held, h.variantId, -h.quantity);
    }
    const created = sqlite.prepare("SELECT id FROM orders WHERE id > ?").all(before.id ?? 0) as { id: number }[];
    if ((res.headers.get("Location") ?? "").startsWith("/checkout/test-payment")) {
      expect(created).toHaveLength(1);
      for (const h of activeHolds(created[0]!.id)) bump(model.held, h.variantId, h.quantity);
    } else {
      expect(created).toHaveLength(0);
    }
    check(model);
  }
  toString = () => `checkout(${this.shopper})`;
}

class Pay implements Cmd {
  /** late: pay an order whose hold already lapsed (a payment that arrives after expiry). */
  constructor(readonly pick: number, readonly late: boolean) {}
  check = () => true;
  async run(model: Model) {
    const order = pickOrder(this.late ? ["expired"] : ["pending"], this.pick);
    if (!order) return check(model);
    const holds = sqlite.prepare("SELECT variant_id AS variantId, quantity, status FROM stock_holds WHERE order_id = ?").all(order.id) as {
      variantId: number;
      quantity: number;
      status: string;
    }[];
    // A late payment the shelf can no longer cover is refunded in full, selling nothing.
    const short = holds.some((h) => {
      if (h.status !== "released") return false;
      const v = sqlite.prepare("SELECT stock_on_hand - stock_held AS available FROM variants WHERE id = ?").get(h.variantId) as { available: number };
      return v.available < h.quantity;
    });
    const outcome = fulfilCheckout(
      { sessionId: order.session, paymentStatus: "paid", amountTotal: order.total, currency: "usd", customerEmail: "m@example.com", customerName: "M", shippingAddress: null, paymentIntentId: `test_pi_${order.id}` },
      { id: `evt_model_${order.id}_${this.late}`, type: "checkout.session.completed" },
    );
    expect(outcome).toBe(short ? "refund_scheduled" : "fulfilled");
    for (const h of holds) {
      const after = sqlite.prepare("SELECT count(*) AS n FROM stock_ledger WHERE order_id = ? AND variant_id = ? AND reason = 'sale'").get(order.id, h.variantId) as { n: number };
      if (h.status === "active") {
        bump(model.onHand, h.variantId, -h.quantity);
        bump(model.held, h.variantId, -h.quantity);
      } else if (after.n > 0) {
        bump(model.onHand, h.variantId, -h.quantity); // sold from free stock
      }
    }
    check(model);
  }
  toString = () => `pay(${this.pick}${this.late ? ", late" : ""})`;
}

class EndCheckout implements Cmd {
  constructor(readonly pick: number, readonly how: "decline" | "abandon") {}
  check = () => true;
  async run(model: Model) {
    const order = pickOrder(["pending"], this.pick);
    if (!order) return check(model);
    for (const h of activeHolds(order.id)) bump(model.held, h.variantId, -h.quantity);
    if (this.how === "decline") failCheckout(order.session, null);
    else expireCheckout(order.session, null);
    check(model);
  }
  toString = () => `${this.how}(${this.pick})`;
}

class HoldsExpire implements Cmd {
  check = () => true;
  async run(model: Model, real: Real) {
    // The clock moves two days on: every open checkout's hold lapses.
    real.clock += 2 * DAY;
    for (const o of sqlite.prepare("SELECT id FROM orders WHERE status = 'pending'").all() as { id: number }[]) {
      for (const h of activeHolds(o.id)) bump(model.held, h.variantId, -h.quantity);
    }
    releaseExpiredHolds(real.clock);
    check(model);
  }
  toString = () => "holds-expire";
}

class Refund implements Cmd {
  constructor(readonly pick: number, readonly scope: "full" | "lines", readonly restock: boolean) {}
  check = () => true;
  async run(model: Model) {
    const order = pickOrder(["paid", "partially_refunded"], this.pick);
    if (!order) return check(model);
    const lines = sqlite.prepare("SELECT id, variant_id AS variantId, quantity, restocked_quantity AS restocked FROM order_lines WHERE order_id = ?").all(order.id) as {
      id: number;
      variantId: number;
      quantity: number;
      restocked: number;
    }[];
    const first = lines[0]!;
    const result = await refundOrder({
      orderNumber: order.number,
      staffId,
      request: {
        scope: this.scope,
        amountCents: null,
        quantities: this.scope === "lines" ? [{ lineId: first.id, quantity: 1 }] : [],
        restock: this.restock,
        reason: "model test",
        requestKey: `model-${order.id}-${Math.random().toString(36).slice(2)}-key`,
      },
    });
    if (result.ok) {
      const after = sqlite.prepare("SELECT id, variant_id AS variantId, restocked_quantity AS restocked FROM order_lines WHERE order_id = ?").all(order.id) as {
        id: number;
        variantId: number;
        restocked: number;
      }[];
      let units = 0;
      for (const line of after) {
        const was = lines.find((l) => l.id === line.id)!.restocked;
        bump(model.onHand, line.variantId, line.restocked - was);
        units += line.restocked - was;
      }
      expect(units).toBe(result.restockedUnits);
    }
    check(model);
  }
  toString = () => `refund(${this.pick}, ${this.scope}${this.restock ? ", restock" : ""})`;
}

class Adjust implements Cmd {
  constructor(readonly sku: string, readonly change: { mode: "delta"; delta: number } | { mode: "set"; onHand: number }) {}
  check = () => true;
  async run(model: Model) {
    const result = adjustStock({
      sku: this.sku,
      change: this.change,
      reason: this.change.mode === "set" ? "counted" : this.change.delta > 0 ? "received" : "damaged",
      note: null,
      actor: { staffId },
    });
    if (result.ok) bump(model.onHand, VARIANT_IDS.get(this.sku)!, result.delta);
    check(model);
  }
  toString = () => `adjust(${this.sku}, ${JSON.stringify(this.change)})`;
}

const shopper = fc.integer({ min: 0, max: SHOPPERS - 1 });
const pick = fc.nat(50);
const commands = [
  fc.tuple(shopper, fc.constantFrom(...SKUS), fc.integer({ min: 1, max: 3 })).map(([s, k, q]) => new AddToCart(s, k, q)),
  fc.tuple(shopper, fc.constantFrom(...SKUS), fc.integer({ min: 1, max: 3 })).map(([s, k, q]) => new AddToCart(s, k, q)),
  shopper.map((s) => new Checkout(s)),
  shopper.map((s) => new Checkout(s)),
  fc.tuple(pick, fc.boolean()).map(([p, late]) => new Pay(p, late)),
  fc.tuple(pick, fc.constantFrom("decline" as const, "abandon" as const)).map(([p, how]) => new EndCheckout(p, how)),
  fc.constant(new HoldsExpire()),
  fc.tuple(pick, fc.constantFrom("full" as const, "lines" as const), fc.boolean()).map(([p, scope, restock]) => new Refund(p, scope, restock)),
  fc.tuple(
    fc.constantFrom(...SKUS),
    fc.oneof(fc.integer({ min: -4, max: 6 }).map((delta) => ({ mode: "delta" as const, delta })), fc.integer({ min: 0, max: 6 }).map((onHand) => ({ mode: "set" as const, onHand }))),
  ).map(([sku, change]) => new Adjust(sku, change)),
];

function freshModel(exact: boolean): Model {
  const onHand = new Map<number, number>();
  const held = new Map<number, number>();
  for (const sku of SKUS) {
    const id = VARIANT_IDS.get(sku)!;
    const l = levels(id);
    onHand.set(id, l.onHand);
    held.set(id, l.held);
  }
  return { onHand, held, exact, steps: 0 };
}

beforeAll(() => {
  staffId = Number(
    sqlite.prepare("INSERT INTO staff (email, name, role, password_hash) VALUES ('model@example.com', 'Model', 'owner', 'x') RETURNING id").pluck().get(),
  );
  // Few units, so sell-outs, late payments without stock and refused adjustments happen.
  for (const sku of SKUS) adjustStock({ sku, change: { mode: "set", onHand: 4 }, reason: "counted", note: null, actor: { staffId } });
});

const figures: Record<string, unknown> = {};
afterAll(() => {
  const books = checkStockBooks(sqlite);
  recordFigures("stockModel", { ...figures, finalProblems: books.problems.length, totals: books.totals, orders: books.orders });
});

describe("stock conservation", () => {
  it("holds after every step of random adds, checkouts, payments, expiries, refunds and adjustments", async () => {
    let steps = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 50, size: "large" }), async (cmds) => {
        runs += 1;
        const model = freshModel(true);
        await fc.asyncModelRun(() => ({ model, real: { cookies: Array.from({ length: SHOPPERS }, () => null), clock: Date.now() } }), cmds);
        steps += model.steps;
      }),
      { numRuns: Number(process.env.STOCK_MODEL_RUNS ?? 40) },
    );
    figures.singleProcess = { runs, steps };
    console.log(`stock model: ${runs} runs, ${steps} steps checked, books agree after each`);
  }, 240_000);

  describe("with a second process on the same database file", () => {
    let shop: RunningShop;
    beforeAll(async () => {
      shop = await startShop({ databaseFile: process.env.DATABASE_URL! });
    });
    afterAll(async () => {
      await shop?.stop();
    });

    it("holds while a real server takes checkouts and payments at the same time", async () => {
      let steps = 0;
      let remoteFlows = 0;
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(fc.commands(commands, { maxCommands: 30, size: "large" }), fc.array(fc.tuple(fc.constantFrom(...SKUS), fc.constantFrom("pay", "decline", "abandon", "leave")), { minLength: 25, maxLength: 25 }), async (cmds, remote) => {
          runs += 1;
          const model = freshModel(false);
          const real: Real = { cookies: Array.from({ length: SHOPPERS }, () => null), clock: Date.now() };
          // Each local step runs while a shopper of the other process adds, checks out and pays.
          let i = 0;
          for (const cmd of cmds) {
            const [sku, end] = remote[i++ % remote.length]!;
            const flow = remoteShopper(shop.url, sku, end).then(() => (remoteFlows += 1));
            if (cmd.check(model)) await cmd.run(model, real);
            await flow;
            check(model);
          }
          steps += model.steps;
        }),
        { numRuns: Number(process.env.STOCK_MODEL_RUNS_2P ?? 12) },
      );
      figures.twoProcesses = { runs, steps, remoteFlows };
      console.log(`stock model, two processes: ${runs} runs, ${steps} steps, ${remoteFlows} checkouts through the other process`);
    }, 240_000);
  });
});

async function remoteShopper(url: string, sku: string, end: string) {
  const shopper = new HttpShopper(url);
  const added = await shopper.post("/cart", { intent: "add", sku, quantity: "1" });
  expect(added.status).toBeLessThan(500);
  const checkout = await shopper.post("/checkout", {});
  expect(checkout.status).toBe(303);
  const location = checkout.headers.get("Location") ?? "";
  if (!location.startsWith("/checkout/test-payment") || end === "leave") return;
  const session = new URL(location, url).searchParams.get("session_id")!;
  const fields: Record<string, string> =
    end === "pay"
      ? { intent: "pay", session_id: session, email: "r@example.com", name: "R", line1: "1 St", city: "C", postal_code: "1", country: "US" }
      : { intent: end, session_id: session };
  const paid = await shopper.post("/checkout/test-payment", fields);
  expect(paid.status).toBe(303);
}
