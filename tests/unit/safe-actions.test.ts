// The pure parts of safe actions, roles and offers by name: confirmation
// questions, splitting the confirmation off a form, the permission table,
// refund limits, and offer names checked against their discount.
import { describe, expect, it } from "vitest";
import { deleteQuestion, refundQuestion, splitConfirmation, stockQuestion } from "~/domain/confirmation";
import { generatedOfferName, offerNameProblem, productIdsToNames, productNamesToIds } from "~/domain/offer-admin";
import { can, PERMISSIONS, refundLimitProblem, ROLE_PERMISSIONS } from "~/domain/permissions";
import { STAFF_ROLE_OPTIONS } from "~/domain/staff";

describe("confirmation", () => {
  it("states exactly what a refund will do", () => {
    expect(refundQuestion({ amountCents: 2000, paymentMode: "stripe", cardLast4: "4242", restock: [{ quantity: 1, name: "Lime Micro Duffle" }], shippingCents: 0 })).toEqual({
      question: "Refund $20.00 to the card ending 4242 and put 1 × Lime Micro Duffle back in stock?",
      yes: "Yes, refund $20.00",
    });
    expect(refundQuestion({ amountCents: 2595, paymentMode: "stripe", restock: [], shippingCents: 595 }).question).toBe(
      "Refund $25.95, shipping of $5.95 included, to the original payment through Stripe?",
    );
    expect(stockQuestion({ sku: "MIC-X", onHandBefore: 3, onHandAfter: 2, reasonLabel: "Damaged" }).question).toBe("Remove 1 unit of MIC-X (damaged): on hand 3 → 2?");
    expect(deleteQuestion("the colour Plum").question).toBe("Delete the colour Plum?");
  });

  it("splits the confirmation and token off the form; only confirm=yes confirms and only a well-formed token counts", () => {
    expect(splitConfirmation({ a: "1", confirm: "yes", formToken: "x".repeat(32) })).toEqual({ confirmed: true, token: "x".repeat(32), rest: { a: "1" } });
    expect(splitConfirmation({ confirm: "YES", formToken: "short" })).toEqual({ confirmed: false, token: null, rest: {} });
  });
});

describe("permissions", () => {
  it("the owner has everything; every role's permissions are known ones", () => {
    expect(PERMISSIONS.every((p) => can("owner", p))).toBe(true);
    for (const role of STAFF_ROLE_OPTIONS) for (const p of ROLE_PERMISSIONS[role]) expect(PERMISSIONS).toContain(p);
  });

  it("caps support refunds at the owner's limit, and nobody else's", () => {
    expect(refundLimitProblem("support", 5000, 5000)).toBeNull();
    expect(refundLimitProblem("support", 5001, 5000)).toBe("Your role can refund at most $50.00 at a time; this refund is $50.01. Ask a manager or the owner.");
    expect(refundLimitProblem("manager", 999_999, 0)).toBeNull();
  });
});

describe("offer names", () => {
  it("are checked against the discount", () => {
    expect(offerNameProblem("$12 off a micro bag", { discountType: "fixed", discountValue: 1500 })).toMatch(/^The name says “\$12” but the discount is \$15 off/);
    expect(offerNameProblem("$15 off a micro bag", { discountType: "fixed", discountValue: 1500 })).toBeNull();
    expect(offerNameProblem("$8.50 off", { discountType: "fixed", discountValue: 850 })).toBeNull();
    expect(offerNameProblem("15% off", { discountType: "percent", discountValue: 20 })).toMatch(/“15%”/);
    expect(offerNameProblem("15 % off", { discountType: "fixed", discountValue: 1500 })).toMatch(/“15 %”/);
    expect(offerNameProblem("Charm season", { discountType: "percent", discountValue: 20 })).toBeNull();
  });

  it("are made from the discount when left empty", () => {
    const base = { name: "", maxAddonsPerTrigger: 1, activeFrom: null, activeUntil: null, priority: 0, enabled: true } as const;
    expect(generatedOfferName({ ...base, triggerType: "kind", triggerValue: "tote", addonType: "kind", addonValue: "micro", discountType: "percent", discountValue: 15 }, new Map())).toBe(
      "15% off micro bags with any tote",
    );
    expect(
      generatedOfferName({ ...base, triggerType: "product", triggerValue: "3", addonType: "products", addonValue: "7", discountType: "fixed", discountValue: 850 }, new Map([[3, "Calfskin Classic Tote"], [7, "Micro Saddle"]])),
    ).toBe("$8.50 off Micro Saddle with Calfskin Classic Tote");
  });

  it("products go from names to ids and back", () => {
    const products = [{ id: 3, name: "Calfskin Classic Tote" }, { id: 7, name: "Micro Saddle" }];
    expect(productNamesToIds({ triggerType: "product", triggerValue: "calfskin classic tote", addonType: "products", addonValue: "Micro Saddle, 3" }, products)).toEqual({
      fields: { triggerType: "product", triggerValue: "3", addonType: "products", addonValue: "7,3" },
      fieldErrors: {},
    });
    expect(productNamesToIds({ triggerType: "product", triggerValue: "Nope" }, products).fieldErrors.triggerValue).toMatch(/No product is called “Nope”/);
    expect(productIdsToNames({ triggerType: "product", triggerValue: "3", addonType: "products", addonValue: "7,3" }, products)).toMatchObject({
      triggerValue: "Calfskin Classic Tote",
      addonValue: "Micro Saddle, Calfskin Classic Tote",
    });
  });
});
