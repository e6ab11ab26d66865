// The card a payment was charged on: read from Stripe's genuine objects
// (tests/fixtures/stripe), worded for staff and shoppers, never invented.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { refundQuestion } from "~/domain/confirmation";
import { renderEmail, type EmailOrder } from "~/domain/emails";
import { cardBrandName, cardLabel, cardOfPaymentIntent } from "~/domain/payment-card";

const fixture = (name: string) => JSON.parse(fs.readFileSync(path.resolve(__dirname, `../fixtures/stripe/${name}.json`), "utf8"));

describe("cardOfPaymentIntent", () => {
  it("reads brand and last four from the expanded latest charge", () => {
    const intent = { ...fixture("payment_intent"), latest_charge: fixture("charge") };
    expect(cardOfPaymentIntent(intent)).toEqual({ brand: "visa", last4: "4242" });
  });

  it("knows nothing when the charge is not expanded, missing, not a card, or its last four are not four digits", () => {
    const charge = fixture("charge");
    expect(cardOfPaymentIntent(fixture("payment_intent"))).toBeNull(); // latest_charge: null
    expect(cardOfPaymentIntent({ ...fixture("payment_intent"), latest_charge: charge.id })).toBeNull();
    expect(cardOfPaymentIntent({ ...fixture("payment_intent"), latest_charge: { ...charge, payment_method_details: { type: "link", link: {} } } })).toBeNull();
    const odd = { ...charge, payment_method_details: { ...charge.payment_method_details, card: { ...charge.payment_method_details.card, last4: "42a2" } } };
    expect(cardOfPaymentIntent({ ...fixture("payment_intent"), latest_charge: odd })).toBeNull();
    expect(cardOfPaymentIntent(null)).toBeNull();
    expect(cardOfPaymentIntent("pi_123")).toBeNull();
  });

  it("an 'unknown' brand keeps the last four but no brand", () => {
    const charge = fixture("charge");
    const unknown = { ...charge, payment_method_details: { ...charge.payment_method_details, card: { ...charge.payment_method_details.card, brand: "unknown" } } };
    expect(cardOfPaymentIntent({ ...fixture("payment_intent"), latest_charge: unknown })).toEqual({ brand: null, last4: "4242" });
  });
});

describe("wording", () => {
  it("names the brand when known, the card alone when not, and nothing without the last four", () => {
    expect(cardLabel({ brand: "visa", last4: "4242" })).toBe("Visa card ending 4242");
    expect(cardLabel({ brand: "amex", last4: "0005" })).toBe("American Express card ending 0005");
    expect(cardLabel({ brand: null, last4: "4242" })).toBe("card ending 4242");
    expect(cardLabel({ brand: "visa", last4: null })).toBeNull();
    expect(cardBrandName("new_network")).toBe("New network");
  });

  it("the refund question says where the money goes", () => {
    const base = { amountCents: 2000, paymentMode: "stripe" as const, restock: [{ quantity: 1, name: "Lime Micro Duffle" }], shippingCents: 0 };
    expect(refundQuestion({ ...base, cardBrand: "visa", cardLast4: "4242" }).question).toBe(
      "Refund $20.00 to the Visa card ending 4242 and put 1 × Lime Micro Duffle back in stock?",
    );
    expect(refundQuestion({ ...base, cardBrand: null, cardLast4: null }).question).toBe(
      "Refund $20.00 to the original payment through Stripe and put 1 × Lime Micro Duffle back in stock?",
    );
  });

  it("the refund email names the card when known, and reads well when not", () => {
    const order: EmailOrder = {
      number: "TC-7K2M",
      customerName: "Ada",
      lines: [],
      subtotalCents: 2000,
      discountCents: 0,
      shippingName: null,
      shippingCents: 0,
      taxCents: 0,
      totalCents: 2000,
      address: [],
      orderUrl: "https://shop.example/orders/TC-7K2M?key=k",
      delivery: null,
    };
    const refund = { amountCents: 2000, items: [], wholeOrder: true };
    expect(renderEmail({ template: "order_refunded", order: { ...order, card: "Visa card ending 4242" }, refund }).text).toContain(
      "We've refunded $20.00 for order TC-7K2M to your Visa card ending 4242.",
    );
    expect(renderEmail({ template: "order_refunded", order, refund }).text).toContain("We've refunded $20.00 for order TC-7K2M to the card you paid with.");
  });
});
