// Staff actions on an order's fulfilment (a shipment, its tracking, its
// delivery, a cancellation) and the views they need (the order's fulfilment
// panel, packing slips, pick lists). Each action is one write transaction
// with its audit row and the email it queues; the outbox sender is nudged
// once the transaction has committed.
import crypto from "node:crypto";
import {
  CARRIER_LABELS,
  CARRIERS,
  FULFILMENT_LABELS,
  isFreshFormKey,
  isShippablePayment,
  pickList,
  planShipment,
  remainingQuantities,
  shipmentFormKey,
  shippingRefusal,
  shipQuantityField,
  trackingUrl,
  type PickLine,
  type ShipmentRequest,
  type TrackingInput,
} from "~/domain/fulfilment";
import { formatCents } from "~/domain/money";
import { formatAdminTime } from "~/utils/shop-time.server";
import { addressLines } from "~/domain/order-admin";
import { ORDER_STATUS_LABELS } from "~/domain/order-status";
import { remainingRefundableCents, restockableQuantity, type RestockItem } from "~/domain/refunds";
import { recordAudit } from "~/models/audit.server";
import { restock } from "~/models/inventory.server";
import {
  addonsOfOrder,
  getOrderByNumber,
  getOrderDetail,
  getOrderLines,
  getOrdersWithLines,
  markFulfilmentCancelled,
  markLinesRestocked,
  type OrderLineRow,
  type OrderRow,
} from "~/models/orders.server";
import {
  createShipment,
  getShipment,
  listShipments,
  markShipmentDelivered,
  shipmentExistsForFormKey,
  shipmentsOfOrders,
  shippedQuantities,
  updateTracking,
  type ShipmentWithLines,
} from "~/models/shipments.server";
import { enqueueOrderEmail } from "~/services/order-emails.server";
import { nudgeOutboxSender } from "~/services/outbox.server";
import { refundOrder } from "~/services/refunds.server";
import { db } from "~/utils/db.server";

export type FulfilmentOutcome =
  | { ok: true; message: string; duplicate: boolean }
  | { ok: false; status: 400 | 404 | 409 | 502; message: string; fieldErrors: Record<string, string> };

const NOT_FOUND: FulfilmentOutcome = { ok: false, status: 404, message: "That order does not exist.", fieldErrors: {} };
const NO_SHIPMENT: FulfilmentOutcome = { ok: false, status: 404, message: "That shipment is not on this order.", fieldErrors: {} };

function refused(status: 400 | 409, message: string, field = "_form"): FulfilmentOutcome {
  return { ok: false, status, message, fieldErrors: { [field]: message } };
}

function units(n: number) {
  return `${n} ${n === 1 ? "item" : "items"}`;
}

/** A fresh key for one shipment form. */
export function newShipmentFormKey(now = Date.now()): string {
  return shipmentFormKey(now, crypto.randomBytes(18).toString("base64url"));
}

function withNudge(outcome: FulfilmentOutcome): FulfilmentOutcome {
  if (outcome.ok && !outcome.duplicate) nudgeOutboxSender();
  return outcome;
}

// ---------------------------------------------------------------- shipments

export const SHIPMENT_AUDIT_ACTION = "order.shipment.create";

/**
 * Create a shipment of some or all of what is left to ship. Sending the same
 * form twice creates one shipment: the form's key is stored (unique) on the
 * shipment, and a key already there is answered "already created" (the
 * remaining-quantity check would also refuse the second of a full shipment,
 * but not of a partial one).
 */
export function shipOrder(args: { orderNumber: string; request: ShipmentRequest; staffId: number; now?: number }): FulfilmentOutcome {
  const now = args.now ?? Date.now();
  const { request } = args;
  if (!isFreshFormKey(request.formKey, now)) return refused(400, "This form is more than a day old: reload the page and try again.");
  return withNudge(
    db.transaction((): FulfilmentOutcome => {
      const order = getOrderByNumber(args.orderNumber);
      if (!order) return NOT_FOUND;
      if (shipmentExistsForFormKey(request.formKey)) {
        return { ok: true, message: "That shipment was already created.", duplicate: true };
      }
      const lines = getOrderLines(order.id);
      const plan = planShipment(order, lines, shippedQuantities(order.id), request);
      if (!plan.ok) return plan;
      const url = trackingUrl(request.carrier, request.trackingNumber, request.trackingUrl);
      const shipmentId = createShipment({
        orderId: order.id,
        carrier: request.carrier,
        trackingNumber: request.trackingNumber,
        trackingUrl: url,
        lines: plan.lines,
        staffId: args.staffId,
        formKey: request.formKey,
        now,
      });
      const addonShipments = shipAddonsWith(order.id, request, url, args.staffId, now);
      const after = getOrderByNumber(args.orderNumber)!;
      enqueueOrderEmail("order_shipped", order.id, now, shipmentId);
      recordAudit({
        staffId: args.staffId,
        action: SHIPMENT_AUDIT_ACTION,
        entityType: "order",
        entityId: order.id,
        before: { number: order.number, fulfilmentStatus: order.fulfilmentStatus },
        after: {
          number: order.number,
          fulfilmentStatus: after.fulfilmentStatus,
          shipmentId,
          carrier: request.carrier,
          trackingNumber: request.trackingNumber,
          trackingUrl: url,
          lines: plan.lines,
          ...(addonShipments.length > 0 ? { addonShipments } : {}),
        },
        now,
      });
      const count = plan.lines.reduce((sum, l) => sum + l.quantity, 0) + addonShipments.reduce((sum, a) => sum + a.units, 0);
      return {
        ok: true,
        message: `Shipment created: ${units(count)} with ${CARRIER_LABELS[request.carrier]}${request.trackingNumber ? ` (${request.trackingNumber})` : ""}. The customer will be emailed.`,
        duplicate: false,
      };
    }, { behavior: "immediate" }),
  );
}

/**
 * Micro bags added after payment travel in the first order's parcel: whatever
 * of a paid add-on is left to ship goes with this shipment, under the same
 * carrier and tracking, recorded on the add-on's own order.
 */
function shipAddonsWith(orderId: number, request: ShipmentRequest, url: string | null, staffId: number, now: number) {
  const made: { orderId: number; shipmentId: number; units: number }[] = [];
  for (const addon of addonsOfOrder(orderId)) {
    if (shippingRefusal(addon.order) !== null) continue;
    const remaining = remainingQuantities(addon.lines, shippedQuantities(addon.order.id));
    const lines = [...remaining].filter(([, n]) => n > 0).map(([lineId, quantity]) => ({ lineId, quantity }));
    if (lines.length === 0) continue;
    const shipmentId = createShipment({
      orderId: addon.order.id,
      carrier: request.carrier,
      trackingNumber: request.trackingNumber,
      trackingUrl: url,
      lines,
      staffId,
      formKey: `${request.formKey}:addon:${addon.order.id}`,
      now,
    });
    made.push({ orderId: addon.order.id, shipmentId, units: lines.reduce((n, l) => n + l.quantity, 0) });
  }
  return made;
}

function shipmentOf(orderNumber: string, shipmentId: number): { order: OrderRow; shipment: NonNullable<ReturnType<typeof getShipment>> } | FulfilmentOutcome {
  const order = getOrderByNumber(orderNumber);
  if (!order) return NOT_FOUND;
  const shipment = getShipment(shipmentId);
  if (!shipment || shipment.orderId !== order.id) return NO_SHIPMENT;
  return { order, shipment };
}

/** Change a shipment's carrier and tracking number (or address, for "other"). */
export function editTracking(args: { orderNumber: string; shipmentId: number; tracking: TrackingInput; staffId: number; now?: number }): FulfilmentOutcome {
  const now = args.now ?? Date.now();
  const { tracking } = args;
  return db.transaction((): FulfilmentOutcome => {
    const found = shipmentOf(args.orderNumber, args.shipmentId);
    if ("ok" in found) return found;
    const { order, shipment } = found;
    if (order.fulfilmentStatus === "cancelled") return refused(409, "This order was cancelled: its tracking can't be changed.");
    const url = trackingUrl(tracking.carrier, tracking.trackingNumber, tracking.trackingUrl);
    if (shipment.carrier === tracking.carrier && shipment.trackingNumber === tracking.trackingNumber && shipment.trackingUrl === url) {
      return { ok: true, message: "The tracking was already like that: nothing changed.", duplicate: true };
    }
    updateTracking(shipment.id, { ...tracking, trackingUrl: url }, now);
    recordAudit({
      staffId: args.staffId,
      action: "order.shipment.tracking",
      entityType: "order",
      entityId: order.id,
      before: { number: order.number, shipmentId: shipment.id, carrier: shipment.carrier, trackingNumber: shipment.trackingNumber, trackingUrl: shipment.trackingUrl },
      after: { number: order.number, shipmentId: shipment.id, carrier: tracking.carrier, trackingNumber: tracking.trackingNumber, trackingUrl: url },
      now,
    });
    return { ok: true, message: "Tracking saved.", duplicate: false };
  }, { behavior: "immediate" });
}

/** Mark a shipment delivered; a second time changes nothing. */
export function markDelivered(args: { orderNumber: string; shipmentId: number; staffId: number; now?: number }): FulfilmentOutcome {
  const now = args.now ?? Date.now();
  return withNudge(
    db.transaction((): FulfilmentOutcome => {
      const found = shipmentOf(args.orderNumber, args.shipmentId);
      if ("ok" in found) return found;
      const { order, shipment } = found;
      if (shipment.deliveredAt !== null) {
        return { ok: true, message: `That shipment was already marked delivered (${formatAdminTime(shipment.deliveredAt)}).`, duplicate: true };
      }
      markShipmentDelivered(shipment.id, now);
      enqueueOrderEmail("order_delivered", order.id, now, shipment.id);
      recordAudit({
        staffId: args.staffId,
        action: "order.shipment.delivered",
        entityType: "order",
        entityId: order.id,
        before: { number: order.number, shipmentId: shipment.id, deliveredAt: null },
        after: { number: order.number, shipmentId: shipment.id, deliveredAt: now },
        now,
      });
      return { ok: true, message: "Marked delivered. The customer will be emailed.", duplicate: false };
    }, { behavior: "immediate" }),
  );
}

// ---------------------------------------------------------------- cancelling

/** The refund key of an order's cancellation: the same every time, so cancelling twice refunds once (here and at Stripe). */
export function cancelRequestKey(orderId: number): string {
  return `cancel-order-${String(orderId).padStart(6, "0")}`;
}

const ALREADY_CANCELLED: FulfilmentOutcome = { ok: true, message: "This order was already cancelled: nothing more was done.", duplicate: true };

/** Why an order can't be cancelled, or null. */
function cancelRefusal(order: OrderRow, shippedUnits: number): string | null {
  if (shippedUnits > 0) return "Part of this order has shipped, so it can't be cancelled. Refund the items instead.";
  if (!isShippablePayment(order.status)) {
    const words = ORDER_STATUS_LABELS[order.status].toLowerCase();
    return `Only paid orders that haven't shipped can be cancelled; this one is ${words}.`;
  }
  return null;
}

/** What cancelling would do: the refund and the items going back in stock. */
export function cancellationFor(orderNumber: string) {
  const detail = getOrderDetail(orderNumber);
  if (!detail) return null;
  const { order, lines, refunds } = detail;
  const shipped = [...shippedQuantities(order.id).values()].reduce((s, n) => s + n, 0);
  return {
    number: order.number,
    cancelled: order.fulfilmentStatus === "cancelled",
    why: order.fulfilmentStatus === "cancelled" ? "This order was already cancelled." : cancelRefusal(order, shipped),
    refundCents: remainingRefundableCents(order, refunds),
    paymentMode: order.paymentMode,
    email: order.customerEmail,
    items: lines
      .map((l) => ({ id: l.id, productName: l.productName, colourName: l.colourName, sku: l.sku, quantity: restockableQuantity(l) }))
      .filter((l) => l.quantity > 0),
  };
}

/**
 * Cancel a paid order that hasn't shipped: refund what is left through the
 * refund path (Stripe, or locally for test payments), put every item back in
 * stock with the ledger reason "cancelled", mark the order cancelled and queue
 * the email, all in the refund's write transaction. Safe to send twice.
 */
export async function cancelOrder(args: { orderNumber: string; staffId: number; now?: number }): Promise<FulfilmentOutcome> {
  const now = args.now ?? Date.now();
  const detail = getOrderDetail(args.orderNumber);
  if (!detail) return NOT_FOUND;
  const { order, refunds } = detail;
  if (order.fulfilmentStatus === "cancelled") return ALREADY_CANCELLED;
  const shippedUnits = [...shippedQuantities(order.id).values()].reduce((s, n) => s + n, 0);
  const refusal = cancelRefusal(order, shippedUnits);
  if (refusal) return refused(409, refusal);

  // Runs inside the refund's transaction. With Stripe the money has moved by then, so it
  // cancels even if a shipment slipped in since the check above (shown on the order page).
  const markCancelled = (applied: { orderId: number; refundId: string | null; amountCents: number; restocked: RestockItem[]; now: number }) => {
    markFulfilmentCancelled(applied.orderId, applied.now);
    enqueueOrderEmail("order_cancelled", applied.orderId, applied.now);
    recordAudit({
      staffId: args.staffId,
      action: "order.cancel",
      entityType: "order",
      entityId: applied.orderId,
      before: { number: order.number, status: order.status, fulfilmentStatus: order.fulfilmentStatus },
      after: {
        number: order.number,
        fulfilmentStatus: "cancelled",
        refundId: applied.refundId,
        amountCents: applied.amountCents,
        restocked: applied.restocked.map((i) => ({ lineId: i.lineId, variantId: i.variantId, quantity: i.quantity })),
      },
      now: applied.now,
    });
  };
  const summary = (amountCents: number, restocked: number) =>
    `Order cancelled: ${amountCents > 0 ? `refunded ${formatCents(amountCents)}` : "nothing left to refund"}; ${units(restocked)} back in stock. The customer will be emailed.`;

  if (remainingRefundableCents(order, refunds) <= 0) {
    // Everything was refunded already (or is under way): cancel and restock only.
    const outcome = db.transaction((): FulfilmentOutcome => {
      const current = getOrderByNumber(args.orderNumber)!;
      if (current.fulfilmentStatus === "cancelled") return ALREADY_CANCELLED;
      if (shippedQuantities(order.id).size > 0) return refused(409, "Part of this order has shipped, so it can't be cancelled. Refund the items instead.");
      const items = getOrderLines(order.id)
        .map((l) => ({ lineId: l.id, variantId: l.variantId, quantity: restockableQuantity(l) }))
        .filter((i): i is RestockItem => i.variantId !== null && i.quantity > 0);
      restock(items, { orderId: order.id, staffId: args.staffId, now, reason: "cancelled" });
      for (const item of items) markLinesRestocked(item.lineId, item.quantity);
      markCancelled({ orderId: order.id, refundId: null, amountCents: 0, restocked: items, now });
      return { ok: true, message: summary(0, items.reduce((s, i) => s + i.quantity, 0)), duplicate: false };
    }, { behavior: "immediate" });
    return withNudge(outcome);
  }

  let restockedUnits = 0;
  let applied = false;
  const outcome = await refundOrder({
    orderNumber: args.orderNumber,
    request: { scope: "full", amountCents: null, quantities: [], restock: true, reason: "Order cancelled", requestKey: cancelRequestKey(order.id) },
    staffId: args.staffId,
    now,
    restockReason: "cancelled",
    alsoInTransaction: (a) => {
      applied = true;
      restockedUnits = a.restocked.reduce((s, i) => s + i.quantity, 0);
      markCancelled(a);
    },
  });
  if (!outcome.ok) return { ok: false, status: outcome.status, message: outcome.message, fieldErrors: outcome.fieldErrors };
  // The same cancellation ran meanwhile (a double submit): its refund was found, nothing more was done.
  if (!applied) return ALREADY_CANCELLED;
  return withNudge({ ok: true, message: summary(outcome.amountCents, restockedUnits), duplicate: false });
}

// ---------------------------------------------------------------- views

function shipmentView(s: ShipmentWithLines, lines: readonly OrderLineRow[]) {
  const byId = new Map(lines.map((l) => [l.id, l]));
  return {
    id: s.id,
    carrier: s.carrier,
    carrierLabel: CARRIER_LABELS[s.carrier],
    trackingNumber: s.trackingNumber,
    trackingUrl: s.trackingUrl,
    shippedAt: formatAdminTime(s.shippedAt),
    deliveredAt: s.deliveredAt === null ? null : formatAdminTime(s.deliveredAt),
    lines: s.lines.map((l) => {
      const line = byId.get(l.orderLineId);
      return { id: l.orderLineId, productName: line?.productName ?? "Item", colourName: line?.colourName ?? "", sku: line?.sku ?? "", quantity: l.quantity };
    }),
  };
}

export type ShipmentView = ReturnType<typeof shipmentView>;

/** The fulfilment panel of an order's back-office page. */
export function fulfilmentForStaff(order: OrderRow, lines: readonly OrderLineRow[]) {
  const shipments = listShipments(order.id);
  const shipped = shippedQuantities(order.id);
  const remaining = remainingQuantities(lines, shipped);
  const left = [...remaining.values()].reduce((s, n) => s + n, 0);
  const refusal = shippingRefusal(order);
  const shippedUnits = [...shipped.values()].reduce((s, n) => s + n, 0);
  return {
    status: order.fulfilmentStatus,
    label: FULFILMENT_LABELS[order.fulfilmentStatus],
    cancelledAt: order.cancelledAt === null ? null : formatAdminTime(order.cancelledAt),
    shipments: shipments.map((s) => shipmentView(s, lines)),
    lines: lines.map((l) => ({
      id: l.id,
      field: shipQuantityField(l.id),
      productName: l.productName,
      colourName: l.colourName,
      sku: l.sku,
      quantity: l.quantity,
      shipped: shipped.get(l.id) ?? 0,
      remaining: remaining.get(l.id) ?? 0,
    })),
    ship: {
      possible: refusal === null && left > 0,
      why: refusal ?? (left === 0 ? "Everything on this order has been shipped." : null),
      formKey: newShipmentFormKey(),
    },
    canEditTracking: order.fulfilmentStatus !== "cancelled",
    canCancel: order.fulfilmentStatus !== "cancelled" && cancelRefusal(order, shippedUnits) === null,
    carriers: CARRIERS.map((c) => ({ value: c, label: CARRIER_LABELS[c] })),
  };
}

function packingSlipOf(order: OrderRow, lines: readonly OrderLineRow[], shipments: ShipmentWithLines[]) {
  const shipped = new Map<number, number>();
  for (const s of shipments) for (const l of s.lines) shipped.set(l.orderLineId, (shipped.get(l.orderLineId) ?? 0) + l.quantity);
  const remaining = remainingQuantities(lines, shipped);
  return {
    number: order.number,
    placed: formatAdminTime(order.paidAt ?? order.createdAt),
    customerName: order.customerName,
    address: addressLines(order.shippingAddress),
    shippingMethod: order.shippingMethodName,
    fulfilmentLabel: FULFILMENT_LABELS[order.fulfilmentStatus],
    cancelled: order.fulfilmentStatus === "cancelled",
    paid: isShippablePayment(order.status),
    items: lines.map((l) => ({
      id: l.id,
      productName: l.productName,
      colourName: l.colourName,
      sku: l.sku,
      ordered: l.quantity,
      shipped: shipped.get(l.id) ?? 0,
      toPack: order.fulfilmentStatus === "cancelled" || !isShippablePayment(order.status) ? 0 : (remaining.get(l.id) ?? 0),
      addedAfterPayment: null as string | null,
    })),
  };
}

/** A packing slip with the micro bags added after payment to the same order (same parcel). */
function withAddons(slip: ReturnType<typeof packingSlipOf>, orderId: number): ReturnType<typeof packingSlipOf> {
  const extra = addonsOfOrder(orderId)
    .filter((a) => isShippablePayment(a.order.status) && a.order.fulfilmentStatus !== "cancelled")
    .flatMap((a) => packingSlipOf(a.order, a.lines, listShipments(a.order.id)).items.map((i) => ({ ...i, addedAfterPayment: a.order.number })));
  return extra.length === 0 ? slip : { ...slip, items: [...slip.items, ...extra] };
}

export type PackingSlip = ReturnType<typeof packingSlipOf>;

export function packingSlipFor(orderNumber: string): PackingSlip | null {
  const [found] = getOrdersWithLines([orderNumber]);
  if (!found) return null;
  return withAddons(packingSlipOf(found.order, found.lines, listShipments(found.order.id)), found.order.id);
}

/** What to take from the shelves for the chosen orders (what is left to pack of each), and each order's packing slip. */
export function pickListFor(orderNumbers: readonly string[]) {
  const found = getOrdersWithLines(orderNumbers);
  const shipments = shipmentsOfOrders(found.map((f) => f.order.id));
  const slips = found.map((f) => withAddons(packingSlipOf(f.order, f.lines, shipments.get(f.order.id) ?? []), f.order.id));
  const picks: PickLine[] = slips.flatMap((s) => s.items.map((i) => ({ sku: i.sku, productName: i.productName, colourName: i.colourName, quantity: i.toPack })));
  const known = new Set(found.map((f) => f.order.number));
  return {
    lines: pickList(picks),
    slips,
    unknown: orderNumbers.filter((n) => !known.has(n)),
  };
}
