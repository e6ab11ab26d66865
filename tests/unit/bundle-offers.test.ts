import { describe, expect, it } from "vitest";
import {
  addonUnitDiscount,
  bundleOfferInputSchema,
  describeOffer,
  isOfferActive,
  offerAppliesTo,
  offerFormValues,
  offerFromRow,
  offerTriggers,
  parseDateTimeLocal,
  toDateTimeLocal,
  type BundleOfferRow,
} from "~/domain/bundle-offers";
import { parseWith } from "~/web/forms";

function row(overrides: Partial<BundleOfferRow> = {}): BundleOfferRow {
  return {
    id: 1,
    name: "15% off up to two micro bags with any tote",
    triggerType: "kind",
    triggerValue: "tote",
    addonType: "kind",
    addonValue: "micro",
    discountType: "percent",
    discountValue: 15,
    maxAddonsPerTrigger: 2,
    activeFrom: null,
    activeUntil: null,
    priority: 10,
    enabled: true,
    ...overrides,
  };
}

const tote = { id: 1, kind: "tote", tags: ["everyday", "work"] };
const classic = { id: 5, kind: "tote", tags: ["investment"] };
const duffle = { id: 10, kind: "micro", tags: ["charm", "bright"] };
const saddle = { id: 16, kind: "micro", tags: ["charm", "classic"] };
const kidsClutch = { id: 28, kind: "clutch", tags: ["kids", "sparkle"] };

describe("offerFromRow", () => {
  it("parses the seed offers' shapes", () => {
    expect(offerFromRow(row())).toEqual({
      id: 1,
      name: "15% off up to two micro bags with any tote",
      trigger: { type: "kind", kind: "tote" },
      addon: { type: "kind", kind: "micro" },
      discount: { type: "percent", percent: 15 },
      maxAddonsPerTrigger: 2,
      activeFrom: null,
      activeUntil: null,
      priority: 10,
      enabled: true,
    });
    expect(
      offerFromRow(
        row({ id: 2, triggerType: "product", triggerValue: "5", addonType: "products", addonValue: "16, 11,16", discountValue: 20, maxAddonsPerTrigger: 1 }),
      ),
    ).toMatchObject({ trigger: { type: "product", productId: 5 }, addon: { type: "products", productIds: [11, 16] }, enabled: true });
    expect(offerFromRow(row({ addonType: "tag", addonValue: "kids", discountType: "fixed", discountValue: 800 }))).toMatchObject({
      addon: { type: "tag", tag: "kids" },
      discount: { type: "fixed", cents: 800 },
    });
    expect(offerFromRow(row({ triggerType: "tag", triggerValue: "work" })).trigger).toEqual({ type: "tag", tag: "work" });
  });

  it("ignores extra columns such as timestamps", () => {
    const withExtras = { ...row(), createdAt: 1, updatedAt: 2 };
    expect(offerFromRow(withExtras)).not.toHaveProperty("createdAt");
  });

  it.each<[string, Partial<BundleOfferRow>]>([
    ["a product trigger that is not an id", { triggerType: "product", triggerValue: "canvas-market-tote" }],
    ["an unknown kind", { triggerValue: "suitcase" }],
    ["an empty product list", { addonType: "products", addonValue: " , " }],
    ["a product list with junk", { addonType: "products", addonValue: "3,x" }],
    ["a percent above 100", { discountValue: 150 }],
    ["a zero percent", { discountValue: 0 }],
    ["a zero fixed amount", { discountType: "fixed", discountValue: 0 }],
    ["an unknown discount type", { discountType: "bogo" }],
    ["zero add-ons per trigger", { maxAddonsPerTrigger: 0 }],
  ])("switches off a malformed row (%s) instead of failing", (_name, overrides) => {
    const offer = offerFromRow(row(overrides));
    expect(offer.enabled).toBe(false);
    expect(isOfferActive(offer, 0)).toBe(false);
    expect(offer.maxAddonsPerTrigger).toBeGreaterThanOrEqual(1);
  });
});

describe("isOfferActive", () => {
  const from = Date.UTC(2026, 10, 1);
  const until = Date.UTC(2026, 11, 1);
  const windowed = offerFromRow(row({ activeFrom: from, activeUntil: until }));

  it("is active from the start (inclusive) until the end (exclusive)", () => {
    expect(isOfferActive(windowed, from - 1)).toBe(false);
    expect(isOfferActive(windowed, from)).toBe(true);
    expect(isOfferActive(windowed, until - 1)).toBe(true);
    expect(isOfferActive(windowed, until)).toBe(false);
  });

  it("treats missing bounds as open", () => {
    expect(isOfferActive(offerFromRow(row({ activeUntil: until })), 0)).toBe(true);
    expect(isOfferActive(offerFromRow(row({ activeFrom: from })), Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(isOfferActive(offerFromRow(row()), 0)).toBe(true);
  });

  it("is never active when switched off", () => {
    expect(isOfferActive(offerFromRow(row({ enabled: false })), from)).toBe(false);
  });
});

describe("matching products", () => {
  const anyTote = offerFromRow(row());
  const classicOnly = offerFromRow(row({ triggerType: "product", triggerValue: "5", addonType: "products", addonValue: "16" }));
  const kids = offerFromRow(row({ addonType: "tag", addonValue: "kids" }));
  const work = offerFromRow(row({ triggerType: "tag", triggerValue: "work" }));

  it("matches triggers by kind, product id and tag", () => {
    expect(offerTriggers(anyTote, tote)).toBe(true);
    expect(offerTriggers(anyTote, duffle)).toBe(false);
    expect(offerTriggers(classicOnly, classic)).toBe(true);
    expect(offerTriggers(classicOnly, tote)).toBe(false);
    expect(offerTriggers(work, tote)).toBe(true);
    expect(offerTriggers(work, classic)).toBe(false);
  });

  it("matches add-ons by kind, product list and tag", () => {
    expect(offerAppliesTo(anyTote, duffle)).toBe(true);
    expect(offerAppliesTo(anyTote, tote)).toBe(false);
    expect(offerAppliesTo(classicOnly, saddle)).toBe(true);
    expect(offerAppliesTo(classicOnly, duffle)).toBe(false);
    expect(offerAppliesTo(kids, kidsClutch)).toBe(true);
    expect(offerAppliesTo(kids, duffle)).toBe(false);
  });
});

describe("addonUnitDiscount and describeOffer", () => {
  it("rounds percentages half up to whole cents", () => {
    const fifteen = offerFromRow(row());
    expect(addonUnitDiscount(fifteen, 4500)).toBe(675);
    expect(addonUnitDiscount(fifteen, 3333)).toBe(500); // 499.95 → 500
    expect(addonUnitDiscount(fifteen, 3)).toBe(0); // 0.45 → 0
    expect(addonUnitDiscount(fifteen, 0)).toBe(0);
    expect(addonUnitDiscount(offerFromRow(row({ discountValue: 100 })), 4500)).toBe(4500);
  });

  it("caps a fixed amount at the unit price and is never negative", () => {
    const eight = offerFromRow(row({ discountType: "fixed", discountValue: 800 }));
    expect(addonUnitDiscount(eight, 3900)).toBe(800);
    expect(addonUnitDiscount(eight, 500)).toBe(500);
    expect(addonUnitDiscount(eight, 0)).toBe(0);
    expect(addonUnitDiscount(eight, -100)).toBe(0);
  });

  it("describes the discount", () => {
    expect(describeOffer(offerFromRow(row()))).toBe("15% off");
    expect(describeOffer(offerFromRow(row({ discountType: "fixed", discountValue: 800 })))).toBe("$8.00 off");
    expect(describeOffer(offerFromRow(row({ discountType: "fixed", discountValue: 1250 })))).toBe("$12.50 off");
  });
});

describe("bundleOfferInputSchema", () => {
  const valid = {
    name: "  Holiday   charm deal ",
    triggerType: "kind",
    triggerValue: "tote",
    addonType: "kind",
    addonValue: "micro",
    discountType: "percent",
    discountValue: "15",
    maxAddonsPerTrigger: "2",
    activeFrom: "2026-11-01T09:00",
    activeUntil: "2026-12-01T00:00",
    priority: "10",
    enabled: "on",
  };

  it("produces row values", () => {
    expect(parseWith(bundleOfferInputSchema, valid)).toEqual({
      ok: true,
      data: {
        name: "Holiday charm deal",
        triggerType: "kind",
        triggerValue: "tote",
        addonType: "kind",
        addonValue: "micro",
        discountType: "percent",
        discountValue: 15,
        maxAddonsPerTrigger: 2,
        activeFrom: Date.UTC(2026, 10, 1, 9, 0),
        activeUntil: Date.UTC(2026, 11, 1, 0, 0),
        priority: 10,
        enabled: true,
      },
    });
  });

  it("parses dollar amounts to cents, optional dates to null, a missing checkbox to off", () => {
    const { enabled: _enabled, ...rest } = valid;
    for (const [input, cents] of [["8", 800], ["8.5", 850], ["8.50", 850], ["$12", 1200], ["1,000", 100000]] as const) {
      const result = parseWith(bundleOfferInputSchema, {
        ...rest,
        discountType: "fixed",
        discountValue: input,
        activeFrom: "",
        activeUntil: "",
        priority: "",
      });
      expect(result).toMatchObject({ ok: true, data: { discountValue: cents, activeFrom: null, activeUntil: null, priority: 0, enabled: false } });
    }
  });

  it("normalises product ids, kinds and tags", () => {
    const result = parseWith(bundleOfferInputSchema, {
      ...valid,
      triggerType: "product",
      triggerValue: " 005 ",
      addonType: "products",
      addonValue: "16, 11 ,16",
    });
    expect(result).toMatchObject({ ok: true, data: { triggerValue: "5", addonValue: "11,16" } });
    expect(
      parseWith(bundleOfferInputSchema, { ...valid, triggerType: "tag", triggerValue: "Work", addonType: "kind", addonValue: "MICRO" }),
    ).toMatchObject({ ok: true, data: { triggerValue: "work", addonValue: "micro" } });
    expect(parseWith(bundleOfferInputSchema, { ...valid, priority: "-1000" })).toMatchObject({ ok: true, data: { priority: -1000 } });
  });

  it("round-trips an offer through offerFormValues", () => {
    const offer = offerFromRow(row({ id: 9, discountType: "fixed", discountValue: 850, activeFrom: Date.UTC(2026, 0, 2, 3, 4) }));
    const result = parseWith(bundleOfferInputSchema, offerFormValues(offer));
    expect(result.ok).toBe(true);
    if (result.ok) expect(offerFromRow({ id: 9, ...result.data })).toEqual(offer);
  });

  it.each<[string, Record<string, string>, string, RegExp]>([
    ["empty name", { name: "  " }, "name", /name/i],
    ["long name", { name: "x".repeat(121) }, "name", /120/],
    ["unknown trigger type", { triggerType: "colour" }, "triggerType", /triggers/i],
    ["product trigger not an id", { triggerType: "product", triggerValue: "tote" }, "triggerValue", /product/i],
    ["unknown kind", { triggerValue: "suitcase" }, "triggerValue", /kind of bag/i],
    ["bad tag", { triggerType: "tag", triggerValue: "two words" }, "triggerValue", /tag/i],
    ["unknown add-on type", { addonType: "all" }, "addonType", /which bags/i],
    ["empty product list", { addonType: "products", addonValue: "" }, "addonValue", /product ids/i],
    ["junk in product list", { addonType: "products", addonValue: "3,four" }, "addonValue", /product ids/i],
    ["percent 0", { discountValue: "0" }, "discountValue", /1 to 100/],
    ["percent 101", { discountValue: "101" }, "discountValue", /1 to 100/],
    ["fractional percent", { discountValue: "12.5" }, "discountValue", /whole number/],
    ["dollar amount with three decimals", { discountType: "fixed", discountValue: "8.505" }, "discountValue", /dollars/],
    ["zero dollar amount", { discountType: "fixed", discountValue: "0" }, "discountValue", /more than \$0/],
    ["unknown discount type", { discountType: "bogo" }, "discountType", /percentage or a fixed/i],
    ["zero add-ons", { maxAddonsPerTrigger: "0" }, "maxAddonsPerTrigger", /1 to 10/],
    ["eleven add-ons", { maxAddonsPerTrigger: "11" }, "maxAddonsPerTrigger", /1 to 10/],
    ["bad start", { activeFrom: "01/11/2026" }, "activeFrom", /date and time/],
    ["impossible date", { activeFrom: "2026-02-30T10:00" }, "activeFrom", /date and time/],
    ["bad end", { activeUntil: "tomorrow" }, "activeUntil", /date and time/],
    ["end before start", { activeUntil: "2026-10-01T00:00" }, "activeUntil", /after the start/],
    ["end equal to start", { activeUntil: "2026-11-01T09:00" }, "activeUntil", /after the start/],
    ["priority out of range", { priority: "1001" }, "priority", /-1000 to 1000/],
    ["priority not a number", { priority: "high" }, "priority", /whole number/],
    ["odd checkbox value", { enabled: "yes please" }, "enabled", /switch the offer on/],
  ])("refuses %s with a message on the field", (_name, overrides, field, message) => {
    const result = parseWith(bundleOfferInputSchema, { ...valid, ...overrides });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.fieldErrors)).toEqual([field]);
      expect(result.fieldErrors[field]).toMatch(message);
    }
  });

  it("reports every bad field at once", () => {
    const result = parseWith(bundleOfferInputSchema, {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.fieldErrors).sort()).toEqual(
        ["addonType", "discountType", "maxAddonsPerTrigger", "name", "triggerType"].sort(),
      );
    }
  });
});

describe("datetime-local helpers", () => {
  it("parse as UTC and format back", () => {
    expect(parseDateTimeLocal("2026-11-01T09:30")).toBe(Date.UTC(2026, 10, 1, 9, 30));
    expect(parseDateTimeLocal("2026-11-01T09:30:15")).toBe(Date.UTC(2026, 10, 1, 9, 30, 15));
    expect(parseDateTimeLocal("2026-11-01 09:30")).toBeNull();
    expect(parseDateTimeLocal("2026-13-01T09:30")).toBeNull();
    expect(parseDateTimeLocal("2026-11-01T24:00")).toBeNull();
    expect(toDateTimeLocal(Date.UTC(2026, 10, 1, 9, 30))).toBe("2026-11-01T09:30");
  });
});
