// Every form action, fuzzed in-process with generated forms (fast-check):
// wrong types, missing, extra (price, total, role, stock, id) and repeated
// fields, huge/negative/exponent/hex numbers, unicode, very long strings.
// Held for every input: no 5xx; a rejected input (4xx, or checkout's redirect
// back to the cart with a notice) leaves the relevant
// tables exactly as they were (digest); an accepted one charges what the
// database's prices say (priceCart over DB prices).
//
// Another admin form is one more entry in TARGETS. FUZZ_RUNS sets the inputs
// per action: 1,000 in the suite (a fresh seed each run, so ten runs make
// 10,000 different inputs per action; the running total is kept in
// test-results/reliability.json), 10,000 in one go with `npm run fuzz`.
// FUZZ_SEED replays a run.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Staff passwords are hashed with scrypt at 128 MiB per hash: too slow for
// thousands of sign-ins. The fuzz is about the forms, not the hash.
vi.mock("~/utils/password.server", () => ({
  hashPassword: async (password: string) => `plain$${password.normalize("NFKC")}`,
  verifyPassword: async (password: string, stored: string) => stored === `plain$${password.normalize("NFKC")}`,
  checkSignInPassword: async (password: string, stored: string | null) =>
    stored === `plain$${password.normalize("NFKC")}` ? "match" : "mismatch",
  signInChecksFull: () => false,
}));

import { shipmentFormKey } from "~/domain/fulfilment";
import { safeReturnPath } from "~/domain/safe-redirect";
import { shippingPrice } from "~/domain/shipping";
import { adjustStock } from "~/models/inventory.server";
import { createStaff } from "~/models/staff.server";
import { action as cartAction } from "~/routes/cart";
import { action as checkoutAction } from "~/routes/checkout";
import { action as testPaymentAction } from "~/routes/checkout.test-payment";
import { action as loginAction } from "~/routes/admin_.login";
import { action as staffAction } from "~/routes/admin.staff";
import { action as offersAction } from "~/routes/admin.offers._index";
import { action as stockAction } from "~/routes/admin.stock.$sku";
import { action as offerNewAction } from "~/routes/admin.offers.new";
import { action as offerEditAction } from "~/routes/admin.offers.$id";
import { action as orderAction } from "~/routes/admin.orders.$number";
import { action as shipAction } from "~/routes/admin.orders.$number_.ship";
import { action as shippingAction } from "~/routes/admin.shipping._index";
import { action as shippingEditAction } from "~/routes/admin.shipping.$id";
import { action as productNewAction } from "~/routes/admin.products.new";
import { action as productEditAction } from "~/routes/admin.products.$id";
import { action as stockImportAction } from "~/routes/admin.stock.import";
import { getCartView } from "~/services/cart.server";
import { CHECKOUT_MESSAGES } from "~/services/checkout.server";
import { takeNotice } from "~/utils/flash.server";
import { signIn } from "~/utils/auth.server";
import { getCartId } from "~/utils/session.server";
import { recordFigures } from "../helpers/figures";
import { sqlite } from "../helpers/db";
import { emptyFigures, formArbitrary, serverPriceOfCart, tablesDigest, type FieldSpec, type FuzzFigures } from "../helpers/fuzz";
import { cookieFrom, formRequest } from "../helpers/remix";
import { checkStockBooks } from "../helpers/stock-invariants";

type RouteFn = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;

const RUNS = Number(process.env.FUZZ_RUNS ?? 1_000);
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

// A real 1×1 PNG, and files that start like one (or like another picture) but are not.
const TINY_PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489" + "0000000d49444154789c63606060f80f00010401005fe5c34b" + "0000000049454e44ae426082",
  "hex",
).toString("latin1");
const PNG_SIGNATURE = "\x89PNG\r\n\x1a\n";
const DISGUISED_UPLOADS = [
  `${PNG_SIGNATURE}<!doctype html><script>alert(document.cookie)</script>`,
  `${PNG_SIGNATURE}\x00\x00\x00\x0dIHDR<html><body onload=alert(1)>`,
  TINY_PNG.slice(0, 40),
  `\xff\xd8\xff\xe0<script>alert(1)</script>`,
  "RIFF\x00\x00\x00\x00WEBPVP8 <html>",
  "GIF89a\x01\x00\x01\x00<script>alert(1)</script>",
  '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
  "<!doctype html><html><script>alert(1)</script></html>",
  "",
];

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

function multipartRequest(path: string, fields: [string, string][], multipart: { files: string[]; binary?: boolean }, cookie: string | null) {
  const body = new FormData();
  for (const [k, v] of fields) {
    if (!multipart.files.includes(k)) body.append(k, v);
    // A binary file's bytes travel as a latin1 string (one character per byte).
    else if (multipart.binary) body.append(k, new File([new Uint8Array(Buffer.from(v, "latin1"))], "upload", { type: "application/octet-stream" }));
    else body.append(k, new File([v], "counts.csv", { type: "text/csv" }));
  }
  return new Request(`http://shop.test${path}`, { method: "POST", body, headers: { Origin: "http://shop.test", ...(cookie ? { Cookie: cookie } : {}) } });
}

/** Each field with its valid value, or one of a few other plausible ones. */
function shapeOf(values: Record<string, string>, alternatives: Record<string, string[]> = {}): FieldSpec {
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => {
      const others = alternatives[k] ?? [];
      // Mostly the valid value, so a long form is still often valid as a whole.
      return [k, others.length ? fc.oneof({ weight: 8, arbitrary: fc.constant(v) }, { weight: 1, arbitrary: fc.constantFrom(...others) }) : fc.constant(v)];
    }),
  );
}

/** After an accepted back-office change: the books agree and carts are charged what the database says. */
async function booksAndPrices() {
  expect(checkStockBooks(sqlite).problems).toEqual([]);
  return checkCartPrice(cartCookie);
}

const OFFER_VALUES = {
  name: "Fuzz offer",
  triggerType: "kind",
  triggerValue: "tote",
  addonType: "kind",
  addonValue: "micro",
  discountType: "percent",
  discountValue: "15",
  maxAddonsPerTrigger: "1",
  activeFrom: "",
  activeUntil: "",
  priority: "0",
  enabled: "on",
};
const OFFER_ALTERNATIVES = {
  triggerType: ["tag", "product", "brand"],
  triggerValue: ["micro", "canvas", "1", "99999"],
  addonType: ["products", "tag"],
  addonValue: ["1,2", "{microProduct}", "", "micro"],
  discountType: ["fixed", "free"],
  discountValue: ["0", "100", "101", "12.5", "500", "100000000"],
  maxAddonsPerTrigger: ["0", "3", "11"],
  activeFrom: ["2026-01-01", "2026-13-45"],
  activeUntil: ["2025-01-01", "2030-12-31T23:59"],
  priority: ["-5", "1000000"],
  enabled: [""],
};

const PRODUCT_VALUES = {
  name: "Fuzz Micro",
  slug: "fuzz-micro",
  kind: "micro",
  status: "active",
  description: "A charm made by the fuzzer.",
  material: "Vegan leather",
  widthCm: "8",
  heightCm: "6",
  depthCm: "3",
  tags: "fuzz, charm",
  attachment: "lobster_clasp",
  artStyle: "micro-heart",
  featuredRank: "500",
};
const PRODUCT_ALTERNATIVES = {
  name: ["", "x".repeat(200)],
  slug: ["fuzz-micro-2", "Fuzz Micro", "micro-duffle"],
  kind: ["tote", "rocket"],
  status: ["draft", "archived"],
  widthCm: ["12", "0", "-3", "1e2"],
  attachment: ["split_ring", "glue"],
  featuredRank: ["-1", "99999999999"],
};
const VARIANT_VALUES = { sku: "FZ-MIC-RED", colourName: "Red", colourHex: "#aa1122", hardware: "gold", price: "49.00", compareAt: "", position: "0" };
const VARIANT_ALTERNATIVES = {
  sku: ["FZ-MIC-BLUE", "EXPORT", "fz mic", "TOT-VCT-CREAM"],
  colourHex: ["#GGGGGG", "red", "#abc"],
  hardware: ["silver", "none", "platinum"],
  price: ["0", "0.5", "49", "-1", "1e3", "$49.00", "99999999", "12.345"],
  compareAt: ["60.00", "10.00"],
  position: ["-1", "3"],
};

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
  /** Placeholders in generated names and values ("{session}") filled in at send time. */
  fill?: (value: string) => string;
  /** Sent as multipart/form-data; these fields as files (binary: their values are latin1 bytes). */
  multipart?: { files: string[]; binary?: boolean };
  /**
   * A refusal answered with a redirect rather than a 4xx (checkout goes back to
   * the cart with a notice): true when `response` is one. It must change
   * nothing, like a 4xx.
   */
  refusedByRedirect?: (response: Response, form: [string, string][]) => Promise<boolean>;
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

/** Enough stock of these SKUs to keep checking out (a recorded stock adjustment, so the books agree). */
function plentyOf(...skus: string[]) {
  for (const sku of skus) {
    const held = sqlite.prepare("SELECT stock_held FROM variants WHERE sku = ?").pluck().get(sku) as number;
    adjustStock({ sku, change: { mode: "set", onHand: held + 1000 }, reason: "received", note: "fuzz", actor: { staffId: null } });
  }
}

/** A pending test-payment order for the payment page to act on. */
async function newPaymentOrder() {
  plentyOf(TOTE_SKUS[0]!, MICRO_SKUS[0]!);
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

const SHIPPING_FIELDS = {
  name: fc.constantFrom("Standard", "Next day", "Überweg ✈"),
  price: fc.constantFrom("8", "0", "12.50", "$1,000.00", "-1", "8.001", "1e3"),
  freeOver: fc.constantFrom("", "150", "0", "-5", "lots"),
  minDays: fc.constantFrom("1", "3", "0", "61", "2.5"),
  maxDays: fc.constantFrom("5", "60", "1", "999"),
  "country-US": fc.constantFrom("on", ""),
  "country-GB": fc.constantFrom("on", ""),
  "country-ZZ": fc.constantFrom("", "on"),
  active: fc.constantFrom("on", "", "yes"),
  position: fc.constantFrom("0", "5", "1000", "-1"),
};

/** After an accepted shipping change: back to the two seeded methods, so checkouts elsewhere still ship. */
async function restoreShipping() {
  sqlite.prepare("DELETE FROM shipping_methods WHERE id > 2").run();
  sqlite
    .prepare(
      `UPDATE shipping_methods SET active = 1, countries = '["US","CA","GB","IE","FR","DE","NL","AU"]',
         price_cents = CASE id WHEN 1 THEN 800 ELSE 2000 END, free_over_cents = CASE id WHEN 1 THEN 15000 ELSE NULL END,
         min_days = CASE id WHEN 1 THEN 3 ELSE 1 END, max_days = CASE id WHEN 1 THEN 5 ELSE 2 END, position = id - 1`,
    )
    .run();
  // Written behind the model's back: move the counter so its cache notices.
  sqlite.prepare("UPDATE catalog_version SET version = version + 1 WHERE id = 1").run();
  return 0;
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
    // Checkout takes no fields: only the empty form is valid; any other is
    // refused with a redirect to the cart and a notice (refusedByRedirect).
    shapes: [{}],
    emptyWeight: 2,
    tables: ["carts", "cart_lines", "variants", "orders", "order_lines", "stock_holds", "stock_ledger"],
    cookie: () => cartCookie,
    // Refused: back to the cart, with the reason for the cart page to show.
    refusedByRedirect: async (response, form) => {
      if (response.headers.get("Location") !== "/cart") return false;
      const { notice } = await takeNotice(new Request("http://shop.test/cart", { headers: { Cookie: cookieFrom(response, "notice") ?? "" } }));
      expect(notice?.kind).toBe("error");
      if (form.length > 0) expect(notice?.message).toBe(CHECKOUT_MESSAGES.unexpectedForm);
      else expect(notice?.message).toBeTruthy();
      return true;
    },
    setup: async () => {
      plentyOf(TOTE_SKUS[1]!, MICRO_SKUS[1]!);
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
        shipping_method: fc.constantFrom("1", "2", "999999", "0", "-1", "Express"),
      },
      { intent: fc.constant("decline"), session_id: sessionId },
      { intent: fc.constant("abandon"), session_id: sessionId },
    ],
    tables: ["orders", "order_lines", "order_status_history", "stock_holds", "variants", "stock_ledger", "carts", "cart_lines"],
    cookie: () => paymentCookie,
    fill: (v) => v.replaceAll("{session}", paymentSession),
    setup: newPaymentOrder,
    accepted: async (response) => {
      const order = sqlite
        .prepare("SELECT status, total_cents AS total, shipping_method_id AS methodId, shipping_cents AS shipping, tax_cents AS tax FROM orders WHERE stripe_session_id = ?")
        .get(paymentSession) as { status: string; total: number; methodId: number | null; shipping: number; tax: number };
      const location = response.headers.get("Location") ?? "";
      if (location.startsWith("/checkout/success")) {
        expect(order.status).toBe("paid");
        // Charged the goods (the cart's price from the database at checkout) and the method's price from the database.
        const method = sqlite.prepare("SELECT price_cents AS priceCents, free_over_cents AS freeOverCents FROM shipping_methods WHERE id = ?").get(order.methodId) as
          | { priceCents: number; freeOverCents: number | null }
          | undefined;
        expect(method).toBeDefined();
        expect(order.shipping).toBe(shippingPrice(method!, paymentPrice));
        expect(order.tax).toBe(0);
        expect(order.total).toBe(paymentPrice + order.shipping);
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
    accepted: booksAndPrices,
  },
  {
    name: "admin/shipping",
    action: shippingAction,
    path: () => "/admin/shipping",
    shapes: [
      { intent: fc.constant("create"), ...SHIPPING_FIELDS },
      { intent: fc.constantFrom("activate", "deactivate"), id: fc.constantFrom("1", "2", "999999", "0", "abc") },
    ],
    tables: ["shipping_methods", "audit_log"],
    cookie: () => adminCookie,
    accepted: restoreShipping,
  },
  {
    name: "admin/shipping/$id",
    action: shippingEditAction,
    path: (p) => `/admin/shipping/${encodeURIComponent(p.id ?? "")}`,
    params: fc.record({ id: fc.oneof({ weight: 6, arbitrary: fc.constantFrom("1", "2") }, { weight: 1, arbitrary: fc.constantFrom("0", "999999", "-1", "1e1", "abc", "") }) }),
    shapes: [{ intent: fc.constant("save"), ...SHIPPING_FIELDS }],
    tables: ["shipping_methods", "audit_log"],
    cookie: () => adminCookie,
    accepted: restoreShipping,
  },
  {
    name: "admin/offers/new",
    action: offerNewAction,
    path: () => "/admin/offers/new",
    shapes: [shapeOf(OFFER_VALUES, OFFER_ALTERNATIVES)],
    tables: ["bundle_offers", "audit_log"],
    cookie: () => adminCookie,
    fill: (v) => v.replaceAll("{microProduct}", String(microProductId)),
    accepted: async () => {
      const checks = await checkCartPrice(cartCookie);
      // Keep the offer list short: pricing tries every offer.
      sqlite.prepare("DELETE FROM bundle_offers WHERE id > ?").run(maxSeedOfferId);
      return checks;
    },
  },
  {
    name: "admin/offers/$id",
    action: offerEditAction,
    path: (p) => `/admin/offers/${encodeURIComponent(p.id ?? "")}`,
    params: fc.record({ id: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...OFFER_IDS) }, { weight: 1, arbitrary: fc.constantFrom("0", "999999", "-1", "1e1", "abc", "") }) }),
    shapes: [shapeOf(OFFER_VALUES, OFFER_ALTERNATIVES)],
    tables: ["bundle_offers", "audit_log"],
    cookie: () => adminCookie,
    fill: (v) => v.replaceAll("{microProduct}", String(microProductId)),
    // An edited offer changes prices at once: carts must be charged what the database says.
    accepted: async () => checkCartPrice(cartCookie),
  },
  {
    name: "admin/orders/$number (refund)",
    action: orderAction,
    path: (p) => `/admin/orders/${encodeURIComponent(p.number ?? "")}`,
    params: fc.record({ number: fc.oneof({ weight: 6, arbitrary: fc.constant("{order}") }, { weight: 1, arbitrary: fc.constantFrom("TC-0000", "../1", "", "999999999") }) }),
    shapes: ["full", "amount", "lines"].map((scope) => ({
      scope: fc.constant(scope),
      amount: fc.constantFrom("1.00", "0.01", "5", "-1", "1e2", "99999.99", "0.001"),
      "{qty}": fc.constantFrom("1", "0", "2", "-1", "99"),
      restock: fc.constantFrom("on", "", "yes"),
      reason: fc.constantFrom("", "Changed mind", "x".repeat(300)),
      requestKey: fc.stringMatching(/^[A-Za-z0-9_-]{16,24}$/),
    })),
    tables: ["orders", "order_lines", "refunds", "variants", "stock_ledger", "order_status_history", "audit_log"],
    cookie: () => adminCookie,
    fill: (v) => v.replaceAll("{order}", refundOrder.number).replaceAll("{qty}", `qty-${refundOrder.lineId}`),
    setup: newRefundOrder,
    accepted: async () => {
      expect(checkStockBooks(sqlite).problems).toEqual([]);
      const order = sqlite.prepare("SELECT total_cents AS total, refunded_cents AS refunded, status FROM orders WHERE number = ?").get(refundOrder.number) as { total: number; refunded: number; status: string };
      // Never more refunded than was paid.
      expect(order.refunded).toBeLessThanOrEqual(order.total);
      if (order.status === "refunded") await newRefundOrder();
      return 1;
    },
  },
  {
    name: "admin/orders/$number/ship",
    action: shipAction,
    path: (p) => `/admin/orders/${encodeURIComponent(p.number ?? "")}/ship`,
    params: fc.record({ number: fc.oneof({ weight: 6, arbitrary: fc.constant("{order}") }, { weight: 1, arbitrary: fc.constantFrom("TC-0000", "../1", "", "TC-ZZZZZZ") }) }),
    shapes: [
      {
        carrier: fc.constantFrom("usps", "ups", "fedex", "dhl", "royal_mail", "other", "ups", "pigeon", ""),
        trackingNumber: fc.constantFrom("1Z999AA1", "AB 1234 5678 9GB", "1Z999AA1", "", " ", "<b>", "x".repeat(41)),
        trackingUrl: fc.constantFrom("", "", "", "https://track.example.com/1", "http://track.example.com/1", "javascript:alert(1)"),
        "{qty}": fc.constantFrom("1", "1", "1", "0", "2", "-1", "99", ""),
        // Fresh keys mostly (a repeated one is answered "already created"), and some that are not keys.
        formKey: fc.oneof(
          { weight: 8, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{16,24}$/).map((r) => shipmentFormKey(Date.now(), r)) },
          { weight: 1, arbitrary: fc.constantFrom("", "nope", shipmentFormKey(0, "abcdefghijklmnopqrstuvwx")) },
        ),
      },
    ],
    tables: ["orders", "order_lines", "shipments", "shipment_lines", "outbox", "audit_log"],
    cookie: () => adminCookie,
    fill: (v) => v.replaceAll("{order}", refundOrder.number).replaceAll("{qty}", `ship-${refundOrder.lineId}`),
    setup: newRefundOrder,
    accepted: async () => {
      // Never more shipped of a line than was bought less what went back in stock.
      const over = sqlite
        .prepare(
          `SELECT l.id FROM order_lines l WHERE l.quantity - l.restocked_quantity <
             (SELECT coalesce(sum(s.quantity), 0) FROM shipment_lines s WHERE s.order_line_id = l.id)`,
        )
        .all();
      expect(over).toEqual([]);
      // The fuzzed line is all shipped: a new order, so later forms can be accepted too.
      const left = sqlite
        .prepare("SELECT l.quantity - l.restocked_quantity - (SELECT coalesce(sum(s.quantity), 0) FROM shipment_lines s WHERE s.order_line_id = l.id) FROM order_lines l WHERE l.id = ?")
        .pluck()
        .get(refundOrder.lineId) as number;
      if (left === 0) await newRefundOrder();
      return 1;
    },
  },
  {
    name: "admin/products/new",
    action: productNewAction,
    path: () => "/admin/products/new",
    shapes: [{ ...shapeOf({ ...PRODUCT_VALUES, slug: "fuzz-new-{n}" }, PRODUCT_ALTERNATIVES), ...shapeOf({ ...VARIANT_VALUES, sku: "FZ-NEW-{n}" }, VARIANT_ALTERNATIVES) }],
    tables: ["products", "variants", "stock_ledger", "audit_log"],
    cookie: () => adminCookie,
    // A fresh slug and SKU per form; the alternatives still try taken ones.
    fill: (v) => v.replaceAll("{n}", String(++serial)),
    accepted: booksAndPrices,
  },
  {
    name: "admin/products/$id",
    action: productEditAction,
    path: (p) => `/admin/products/${encodeURIComponent(p.id ?? "")}`,
    params: fc.record({ id: fc.oneof({ weight: 6, arbitrary: fc.constant("{product}") }, { weight: 1, arbitrary: fc.constantFrom("0", "999999", "abc", "-1") }) }),
    shapes: [
      { intent: fc.constant("product"), ...shapeOf({ ...PRODUCT_VALUES, slug: "fuzz-edit" }, PRODUCT_ALTERNATIVES) },
      { intent: fc.constant("variant-create"), ...shapeOf({ ...VARIANT_VALUES, sku: "FZ-EDT-NEW" }, VARIANT_ALTERNATIVES) },
      { intent: fc.constant("variant-update"), variantId: fc.constantFrom("{variant}", "0", "1"), ...shapeOf({ ...VARIANT_VALUES, sku: "FZ-EDT-RED" }, VARIANT_ALTERNATIVES) },
      { intent: fc.constant("variant-delete"), variantId: fc.constantFrom("{variant}", "999999", "1") },
      { intent: fc.constant("image-illustration"), variantId: fc.constantFrom("{variant}", "1") },
      { intent: fc.constant("delete") },
    ],
    tables: ["products", "variants", "stock_ledger", "audit_log", "uploaded_images"],
    cookie: () => adminCookie,
    fill: (v) => v.replaceAll("{product}", String(editProduct.id)).replaceAll("{variant}", String(editProduct.variantId)),
    setup: newEditProduct,
    accepted: async (response) => {
      const checks = await booksAndPrices();
      // Deleted (or its last colour gone): edit a fresh one.
      const left = sqlite.prepare("SELECT count(*) FROM variants WHERE id = ?").pluck().get(editProduct.variantId) as number;
      if (left === 0 || response.headers.get("Location") === "/admin/products") await newEditProduct();
      return checks;
    },
  },
  {
    name: "admin/products/$id (picture upload, multipart)",
    action: productEditAction,
    path: (p) => `/admin/products/${encodeURIComponent(p.id ?? "")}`,
    params: fc.record({ id: fc.oneof({ weight: 6, arbitrary: fc.constant("{product}") }, { weight: 1, arbitrary: fc.constantFrom("0", "999999") }) }),
    multipart: { files: ["image"], binary: true },
    shapes: [
      {
        intent: fc.constant("image"),
        variantId: fc.constantFrom("{variant}", "999999"),
        // Mostly files that only look like pictures (issue 16: a PNG signature then HTML);
        // a real one now and then, which costs a full decode and encode.
        image: fc.oneof({ weight: 1, arbitrary: fc.constant(TINY_PNG) }, { weight: 12, arbitrary: fc.constantFrom(...DISGUISED_UPLOADS) }),
      },
    ],
    tables: ["products", "variants", "stock_ledger", "audit_log", "uploaded_images"],
    cookie: () => adminCookie,
    fill: (v) => v.replaceAll("{product}", String(editProduct.id)).replaceAll("{variant}", String(editProduct.variantId)),
    setup: newEditProduct,
    accepted: async (response) => {
      // Only a real picture is taken, and the variant then names its stored size.
      const url = sqlite.prepare("SELECT image_url FROM variants WHERE id = ?").pluck().get(editProduct.variantId) as string;
      expect(response.status).toBe(303);
      expect(url).toMatch(/^\/images\/[0-9a-f]{64}-1600\.webp$/);
      return booksAndPrices();
    },
  },
  {
    name: "admin/stock/import (multipart)",
    action: stockImportAction,
    path: () => "/admin/stock/import",
    multipart: { files: ["file"] },
    shapes: [
      {
        intent: fc.constant("preview"),
        file: fc.constantFrom(`sku,on_hand\n${ALL_SKUS[2]},5\n`, `sku,on_hand,note\n${ALL_SKUS[3]},-1,x\n`, "sku,on_hand\nNOPE,1\n", "\ufeffsku;on_hand\n", "", "a,b\n\"unterminated"),
      },
      {
        intent: fc.constant("apply"),
        payload: fc.constantFrom(Buffer.from(`sku,on_hand\n${ALL_SKUS[2]},7\n`).toString("base64"), Buffer.from(`sku,on_hand\n${ALL_SKUS[4]},99999999\n`).toString("base64"), "!!notbase64", ""),
        fileName: fc.constantFrom("counts.csv", "../../etc/passwd", "x".repeat(300)),
      },
    ],
    tables: ["variants", "stock_ledger", "audit_log"],
    cookie: () => adminCookie,
    accepted: booksAndPrices,
  },
];

const staffIds: number[] = [];
let microProductId = 0;
let maxSeedOfferId = 0;
let refundOrder = { number: "", lineId: 0 };
let editProduct = { id: 0, variantId: 0 };

/** A paid test-payment order with two lines, for the refund form. */
async function newRefundOrder() {
  await newPaymentOrder();
  const res = (await call(testPaymentAction, formRequest("/checkout/test-payment", {
    intent: "pay", session_id: paymentSession, email: "refund@example.com", name: "Refund", line1: "1 St", city: "C", postal_code: "1", country: "US",
  }, { cookie: paymentCookie }), {}, "127.0.0.1")).response;
  expect(res.status).toBe(303);
  const order = sqlite.prepare("SELECT id, number FROM orders WHERE stripe_session_id = ?").get(paymentSession) as { id: number; number: string };
  const line = sqlite.prepare("SELECT id FROM order_lines WHERE order_id = ? ORDER BY id LIMIT 1").pluck().get(order.id) as number;
  refundOrder = { number: order.number, lineId: line };
  await newPaymentOrder();
}

/** A product of the fuzzer's own, with one colour, for the product edit form. */
let editSerial = 0;
let serial = 0;
async function newEditProduct() {
  editSerial += 1;
  const fields = { ...PRODUCT_VALUES, slug: `fuzz-edit-${editSerial}`, ...VARIANT_VALUES, sku: `FZ-EDT-${editSerial}` };
  const res = (await call(productNewAction, formRequest("/admin/products/new", fields, { cookie: adminCookie }), {}, "127.0.0.1")).response;
  expect(res.status, await res.clone().text()).toBe(303);
  const row = sqlite.prepare("SELECT p.id AS id, v.id AS variantId FROM products p JOIN variants v ON v.product_id = p.id WHERE v.sku = ?").get(`FZ-EDT-${editSerial}`) as { id: number; variantId: number };
  editProduct = row;
}

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
  microProductId = sqlite.prepare("SELECT id FROM products WHERE kind = 'micro' ORDER BY id LIMIT 1").pluck().get() as number;
  maxSeedOfferId = sqlite.prepare("SELECT coalesce(max(id), 0) FROM bundle_offers").pluck().get() as number;
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
    // The largest single run is kept too (`npm run fuzz`: 10,000 per action).
    const thisRun = { seed: SEED, runsPerAction: RUNS, totalInputs: total, serverErrors, actions: figures, at: new Date().toISOString() };
    const largest = previous?.largestRun as { runsPerAction: number } | undefined;
    const largestRun = !largest || RUNS >= largest.runsPerAction ? thisRun : largest;
    return { ...thisRun, cumulative, largestRun };
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
          const filled = form.map(([k, v]) => [fill(k), fill(v)] as [string, string]);
          params = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, fill(v)]));
          const request = target.multipart
            ? multipartRequest(target.path(params), filled, target.multipart, target.cookie())
            : formRequest(target.path(params), filled, {
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
          if (status >= 400 || (await target.refusedByRedirect?.(response, filled))) {
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
