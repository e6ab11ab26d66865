import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkoutSessionSchema, sessionNews } from "~/domain/stripe-objects";

const fixture = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../fixtures/stripe/checkout_session.json"), "utf8"));

describe("sessionNews: shipping and tax", () => {
  it("reads Stripe's shipping_cost (before tax) and total_details.amount_tax", () => {
    const session = checkoutSessionSchema.parse({
      ...fixture,
      shipping_cost: { amount_subtotal: 800, amount_tax: 64, amount_total: 864, shipping_rate: "shr_123" },
      total_details: { amount_discount: 0, amount_shipping: 800, amount_tax: 456 },
    });
    expect(sessionNews(session)).toMatchObject({ shippingCents: 800, shippingMethodId: null, taxCents: 456 });
  });

  it("takes the method id from an expanded rate's metadata", () => {
    const session = checkoutSessionSchema.parse({
      ...fixture,
      shipping_cost: { amount_subtotal: 2000, amount_total: 2000, shipping_rate: { id: "shr_1", object: "shipping_rate", metadata: { shipping_method_id: "2" } } },
    });
    expect(sessionNews(session)).toMatchObject({ shippingCents: 2000, shippingMethodId: 2 });
    const odd = checkoutSessionSchema.parse({ ...fixture, shipping_cost: { amount_total: 5, shipping_rate: { id: "shr_1", metadata: { shipping_method_id: "2; drop" } } } });
    expect(sessionNews(odd)).toMatchObject({ shippingCents: 5, shippingMethodId: null });
  });

  it("still reads sessions without shipping or tax", () => {
    const { shipping_cost: _s, total_details: _t, ...old } = fixture;
    expect(sessionNews(checkoutSessionSchema.parse(old))).toMatchObject({ shippingCents: null, taxCents: 0 });
    expect(sessionNews(checkoutSessionSchema.parse({ ...old, shipping_cost: null, total_details: null }))).toMatchObject({ shippingCents: null, taxCents: 0 });
  });

  it("refuses a negative or fractional shipping amount", () => {
    expect(checkoutSessionSchema.safeParse({ ...fixture, shipping_cost: { amount_total: -1 } }).success).toBe(false);
    expect(checkoutSessionSchema.safeParse({ ...fixture, total_details: { amount_tax: 1.5 } }).success).toBe(false);
  });
});
