import { describe, expect, it } from "vitest";
import {
  AFTER_PAYMENT_WINDOW_MS,
  addonPaymentRefusal,
  afterPaymentPrice,
  afterPaymentState,
  offerClosesText,
} from "~/domain/after-payment";
import type { BundleOffer } from "~/domain/bundle-offers";
import { renderEmail } from "~/domain/emails";

const PAID_AT = Date.UTC(2026, 11, 2, 14, 5);
const paid = { status: "paid", fulfilmentStatus: "unfulfilled", paidAt: PAID_AT, refundedCents: 0 };

const offer = (over: Partial<BundleOffer> = {}): BundleOffer => ({
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
  ...over,
});
const tote = { id: 10, kind: "tote", tags: [] as string[] };
const micro = { id: 20, kind: "micro", tags: [] as string[] };
const toteLine = { productId: 10, productKind: "tote", quantity: 1, offerId: null };

describe("afterPaymentState", () => {
  it("is open for 24 hours after payment, then closed with a message", () => {
    expect(afterPaymentState(paid, PAID_AT + 1000)).toEqual({ open: true, closesAt: PAID_AT + AFTER_PAYMENT_WINDOW_MS });
    expect(afterPaymentState(paid, PAID_AT + AFTER_PAYMENT_WINDOW_MS - 1).open).toBe(true);
    expect(afterPaymentState(paid, PAID_AT + AFTER_PAYMENT_WINDOW_MS)).toMatchObject({ open: false, reason: "expired" });
  });
  it("closes once anything shipped, or the order was refunded or cancelled", () => {
    expect(afterPaymentState({ ...paid, fulfilmentStatus: "partially_fulfilled" }, PAID_AT)).toMatchObject({ open: false, reason: "shipped" });
    expect(afterPaymentState({ ...paid, fulfilmentStatus: "fulfilled" }, PAID_AT)).toMatchObject({ open: false, reason: "shipped" });
    expect(afterPaymentState({ ...paid, fulfilmentStatus: "cancelled" }, PAID_AT)).toMatchObject({ open: false, reason: "refunded" });
    expect(afterPaymentState({ ...paid, status: "partially_refunded", refundedCents: 100 }, PAID_AT)).toMatchObject({ open: false, reason: "refunded" });
    expect(afterPaymentState({ ...paid, status: "pending", paidAt: null }, PAID_AT)).toMatchObject({ open: false, reason: "not_paid" });
  });
});

describe("addonPaymentRefusal", () => {
  it("keeps a payment only while the first order is unshipped and not refunded, and never twice for one micro bag", () => {
    expect(addonPaymentRefusal(paid, false)).toBeNull();
    expect(addonPaymentRefusal({ ...paid, status: "partially_refunded" }, false)).toBeNull();
    expect(addonPaymentRefusal(paid, true)).toMatch(/already paid/);
    expect(addonPaymentRefusal({ ...paid, fulfilmentStatus: "fulfilled" }, false)).toMatch(/shipped/);
    expect(addonPaymentRefusal({ ...paid, status: "refunded" }, false)).toMatch(/refunded/);
  });
});

describe("afterPaymentPrice", () => {
  const base = { totes: [tote], micro, unitPriceCents: 4500, now: PAID_AT };
  it("gives the tote's bundle price (15% off $45.00 = $38.25)", () => {
    expect(afterPaymentPrice({ ...base, lines: [toteLine], offers: [offer()] })).toMatchObject({ priceCents: 3825, discountCents: 675 });
  });
  it("charges the regular price once the offer's allowance is used up by the order", () => {
    const used = { productId: 21, productKind: "micro", quantity: 2, offerId: 1 };
    expect(afterPaymentPrice({ ...base, lines: [toteLine, used], offers: [offer()] })).toMatchObject({ priceCents: 4500, offer: null });
    // One tote, one used of two: still the bundle price.
    expect(afterPaymentPrice({ ...base, lines: [toteLine, { ...used, quantity: 1 }], offers: [offer()] }).priceCents).toBe(3825);
  });
  it("takes the best active offer, ignoring ended ones and orders without a tote", () => {
    const better = offer({ id: 2, discount: { type: "percent", percent: 20 }, trigger: { type: "product", productId: 10 }, maxAddonsPerTrigger: 1 });
    const ended = offer({ id: 3, discount: { type: "percent", percent: 50 }, activeUntil: PAID_AT - 1 });
    expect(afterPaymentPrice({ ...base, lines: [toteLine], offers: [offer(), better, ended] })).toMatchObject({ priceCents: 3600 });
    expect(afterPaymentPrice({ ...base, totes: [], lines: [], offers: [offer()] }).priceCents).toBe(4500);
  });
});

describe("offer wording", () => {
  it("says when the offer closes, in UTC", () => {
    expect(offerClosesText(PAID_AT + AFTER_PAYMENT_WINDOW_MS)).toBe("until 3 Dec, 14:05 UTC");
  });
  it("puts the offer and its link in the confirmation email", () => {
    const email = renderEmail({
      template: "order_confirmation",
      order: {
        number: "TC-ABCDEF",
        customerName: "Ada",
        lines: [],
        subtotalCents: 12000,
        discountCents: 0,
        shippingName: null,
        shippingCents: 0,
        taxCents: 0,
        totalCents: 12000,
        address: [],
        orderUrl: "https://shop.example/orders/TC-ABCDEF?key=k",
        delivery: null,
      },
      afterPayment: {
        items: [{ productName: "Micro Duffle", colourName: "Lime", priceCents: 3825, regularPriceCents: 4500 }],
        url: "https://shop.example/orders/TC-ABCDEF?key=k#add-on",
        closes: "until 3 Dec, 14:05 UTC",
      },
    });
    expect(email.text).toContain("Micro Duffle, Lime: $38.25 (regular $45.00)");
    expect(email.text).toContain("https://shop.example/orders/TC-ABCDEF?key=k#add-on");
    expect(email.html).toContain("Add to my order");
  });
});
