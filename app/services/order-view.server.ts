// An order as the shopper's confirmation page shows it.
import { ORDER_STATUS_LABELS } from "~/domain/order-status";
import { getOrderLines, type OrderRow } from "~/models/orders.server";

export function orderForShopper(order: OrderRow, showPersonalDetails: boolean) {
  return {
    number: order.number,
    status: order.status,
    statusLabel: ORDER_STATUS_LABELS[order.status],
    subtotalCents: order.subtotalCents,
    discountCents: order.discountCents,
    totalCents: order.totalCents,
    shippingMethodName: order.shippingMethodName,
    shippingCents: order.shippingCents,
    taxCents: order.taxCents,
    paymentMode: order.paymentMode,
    lines: getOrderLines(order.id).map((l) => ({
      id: l.id,
      productName: l.productName,
      colourName: l.colourName,
      sku: l.sku,
      imageUrl: l.imageUrl,
      quantity: l.quantity,
      unitPriceCents: l.unitPriceCents,
      discountCents: l.discountCents,
      offerName: l.offerName,
      lineTotalCents: l.lineTotalCents,
    })),
    customer: showPersonalDetails ? { email: order.customerEmail, name: order.customerName, address: order.shippingAddress } : null,
  };
}
