import { describe, expect, it } from "vitest";
import { escapeHtml, isWebUrl } from "~/domain/email-layout";
import { deliveryEstimate, renderEmail, type EmailOrder, type EmailShipment, type EmailView } from "~/domain/emails";

const HOSTILE = `<script>alert(1)</script>"&'`;

function order(overrides: Partial<EmailOrder> = {}): EmailOrder {
  return {
    number: "TC-7K2M",
    customerName: "Ada Lovelace",
    lines: [
      {
        productName: "Harbour Tote",
        colourName: "Sand",
        quantity: 1,
        unitPriceCents: 12_000,
        discountCents: 0,
        offerName: null,
        lineTotalCents: 12_000,
      },
      {
        productName: "Pebble micro bag",
        colourName: "Rose",
        quantity: 2,
        unitPriceCents: 2_400,
        discountCents: 960,
        offerName: "Tote + micro bag bundle",
        lineTotalCents: 3_840,
      },
    ],
    subtotalCents: 16_800,
    discountCents: 960,
    shippingName: "Standard",
    shippingCents: 595,
    taxCents: 1_250,
    totalCents: 17_685,
    address: ["Ada Lovelace", "1 Market Street", "12345 Springfield", "US"],
    orderUrl: "https://shop.example/orders/TC-7K2M?key=abc_DEF-123",
    delivery: { minDays: 3, maxDays: 5 },
    ...overrides,
  };
}

const shipment: EmailShipment = {
  carrierName: "UPS",
  trackingNumber: "1Z999AA10123456784",
  trackingUrl: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
  items: [{ productName: "Harbour Tote", colourName: "Sand", quantity: 1 }],
  completesOrder: false,
};

const everyTemplate: EmailView[] = [
  { template: "order_confirmation", order: order() },
  { template: "order_shipped", order: order(), shipment },
  { template: "order_delivered", order: order(), shipment },
  { template: "order_cancelled", order: order(), refundedCents: 17_685 },
  { template: "order_refunded", order: order(), refund: { amountCents: 2_400, items: [], wholeOrder: false } },
  { template: "order_unfulfillable", order: order(), refundCents: 17_685 },
];

describe("order confirmation", () => {
  const email = renderEmail({ template: "order_confirmation", order: order() });

  it("names the order in the subject", () => {
    expect(email.subject).toBe("Thank you! Order TC-7K2M is confirmed");
  });

  it("lists every line, the bundle savings, shipping, tax and the total in the text part", () => {
    expect(email.text).toContain("Hi Ada Lovelace,");
    expect(email.text).toContain("1 × Harbour Tote, Sand   $120.00");
    expect(email.text).toContain("2 × Pebble micro bag, Rose   $38.40");
    expect(email.text).toContain("Tote + micro bag bundle: −$9.60");
    expect(email.text).toContain("Subtotal: $168.00");
    expect(email.text).toContain("Bundle savings: −$9.60");
    expect(email.text).toContain("Shipping (Standard): $5.95");
    expect(email.text).toContain("Tax: $12.50");
    expect(email.text).toContain("Total: $176.85");
  });

  it("gives the address, the delivery estimate and the order page link", () => {
    expect(email.text).toContain("Shipping to\n  Ada Lovelace\n  1 Market Street\n  12345 Springfield\n  US");
    expect(email.text).toContain("3–5 business days");
    expect(email.text).toContain("See your order: https://shop.example/orders/TC-7K2M?key=abc_DEF-123");
    expect(email.html).toContain('href="https://shop.example/orders/TC-7K2M?key=abc_DEF-123"');
  });

  it("says free shipping and leaves out what does not apply", () => {
    const plain = renderEmail({
      template: "order_confirmation",
      order: order({ discountCents: 0, taxCents: 0, shippingCents: 0, delivery: null, address: [], customerName: null }),
    });
    expect(plain.text).toContain("Shipping (Standard): Free");
    expect(plain.text).not.toContain("Bundle savings");
    expect(plain.text).not.toContain("Tax:");
    expect(plain.text).not.toContain("Shipping to");
    expect(plain.text.startsWith("Hello,")).toBe(true);
  });
});

describe("shipping and delivery", () => {
  it("a shipped email lists the parcel and links the tracking page", () => {
    const email = renderEmail({ template: "order_shipped", order: order(), shipment });
    expect(email.subject).toBe("Part of order TC-7K2M is on its way");
    expect(email.text).toContain("In this parcel\n  - 1 × Harbour Tote, Sand");
    expect(email.text).toContain("with UPS, tracking number 1Z999AA10123456784");
    expect(email.text).toContain("Track your parcel: https://www.ups.com/track?tracknum=1Z999AA10123456784");
    expect(email.html).toContain('href="https://www.ups.com/track?tracknum=1Z999AA10123456784"');
    expect(email.text).toContain("3–5 business days");
    expect(email.text).toContain("See your order: https://shop.example/orders/TC-7K2M?key=abc_DEF-123");
  });

  it("the last parcel says the order is on its way", () => {
    const email = renderEmail({ template: "order_shipped", order: order(), shipment: { ...shipment, completesOrder: true, carrierName: null, trackingUrl: null } });
    expect(email.subject).toBe("Order TC-7K2M is on its way");
    expect(email.text).toContain("with our carrier");
    expect(email.text).not.toContain("Track your parcel");
  });

  it("a delivered email says so", () => {
    const email = renderEmail({ template: "order_delivered", order: order(), shipment });
    expect(email.subject).toBe("Order TC-7K2M has been delivered");
    expect(email.text).toContain("has been delivered");
    expect(email.text).toContain("1 × Harbour Tote, Sand");
  });

  it("a staff-typed tracking address that is not a web address is shown, never linked", () => {
    const email = renderEmail({ template: "order_shipped", order: order(), shipment: { ...shipment, trackingUrl: "javascript:alert(1)" } });
    expect(email.html).not.toContain('href="javascript:');
    expect(email.html).toContain("javascript:alert(1)");
  });
});

describe("cancellations and refunds", () => {
  it("a refund email gives the amount and the items", () => {
    const email = renderEmail({
      template: "order_refunded",
      order: order(),
      refund: { amountCents: 1_920, items: [{ productName: "Pebble micro bag", colourName: "Rose", quantity: 1 }], wholeOrder: false },
    });
    expect(email.subject).toBe("Your refund of $19.20 for order TC-7K2M");
    expect(email.text).toContain("We've refunded $19.20 of order TC-7K2M");
    expect(email.text).toContain("Refunded items\n  - 1 × Pebble micro bag, Rose");
    expect(email.text).toContain("Refund: $19.20");
  });

  it("a cancelled order says what was refunded", () => {
    const email = renderEmail({ template: "order_cancelled", order: order(), refundedCents: 17_685 });
    expect(email.subject).toBe("Order TC-7K2M has been cancelled");
    expect(email.text).toContain("We've refunded $176.85");
  });

  it("an order that could not be filled apologises and gives the full refund", () => {
    const email = renderEmail({ template: "order_unfulfillable", order: order(), refundCents: 17_685 });
    expect(email.subject).toBe("Sorry, we couldn't fill order TC-7K2M: you've been refunded");
    expect(email.text).toContain("sold out");
    expect(email.text).toContain("We've refunded the full $176.85");
    expect(email.text).toContain("2 × Pebble micro bag, Rose");
  });
});

describe("every template", () => {
  it.each(everyTemplate.map((v) => [v.template, v] as const))("%s: the shop's name, the reply line and the order link, in both parts", (_, view) => {
    const email = renderEmail(view);
    for (const part of [email.text, email.html]) {
      expect(part).toContain("Questions? Reply to this email.");
      expect(part).toContain("TC-7K2M");
    }
    expect(email.text).toContain("Tote & Charm");
    expect(email.html).toContain("Tote &amp; Charm");
    expect(email.text).toContain("https://shop.example/orders/TC-7K2M?key=abc_DEF-123");
    expect(email.subject).not.toMatch(/[\r\n]/);
  });

  it.each(everyTemplate.map((v) => [v.template, v] as const))("%s: HTML escapes names, addresses and product names", (_, view) => {
    const hostileLine = { ...order().lines[0]!, productName: HOSTILE, colourName: HOSTILE };
    const hostile = order({ customerName: HOSTILE, address: [HOSTILE, "1 Market Street"], lines: [hostileLine] });
    const items = [{ productName: HOSTILE, colourName: HOSTILE, quantity: 1 }];
    const withHostile = { ...view, order: hostile } as EmailView;
    if (withHostile.template === "order_shipped" || withHostile.template === "order_delivered") {
      withHostile.shipment = { ...shipment, items, trackingNumber: HOSTILE };
    }
    if (withHostile.template === "order_refunded") withHostile.refund = { ...withHostile.refund, items };
    const email = renderEmail(withHostile);
    expect(email.html).not.toContain("<script>");
    expect(email.html).not.toContain(`"&'`);
    expect(email.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;");
    // The text part keeps the name as typed.
    expect(email.text).toContain(`Hi ${HOSTILE},`);
  });
});

describe("helpers", () => {
  it("escapes the five HTML characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("links only web addresses", () => {
    expect(isWebUrl("https://example.com/t?x=1")).toBe(true);
    expect(isWebUrl("http://example.com")).toBe(true);
    expect(isWebUrl("javascript:alert(1)")).toBe(false);
    expect(isWebUrl("data:text/html,hi")).toBe(false);
    expect(isWebUrl('https://example.com/"onmouseover=x')).toBe(false);
  });

  it("words delivery estimates", () => {
    expect(deliveryEstimate({ minDays: 3, maxDays: 5 })).toBe("3–5 business days");
    expect(deliveryEstimate({ minDays: 1, maxDays: 1 })).toBe("1 business day");
    expect(deliveryEstimate({ minDays: 2, maxDays: 2 })).toBe("2 business days");
  });
});
