// Property-based fuzzing of form actions: generated forms (wrong types,
// missing, extra and repeated fields, huge and odd numbers, unicode, very long
// strings) sent in-process to a route action. See tests/integration/fuzz-actions.test.ts.
import crypto from "node:crypto";
import type Database from "better-sqlite3";
import fc from "fast-check";
import { priceCart, type PricingProduct } from "~/domain/pricing";
import { getOffers } from "~/models/offers.server";

/** Values that have broken form parsers somewhere: numbers in every notation, controls, injections. */
export const NASTY_VALUES = [
  "",
  " ",
  "0",
  "-0",
  "-1",
  "-999999",
  "+5",
  " 3 ",
  "3.0",
  "1.5",
  ".5",
  "5.",
  "1e3",
  "1E3",
  "1e308",
  "1e-7",
  "-1e400",
  "0x10",
  "0X7fffffff",
  "0b101",
  "0o17",
  "1_000",
  "1,000",
  "Infinity",
  "-Infinity",
  "NaN",
  "9007199254740993",
  "-9007199254740993",
  "99999999999999999999999999999",
  "2147483648",
  "4294967296",
  "null",
  "undefined",
  "true",
  "false",
  "[]",
  "{}",
  '{"price":0}',
  "__proto__",
  "constructor",
  "toString",
  "\u0000",
  "a\u0000b",
  "%00",
  "%2e%2e%2f",
  "\r\nSet-Cookie: x=1",
  "\t",
  "\u202e",
  "\ufeff1",
  "\ud800",
  "１",
  "٣",
  "३",
  "𝟡",
  "½",
  "🛍️",
  "e\u0301",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "\"; DROP TABLE orders; --",
  "../../etc/passwd",
  "//evil.example",
  "https://evil.example/",
  "/\\evil.example",
  "javascript:alert(1)",
];

/** Field names a tampering client might add. */
export const HOSTILE_KEYS = [
  "price",
  "priceCents",
  "price_cents",
  "unitPriceCents",
  "unit_amount",
  "total",
  "totalCents",
  "amount",
  "amount_total",
  "discount",
  "role",
  "stock",
  "stockOnHand",
  "stock_on_hand",
  "id",
  "orderId",
  "staffId",
  "cartId",
  "currency",
  "status",
  "__proto__",
  "constructor",
  "",
  "intent[]",
  "sku[0]",
];

export const nastyValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_VALUES) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 2, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.double().map((n) => n.toExponential()) },
  { weight: 1, arbitrary: fc.integer({ min: -1e6, max: 1e6 }).map((n) => (n < 0 ? "-0x" : "0x") + Math.abs(n).toString(16)) },
  // Very long strings: up to 64 KiB (under the 1 MiB form limit, over every field limit).
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom("a", "9", "é", "🛍", " ", "%"), fc.integer({ min: 256, max: 65_536 })).map(([c, n]) => c.repeat(n)) },
);

export type FieldSpec = Record<string, fc.Arbitrary<string>>;

/**
 * A form for an action that accepts any of `shapes` (one per intent: each
 * field with its valid values). One shape is picked; each of its fields is
 * present or missing, valid or hostile, sometimes repeated; then come extra
 * fields (prices, totals, roles, ids…, or another intent's fields).
 * An action that takes no fields has one empty shape: its forms always carry
 * something, except for `emptyWeight` in 100.
 */
export function formArbitrary(shapes: FieldSpec[], options: { emptyWeight?: number } = {}): fc.Arbitrary<[string, string][]> {
  const allKeys = [...new Set(shapes.flatMap((s) => Object.keys(s)))];
  const extraKeys = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_KEYS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    ...(allKeys.length > 0 ? [{ weight: 2, arbitrary: fc.constantFrom(...allKeys) }] : []),
  );
  const takesFields = allKeys.length > 0;
  const extra = fc.array(fc.tuple(extraKeys, nastyValue), { minLength: takesFields ? 0 : 1, maxLength: 3 });
  const shapeForms = shapes.map((fields) => {
    const keys = Object.keys(fields);
    if (keys.length === 0) return extra;
    // Every field valid, then 0–3 mutations: a hostile value, a missing field, a repeated one.
    // (Mutating each field independently would leave a long form almost never valid.)
    const base = fc.tuple(...keys.map((k) => fields[k]!.map((v) => [k, v] as [string, string])));
    const mutation = fc.record({ at: fc.nat(keys.length - 1), kind: fc.constantFrom("hostile", "hostile", "missing", "repeated"), value: fc.oneof(nastyValue, ...keys.map((k) => fields[k]!)) });
    const mutations = fc.oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 3, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) });
    return fc
      .tuple(base, mutations, fc.oneof({ weight: 3, arbitrary: fc.constant([] as [string, string][]) }, { weight: 1, arbitrary: extra }))
      .map(([entries, changes, extras]) => {
        const slots: [string, string][][] = entries.map((e) => [e]);
        for (const change of changes) {
          const [key] = entries[change.at]!;
          if (change.kind === "hostile") slots[change.at] = [[key, change.value]];
          else if (change.kind === "missing") slots[change.at] = [];
          else slots[change.at] = [...slots[change.at]!, [key, change.value]];
        }
        return [...slots.flat(), ...extras];
      });
  });
  const form = fc.oneof(...shapeForms);
  return options.emptyWeight ? fc.oneof({ weight: options.emptyWeight, arbitrary: fc.constant([] as [string, string][]) }, { weight: 100, arbitrary: form }) : form;
}

/** A digest of every row of `tables`: equal digests, unchanged tables. */
export function tablesDigest(sqlite: Database.Database, tables: string[]): string {
  const hash = crypto.createHash("sha1");
  for (const table of tables) {
    hash.update(table);
    for (const row of sqlite.prepare(`SELECT * FROM ${table} ORDER BY rowid`).raw().all()) {
      hash.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString("base64") : v)));
    }
  }
  return hash.digest("hex");
}

/**
 * What the shop should charge for a cart, worked out here from the database's
 * own prices (variants.price_cents, active products, the offers table) through
 * the pricing rules, independently of the cart page's code path.
 */
export function serverPriceOfCart(sqlite: Database.Database, cartId: string, now = Date.now()): number {
  const lines = sqlite
    .prepare(
      `SELECT v.id AS variantId, v.product_id AS productId, cl.quantity AS quantity, v.price_cents AS unitPriceCents
         FROM cart_lines cl JOIN carts c ON c.id = cl.cart_id
         JOIN variants v ON v.id = cl.variant_id JOIN products p ON p.id = v.product_id
        WHERE cl.cart_id = ? AND c.expires_at > ? AND p.status = 'active' ORDER BY cl.id`,
    )
    .all(cartId, now) as { variantId: number; productId: number; quantity: number; unitPriceCents: number }[];
  return priceCart(lines, pricingProducts(sqlite), getOffers(), now).totalCents;
}

/** What these lines ([sku, quantity], in cart order) cost, worked out from the database's prices and offers. */
export function serverPriceOfLines(sqlite: Database.Database, items: [string, number][], now = Date.now()): number {
  const variant = sqlite.prepare("SELECT id AS variantId, product_id AS productId, price_cents AS unitPriceCents FROM variants WHERE sku = ?");
  const lines = items.map(([sku, quantity]) => ({ ...(variant.get(sku) as { variantId: number; productId: number; unitPriceCents: number }), quantity }));
  return priceCart(lines, pricingProducts(sqlite), getOffers(), now).totalCents;
}

function pricingProducts(sqlite: Database.Database): Map<number, PricingProduct> {
  const products = new Map<number, PricingProduct>();
  for (const p of sqlite.prepare("SELECT id, kind, tags, name FROM products").all() as { id: number; kind: string; tags: string; name: string }[]) {
    products.set(p.id, { id: p.id, kind: p.kind, name: p.name, tags: JSON.parse(p.tags) as string[] });
  }
  return products;
}

export interface FuzzFigures {
  inputs: number;
  accepted: number;
  rejected: number;
  serverErrors: number;
  unchangedAfterRejection: number;
  digestsCompared: number;
  changedAfterRejection: number;
  chargeChecks: number;
  statuses: Record<string, number>;
}

export function emptyFigures(): FuzzFigures {
  return { inputs: 0, accepted: 0, rejected: 0, serverErrors: 0, unchangedAfterRejection: 0, digestsCompared: 0, changedAfterRejection: 0, chargeChecks: 0, statuses: {} };
}

// ---------------------------------------------------------------- webhook bodies

const HANDLED_EVENT_TYPES = [
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
  "charge.refunded",
  "refund.created",
  "refund.updated",
];

/** A Stripe-ish object: often the shape a handled event wants, with wrong types and missing keys among them. */
const stripeishObject = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 })),
  fc.record(
    {
      // Never an order or payment the other tests made: the fuzz must not fulfil or refund them.
      id: fc.oneof(fc.constantFrom("cs_test_fuzz", "ch_fuzz", "re_fuzz", ""), fc.jsonValue({ maxDepth: 1 })),
      object: fc.constantFrom("checkout.session", "charge", "refund", "customer", "event", null),
      payment_status: fc.constantFrom("paid", "unpaid", "no_payment_required", "refunded", 1),
      amount_total: fc.oneof(fc.integer(), fc.double(), fc.constant(null), fc.constant("100")),
      amount: fc.oneof(fc.integer({ min: -5, max: 10_000_000 }), fc.double(), fc.constant("1")),
      amount_refunded: fc.oneof(fc.integer({ min: -5, max: 10_000_000 }), fc.constant(null)),
      currency: fc.constantFrom("usd", "eur", null, 5),
      status: fc.constantFrom("succeeded", "pending", "failed", "canceled", "requires_action", "lost", null),
      payment_intent: fc.oneof(fc.constant("pi_fuzz"), fc.constant(null), fc.record({ id: fc.constant("pi_fuzz") }), fc.jsonValue({ maxDepth: 1 })),
      client_reference_id: fc.constantFrom(null, "999999999", "0", "-1", "1e3", "99999999999999999999", "abc"),
      metadata: fc.oneof(fc.constant(null), fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 })),
      customer_details: fc.oneof(fc.constant(null), fc.jsonValue({ maxDepth: 2 })),
    },
    { requiredKeys: [] },
  ),
);

/**
 * Any JSON a signed webhook body could carry: arbitrary values (fc.jsonValue),
 * and event envelopes with parts missing, of the wrong type, or right.
 */
export const webhookBodyArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 4, arbitrary: envelope(["id", "object", "type", "data"]) },
  { weight: 1, arbitrary: envelope([]) },
);

/** An event envelope; keys not in `required` may be left out. */
function envelope(required: ("id" | "object" | "type" | "data")[]) {
  const often = <T, U>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<U>) => fc.oneof({ weight: 12, arbitrary: usual }, { weight: 1, arbitrary: odd });
  return fc.record(
    {
      id: often(fc.string({ minLength: 1, maxLength: 20 }).map((s) => `evt_fuzz_${s}`), fc.jsonValue({ maxDepth: 1 })),
      object: fc.constant("event"),
      type: often(fc.constantFrom(...HANDLED_EVENT_TYPES, "customer.created", "refund.failed"), fc.jsonValue({ maxDepth: 1 })),
      data: often(fc.record({ object: often(stripeishObject, fc.jsonValue({ maxDepth: 2 })) }), fc.jsonValue({ maxDepth: 2 })),
    },
    { requiredKeys: required },
  );
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Whether a body is an event at all (the test's own reading of Stripe's envelope): an id, a type, and data.object. */
export function looksLikeEvent(body: unknown): boolean {
  return (
    isPlainObject(body) &&
    typeof body.id === "string" &&
    body.id.length > 0 &&
    typeof body.type === "string" &&
    body.type.length > 0 &&
    isPlainObject(body.data) &&
    isPlainObject(body.data.object)
  );
}
