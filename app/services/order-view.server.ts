// An order as the shopper sees it: on the thank-you page after checkout, and
// on the order page their emails link to (/orders/<number>?key=…).
import { CARRIER_LABELS, deliveryEstimate, shopperStatus } from "~/domain/fulfilment";
import { formatUtcMinute } from "~/domain/offer-admin";
import { addressLines, parseOrderNumber } from "~/domain/order-admin";
import { ORDER_STATUS_LABELS } from "~/domain/order-status";
import { getOrderByNumber, getOrderLines, type OrderRow } from "~/models/orders.server";
import { listShipments } from "~/models/shipments.server";
import { addonPayments, afterPaymentOffer } from "~/services/after-payment.server";
import { isOrderPageKey, orderPageKey, orderPagePath } from "~/utils/order-key.server";

export function orderForShopper(order: OrderRow, showPersonalDetails: boolean) {
  return {
    number: order.number,
    status: order.status,
    statusLabel: ORDER_STATUS_LABELS[order.status],
    subtotalCents: order.subtotalCents,
    discountCents: order.discountCents,
    shippingCents: order.shippingCents,
    shippingMethodName: order.shippingMethodName,
    taxCents: order.taxCents,
    totalCents: order.totalCents,
    paymentMode: order.paymentMode,
    deliveryEstimate: deliveryEstimate(order.deliveryMinDays, order.deliveryMaxDays),
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
    // The order page's link carries its key: only for the shopper who checked out.
    orderPagePath: showPersonalDetails ? orderPagePath(order.number) : null,
  };
}

/**
 * The shopper's order page, or null for an unknown order, a wrong key or no
 * key alike (the key is checked before the order is looked up, so all three
 * take the same path and answer the same).
 */
export function orderPageFor(numberText: string | undefined, key: string | null) {
  const number = parseOrderNumber(numberText);
  if (!number || !isOrderPageKey(number, key)) return null;
  const order = getOrderByNumber(number);
  if (!order) return null;
  const shipments = listShipments(order.id);
  const base = orderForShopper(order, true);
  const addons = addonPayments(order.id);
  return {
    ...base,
    orderKey: orderPageKey(order.number),
    afterPayment: afterPaymentOffer(order),
    // Micro bags added after payment: in the same parcel, each with its own payment.
    addons: addons.map((a) => ({ ...a, statusLabel: a.withdrawn ? "Withdrawn, refunded in full" : ORDER_STATUS_LABELS[a.status] })),
    firstPayment: { totalCents: order.totalCents, refundedCents: order.refundedCents, statusLabel: ORDER_STATUS_LABELS[order.status] },
    placed: formatUtcMinute(order.paidAt ?? order.createdAt),
    refundedCents: order.refundedCents,
    state: shopperStatus({ status: order.status, fulfilmentStatus: order.fulfilmentStatus, refundedCents: order.refundedCents, shipments }),
    address: addressLines(order.shippingAddress),
    shipments: shipments.map((s) => ({
      id: s.id,
      carrierLabel: CARRIER_LABELS[s.carrier],
      trackingNumber: s.trackingNumber,
      trackingUrl: s.trackingUrl,
      shippedAt: formatUtcMinute(s.shippedAt),
      deliveredAt: s.deliveredAt === null ? null : formatUtcMinute(s.deliveredAt),
      items: s.lines.reduce((sum, l) => sum + l.quantity, 0),
    })),
  };
}

export type ShopperOrderPage = NonNullable<ReturnType<typeof orderPageFor>>;
