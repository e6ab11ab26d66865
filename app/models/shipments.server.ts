// The only module that writes shipments and their lines, and (through
// orders.server.ts) an order's fulfilment status as its shipments change.
// Every function runs inside its caller's write transaction.
import { asc, eq, inArray, sql } from "drizzle-orm";
import { fulfilmentStatusFrom, type Carrier, type TrackingInput } from "~/domain/fulfilment";
import { getOrder, getOrderLines, setFulfilmentStatus } from "~/models/orders.server";
import { db } from "~/utils/db.server";
import { shipmentLines, shipments } from "../../db/schema";

export type ShipmentRow = typeof shipments.$inferSelect;
export type ShipmentWithLines = ShipmentRow & { lines: { orderLineId: number; quantity: number }[] };

const shippedOf = db
  .select({ orderLineId: shipmentLines.orderLineId, quantity: sql<number>`sum(${shipmentLines.quantity})` })
  .from(shipmentLines)
  .innerJoin(shipments, eq(shipments.id, shipmentLines.shipmentId))
  .where(eq(shipments.orderId, sql.placeholder("orderId")))
  .groupBy(shipmentLines.orderLineId)
  .prepare();

/** Units shipped so far per order line. */
export function shippedQuantities(orderId: number): Map<number, number> {
  return new Map(shippedOf.all({ orderId }).map((r) => [r.orderLineId, r.quantity]));
}

/** An order's shipments, oldest first, with their lines. */
export function listShipments(orderId: number): ShipmentWithLines[] {
  const rows = db.select().from(shipments).where(eq(shipments.orderId, orderId)).orderBy(asc(shipments.id)).all();
  return withLines(rows);
}

/** The shipments of several orders, by order id. */
export function shipmentsOfOrders(orderIds: number[]): Map<number, ShipmentWithLines[]> {
  const out = new Map<number, ShipmentWithLines[]>();
  if (orderIds.length === 0) return out;
  const rows = db.select().from(shipments).where(inArray(shipments.orderId, orderIds)).orderBy(asc(shipments.id)).all();
  for (const s of withLines(rows)) out.set(s.orderId, [...(out.get(s.orderId) ?? []), s]);
  return out;
}

function withLines(rows: ShipmentRow[]): ShipmentWithLines[] {
  if (rows.length === 0) return [];
  const lines = db
    .select()
    .from(shipmentLines)
    .where(inArray(shipmentLines.shipmentId, rows.map((r) => r.id)))
    .orderBy(asc(shipmentLines.id))
    .all();
  return rows.map((r) => ({
    ...r,
    lines: lines.filter((l) => l.shipmentId === r.id).map((l) => ({ orderLineId: l.orderLineId, quantity: l.quantity })),
  }));
}

export function getShipment(id: number): ShipmentRow | undefined {
  return db.select().from(shipments).where(eq(shipments.id, id)).get();
}

/**
 * Recompute an order's fulfilment status from its lines and shipments (a
 * cancelled order stays cancelled). Returns the status.
 */
export function refreshFulfilmentStatus(orderId: number, now: number) {
  const order = getOrder(orderId);
  if (!order) return null;
  const status = fulfilmentStatusFrom({
    cancelled: order.fulfilmentStatus === "cancelled",
    lines: getOrderLines(orderId),
    shipped: shippedQuantities(orderId),
  });
  if (status !== "cancelled" && status !== order.fulfilmentStatus) setFulfilmentStatus(orderId, status, now);
  return status;
}

/** A new shipment with its lines; the caller has checked them against what is left. */
/** Whether a shipment was already made with this form key (a form sent twice). */
export function shipmentExistsForFormKey(formKey: string): boolean {
  return db.select({ id: shipments.id }).from(shipments).where(eq(shipments.formKey, formKey)).get() !== undefined;
}

export function createShipment(args: {
  orderId: number;
  carrier: Carrier;
  trackingNumber: string | null;
  trackingUrl: string | null;
  lines: { lineId: number; quantity: number }[];
  staffId: number | null;
  formKey: string | null;
  now: number;
}): number {
  const [row] = db
    .insert(shipments)
    .values({
      orderId: args.orderId,
      formKey: args.formKey,
      carrier: args.carrier,
      trackingNumber: args.trackingNumber,
      trackingUrl: args.trackingUrl,
      shippedAt: args.now,
      staffId: args.staffId,
      createdAt: args.now,
      updatedAt: args.now,
    })
    .returning({ id: shipments.id })
    .all();
  for (const line of args.lines) {
    db.insert(shipmentLines).values({ shipmentId: row!.id, orderLineId: line.lineId, quantity: line.quantity }).run();
  }
  refreshFulfilmentStatus(args.orderId, args.now);
  return row!.id;
}

/** New carrier and tracking for a shipment (tracking holds the built or given address). */
export function updateTracking(id: number, tracking: TrackingInput & { trackingUrl: string | null }, now: number) {
  db.update(shipments)
    .set({ carrier: tracking.carrier, trackingNumber: tracking.trackingNumber, trackingUrl: tracking.trackingUrl, updatedAt: now })
    .where(eq(shipments.id, id))
    .run();
}

export function markShipmentDelivered(id: number, now: number) {
  db.update(shipments).set({ deliveredAt: now, updatedAt: now }).where(eq(shipments.id, id)).run();
}
