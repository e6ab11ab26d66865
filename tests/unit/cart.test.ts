import { describe, expect, it } from "vitest";
import { bundleAddChanges, cartItemCount, decideLineQuantity, MAX_QUANTITY_PER_LINE, parseCartInput } from "~/domain/cart";

function form(entries: [string, string][]) {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

describe("cart input schema", () => {
  it("accepts the three intents", () => {
    expect(parseCartInput(form([["intent", "add"], ["sku", "TOT-CMK-BLACK"], ["quantity", "2"]]))).toEqual({
      ok: true,
      data: { intent: "add", sku: "TOT-CMK-BLACK", quantity: 2 },
    });
    expect(parseCartInput(form([["intent", "update"], ["sku", "TOT-CMK-BLACK"], ["quantity", "10"]]))).toMatchObject({
      ok: true,
      data: { quantity: 10 },
    });
    expect(parseCartInput(form([["intent", "remove"], ["sku", "TOT-CMK-BLACK"]]))).toMatchObject({
      ok: true,
      data: { intent: "remove" },
    });
  });

  it.each([
    ["zero", "0"],
    ["negative", "-1"],
    ["fractional", "1.5"],
    ["huge", "99999999999999999999"],
    ["above the line limit", String(MAX_QUANTITY_PER_LINE + 1)],
    ["non-numeric", "two"],
    ["exponent", "1e1"],
    ["hex", "0x2"],
    ["empty", ""],
  ])("refuses a %s quantity with a message", (_name, quantity) => {
    const result = parseCartInput(form([["intent", "add"], ["sku", "TOT-CMK-BLACK"], ["quantity", quantity]]));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(/quantity|whole number|at most|how many/i);
      expect(result.fieldErrors.quantity).toBeDefined();
    }
  });

  it("refuses missing fields, unknown intents and extra fields", () => {
    expect(parseCartInput(form([["intent", "add"], ["quantity", "1"]]))).toMatchObject({ ok: false, message: "Choose a bag first." });
    expect(parseCartInput(form([["sku", "X"], ["quantity", "1"]]))).toMatchObject({ ok: false, message: "Unknown cart action." });
    expect(parseCartInput(form([["intent", "steal"], ["sku", "X"]]))).toMatchObject({ ok: false, message: "Unknown cart action." });
    const extra = parseCartInput(form([["intent", "add"], ["sku", "TOT-CMK-BLACK"], ["quantity", "1"], ["price", "1"]]));
    expect(extra).toMatchObject({ ok: false });
    if (!extra.ok) expect(extra.message).toContain('"price"');
  });

  it("refuses a field sent twice and malformed SKUs", () => {
    const twice = parseCartInput(form([["intent", "add"], ["sku", "A"], ["sku", "B"], ["quantity", "1"]]));
    expect(twice).toMatchObject({ ok: false, message: 'The field "sku" was sent more than once.' });
    const weird = parseCartInput(form([["intent", "add"], ["sku", "<script>"], ["quantity", "1"]]));
    expect(weird).toMatchObject({ ok: false, message: "That is not one of our bags." });
  });
});

describe("line quantity", () => {
  const base = { productName: "Micro Duffle", available: 5 };

  it("merges an add with what the cart holds", () => {
    expect(decideLineQuantity({ ...base, intent: "add", current: 2, requested: 3 })).toEqual({ ok: true, quantity: 5 });
  });

  it("sets the quantity on update", () => {
    expect(decideLineQuantity({ ...base, intent: "update", current: 4, requested: 1 })).toEqual({ ok: true, quantity: 1 });
  });

  it("never goes above what is in stock", () => {
    const r = decideLineQuantity({ ...base, intent: "add", current: 4, requested: 2 });
    expect(r).toEqual({ ok: false, message: "Only 5 of Micro Duffle left and 4 are already in your cart." });
    expect(decideLineQuantity({ ...base, intent: "update", current: 1, requested: 6 })).toEqual({
      ok: false,
      message: "Only 5 of Micro Duffle left.",
    });
  });

  it("refuses sold-out bags and the per-line maximum", () => {
    expect(decideLineQuantity({ ...base, available: 0, intent: "add", current: 0, requested: 1 })).toEqual({
      ok: false,
      message: "Sorry, Micro Duffle is sold out.",
    });
    const over = decideLineQuantity({ ...base, available: 50, intent: "add", current: 8, requested: 3 });
    expect(over.ok).toBe(false);
  });

  it("counts items", () => {
    expect(cartItemCount([{ variantId: 1, quantity: 2 }, { variantId: 2, quantity: 3 }])).toBe(5);
    expect(cartItemCount([])).toBe(0);
  });
});

describe("the lines a 'tote + charm' add puts in the cart", () => {
  const TOTE = { sku: "TOT-CMK-CREAM", productId: 1 };
  const CHARM = "MIC-BOX-EMERALD";

  it("adds the tote and the charm when the tote is not in the cart", () => {
    expect(bundleAddChanges({ tote: TOTE, charmSku: CHARM, cart: [] })).toEqual({
      changes: [
        { intent: "add", sku: "TOT-CMK-CREAM", quantity: 1 },
        { intent: "add", sku: CHARM, quantity: 1 },
      ],
      message: "Added the tote and its charm to your cart.",
    });
    // Another tote, or only micro bags, is not this tote.
    expect(bundleAddChanges({ tote: TOTE, charmSku: CHARM, cart: [{ productId: 2, quantity: 3 }, { productId: 9, quantity: 1 }] }).changes).toHaveLength(2);
  });

  it.each([
    ["the same colour once", [{ productId: 1, quantity: 1 }]],
    ["the same colour twice", [{ productId: 1, quantity: 2 }]],
    ["another colour of the same tote", [{ productId: 2, quantity: 1 }, { productId: 1, quantity: 1 }]],
  ])("adds only the charm when the tote is already there (%s)", (_name, cart) => {
    expect(bundleAddChanges({ tote: TOTE, charmSku: CHARM, cart })).toEqual({
      changes: [{ intent: "add", sku: CHARM, quantity: 1 }],
      message: "Added the charm to your cart.",
    });
  });

  it("adds both when the tote is not one the shop knows (the cart then refuses it by name)", () => {
    expect(bundleAddChanges({ tote: { sku: "TOT-NOPE", productId: null }, charmSku: CHARM, cart: [{ productId: 1, quantity: 1 }] }).changes).toEqual([
      { intent: "add", sku: "TOT-NOPE", quantity: 1 },
      { intent: "add", sku: CHARM, quantity: 1 },
    ]);
  });

  it("a line with quantity 0 does not count as there", () => {
    expect(bundleAddChanges({ tote: TOTE, charmSku: CHARM, cart: [{ productId: 1, quantity: 0 }] }).changes).toHaveLength(2);
  });
});
