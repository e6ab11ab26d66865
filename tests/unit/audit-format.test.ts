// Every kind of audit entry the shop writes (grep recordAudit in app/), read as a sentence.
import { describe, expect, it } from "vitest";
import { actionLabel, auditCsv, AUDIT_ACTION_LABELS, formatAudit, NO_NAMES, parseAuditQuery, type AuditNames } from "~/domain/audit-format";
import { historyNoteText, refundHistoryNote } from "~/domain/order-status";

const names: AuditNames = {
  ...NO_NAMES,
  products: new Map([
    [5, "Market Tote"],
    [31, "Lime Micro Duffle"],
  ]),
  variants: new Map([[71, { sku: "MD-LIME-G", productName: "Lime Micro Duffle", colourName: "Lime" }]]),
  orders: new Map([[1, "TC-7K2M9P"]]),
  orderLines: new Map([[12, { sku: "MD-LIME-G", productName: "Lime Micro Duffle", colourName: "Lime" }]]),
  offers: new Map([[3, "$15 off a micro bag"]]),
  staff: new Map([[2, "Sam Staff"]]),
  shippingMethods: new Map([[4, "Standard"]]),
};
const read = (action: string, entityType: string, entityId: string | null, before: unknown, after: unknown) =>
  formatAudit({ action, entityType, entityId, before, after }, names, "UTC");

describe("readable audit entries", () => {
  it("products and colours: names, SKUs, money", () => {
    expect(read("product.create", "product", "5", null, { name: "Market Tote", status: "draft" }).summary).toBe("Added the product “Market Tote” (draft).");
    const upd = read("product.update", "product", "5", { name: "Market Tote", status: "draft", tags: [] }, { name: "Market Tote", status: "active", tags: ["new"] });
    expect(upd.summary).toBe("Changed the product “Market Tote”.");
    expect(upd.changes).toEqual([
      { field: "Status", before: "draft", after: "active" },
      { field: "Tags", before: "none", after: "new" },
    ]);
    expect(read("product.delete", "product", "9", { name: "Old Tote", variants: ["OT-1", "OT-2"] }, null).summary).toBe("Deleted the product “Old Tote” and its colours OT-1, OT-2.");
    expect(read("variant.create", "variant", "71", null, { productId: 31, sku: "MD-LIME-G", colourName: "Lime", priceCents: 4650 }).summary).toBe(
      "Added the colour Lime Micro Duffle · Lime (MD-LIME-G) at $46.50.",
    );
    const price = read("variant.update", "variant", "71", { productId: 31, sku: "MD-LIME-G", priceCents: 4650, compareAtCents: null }, { productId: 31, sku: "MD-LIME-G", priceCents: 100, compareAtCents: null });
    expect(price.summary).toBe("Changed the price of Lime Micro Duffle · Lime (MD-LIME-G) from $46.50 to $1.00.");
    expect(price.href).toBe("/admin/products/31");
    // A deleted colour is named from its snapshot.
    expect(read("variant.delete", "variant", "99", { productId: 31, sku: "MD-PLUM-G", colourName: "Plum" }, null).summary).toBe("Deleted the colour Lime Micro Duffle · Plum (MD-PLUM-G).");
    expect(read("variant.image", "variant", "71", { sku: "MD-LIME-G", imageUrl: "/a" }, { sku: "MD-LIME-G", imageUrl: "/b" }).summary).toBe("Changed the picture of Lime Micro Duffle · Lime (MD-LIME-G).");
  });

  it("stock", () => {
    const adj = read("stock.adjust", "variant", "71", { sku: "MD-LIME-G", onHand: 5, held: 0 }, { sku: "MD-LIME-G", onHand: 15, held: 0, delta: 10, reason: "received", note: "Box 4" });
    expect(adj.summary).toBe("Adjusted the stock of Lime Micro Duffle · Lime (MD-LIME-G): 5 → 15 on hand (+10, received).");
    expect(adj.details).toEqual(["Note: Box 4"]);
    expect(read("stock.set", "variant", "71", { sku: "MD-LIME-G", onHand: 15 }, { sku: "MD-LIME-G", onHand: 12, delta: -3, reason: "counted" }).summary).toContain("Counted the stock of");
    expect(read("stock.threshold", "variant", "71", { lowStockThreshold: 3 }, { lowStockThreshold: 5 }).summary).toBe("Changed the low-stock threshold of Lime Micro Duffle · Lime (MD-LIME-G) from 3 to 5.");
    const imp = read("stock.import", "stock", "count.csv", { "MD-LIME-G": 5 }, { "MD-LIME-G": 7 });
    expect(imp.summary).toBe("Imported a stock count (count.csv): 1 SKU changed.");
    expect(imp.changes).toEqual([{ field: "MD-LIME-G", before: "5", after: "7" }]);
  });

  it("orders: numbers, not ids; money as money", () => {
    const refund = read(
      "order.refund",
      "order",
      "1",
      { number: "TC-7K2M9P", status: "paid", refundedCents: 0 },
      { number: "TC-7K2M9P", status: "partially_refunded", refundedCents: 2000, amountCents: 2000, refundStatus: "succeeded", shippingCents: 0, reason: "Scuffed", restocked: [{ lineId: 12, variantId: 71, quantity: 1 }] },
    );
    expect(refund.summary).toBe("Refunded $20.00 on order TC-7K2M9P.");
    expect(refund.details).toEqual(["Refunded in all: $20.00; status Partly refunded.", "Reason: Scuffed", "Put back in stock: 1 × Lime Micro Duffle · Lime (MD-LIME-G)."]);
    expect(refund.href).toBe("/admin/orders/TC-7K2M9P");
    expect(read("order.auto_refund_scheduled", "order", "1", null, { number: "TC-7K2M9P", totalCents: 48800, shortages: [{ variantId: 71, quantity: 2 }] }).summary).toBe(
      "Scheduled a full refund of $488.00 on order TC-7K2M9P: 2 units no longer in stock.",
    );
    expect(read("order.auto_refund", "order", "1", { number: "TC-7K2M9P" }, { number: "TC-7K2M9P", amountCents: 48800 }).summary).toBe("Refunded $488.00 automatically on order TC-7K2M9P.");
    expect(read("order.cancel", "order", "1", { number: "TC-7K2M9P" }, { number: "TC-7K2M9P", amountCents: 5000, restocked: [{ lineId: 12, variantId: 71, quantity: 1 }] }).summary).toBe(
      "Cancelled order TC-7K2M9P and refunded $50.00.",
    );
    const ship = read("order.shipment.create", "order", "1", { number: "TC-7K2M9P", fulfilmentStatus: "unfulfilled" }, { number: "TC-7K2M9P", fulfilmentStatus: "fulfilled", carrier: "usps", trackingNumber: "9400", lines: [{ lineId: 12, quantity: 2 }] });
    expect(ship.summary).toBe("Shipped 2 units of order TC-7K2M9P with USPS (tracking 9400).");
    expect(ship.changes).toEqual([{ field: "Shipping", before: "Not shipped", after: "Shipped" }]);
    const tracking = read("order.shipment.tracking", "order", "1", { number: "TC-7K2M9P", shipmentId: 1, carrier: "usps", trackingNumber: "1" }, { number: "TC-7K2M9P", shipmentId: 1, carrier: "ups", trackingNumber: "2" });
    expect(tracking.changes).toEqual([
      { field: "Carrier", before: "USPS", after: "UPS" },
      { field: "Tracking number", before: "1", after: "2" },
    ]);
    expect(read("order.shipment.delivered", "order", "1", { shipmentId: 1, deliveredAt: null }, { shipmentId: 1, deliveredAt: 5 }).summary).toBe("Marked a shipment of order TC-7K2M9P delivered.");
  });

  it("offers, settings, shipping, staff, outbox", () => {
    const offer = { name: "$15 off a micro bag", triggerType: "product", triggerValue: "5", addonType: "products", addonValue: "31", discountType: "fixed", discountValue: 1500, enabled: true };
    expect(read("offer.create", "bundle_offer", "3", null, offer).summary).toBe("Added the offer “$15 off a micro bag”: $15.00 off each add-on.");
    const changed = read("offer.update", "bundle_offer", "3", offer, { ...offer, addonValue: "5,31", discountValue: 1200 });
    expect(changed.changes).toEqual([
      { field: "Add-ons", before: "“Lime Micro Duffle”", after: "“Market Tote”, “Lime Micro Duffle”" },
      { field: "Discount", before: "$15.00 off each add-on", after: "$12.00 off each add-on" },
    ]);
    expect(read("offer.disable", "bundle_offer", "3", { enabled: true }, { enabled: false }).summary).toBe("Switched off the offer “$15 off a micro bag”.");
    expect(read("offer.enable", "bundle_offer", "3", { enabled: false }, { enabled: true }).summary).toBe("Switched on the offer “$15 off a micro bag”.");
    expect(read("setting.update", "setting", "upsell_holdout_percent", { value: null }, { value: "10" }).summary).toBe("Changed the share of carts held out of the upsell from the default to 10 %.");
    expect(read("shipping.create", "shipping_method", "4", null, { name: "Standard", priceCents: 800 }).summary).toBe("Added the shipping method “Standard” at $8.00.");
    expect(read("shipping.update", "shipping_method", "4", { name: "Standard", priceCents: 800, freeOverCents: null }, { name: "Standard", priceCents: 900, freeOverCents: 10000 }).changes).toEqual([
      { field: "Price", before: "$8.00", after: "$9.00" },
      { field: "Free over", before: "none", after: "$100.00" },
    ]);
    expect(read("shipping.deactivate", "shipping_method", "4", { active: true }, { active: false }).summary).toBe("Switched off the shipping method “Standard”.");
    expect(read("shipping.activate", "shipping_method", "4", { active: false }, { active: true }).summary).toBe("Switched on the shipping method “Standard”.");
    expect(read("staff.create", "staff", "2", null, { email: "sam@shop.test", name: "Sam Staff", role: "staff" }).summary).toBe("Added “Sam Staff” (sam@shop.test) as Staff.");
    expect(read("staff.change_role", "staff", "2", { role: "staff" }, { role: "owner" }).summary).toBe("Changed the role of “Sam Staff” from Staff to Owner.");
    expect(read("staff.disable", "staff", "2", {}, { sessionsEnded: 2 }).summary).toBe("Disabled the account of “Sam Staff” (2 sessions ended).");
    expect(read("staff.enable", "staff", "2", {}, {}).summary).toBe("Enabled the account of “Sam Staff”.");
    expect(read("staff.reset_password", "staff", "2", {}, { sessionsEnded: 1 }).summary).toBe("Reset the password of “Sam Staff” (1 session ended).");
    const again = read("outbox.send_again", "outbox", "8", { kind: "email.order_shipped", attempts: 5, lastError: "421 try later" }, { status: "pending", attempts: 0 });
    expect(again.summary).toBe("Sent again: email order shipped (failed after 5 tries).");
    expect(again.details).toEqual(["Last error: 421 try later"]);
  });

  it("every kind has a label, and a kind it does not know still reads", () => {
    for (const action of Object.keys(AUDIT_ACTION_LABELS)) expect(actionLabel(action)).not.toMatch(/\./);
    const unknown = read("permission.denied", "route", "/admin/offers", null, { method: "POST", priceCents: 100 });
    expect(unknown.summary).toBe("Permission denied: route /admin/offers.");
    expect(unknown.details).toEqual(["method: POST", "Price: $1.00"]);
  });

  it("filters and CSV", () => {
    const q = parseAuditQuery(new URLSearchParams("kind=order.refund&who=2&from=2026-03-01&to=2026-03-01"), Date.UTC(2026, 5, 1), "America/New_York");
    expect(q).toEqual({
      ok: true,
      query: { page: 1, entityType: null, action: "order.refund", staffId: 2, from: "2026-03-01", to: "2026-03-01", fromMs: Date.UTC(2026, 2, 1, 5), toMs: Date.UTC(2026, 2, 2, 5) },
    });
    expect(parseAuditQuery(new URLSearchParams("who=abc"), 0, "UTC").ok).toBe(false);
    expect(parseAuditQuery(new URLSearchParams("from=yesterday"), 0, "UTC").ok).toBe(false);
    const csv = auditCsv([{ createdAt: Date.UTC(2026, 2, 1), who: "Sam Staff", whoEmail: "sam@shop.test", action: "order.refund", readable: { summary: "Refunded $20.00 on order TC-7K2M9P.", changes: [], details: [], href: null } }], "UTC");
    expect(csv).toBe("when,who,email,kind,what,changes,details\r\n2026-03-01 00:00 UTC,Sam Staff,sam@shop.test,Refund,Refunded $20.00 on order TC-7K2M9P.,,\r\n");
  });

  it("status history reads money as money", () => {
    expect(refundHistoryNote(2000, 48800)).toBe("Refunded $20.00 of $488.00");
    expect(historyNoteText("Refunded 2000 of 48800 cents")).toBe("Refunded $20.00 of $488.00");
    expect(historyNoteText("Payment received")).toBe("Payment received");
  });
});
