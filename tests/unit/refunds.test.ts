import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseWith } from "~/web/forms";
import {
  isRefundableStatus,
  limitRestock,
  parseRefundAmount,
  planRefund,
  refundFormSchema,
  refundSummary,
  remainingRefundableCents,
  restockableQuantity,
  valueOfUnits,
  type RefundableLine,
  type RefundRequest,
} from "~/domain/refunds";

const KEY = "k".repeat(24);

// A tote at $120 and two micro bags with the bundle price ($38.25 each): $196.50.
const LINES: RefundableLine[] = [
  { id: 11, variantId: 1, quantity: 1, lineTotalCents: 12000, restockedQuantity: 0 },
  { id: 12, variantId: 2, quantity: 2, lineTotalCents: 7650, restockedQuantity: 0 },
  { id: 13, variantId: 3, quantity: 3, lineTotalCents: 1000, restockedQuantity: 0 }, // $3.33 + $3.33 + $3.34
];
const PAID = { status: "paid", totalCents: 20650, refundedCents: 0 };

function request(overrides: Partial<RefundRequest> = {}): RefundRequest {
  return { scope: "full", amountCents: null, quantities: [], restock: false, reason: null, requestKey: KEY, ...overrides };
}

describe("refundable orders and what is left", () => {
  it("only paid and partly refunded orders can be refunded", () => {
    expect(["paid", "partially_refunded"].map(isRefundableStatus)).toEqual([true, true]);
    expect(["pending", "expired", "payment_failed", "refunded", "nonsense"].map(isRefundableStatus)).toEqual([false, false, false, false, false]);
  });

  it("is the total less the larger of the order's refunded total and the refunds made or under way", () => {
    expect(remainingRefundableCents({ totalCents: 10000, refundedCents: 0 })).toBe(10000);
    expect(remainingRefundableCents({ totalCents: 10000, refundedCents: 2500 })).toBe(7500);
    const refunds = [
      { amountCents: 1000, status: "succeeded" },
      { amountCents: 2000, status: "pending" },
      { amountCents: 5000, status: "failed" },
      { amountCents: 5000, status: "canceled" },
    ];
    // 3000 under way beats the 1000 recorded on the order; failed and canceled don't count.
    expect(remainingRefundableCents({ totalCents: 10000, refundedCents: 1000 }, refunds)).toBe(7000);
    // The order's total wins when it is larger (e.g. a refund made in the Stripe dashboard).
    expect(remainingRefundableCents({ totalCents: 10000, refundedCents: 4000 }, refunds)).toBe(6000);
    expect(remainingRefundableCents({ totalCents: 10000, refundedCents: 12000 })).toBe(0);
  });

  it("restockable units: bought less already put back, none for a bag that left the catalog", () => {
    expect(restockableQuantity({ variantId: 1, quantity: 3, restockedQuantity: 0 })).toBe(3);
    expect(restockableQuantity({ variantId: 1, quantity: 3, restockedQuantity: 2 })).toBe(1);
    expect(restockableQuantity({ variantId: 1, quantity: 3, restockedQuantity: 5 })).toBe(0);
    expect(restockableQuantity({ variantId: null, quantity: 3, restockedQuantity: 0 })).toBe(0);
  });

  it("units are worth their share of the line total, whole line exactly", () => {
    expect(valueOfUnits(LINES[1]!, 1)).toBe(3825);
    expect(valueOfUnits(LINES[1]!, 2)).toBe(7650);
    expect(valueOfUnits(LINES[2]!, 1)).toBe(333);
    expect(valueOfUnits(LINES[2]!, 3)).toBe(1000);
    expect(valueOfUnits(LINES[2]!, 9)).toBe(1000);
    expect(valueOfUnits(LINES[2]!, 0)).toBe(0);
  });
});

describe("parseRefundAmount", () => {
  it.each([
    ["25", 2500],
    ["25.5", 2550],
    ["25.50", 2550],
    ["$25.50", 2550],
    ["$ 1,200.00", 120000],
    ["  0.01 ", 1],
  ])("reads %j as %i cents", (text, cents) => {
    expect(parseRefundAmount(text)).toEqual({ ok: true, cents });
  });

  it.each([
    ["", "Enter the amount to refund, like 25 or 25.50."],
    ["   ", "Enter the amount to refund, like 25 or 25.50."],
    ["0", "The amount must be more than $0."],
    ["0.00", "The amount must be more than $0."],
    ["-5", "Enter the amount in dollars, like 25 or 25.50."],
    ["12.345", "Enter the amount in dollars, like 25 or 25.50."],
    ["1e3", "Enter the amount in dollars, like 25 or 25.50."],
    ["ten", "Enter the amount in dollars, like 25 or 25.50."],
  ])("refuses %j", (text, message) => {
    expect(parseRefundAmount(text)).toEqual({ ok: false, message });
  });
});

describe("refundFormSchema", () => {
  it("reads scope, amount, quantities, restock, reason and the request key", () => {
    const parsed = parseWith(refundFormSchema, {
      scope: "amount",
      amount: "$12.50",
      "qty-12": "2",
      "qty-11": "0",
      "qty-13": "",
      restock: "on",
      reason: "  Arrived   scuffed ",
      requestKey: KEY,
    });
    expect(parsed).toEqual({
      ok: true,
      data: { scope: "amount", amountCents: 1250, quantities: [{ lineId: 12, quantity: 2 }], restock: true, shipping: false, reason: "Arrived scuffed", requestKey: KEY },
    });
  });

  it("gives a message per field, and refuses an empty form", () => {
    const empty = parseWith(refundFormSchema, {});
    expect(empty.ok).toBe(false);
    if (empty.ok) return;
    expect(empty.fieldErrors).toEqual({
      scope: "Choose what to refund: the whole order, an amount or items.",
      _form: "This form is out of date: reload the page and try again.",
    });

    const bad = parseWith(refundFormSchema, { scope: "amount", amount: "abc", "qty-1": "-1", restock: "yes", reason: "x".repeat(201), requestKey: KEY });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.fieldErrors).toEqual({
      amount: "Enter the amount in dollars, like 25 or 25.50.",
      "qty-1": "Enter a whole number of items, or leave it empty.",
      restock: "Tick the box to put the items back in stock, or leave it clear.",
      reason: "Keep the note to 200 characters or fewer.",
    });
  });

  it("ignores the amount unless the scope is an amount, and refuses fields it did not ask for", () => {
    const full = parseWith(refundFormSchema, { scope: "full", amount: "nonsense", requestKey: KEY });
    expect(full).toMatchObject({ ok: true, data: { scope: "full", amountCents: null } });
    const extra = parseWith(refundFormSchema, { scope: "full", requestKey: KEY, totalCents: "1" });
    expect(extra).toMatchObject({ ok: false, fieldErrors: { _form: expect.stringContaining("Unexpected field") } });
    expect(parseWith(refundFormSchema, { scope: "everything", requestKey: KEY }).ok).toBe(false);
    expect(parseWith(refundFormSchema, { scope: "full", requestKey: "short" }).ok).toBe(false);
  });
});

describe("planRefund", () => {
  it("full: everything left, and with restock every item not yet put back", () => {
    expect(planRefund(PAID, LINES, [], request())).toEqual({
      ok: true,
      plan: { amountCents: 20650, remainingBeforeCents: 20650, itemsValueCents: null, shippingCents: 0, restock: [] },
    });
    const partly = { status: "partially_refunded", totalCents: 20650, refundedCents: 650 };
    const lines = LINES.map((l) => (l.id === 12 ? { ...l, restockedQuantity: 1 } : l.id === 13 ? { ...l, variantId: null } : l));
    expect(planRefund(partly, lines, [], request({ restock: true }))).toEqual({
      ok: true,
      plan: {
        amountCents: 20000,
        remainingBeforeCents: 20000,
        itemsValueCents: null,
        shippingCents: 0,
        restock: [
          { lineId: 11, variantId: 1, quantity: 1 },
          { lineId: 12, variantId: 2, quantity: 1 },
        ],
      },
    });
  });

  it("amount: at most what is left; with restock, the chosen items go back", () => {
    expect(planRefund(PAID, LINES, [], request({ scope: "amount", amountCents: 5000 }))).toMatchObject({ ok: true, plan: { amountCents: 5000, restock: [] } });
    expect(planRefund(PAID, LINES, [], request({ scope: "amount", amountCents: 20650 }))).toMatchObject({ ok: true, plan: { amountCents: 20650 } });
    expect(planRefund(PAID, LINES, [], request({ scope: "amount", amountCents: 20651 }))).toEqual({
      ok: false,
      status: 400,
      message: "You can refund at most $206.50.",
      fieldErrors: { amount: "You can refund at most $206.50." },
    });
    const partly = { status: "partially_refunded", totalCents: 20650, refundedCents: 20000 };
    expect(planRefund(partly, LINES, [], request({ scope: "amount", amountCents: 651 }))).toMatchObject({
      ok: false,
      fieldErrors: { amount: "You can refund at most $6.50." },
    });
    expect(
      planRefund(PAID, LINES, [], request({ scope: "amount", amountCents: 3000, restock: true, quantities: [{ lineId: 12, quantity: 1 }] })),
    ).toMatchObject({ ok: true, plan: { amountCents: 3000, restock: [{ lineId: 12, variantId: 2, quantity: 1 }] } });
    expect(planRefund(PAID, LINES, [], request({ scope: "amount", amountCents: 3000, restock: true }))).toMatchObject({
      ok: false,
      fieldErrors: { restock: "Choose how many of which items go back in stock, or clear the box." },
    });
    expect(planRefund(PAID, LINES, [], request({ scope: "amount", amountCents: null }))).toMatchObject({ ok: false, status: 400 });
  });

  it("shipping: a full refund includes it; a refund of items adds it when asked", () => {
    const shipped = { status: "paid", totalCents: 20650 + 800, refundedCents: 0, shippingCents: 800 };
    expect(planRefund(shipped, LINES, [], request())).toMatchObject({ ok: true, plan: { amountCents: 21450 } });
    expect(planRefund(shipped, LINES, [], request({ scope: "lines", quantities: [{ lineId: 11, quantity: 1 }], shipping: true }))).toMatchObject({
      ok: true,
      plan: { amountCents: 12800, itemsValueCents: 12000, shippingCents: 800 },
    });
    expect(planRefund(shipped, LINES, [], request({ scope: "lines", shipping: true }))).toMatchObject({ ok: true, plan: { amountCents: 800 } });
    expect(planRefund(PAID, LINES, [], request({ scope: "lines", shipping: true }))).toMatchObject({
      ok: false,
      fieldErrors: { shipping: "This order's shipping was free: there is no shipping to refund." },
    });
    expect(parseWith(refundFormSchema, { scope: "lines", shipping: "on", requestKey: KEY })).toMatchObject({ ok: true, data: { shipping: true } });
    expect(parseWith(refundFormSchema, { scope: "lines", shipping: "yes please", requestKey: KEY }).ok).toBe(false);
  });

  it("lines: what the chosen items were paid, capped at what is left; restock at most what can go back", () => {
    const picked = request({ scope: "lines", quantities: [{ lineId: 12, quantity: 1 }, { lineId: 13, quantity: 2 }], restock: true });
    expect(planRefund(PAID, LINES, [], picked)).toEqual({
      ok: true,
      plan: {
        amountCents: 3825 + 667,
        remainingBeforeCents: 20650,
        itemsValueCents: 3825 + 667,
        shippingCents: 0,
        restock: [
          { lineId: 12, variantId: 2, quantity: 1 },
          { lineId: 13, variantId: 3, quantity: 2 },
        ],
      },
    });
    // After an earlier partial refund, the items' value is capped at what is left.
    const partly = { status: "partially_refunded", totalCents: 20650, refundedCents: 18000 };
    expect(planRefund(partly, LINES, [], request({ scope: "lines", quantities: [{ lineId: 11, quantity: 1 }] }))).toMatchObject({
      ok: true,
      plan: { amountCents: 2650, itemsValueCents: 12000 },
    });
    expect(planRefund(PAID, LINES, [], request({ scope: "lines" }))).toMatchObject({ ok: false, message: "Choose at least one item to refund, or the shipping." });
    expect(planRefund(PAID, LINES, [], request({ scope: "lines", quantities: [{ lineId: 12, quantity: 3 }] }))).toMatchObject({
      ok: false,
      fieldErrors: { "qty-12": "Only 2 were bought." },
    });
    const restocked = LINES.map((l) => (l.id === 12 ? { ...l, restockedQuantity: 2 } : l));
    expect(planRefund(PAID, restocked, [], request({ scope: "lines", quantities: [{ lineId: 12, quantity: 1 }], restock: true }))).toMatchObject({
      ok: false,
      fieldErrors: { "qty-12": "These have all been put back in stock already." },
    });
    // Without restock, the same items can still be refunded.
    expect(planRefund(PAID, restocked, [], request({ scope: "lines", quantities: [{ lineId: 12, quantity: 1 }] }))).toMatchObject({ ok: true });
    expect(planRefund(PAID, LINES, [], request({ scope: "lines", quantities: [{ lineId: 99, quantity: 1 }] }))).toMatchObject({
      ok: false,
      fieldErrors: { _form: "One of the items is not on this order: reload the page and try again." },
    });
  });

  it("refuses unpaid and fully refunded orders with a 409", () => {
    for (const status of ["pending", "expired", "payment_failed", "refunded"]) {
      const result = planRefund({ ...PAID, status }, LINES, [], request());
      expect(result, status).toMatchObject({ ok: false, status: 409, message: expect.stringContaining("Only paid orders can be refunded") });
    }
    const done = planRefund({ status: "partially_refunded", totalCents: 20650, refundedCents: 20650 }, LINES, [], request());
    expect(done).toMatchObject({ ok: false, status: 409, message: "Nothing is left to refund on this order." });
  });

  it("never plans more than is left, nor more units back on the shelf than were bought (property)", () => {
    const line = fc.record({
      variantId: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
      quantity: fc.integer({ min: 1, max: 5 }),
      lineTotalCents: fc.integer({ min: 0, max: 50_000 }),
      restockedQuantity: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 300_000 }),
        fc.constantFrom("full", "amount", "lines"),
        fc.integer({ min: 1, max: 300_000 }),
        fc.array(fc.tuple(fc.nat(3), fc.integer({ min: 1, max: 6 })), { maxLength: 4 }),
        fc.boolean(),
        (raw, refunded, scope, amount, picks, restock) => {
          const lines = raw.map((l, i) => ({ ...l, id: i + 1, restockedQuantity: Math.min(l.restockedQuantity, l.quantity) }));
          const total = lines.reduce((s, l) => s + l.lineTotalCents, 0);
          const order = { status: "paid", totalCents: total, refundedCents: Math.min(refunded, total) };
          const quantities = [...new Map(picks.map(([i, q]) => [(i % lines.length) + 1, q]))].map(([lineId, quantity]) => ({ lineId, quantity }));
          const result = planRefund(order, lines, [], request({ scope: scope as RefundRequest["scope"], amountCents: amount, quantities, restock }));
          if (!result.ok) return;
          expect(result.plan.amountCents).toBeGreaterThan(0);
          expect(result.plan.amountCents).toBeLessThanOrEqual(total - order.refundedCents);
          for (const item of result.plan.restock) {
            const l = lines.find((x) => x.id === item.lineId)!;
            expect(l.variantId).not.toBeNull();
            expect(item.quantity).toBeGreaterThan(0);
            expect(item.quantity + l.restockedQuantity).toBeLessThanOrEqual(l.quantity);
          }
          if (!restock) expect(result.plan.restock).toEqual([]);
        },
      ),
    );
  });
});

describe("limitRestock", () => {
  it("keeps only what can still go back, line by line", () => {
    const lines = LINES.map((l) => (l.id === 12 ? { ...l, restockedQuantity: 1 } : l));
    expect(
      limitRestock(lines, [
        { lineId: 11, variantId: 1, quantity: 1 },
        { lineId: 12, variantId: 2, quantity: 2 },
        { lineId: 99, variantId: 9, quantity: 1 },
      ]),
    ).toEqual([
      { lineId: 11, variantId: 1, quantity: 1 },
      { lineId: 12, variantId: 2, quantity: 1 },
    ]);
  });
});

describe("refundSummary", () => {
  it("says what happened", () => {
    expect(refundSummary(2500, 0)).toBe("Refunded $25.00.");
    expect(refundSummary(2500, 1)).toBe("Refunded $25.00; 1 item back in stock.");
    expect(refundSummary(19650, 3)).toBe("Refunded $196.50; 3 items back in stock.");
    expect(refundSummary(2500, 0, true)).toBe("Refund of $25.00 requested; Stripe reports it as pending.");
  });
});
