// Every form action, fuzzed in-process with generated forms (fast-check):
// wrong types, missing, extra (price, total, role, stock, id) and repeated
// fields, huge/negative/exponent/hex numbers, unicode, very long strings.
// Held for every input: no 5xx; a rejected input (4xx) leaves the relevant
// tables exactly as they were (digest); an accepted one charges what the
// database's prices say (priceCart over DB prices).
//
// Another admin form is one more entry in TARGETS. FUZZ_RUNS sets the inputs
// per action: 2,000 in the suite (a fresh seed each run, so five runs make
// 10,000 different inputs per action), 10,000 with `npm run fuzz`. FUZZ_SEED
// replays a run.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Staff passwords are hashed with scrypt at 128 MiB per hash: too slow for
// thousands of sign-ins. The fuzz is about the forms, not the hash.
vi.mock("~/utils/password.server", () => ({
  hashPassword: async (password: string) => `plain$${password.normalize("NFKC")}`,
  verifyPassword: async (password: string, stored: string) => stored === `plain$${password.normalize("NFKC")}`,
  verifyDummyPassword: async () => false,
}));

import { safeReturnPath } from "~/domain/safe-redirect";
import { createStaff } from "~/models/staff.server";
import { action as cartAction } from "~/routes/cart";
import { action as checkoutAction } from "~/routes/checkout";
import { action as testPaymentAction } from "~/routes/checkout.test-payment";
import { action as loginAction } from "~/routes/admin_.login";
import { action as staffAction } from "~/routes/admin.staff";
import { action as offersAction } from "~/routes/admin.offers";
import { action as stockAction } from "~/routes/admin.stock.$sku";
import { getCartView } from "~/services/cart.server";
import { signIn } from "~/utils/auth.server";
import { getCartId } from "~/utils/session.server";
import { recordFigures } from "../helpers/figures";
import { sqlite } from "../helpers/db";
import { emptyFigures, formArbitrary, serverPriceOfCart, tablesDigest, type FieldSpec, type FuzzFigures } from "../helpers/fuzz";
import { cookieFrom, formRequest } from "../helpers/remix";

type RouteFn = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;

const RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);

// ---------------------------------------------------------------- shop data

const skus = (sql: string) => (sqlite.prepare(sql).all() as { sku: string }[]).map((r) => r.sku);
const ALL_SKUS = skus("SELECT sku FROM variants ORDER BY id");
const TOTE_SKUS = skus("SELECT v.sku FROM variants v JOIN products p ON p.id = v.product_id WHERE p.kind = 'tote' ORDER BY v.id");
const MICRO_SKUS = skus("SELECT v.sku FROM variants v JOIN products p ON p.id = v.product_id WHERE p.kind = 'micro' ORDER BY v.id");
const OFFER_IDS = (sqlite.prepare("SELECT id FROM bundle_offers").all() as { id: number }[]).map((r) => String(r.id));

const sku = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...ALL_SKUS) }, { weight: 1, arbitrary: fc.constantFrom("TOT-NOPE", "tot-vct-cream", "MIC-") });
const quantity = fc.integer({ min: 0, max: 12 }).map(String);
const placement = fc.constantFrom("product_page", "cart", "micro_page");
const sessionId = fc.oneof({ weight: 2, arbitrary: fc.constant("{session}") }, { weight: 1, arbitrary: fc.constantFrom("test_cs_AAAAAAAAAAAA", "cs_test_x") });
const staffId = fc.constantFrom("{staff}", "{staff2}", "999999", "0");
const role = fc.constantFrom("owner", "staff", "admin", "OWNER");
const stockReason = fc.constantFrom("received", "counted", "damaged", "returned", "correction", "sale");
const stockNote = fc.constantFrom("", "delivery 12", "x".repeat(600));
const seenOnHand = fc.constantFrom("10", "abc");

// ---------------------------------------------------------------- calling an action

/** Run an action as Remix would: a thrown Response is the answer, anything else thrown is a 500. */
async function call(fn: RouteFn, request: Request, params: Record<string, string>, clientAddress: string) {
  try {
    const result = await fn({ request, params, context: { nonce: "fuzz", clientAddress } } as ActionFunctionArgs);
    if (result instanceof Response) return { response: result, thrown: null };
    return { response: new Response(JSON.stringify(result ?? null), { status: 200 }), thrown: null };
  } catch (thrown) {
    if (thrown instanceof Response) return { response: thrown, thrown: null };
    return { response: new Response("thrown", { status: 500 }), thrown };
  }
}

// ---------------------------------------------------------------- the targets

interface Target {
  name: string;
  action: RouteFn;
  /** URL path for a request (params substituted). */
  path: (params: Record<string, string>) => string;
  params?: fc.Arbitrary<Record<string, string>>;
  /** The forms it takes, one shape per intent: each field with its valid values. */
  shapes: FieldSpec[];
  /** Weight of an empty form among 100 others (the one valid checkout form is empty). */
  emptyWeight?: number;
  /** Tables a rejected input must leave untouched. */
  tables: string[];
  cookie: () => string | null;
  /** Placeholders in generated values ("{session}") filled in at send time. */
  fill?: (value: string) => string;
  /** After an accepted input: check what was charged; return how many checks ran. */
  accepted?: (response: Response, request: Request) => Promise<number>;
  setup?: () => Promise<void>;
}

let cartCookie: string | null = null;
let paymentCookie: string | null = null;
let paymentSession = "";
let paymentPrice = 0;
let adminCookie: string | null = null;
const figures: Record<string, FuzzFigures> = {};

async function cartCookieWith(items: [string, number][]): Promise<string> {
  let cookie: string | null = null;
  for (const [s, q] of items) {
    const res: Response = (await call(cartAction, formRequest("/cart", { intent: "add", sku: s, quantity: String(q) }, { cookie }), {}, "127.0.0.1")).response;
    expect(res.status).toBeLessThan(400);
    cookie = cookieFrom(res) ?? cookie;
  }
  return cookie!;
}

/** The cart's price as the shop shows it equals the one worked out from the database. */
async function checkCartPrice(cookie: string | null, shown?: number) {
  const cartId = await getCartId(new Request("http://shop.test/", { headers: cookie ? { Cookie: cookie } : {} }));
  if (!cartId) return 0;
  const expected = serverPriceOfCart(sqlite, cartId);
  expect(getCartView(cartId).totalCents).toBe(expected);
  if (shown !== undefined) expect(shown).toBe(expected);
  return 1;
}

/** A pending test-payment order for the payment page to act on. */
async function newPaymentOrder() {
  sqlite.prepare("UPDATE variants SET stock_on_hand = stock_held + 1000 WHERE sku IN (?, ?)").run(TOTE_SKUS[0], MICRO_SKUS[0]);
  paymentCookie = await cartCookieWith([
    [TOTE_SKUS[0]!, 1],
    [MICRO_SKUS[0]!, 2],
  ]);
  const cartId = await getCartId(new Request("http://shop.test/", { headers: { Cookie: paymentCookie } }));
  paymentPrice = serverPriceOfCart(sqlite, cartId!);
  const res = (await call(checkoutAction, formRequest("/checkout", {}, { cookie: paymentCookie }), {}, "127.0.0.1")).response;
  const location = res.headers.get("Location") ?? "";
  expect(location).toMatch(/^\/checkout\/test-payment\?session_id=/);
  paymentSession = new URL(location, "http://shop.test").searchParams.get("session_id")!;
}

const TARGETS: Target[] = [
  {
    name: "cart",
    action: cartAction,
    path: () => "/cart",
    shapes: [
      { intent: fc.constant("add"), sku, quantity },
      { intent: fc.constant("update"), sku, quantity },
      { intent: fc.constant("remove"), sku },
      { intent: fc.constant("add-bundle"), sku: fc.constantFrom(...TOTE_SKUS), charm: fc.constantFrom(...MICRO_SKUS), placement },
      { intent: fc.constant("add-charm"), sku: fc.constantFrom(...MICRO_SKUS), tote: fc.constantFrom(...TOTE_SKUS), placement },
    ],
    tables: ["carts", "cart_lines", "variants", "orders", "stock_holds", "stock_ledger", "suggestion_events"],
    cookie: () => cartCookie,
    setup: async () => {
      cartCookie = await cartCookieWith([[TOTE_SKUS[0]!, 1]]);
    },
    accepted: async (response) => {
      const body = response.headers.get("Content-Type")?.includes("json") ? ((await response.json()) as { cart?: { totalCents: number } }) : null;
      return checkCartPrice(cartCookie, body?.cart?.totalCents);
    },
  },
  {
    name: "checkout",
    action: checkoutAction,
    path: () => "/checkout",
    // Checkout takes no fields: only the empty form is valid.
    shapes: [{}],
    emptyWeight: 2,
    tables: ["carts", "cart_lines", "variants", "orders", "order_lines", "stock_holds", "stock_ledger"],
    cookie: () => cartCookie,
    setup: async () => {
      sqlite.prepare("UPDATE variants SET stock_on_hand = stock_held + 1000 WHERE sku IN (?, ?)").run(TOTE_SKUS[1], MICRO_SKUS[1]);
      cartCookie = await cartCookieWith([
        [TOTE_SKUS[1]!, 2],
        [MICRO_SKUS[1]!, 1],
      ]);
    },
    accepted: async (response) => {
      expect(response.headers.get("Location")).toMatch(/^\/checkout\/test-payment\?session_id=test_cs_/);
      const cartId = await getCartId(new Request("http://shop.test/", { headers: { Cookie: cartCookie! } }));
      const order = sqlite.prepare("SELECT id, total_cents AS total, subtotal_cents AS subtotal, discount_cents AS discount FROM orders WHERE cart_id = ? ORDER BY id DESC LIMIT 1").get(cartId) as {
        id: number;
        total: number;
        subtotal: number;
        discount: number;
      };
      const lines = sqlite.prepare("SELECT coalesce(sum(line_total_cents), 0) AS n FROM order_lines WHERE order_id = ?").get(order.id) as { n: number };
      expect(order.total).toBe(serverPriceOfCart(sqlite, cartId!));
      expect(lines.n).toBe(order.total);
      expect(order.subtotal - order.discount).toBe(order.total);
      return 1;
    },
  },
  {
    name: "checkout/test-payment",
    action: testPaymentAction,
    path: () => "/checkout/test-payment",
    shapes: [
      {
        intent: fc.constant("pay"),
        session_id: sessionId,
        email: fc.constantFrom("shopper@example.com", "a@b.co", "UPPER@EXAMPLE.COM"),
        name: fc.constantFrom("Test Shopper", "Zoë Ångström", "李雷"),
        line1: fc.constantFrom("1 Market Street", "Flat 2, 10 Downing St"),
        city: fc.constantFrom("Springfield", "Paris"),
        postal_code: fc.constantFrom("12345", "SW1A 2AA"),
        country: fc.constantFrom("US", "GB", "FR", "us", "XX"),
      },
      { intent: fc.constant("decline"), session_id: sessionId },
      { intent: fc.constant("abandon"), session_id: sessionId },
    ],
    tables: ["orders", "order_lines", "order_status_history", "stock_holds", "variants", "stock_ledger", "carts", "cart_lines"],
    cookie: () => paymentCookie,
    fill: (v) => v.replaceAll("{session}", paymentSession),
    setup: newPaymentOrder,
    accepted: async (response) => {
      const order = sqlite.prepare("SELECT status, total_cents AS total FROM orders WHERE stripe_session_id = ?").get(paymentSession) as { status: string; total: number };
      const location = response.headers.get("Location") ?? "";
      if (location.startsWith("/checkout/success")) {
        expect(order.status).toBe("paid");
        // Charged the order's total: the cart's price from the database at checkout.
        expect(order.total).toBe(paymentPrice);
      } else {
        expect(["payment_failed", "expired"]).toContain(order.status);
      }
      await newPaymentOrder();
      return 1;
    },
  },
  {
    name: "admin/login",
    action: loginAction,
    path: () => "/admin/login",
    shapes: [{
      email: fc.constantFrom("owner@fuzz.example", "OWNER@fuzz.example ", "nobody@fuzz.example"),
      password: fc.constantFrom("owner-password-fuzz", "wrong-password", "Owner-Password-Fuzz"),
      returnTo: fc.constantFrom("/admin/stock", "/admin", "//evil.example", "https://evil.example/", "/\\evil.example", "/%2F%2Fevil.example", "/\t/evil.example"),
    }],
    // Failed attempts are recorded (login_attempts) by design; accounts and sessions are not touched.
    tables: ["staff", "staff_sessions", "audit_log"],
    cookie: () => null,
    accepted: async (response) => {
      const location = response.headers.get("Location") ?? "";
      // Signed in: sent only to a path on this shop.
      expect(safeReturnPath(location, "!")).toBe(location);
      expect(new URL(location, "http://shop.test").origin).toBe("http://shop.test");
      return 0;
    },
  },
  {
    name: "admin/staff",
    action: staffAction,
    path: () => "/admin/staff",
    shapes: [
      {
        intent: fc.constant("create"),
        email: fc.constantFrom("new1@fuzz.example", "new2@fuzz.example", "owner@fuzz.example"),
        name: fc.constantFrom("New Person", "Zoë"),
        role,
        password: fc.constantFrom("a-long-enough-password", "short"),
      },
      { intent: fc.constant("change-role"), staffId, role },
      { intent: fc.constant("disable"), staffId },
      { intent: fc.constant("enable"), staffId },
    ],
    tables: ["staff", "audit_log"],
    cookie: () => adminCookie,
    fill: (v) => v.replaceAll("{staff2}", String(staffIds[1])).replaceAll("{staff}", String(staffIds[0])),
  },
  {
    name: "admin/offers",
    action: offersAction,
    path: () => "/admin/offers",
    shapes: [
      { intent: fc.constant("toggle"), offerId: fc.constantFrom(...OFFER_IDS, "999999"), enabled: fc.constantFrom("on", "off") },
      { intent: fc.constant("holdout"), holdoutPercent: fc.constantFrom("0", "5", "2.5", "100", "100.1", "10 %", "-1") },
    ],
    tables: ["bundle_offers", "settings", "audit_log"],
    cookie: () => adminCookie,
    // Switching an offer changes prices: the carts must still be charged what the database says.
    accepted: async () => checkCartPrice(cartCookie),
  },
  {
    name: "admin/stock/$sku",
    action: stockAction,
    path: (p) => `/admin/stock/${encodeURIComponent(p.sku ?? "")}`,
    params: fc.record({ sku: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...ALL_SKUS.slice(0, 6)) }, { weight: 1, arbitrary: fc.string({ maxLength: 80 }) }) }),
    shapes: [
      { intent: fc.constant("adjust"), quantity: fc.constantFrom("5", "-1", "+3", "-2"), reason: stockReason, note: stockNote, seenOnHand },
      { intent: fc.constant("set"), onHand: fc.constantFrom("0", "7", "30"), reason: stockReason, note: stockNote, seenOnHand },
      { intent: fc.constant("threshold"), lowStockThreshold: fc.constantFrom("0", "3", "99999", "100000") },
    ],
    tables: ["variants", "stock_ledger", "audit_log"],
    cookie: () => adminCookie,
    accepted: async () => checkCartPrice(cartCookie),
  },
];

let staffIds: number[] = [];

beforeAll(async () => {
  const owner = await createStaff({ email: "owner@fuzz.example", name: "Fuzz Owner", role: "owner", password: "owner-password-fuzz" }, { staffId: null });
  if (!owner.ok) throw new Error(owner.message);
  for (const email of ["staff-a@fuzz.example", "staff-b@fuzz.example"]) {
    const member = await createStaff({ email, name: "Fuzz Staff", role: "staff", password: "staff-password-fuzz" }, { staffId: null });
    if (!member.ok) throw new Error(member.message);
    staffIds.push(member.staff.id);
  }
  const setCookie = await signIn({ request: new Request("http://shop.test/admin/login"), staffId: owner.staff.id, clientAddress: "127.0.0.1" });
  adminCookie = setCookie.split(";", 1)[0]!;
  cartCookie = await cartCookieWith([[TOTE_SKUS[0]!, 1]]);
});

afterAll(() => {
  const total = Object.values(figures).reduce((n, f) => n + f.inputs, 0);
  const serverErrors = Object.values(figures).reduce((n, f) => n + f.serverErrors, 0);
  console.log(`fuzzed ${total} inputs over ${Object.keys(figures).length} actions (seed ${SEED}): ${serverErrors} responses with status 5xx`);
  for (const [name, f] of Object.entries(figures)) {
    console.log(`  ${name.padEnd(22)} ${f.inputs} inputs, ${f.accepted} accepted, ${f.rejected} rejected (${f.changedAfterRejection} changed the database), ${f.serverErrors} 5xx, ${f.chargeChecks} charge checks`);
  }
  recordFigures("fuzz", (previous) => {
    // Inputs across runs (each with its own seed), per action.
    const before = (previous?.cumulative ?? {}) as Record<string, { inputs: number; serverErrors: number; runs: number }>;
    const cumulative = Object.fromEntries(
      Object.entries(figures).map(([name, f]) => {
        const was = before[name] ?? { inputs: 0, serverErrors: 0, runs: 0 };
        return [name, { inputs: was.inputs + f.inputs, serverErrors: was.serverErrors + f.serverErrors, runs: was.runs + 1 }];
      }),
    );
    return { seed: SEED, runsPerAction: RUNS, totalInputs: total, serverErrors, actions: figures, cumulative };
  });
});

describe("fuzzing every form action", () => {
  for (const target of TARGETS) {
    it(`${target.name}: ${RUNS} generated forms, no 5xx, rejected ones change nothing, charges match the database`, async () => {
      await target.setup?.();
      const f = (figures[target.name] = emptyFigures());
      let digest = tablesDigest(sqlite, target.tables);
      const totalChanges = sqlite.prepare("SELECT total_changes()").pluck();
      let changesSeen = totalChanges.get() as number;
      const input = fc.record({
        form: formArbitrary(target.shapes, { emptyWeight: target.emptyWeight }),
        params: target.params ?? fc.constant({} as Record<string, string>),
        navigate: fc.boolean(),
        address: fc.integer({ min: 1, max: 250 }),
      });
      await fc.assert(
        fc.asyncProperty(input, async ({ form, params, navigate, address }) => {
          f.inputs += 1;
          const fill = target.fill ?? ((v: string) => v);
          const filled = form.map(([k, v]) => [k, fill(v)] as [string, string]);
          const request = formRequest(target.path(params), filled, {
            cookie: target.cookie(),
            headers: navigate ? { "Sec-Fetch-Mode": "navigate" } : {},
          });
          const { response, thrown } = await call(target.action, request, params, `203.0.113.${address}`);
          const status = response.status;
          f.statuses[status] = (f.statuses[status] ?? 0) + 1;
          if (status >= 500) {
            f.serverErrors += 1;
            throw new Error(`status ${status} for ${JSON.stringify(filled).slice(0, 500)}: ${thrown instanceof Error ? thrown.stack : String(thrown)}`);
          }
          if (status >= 400) {
            f.rejected += 1;
            // SQLite's total_changes() counts every row this connection wrote (even
            // in a rolled-back transaction): when it did not move, nothing was
            // written and the digest is the same by construction. Otherwise, and
            // for every 50th rejection anyway, the tables' digest is compared.
            const changes = totalChanges.get() as number;
            const wrote = changes !== changesSeen;
            changesSeen = changes;
            if (wrote || f.rejected % 50 === 0) {
              f.digestsCompared += 1;
              const after = tablesDigest(sqlite, target.tables);
              if (after !== digest) {
                f.changedAfterRejection += 1;
                digest = after;
                throw new Error(`a rejected input (${status}) changed the database: ${JSON.stringify(filled).slice(0, 500)}`);
              }
            }
            f.unchangedAfterRejection += 1;
          } else {
            f.accepted += 1;
            f.chargeChecks += (await target.accepted?.(response, request)) ?? 0;
            digest = tablesDigest(sqlite, target.tables);
            changesSeen = totalChanges.get() as number;
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      expect(f.serverErrors).toBe(0);
      expect(f.changedAfterRejection).toBe(0);
      expect(f.inputs).toBeGreaterThanOrEqual(RUNS);
      // The generator reaches both sides: some inputs are accepted, most refused.
      expect(f.rejected).toBeGreaterThan(0);
    }, 600_000);
  }
});
