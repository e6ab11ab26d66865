import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseWith } from "~/web/forms";
import {
  availableOf,
  changeFromForm,
  decodeCsvBytes,
  formatDelta,
  isLowStock,
  parseStockCounts,
  parseStockFilters,
  planStockChange,
  planStockCounts,
  stockCsv,
  stockFormSchema,
} from "~/domain/stock";

describe("stock arithmetic", () => {
  it("available is on hand minus held, never below 0; low means at or under the threshold", () => {
    expect(availableOf({ onHand: 10, held: 3 })).toBe(7);
    expect(availableOf({ onHand: 2, held: 2 })).toBe(0);
    expect(isLowStock({ onHand: 10, held: 7, lowStockThreshold: 3 })).toBe(true);
    expect(isLowStock({ onHand: 10, held: 6, lowStockThreshold: 3 })).toBe(false);
    expect(isLowStock({ onHand: 0, held: 0, lowStockThreshold: 0 })).toBe(true);
  });

  it("adds and removes units as deltas", () => {
    expect(planStockChange({ onHand: 5, held: 0 }, { mode: "delta", delta: 10 }, "received")).toEqual({ ok: true, delta: 10, onHandAfter: 15 });
    expect(planStockChange({ onHand: 5, held: 0 }, { mode: "delta", delta: -2 }, "damaged")).toEqual({ ok: true, delta: -2, onHandAfter: 3 });
    expect(planStockChange({ onHand: 5, held: 0 }, { mode: "delta", delta: 0 }, "correction")).toMatchObject({ ok: false });
  });

  it("records 'set to N' as the delta it implies from the levels read at that moment", () => {
    expect(planStockChange({ onHand: 4, held: 1 }, { mode: "set", onHand: 10 }, "counted")).toEqual({ ok: true, delta: 6, onHandAfter: 10 });
    expect(planStockChange({ onHand: 12, held: 1 }, { mode: "set", onHand: 10 }, "counted")).toEqual({ ok: true, delta: -2, onHandAfter: 10 });
    expect(planStockChange({ onHand: 10, held: 1 }, { mode: "set", onHand: 10 }, "counted")).toEqual({ ok: true, delta: 0, onHandAfter: 10 });
  });

  it("never goes negative, nor below what open checkouts hold", () => {
    expect(planStockChange({ onHand: 3, held: 0 }, { mode: "delta", delta: -4 }, "correction")).toEqual({
      ok: false,
      message: "Only 3 units on hand, so you can remove at most 3.",
    });
    expect(planStockChange({ onHand: 5, held: 2 }, { mode: "set", onHand: 1 }, "counted")).toEqual({
      ok: false,
      message: "2 units are held by open checkouts, so on hand can't go below 2 (it would be 1).",
    });
    expect(planStockChange({ onHand: 5, held: 2 }, { mode: "delta", delta: -3 }, "damaged")).toMatchObject({ ok: true, onHandAfter: 2 });
  });

  it("keeps reasons honest: received and returned only add, damaged only removes", () => {
    expect(planStockChange({ onHand: 5, held: 0 }, { mode: "delta", delta: -1 }, "received")).toMatchObject({ ok: false });
    expect(planStockChange({ onHand: 5, held: 0 }, { mode: "set", onHand: 4 }, "returned")).toMatchObject({ ok: false });
    expect(planStockChange({ onHand: 5, held: 0 }, { mode: "delta", delta: 1 }, "damaged")).toMatchObject({ ok: false });
    expect(planStockChange({ onHand: 5, held: 0 }, { mode: "delta", delta: 1 }, "correction")).toMatchObject({ ok: true });
  });

  it("caps one adjustment and the shelf", () => {
    expect(planStockChange({ onHand: 0, held: 0 }, { mode: "delta", delta: 100_001 }, "received")).toMatchObject({ ok: false });
    expect(planStockChange({ onHand: 950_000, held: 0 }, { mode: "delta", delta: 60_000 }, "received")).toMatchObject({ ok: false });
  });

  it("property: an accepted plan leaves on hand ≥ held ≥ 0 and equals before + delta", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.oneof(
          fc.integer({ min: -2000, max: 2000 }).map((delta) => ({ mode: "delta" as const, delta })),
          fc.integer({ min: 0, max: 2000 }).map((onHand) => ({ mode: "set" as const, onHand })),
        ),
        fc.constantFrom("received", "counted", "damaged", "returned", "correction" as const),
        (a, b, change, reason) => {
          const levels = { onHand: Math.max(a, b), held: Math.min(a, b) };
          const plan = planStockChange(levels, change, reason);
          if (!plan.ok) return;
          expect(plan.onHandAfter).toBe(levels.onHand + plan.delta);
          expect(plan.onHandAfter).toBeGreaterThanOrEqual(levels.held);
          if (change.mode === "set") expect(plan.onHandAfter).toBe(change.onHand);
        },
      ),
    );
  });

  it("formats deltas as the ledger shows them", () => {
    expect(formatDelta(10)).toBe("+10");
    expect(formatDelta(-2)).toBe("−2");
    expect(formatDelta(0)).toBe("0");
  });
});

describe("the stock forms", () => {
  it("reads an adjustment, a set-to and a threshold", () => {
    const adjust = parseWith(stockFormSchema, { intent: "adjust", quantity: " -2 ", reason: "damaged", note: "  dropped   in the rain ", seenOnHand: "5" });
    expect(adjust).toEqual({ ok: true, data: { intent: "adjust", quantity: -2, reason: "damaged", note: "dropped in the rain", seenOnHand: 5 } });
    if (adjust.ok && adjust.data.intent === "adjust") expect(changeFromForm(adjust.data)).toEqual({ mode: "delta", delta: -2 });

    const set = parseWith(stockFormSchema, { intent: "set", onHand: "10", reason: "counted" });
    expect(set).toMatchObject({ ok: true, data: { intent: "set", onHand: 10, note: null } });
    if (set.ok && set.data.intent === "set") expect(changeFromForm(set.data)).toEqual({ mode: "set", onHand: 10 });

    expect(parseWith(stockFormSchema, { intent: "threshold", lowStockThreshold: "4" })).toEqual({
      ok: true,
      data: { intent: "threshold", lowStockThreshold: 4 },
    });
  });

  it("refuses bad input with a message on the field", () => {
    const cases: [Record<string, string>, string][] = [
      [{ intent: "adjust", quantity: "2.5", reason: "received" }, "quantity"],
      [{ intent: "adjust", quantity: "ten", reason: "received" }, "quantity"],
      [{ intent: "adjust", quantity: "1", reason: "stolen" }, "reason"],
      [{ intent: "set", onHand: "-1", reason: "counted" }, "onHand"],
      [{ intent: "set", onHand: "", reason: "counted" }, "onHand"],
      [{ intent: "threshold", lowStockThreshold: "-3" }, "lowStockThreshold"],
      [{ intent: "threshold", lowStockThreshold: "20000" }, "lowStockThreshold"],
      [{ intent: "adjust", quantity: "1", reason: "received", note: "x".repeat(201) }, "note"],
      [{ intent: "adjust", quantity: "1", reason: "received", onHand: "5" }, "_form"],
      [{ intent: "steal" }, "intent"],
    ];
    for (const [fields, field] of cases) {
      const result = parseWith(stockFormSchema, fields);
      expect(result.ok, JSON.stringify(fields)).toBe(false);
      if (!result.ok) expect(Object.keys(result.fieldErrors), JSON.stringify(fields)).toContain(field);
    }
  });

  it("reads the list filters, refusing what it cannot", () => {
    expect(parseStockFilters(new URLSearchParams("q=%20tote%20&low=1"))).toEqual({ ok: true, search: "tote", lowOnly: true });
    expect(parseStockFilters(new URLSearchParams(""))).toEqual({ ok: true, search: "", lowOnly: false });
    expect(parseStockFilters(new URLSearchParams("low=yes"))).toMatchObject({ ok: false });
    expect(parseStockFilters(new URLSearchParams(`q=${"x".repeat(101)}`))).toMatchObject({ ok: false });
  });
});

describe("stock CSV", () => {
  it("exports every SKU with its levels", () => {
    expect(
      stockCsv([
        { sku: "TOT-A-BLACK", productName: "Tote, big", colourName: "Black", onHand: 5, held: 2, lowStockThreshold: 3 },
        { sku: "MIC-B-RED", productName: "=cmd()", colourName: "Red", onHand: 0, held: 0, lowStockThreshold: 1 },
      ]),
    ).toBe(
      "sku,product,colour,on_hand,held,available,low_stock_threshold\r\n" +
        'TOT-A-BLACK,"Tote, big",Black,5,2,3,3\r\n' +
        "MIC-B-RED,'=cmd(),Red,0,0,0,1\r\n",
    );
  });

  it("reads a count file: header in any order, a note, export columns ignored, SKUs upper-cased", () => {
    expect(parseStockCounts("\uFEFFOn Hand,SKU,note\r\n12,tot-a-black,shelf 2\r\n0,MIC-B-RED,\r\n")).toEqual({
      ok: true,
      rows: [
        { line: 2, sku: "TOT-A-BLACK", onHand: 12, note: "shelf 2" },
        { line: 3, sku: "MIC-B-RED", onHand: 0, note: null },
      ],
    });
    const exported = stockCsv([{ sku: "A-1", productName: "P", colourName: "C", onHand: 4, held: 1, lowStockThreshold: 3 }]);
    expect(parseStockCounts(exported)).toEqual({ ok: true, rows: [{ line: 2, sku: "A-1", onHand: 4, note: null }] });
  });

  it("lists every bad row with its line number", () => {
    const result = parseStockCounts(
      ["sku,on_hand", "A-1,5", "A-2,-3", "A-3,lots", ",4", "A-1,2", "a b,1", "A-4", "A-5,2.5", "", "A-6,"].join("\n"),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 11]);
    expect(result.problems.map((p) => p.message)).toEqual([
      "Line 3: on hand can't be negative (-3).",
      'Line 4: on hand must be a whole number, not "lots".',
      "Line 5: the SKU is missing.",
      "Line 6: A-1 is already counted on line 2.",
      'Line 7: "A B" is not a SKU (capital letters, digits and hyphens).',
      "Line 8: has 1 cell but the header has 2 (a column is missing).",
      'Line 9: on hand must be a whole number, not "2.5".',
      "Line 11: on hand is missing.",
    ]);
    // The rows that read are kept, so they can still be checked against the shop.
    expect(result.rows).toEqual([{ line: 2, sku: "A-1", onHand: 5, note: null }]);
  });

  it("refuses a bad header, an empty file and malformed quoting", () => {
    expect(parseStockCounts("")).toMatchObject({ ok: false, problems: [{ line: 1 }] });
    expect(parseStockCounts("sku,on_hand\n")).toMatchObject({ ok: false, problems: [{ line: 1, message: "The file has a header but no rows to count." }] });
    expect(parseStockCounts("sku,count\nA,1\n")).toMatchObject({
      ok: false,
      problems: [{ line: 1, message: expect.stringMatching(/unknown column "count"/) }, { line: 1, message: expect.stringMatching(/no "on_hand" column/) }],
    });
    expect(parseStockCounts('sku,on_hand\nA,"1\n')).toMatchObject({ ok: false, problems: [{ line: 2 }] });
  });

  it("checks counts against the shop: unknown SKUs and counts under what is held are refused", () => {
    const levels = new Map([
      ["A-1", { onHand: 5, held: 0 }],
      ["A-2", { onHand: 5, held: 3 }],
    ]);
    expect(
      planStockCounts(
        [
          { line: 2, sku: "A-1", onHand: 7, note: null },
          { line: 3, sku: "A-2", onHand: 5, note: null },
        ],
        levels,
      ),
    ).toEqual({
      ok: true,
      planned: [
        { line: 2, sku: "A-1", onHand: 7, note: null, before: { onHand: 5, held: 0 }, delta: 2 },
        { line: 3, sku: "A-2", onHand: 5, note: null, before: { onHand: 5, held: 3 }, delta: 0 },
      ],
    });
    const bad = planStockCounts(
      [
        { line: 2, sku: "NOPE", onHand: 1, note: null },
        { line: 3, sku: "A-2", onHand: 2, note: null },
      ],
      levels,
    );
    expect(bad).toMatchObject({ ok: false, problems: [{ line: 2, message: "Line 2: there is no SKU NOPE in the shop." }, { line: 3 }] });
  });

  it("decodes UTF-8 text and refuses binary or other encodings", () => {
    expect(decodeCsvBytes(new TextEncoder().encode("sku,on_hand\nA,1"))).toEqual({ ok: true, text: "sku,on_hand\nA,1" });
    expect(decodeCsvBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1]))).toMatchObject({ ok: false });
    expect(decodeCsvBytes(new Uint8Array([0x73, 0x6b, 0x75, 0xe9]))).toMatchObject({ ok: false, message: expect.stringMatching(/UTF-8/) });
  });
});
