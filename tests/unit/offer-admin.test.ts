import { describe, expect, it } from "vitest";
import { offerFromRow, type BundleOfferRow } from "~/domain/bundle-offers";
import { parseWith } from "~/web/forms";
import {
  describeAddons,
  describeTrigger,
  describeWindow,
  formatPercent,
  holdoutPercentSchema,
  missingProductErrors,
  previewBundle,
} from "~/domain/offer-admin";

const NOW = Date.UTC(2026, 5, 1, 12);

function offer(overrides: Partial<BundleOfferRow> = {}) {
  return offerFromRow({
    id: 1,
    name: "15% off a micro bag with any tote",
    triggerType: "kind",
    triggerValue: "tote",
    addonType: "kind",
    addonValue: "micro",
    discountType: "percent",
    discountValue: 15,
    maxAddonsPerTrigger: 2,
    activeFrom: null,
    activeUntil: null,
    priority: 0,
    enabled: true,
    ...overrides,
  });
}

const names = new Map([
  [5, "Calfskin Classic Tote"],
  [20, "Micro Saddle"],
  [21, "Chain-Strap Micro Flap"],
]);

describe("describing offers", () => {
  it("names triggers and add-ons in the shop's words", () => {
    expect(describeTrigger(offer(), names)).toBe("Any tote");
    expect(describeTrigger(offer({ triggerType: "kind", triggerValue: "micro" }), names)).toBe("Any micro bag");
    expect(describeTrigger(offer({ triggerType: "product", triggerValue: "5" }), names)).toBe("Calfskin Classic Tote");
    expect(describeTrigger(offer({ triggerType: "product", triggerValue: "9" }), names)).toBe("Product #9 (missing)");
    expect(describeTrigger(offer({ triggerType: "tag", triggerValue: "everyday" }), names)).toBe("Bags tagged everyday");
    expect(describeAddons(offer(), names)).toBe("Micro bags");
    expect(describeAddons(offer({ addonType: "products", addonValue: "21,20" }), names)).toBe("Micro Saddle, Chain-Strap Micro Flap");
    expect(describeAddons(offer({ addonType: "tag", addonValue: "kids" }), names)).toBe("Bags tagged kids");
  });

  it("describes the active window in UTC", () => {
    const from = Date.UTC(2026, 10, 1, 9);
    const until = Date.UTC(2026, 10, 30, 23, 59);
    expect(describeWindow({ activeFrom: null, activeUntil: null })).toBe("Always");
    expect(describeWindow({ activeFrom: from, activeUntil: null })).toBe("From 2026-11-01 09:00 UTC");
    expect(describeWindow({ activeFrom: null, activeUntil: until })).toBe("Until 2026-11-30 23:59 UTC");
    expect(describeWindow({ activeFrom: from, activeUntil: until })).toBe("2026-11-01 09:00 UTC to 2026-11-30 23:59 UTC");
  });
});

describe("missingProductErrors", () => {
  const known = new Set([5, 20, 21]);
  it("flags product ids the shop doesn't have, per field", () => {
    expect(missingProductErrors({ triggerType: "product", triggerValue: "5", addonType: "products", addonValue: "20,21" }, known)).toEqual({});
    expect(missingProductErrors({ triggerType: "product", triggerValue: "6", addonType: "products", addonValue: "20,98,99" }, known)).toEqual({
      triggerValue: "There is no product with id 6.",
      addonValue: "There are no products with ids 98, 99.",
    });
    expect(missingProductErrors({ triggerType: "kind", triggerValue: "tote", addonType: "products", addonValue: "7" }, known)).toEqual({
      addonValue: "There is no product with id 7.",
    });
    expect(missingProductErrors({ triggerType: "tag", triggerValue: "7", addonType: "kind", addonValue: "micro" }, known)).toEqual({});
  });
});

describe("previewBundle", () => {
  const tote = { variantId: 100, product: { id: 5, kind: "tote", tags: ["everyday"], name: "Tote" }, unitPriceCents: 12000 };
  const micro = { variantId: 200, product: { id: 20, kind: "micro", tags: ["charm"], name: "Micro" }, unitPriceCents: 4500 };

  it("prices the pair with the offer through priceCart", () => {
    expect(previewBundle(tote, micro, offer(), NOW)).toEqual({ regularCents: 16500, discountCents: 675, bundleCents: 15825, active: true, applies: true });
    expect(previewBundle(tote, micro, offer({ discountType: "fixed", discountValue: 800 }), NOW)).toMatchObject({ discountCents: 800, bundleCents: 15700 });
    // A fixed discount never goes above the micro bag's price.
    expect(previewBundle(tote, micro, offer({ discountType: "fixed", discountValue: 9000 }), NOW)).toMatchObject({ discountCents: 4500, bundleCents: 12000 });
  });

  it("gives no discount when the offer is off, out of its dates or not for this pair", () => {
    expect(previewBundle(tote, micro, offer({ enabled: false }), NOW)).toEqual({ regularCents: 16500, discountCents: 0, bundleCents: 16500, active: false, applies: false });
    expect(previewBundle(tote, micro, offer({ activeFrom: NOW + 1 }), NOW)).toMatchObject({ active: false, applies: false });
    expect(previewBundle(tote, micro, offer({ activeUntil: NOW }), NOW)).toMatchObject({ active: false });
    expect(previewBundle(tote, micro, offer({ addonType: "tag", addonValue: "kids" }), NOW)).toMatchObject({ active: true, applies: false, discountCents: 0 });
  });
});

describe("holdout share", () => {
  it.each([
    ["0", 0],
    ["2.5", 2.5],
    ["10 %", 10],
    [" 50 ", 50],
    ["49.9", 49.9],
  ])("reads %j", (text, value) => {
    expect(parseWith(holdoutPercentSchema, { holdoutPercent: text })).toEqual({ ok: true, data: { holdoutPercent: value } });
  });

  it.each(["", "-1", "2.55", "50.1", "51", "100", "abc", "1e2", "5,5"])("refuses %j with a field message", (text) => {
    const result = parseWith(holdoutPercentSchema, { holdoutPercent: text });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors.holdoutPercent).toMatch(/percentage|at most 50/);
  });

  it("formats it back", () => {
    expect([0, 2.5, 10, 33.3].map(formatPercent)).toEqual(["0", "2.5", "10", "33.3"]);
  });
});
