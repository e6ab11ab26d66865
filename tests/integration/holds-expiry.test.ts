// Holds that outlive their checkout go back on sale.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { action as cartAction } from "~/routes/cart";
import { holdExpiry, startCheckout } from "~/services/checkout.server";
import { fulfilCheckout, releaseExpiredHolds } from "~/services/payments.server";
import { db, variantBySku } from "../helpers/db";
import { cookieFrom, formRequest, run } from "../helpers/remix";
import * as schema from "../../db/schema";
import { getCartId } from "~/utils/session.server";

const SKU = "MIC-FLP-SILVER";

async function pendingOrder(now: number) {
  const res = await run(cartAction, formRequest("/cart", { intent: "add", sku: SKU, quantity: "2" }));
  const cartId = await getCartId(new Request("http://x", { headers: { Cookie: cookieFrom(res)! } }));
  const started = await startCheckout({ cartId, origin: "http://shop.test", now });
  if (!started.ok) throw new Error(started.message);
  return db.select().from(schema.orders).where(eq(schema.orders.id, started.orderId)).get()!;
}

describe("hold expiry", () => {
  it("holds last the configured minutes (plus Stripe's margin)", () => {
    expect(holdExpiry(0)).toBe(31 * 60 * 1000);
  });

  it("the sweep releases holds past their expiry (after a grace period) and expires the order", async () => {
    const start = Date.UTC(2026, 10, 1, 12);
    const base = variantBySku(SKU);
    const order = await pendingOrder(start);
    expect(variantBySku(SKU).stockHeld).toBe(base.stockHeld + 2);

    expect(releaseExpiredHolds(order.holdExpiresAt - 1)).toBe(0);
    expect(releaseExpiredHolds(order.holdExpiresAt + 60_000)).toBe(0); // within the grace period
    expect(variantBySku(SKU).stockHeld).toBe(base.stockHeld + 2);

    expect(releaseExpiredHolds(order.holdExpiresAt + 3 * 60_000)).toBe(2);
    expect(variantBySku(SKU)).toMatchObject({ stockHeld: base.stockHeld, stockOnHand: base.stockOnHand });
    expect(db.select().from(schema.orders).where(eq(schema.orders.id, order.id)).get()!.status).toBe("expired");
    const ledger = db.select().from(schema.stockLedger).where(eq(schema.stockLedger.orderId, order.id)).all();
    expect(ledger.map((r) => [r.reason, r.heldDelta])).toEqual([
      ["hold", 2],
      ["hold_released", -2],
    ]);
    // Nothing left to release the second time.
    expect(releaseExpiredHolds(order.holdExpiresAt + 10 * 60_000)).toBe(0);
  });

  it("a payment arriving after the hold lapsed still sells from free stock", async () => {
    const start = Date.UTC(2026, 10, 2, 12);
    const base = variantBySku(SKU);
    const order = await pendingOrder(start);
    releaseExpiredHolds(order.holdExpiresAt + 10 * 60_000);
    const outcome = fulfilCheckout(
      {
        sessionId: order.stripeSessionId!,
        paymentStatus: "paid",
        amountTotal: order.totalCents,
        currency: order.currency,
        customerEmail: null,
        customerName: null,
        shippingAddress: null,
        paymentIntentId: null,
      },
      null,
    );
    expect(outcome).toBe("fulfilled");
    expect(variantBySku(SKU)).toMatchObject({ stockOnHand: base.stockOnHand - 2, stockHeld: base.stockHeld });
    expect(db.select().from(schema.orders).where(eq(schema.orders.id, order.id)).get()!).toMatchObject({ status: "paid", flag: null });
  });
});
