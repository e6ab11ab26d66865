import { describe, expect, it } from "vitest";
import {
  CARRIERS,
  deliveryEstimate,
  formKeyIssuedAt,
  fulfilmentStatusFrom,
  isFreshFormKey,
  pickList,
  planShipment,
  remainingQuantities,
  shipmentEditSchema,
  shipmentFormKey,
  shipmentFormSchema,
  shopperStatus,
  trackingUrl,
} from "~/domain/fulfilment";
import { parsePickListQuery } from "~/domain/order-admin";
import { CARRIERS as SCHEMA_CARRIERS, FULFILMENT_STATUSES } from "../../db/schema";
import { FULFILMENT_STATUSES as DOMAIN_STATUSES } from "~/domain/fulfilment";

const LINES = [
  { id: 1, quantity: 2, restockedQuantity: 0 },
  { id: 2, quantity: 3, restockedQuantity: 1 },
];
const PAID = { status: "paid", fulfilmentStatus: "unfulfilled" };
const NOW = Date.UTC(2026, 11, 2, 12, 0);
const KEY = shipmentFormKey(NOW, "abcdefghijklmnopqrstuvwx");

describe("the carriers and statuses", () => {
  it("match the schema", () => {
    expect([...CARRIERS]).toEqual([...SCHEMA_CARRIERS]);
    expect([...DOMAIN_STATUSES]).toEqual([...FULFILMENT_STATUSES]);
  });
});

describe("remaining quantities and fulfilment status", () => {
  it("leaves bought less put back less shipped, never below 0", () => {
    expect(remainingQuantities(LINES, new Map())).toEqual(new Map([[1, 2], [2, 2]]));
    expect(remainingQuantities(LINES, new Map([[1, 1], [2, 2]]))).toEqual(new Map([[1, 1], [2, 0]]));
    expect(remainingQuantities(LINES, new Map([[1, 5]]))).toEqual(new Map([[1, 0], [2, 2]]));
  });

  it("is unfulfilled, partly, fully shipped, or cancelled", () => {
    expect(fulfilmentStatusFrom({ cancelled: false, lines: LINES, shipped: new Map() })).toBe("unfulfilled");
    expect(fulfilmentStatusFrom({ cancelled: false, lines: LINES, shipped: new Map([[1, 2]]) })).toBe("partially_fulfilled");
    expect(fulfilmentStatusFrom({ cancelled: false, lines: LINES, shipped: new Map([[1, 2], [2, 2]]) })).toBe("fulfilled");
    expect(fulfilmentStatusFrom({ cancelled: true, lines: LINES, shipped: new Map() })).toBe("cancelled");
  });

  it("counts a refund that put units back: shipping the rest fulfils the order", () => {
    const refunded = [{ id: 1, quantity: 2, restockedQuantity: 1 }];
    expect(fulfilmentStatusFrom({ cancelled: false, lines: refunded, shipped: new Map([[1, 1]]) })).toBe("fulfilled");
    // Nothing shipped is unfulfilled, even when nothing is left.
    expect(fulfilmentStatusFrom({ cancelled: false, lines: [{ id: 1, quantity: 1, restockedQuantity: 1 }], shipped: new Map() })).toBe("unfulfilled");
  });
});

describe("tracking addresses", () => {
  it("are built per carrier with the number URL-encoded", () => {
    expect(trackingUrl("usps", "9400 1000/0&x")).toBe("https://tools.usps.com/go/TrackConfirmAction?tLabels=9400%201000%2F0%26x");
    expect(trackingUrl("ups", "1Z999AA10123456784")).toBe("https://www.ups.com/track?tracknum=1Z999AA10123456784");
    expect(trackingUrl("fedex", "1234 5678")).toBe("https://www.fedex.com/fedextrack/?trknbr=1234%205678");
    expect(trackingUrl("dhl", "JD014600006281230704")).toBe("https://www.dhl.com/en/express/tracking.html?AWB=JD014600006281230704");
    expect(trackingUrl("royal_mail", "AB 1234 5678 9GB")).toBe("https://www.royalmail.com/track-your-item#/tracking-results/AB%201234%205678%209GB");
    expect(trackingUrl("ups", "#?=")).toBe("https://www.ups.com/track?tracknum=%23%3F%3D");
  });

  it("for other: the https address staff gave, or none", () => {
    expect(trackingUrl("other", "X1", "https://track.example.com/X1")).toBe("https://track.example.com/X1");
    expect(trackingUrl("other", "X1")).toBeNull();
    expect(trackingUrl("other", null, "http://track.example.com/X1")).toBeNull();
    expect(trackingUrl("other", null, "javascript:alert(1)")).toBeNull();
    expect(trackingUrl("usps", null)).toBeNull();
  });
});

describe("the shipment form", () => {
  const parse = (fields: Record<string, string>) => shipmentFormSchema.safeParse({ formKey: KEY, ...fields });
  const errors = (fields: Record<string, string>) => {
    const r = parse(fields);
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
  };

  it("reads the items, carrier and tracking", () => {
    const r = parse({ carrier: "ups", trackingNumber: "  1Z 999  AA1 ", "ship-2": "1", "ship-1": "2", "ship-3": "", "ship-4": "0" });
    expect(r.success && r.data).toEqual({
      carrier: "ups",
      trackingNumber: "1Z 999 AA1",
      trackingUrl: null,
      quantities: [{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 1 }],
      formKey: KEY,
    });
  });

  it("refuses an unknown carrier, an empty number for a carrier that needs one, bad numbers and addresses", () => {
    expect(errors({ carrier: "pigeon", trackingNumber: "1", "ship-1": "1" })).toHaveProperty("carrier");
    for (const carrier of ["usps", "ups", "fedex", "dhl", "royal_mail"]) {
      expect(errors({ carrier, trackingNumber: "  ", "ship-1": "1" }), carrier).toHaveProperty("trackingNumber");
    }
    expect(errors({ carrier: "other", trackingNumber: "", "ship-1": "1" })).toEqual({});
    expect(errors({ carrier: "usps", trackingNumber: "x".repeat(41), "ship-1": "1" })).toHaveProperty("trackingNumber");
    expect(errors({ carrier: "usps", trackingNumber: "x".repeat(40), "ship-1": "1" })).toEqual({});
    expect(errors({ carrier: "usps", trackingNumber: "<script>", "ship-1": "1" })).toHaveProperty("trackingNumber");
    expect(errors({ carrier: "other", trackingUrl: "http://x.example.com", "ship-1": "1" })).toHaveProperty("trackingUrl");
    expect(errors({ carrier: "usps", trackingNumber: "1", trackingUrl: "https://x.example.com", "ship-1": "1" })).toHaveProperty("trackingUrl");
    expect(errors({ carrier: "usps", trackingNumber: "1", "ship-1": "-1" })).toHaveProperty("ship-1");
    expect(errors({ carrier: "usps", trackingNumber: "1", "ship-1": "1.5" })).toHaveProperty("ship-1");
    expect(errors({ carrier: "usps", trackingNumber: "1", price: "0" })).toHaveProperty("_form");
    expect(shipmentFormSchema.safeParse({ carrier: "usps", trackingNumber: "1", formKey: "nope" }).success).toBe(false);
  });

  it("form keys carry their issue time and expire after a day", () => {
    expect(formKeyIssuedAt(KEY)).toBe(NOW);
    expect(isFreshFormKey(KEY, NOW)).toBe(true);
    expect(isFreshFormKey(KEY, NOW + 24 * 3600_000)).toBe(true);
    expect(isFreshFormKey(KEY, NOW + 24 * 3600_000 + 1)).toBe(false);
    expect(isFreshFormKey(KEY, NOW - 10 * 60_000)).toBe(false);
    expect(formKeyIssuedAt("abcdefghijklmnopqrstuvwx")).toBeNull();
  });

  it("the shipment edit form: tracking or delivered", () => {
    expect(shipmentEditSchema.safeParse({ intent: "delivered" }).data).toEqual({ intent: "delivered" });
    expect(shipmentEditSchema.safeParse({ intent: "tracking", carrier: "dhl", trackingNumber: "JD1" }).data).toEqual({
      intent: "tracking",
      tracking: { carrier: "dhl", trackingNumber: "JD1", trackingUrl: null },
    });
    expect(shipmentEditSchema.safeParse({ intent: "tracking", carrier: "dhl", trackingNumber: "" }).success).toBe(false);
    expect(shipmentEditSchema.safeParse({ intent: "delete" }).success).toBe(false);
  });
});

describe("planning a shipment", () => {
  it("allows up to what is left of each line, exactly at the boundary", () => {
    expect(planShipment(PAID, LINES, new Map(), { quantities: [{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 2 }] })).toEqual({
      ok: true,
      lines: [{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 2 }],
    });
    const over = planShipment(PAID, LINES, new Map([[1, 1]]), { quantities: [{ lineId: 1, quantity: 2 }] });
    expect(over).toMatchObject({ ok: false, status: 400, fieldErrors: { "ship-1": "Only 1 left to ship." } });
    // Line 2: 3 bought, 1 put back by a refund: 2 can ship.
    expect(planShipment(PAID, LINES, new Map(), { quantities: [{ lineId: 2, quantity: 3 }] })).toMatchObject({ ok: false, fieldErrors: { "ship-2": "Only 2 left to ship." } });
  });

  it("refuses nothing chosen, lines of other orders, unpaid, refunded and cancelled orders, and fully shipped ones", () => {
    expect(planShipment(PAID, LINES, new Map(), { quantities: [] })).toMatchObject({ ok: false, status: 400 });
    expect(planShipment(PAID, LINES, new Map(), { quantities: [{ lineId: 9, quantity: 1 }] })).toMatchObject({ ok: false, status: 400 });
    for (const status of ["pending", "expired", "payment_failed", "refunded"]) {
      expect(planShipment({ status, fulfilmentStatus: "unfulfilled" }, LINES, new Map(), { quantities: [{ lineId: 1, quantity: 1 }] }), status).toMatchObject({ ok: false, status: 409 });
    }
    expect(planShipment({ status: "partially_refunded", fulfilmentStatus: "unfulfilled" }, LINES, new Map(), { quantities: [{ lineId: 1, quantity: 1 }] }).ok).toBe(true);
    expect(planShipment({ status: "paid", fulfilmentStatus: "cancelled" }, LINES, new Map(), { quantities: [{ lineId: 1, quantity: 1 }] })).toMatchObject({ ok: false, status: 409 });
    expect(planShipment(PAID, LINES, new Map([[1, 2], [2, 2]]), { quantities: [{ lineId: 1, quantity: 1 }] })).toMatchObject({ ok: false, status: 409 });
  });
});

describe("pick lists", () => {
  it("sum units by SKU, skip nothing-to-pack lines, sorted by SKU", () => {
    expect(
      pickList([
        { sku: "TOT-B", productName: "Tote", colourName: "Black", quantity: 1 },
        { sku: "MIC-A", productName: "Micro", colourName: "Red", quantity: 2 },
        { sku: "TOT-B", productName: "Tote", colourName: "Black", quantity: 3 },
        { sku: "MIC-Z", productName: "Micro", colourName: "Blue", quantity: 0 },
      ]),
    ).toEqual([
      { sku: "MIC-A", productName: "Micro", colourName: "Red", quantity: 2 },
      { sku: "TOT-B", productName: "Tote", colourName: "Black", quantity: 4 },
    ]);
  });

  it("read their orders from the address", () => {
    expect(parsePickListQuery(new URLSearchParams("order=tc-abcdef&order=TC-ABCDEF&order=TC-234567"))).toEqual({ ok: true, numbers: ["TC-ABCDEF", "TC-234567"] });
    expect(parsePickListQuery(new URLSearchParams("")).ok).toBe(false);
    expect(parsePickListQuery(new URLSearchParams("order=nope")).ok).toBe(false);
    expect(parsePickListQuery(new URLSearchParams("order=TC-ABCDEF&x=1")).ok).toBe(false);
    expect(parsePickListQuery(new URLSearchParams(Array.from({ length: 51 }, () => ["order", "TC-ABCDEF"]))).ok).toBe(false);
  });
});

describe("the shopper's words", () => {
  const base = { status: "paid", fulfilmentStatus: "unfulfilled" as const, refundedCents: 0, shipments: [] };
  it("say paid, shipped, delivered, refunded or cancelled", () => {
    expect(shopperStatus(base).key).toBe("paid");
    expect(shopperStatus({ ...base, fulfilmentStatus: "partially_fulfilled", shipments: [{ deliveredAt: null }] }).key).toBe("partly_shipped");
    expect(shopperStatus({ ...base, fulfilmentStatus: "fulfilled", shipments: [{ deliveredAt: null }] }).key).toBe("shipped");
    expect(shopperStatus({ ...base, fulfilmentStatus: "fulfilled", shipments: [{ deliveredAt: 1 }] }).key).toBe("delivered");
    expect(shopperStatus({ ...base, status: "refunded" }).key).toBe("refunded");
    expect(shopperStatus({ ...base, status: "refunded", fulfilmentStatus: "cancelled" }).key).toBe("cancelled");
  });

  it("give a delivery estimate only when known", () => {
    expect(deliveryEstimate(3, 5)).toBe("3–5 business days");
    expect(deliveryEstimate(1, 1)).toBe("1 business day");
    expect(deliveryEstimate(null, 5)).toBeNull();
    expect(deliveryEstimate(5, 3)).toBeNull();
  });
});
