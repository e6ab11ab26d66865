// Reads for order emails: a shipment with what it carries, and how much of
// each order line has been sent. Read-only; shipments are written by the
// fulfilment module.
import { and, eq, lte, sql } from "drizzle-orm";
import { db } from "~/utils/db.server";
import { shipmentLines, shipments } from "../../db/schema";

export type ShipmentRow = typeof shipments.$inferSelect;

export function getShipmentOfOrder(shipmentId: number, orderId: number): ShipmentRow | undefined {
  return db.select().from(shipments).where(and(eq(shipments.id, shipmentId), eq(shipments.orderId, orderId))).get();
}

/** The lines a shipment carries: order line id and units. */
export function getShipmentLines(shipmentId: number): { orderLineId: number; quantity: number }[] {
  return db
    .select({ orderLineId: shipmentLines.orderLineId, quantity: shipmentLines.quantity })
    .from(shipmentLines)
    .where(eq(shipmentLines.shipmentId, shipmentId))
    .orderBy(shipmentLines.id)
    .all();
}

/** Units sent per order line by the order's shipments up to and including `upToShipmentId`. */
export function shippedQuantities(orderId: number, upToShipmentId: number): Map<number, number> {
  const rows = db
    .select({ orderLineId: shipmentLines.orderLineId, sent: sql<number>`sum(${shipmentLines.quantity})` })
    .from(shipmentLines)
    .innerJoin(shipments, eq(shipments.id, shipmentLines.shipmentId))
    .where(and(eq(shipments.orderId, orderId), lte(shipments.id, upToShipmentId)))
    .groupBy(shipmentLines.orderLineId)
    .all();
  return new Map(rows.map((r) => [r.orderLineId, Number(r.sent)]));
}
