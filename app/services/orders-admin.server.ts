// One order as the back office shows it: lines with their bundle discounts and
// what can still go back in stock, totals, payment ids, customer, status
// history and refunds, and what is left to refund. Six indexed reads.
import crypto from "node:crypto";
import { formatAdminTime } from "~/utils/shop-time.server";
import { addressLines } from "~/domain/order-admin";
import { FULFILMENT_LABELS } from "~/domain/fulfilment";
import { historyNoteText, ORDER_STATUS_LABELS } from "~/domain/order-status";
import { deliveryEstimate } from "~/domain/shipping";
import { cardLabel } from "~/domain/payment-card";
import { isRefundableStatus, quantityField, remainingRefundableCents, restockableQuantity } from "~/domain/refunds";
import { addonLinkOf, addonsOfOrder, getOrder, getOrderDetail } from "~/models/orders.server";
import { fulfilmentForStaff } from "~/services/fulfilment.server";
import { listStaff } from "~/models/staff.server";
import { env } from "~/utils/env.server";

/** A fresh key for one refund form: a double submit of the same form refunds once. */
export function newRefundRequestKey(): string {
  return crypto.randomBytes(18).toString("base64url");
}

const REFUND_STATUS_LABELS: Record<string, string> = {
  pending: "Pending",
  succeeded: "Succeeded",
  failed: "Failed",
  canceled: "Canceled",
};

/**
 * Micro bags added after payment: on the first order, its add-ons (each its
 * own order, payment and refund, shipped in the same parcel); on an add-on,
 * the order it joins.
 */
function afterPaymentLinks(orderId: number) {
  const link = addonLinkOf(orderId);
  const parent = link ? getOrder(link.parentOrderId) : undefined;
  return {
    addonTo: parent ? parent.number : null,
    addons: addonsOfOrder(orderId)
      .filter((a) => a.order.status !== "expired" && a.order.status !== "payment_failed")
      .map((a) => ({
        number: a.order.number,
        statusLabel: ORDER_STATUS_LABELS[a.order.status],
        fulfilmentLabel: FULFILMENT_LABELS[a.order.fulfilmentStatus],
        totalCents: a.order.totalCents,
        refundedCents: a.order.refundedCents,
        items: a.lines.map((l) => `${l.quantity} × ${l.productName} (${l.colourName})`).join(", "),
      })),
  };
}

export function orderForStaff(number: string) {
  const detail = getOrderDetail(number);
  if (!detail) return null;
  const { order, lines, history, refunds } = detail;
  const names = new Map(listStaff().map((s) => [s.id, s.name]));
  const remainingCents = remainingRefundableCents(order, refunds);
  const stripeReady = order.paymentMode === "test" || (env().stripe !== null && order.stripePaymentIntentId !== null);
  const refundable = isRefundableStatus(order.status) && remainingCents > 0;
  return {
    number: order.number,
    status: order.status,
    statusLabel: ORDER_STATUS_LABELS[order.status],
    flag: order.flag,
    createdAt: formatAdminTime(order.createdAt),
    paidAt: order.paidAt === null ? null : formatAdminTime(order.paidAt),
    currency: order.currency.toUpperCase(),
    subtotalCents: order.subtotalCents,
    discountCents: order.discountCents,
    totalCents: order.totalCents,
    shipping: {
      methodName: order.shippingMethodName,
      cents: order.shippingCents,
      estimate: order.deliveryMinDays !== null && order.deliveryMaxDays !== null ? deliveryEstimate(order.deliveryMinDays, order.deliveryMaxDays) : null,
    },
    taxCents: order.taxCents,
    refundedCents: order.refundedCents,
    remainingCents,
    paymentMode: order.paymentMode,
    /** "Visa card ending 4242", or null when the card is not known. */
    card: cardLabel({ brand: order.cardBrand, last4: order.cardLast4 }),
    stripeSessionId: order.stripeSessionId,
    stripePaymentIntentId: order.stripePaymentIntentId,
    inHoldout: order.inHoldout,
    afterPayment: afterPaymentLinks(order.id),
    fulfilment: fulfilmentForStaff(order, lines),
    customer: {
      email: order.customerEmail,
      name: order.customerName,
      address: addressLines(order.shippingAddress),
    },
    lines: lines.map((l) => ({
      id: l.id,
      field: quantityField(l.id),
      productName: l.productName,
      productKind: l.productKind,
      colourName: l.colourName,
      sku: l.sku,
      quantity: l.quantity,
      unitPriceCents: l.unitPriceCents,
      discountCents: l.discountCents,
      offerName: l.offerName,
      lineTotalCents: l.lineTotalCents,
      restockedQuantity: l.restockedQuantity,
      restockable: restockableQuantity(l),
      inCatalog: l.variantId !== null,
    })),
    history: history.map((h) => ({ id: h.id, at: formatAdminTime(h.createdAt), status: h.status, label: ORDER_STATUS_LABELS[h.status as keyof typeof ORDER_STATUS_LABELS] ?? h.status, note: historyNoteText(h.note) })),
    refunds: refunds.map((r) => ({
      id: r.id,
      at: formatAdminTime(r.createdAt),
      amountCents: r.amountCents,
      status: REFUND_STATUS_LABELS[r.status] ?? r.status,
      reason: r.reason,
      by: r.staffId === null ? "Stripe dashboard or webhook" : (names.get(r.staffId) ?? `Staff #${r.staffId}`),
    })),
    refund: {
      possible: refundable && stripeReady,
      why: !isRefundableStatus(order.status)
        ? `Only paid orders can be refunded; this one is ${ORDER_STATUS_LABELS[order.status].toLowerCase()}.`
        : remainingCents <= 0
          ? "Nothing is left to refund on this order."
          : !stripeReady
            ? order.stripePaymentIntentId === null
              ? "Stripe hasn't told us this order's payment yet, so it can't be refunded here."
              : "Stripe isn't set up on this server, so this Stripe order can't be refunded here."
            : null,
      requestKey: newRefundRequestKey(),
    },
  };
}

export type StaffOrderView = NonNullable<ReturnType<typeof orderForStaff>>;
