// The orders list as a CSV file: one row per order, money as decimals in the
// shop's currency, times in the shop's zone. Pure.
import { toCsv } from "./csv";
import { FULFILMENT_LABELS } from "./fulfilment";
import { centsToDecimal } from "./money";
import { ORDER_STATUS_LABELS, type OrderStatus } from "./order-status";
import { formatShopMinute } from "./shop-time";

export interface OrderCsvRow {
  number: string;
  status: OrderStatus;
  fulfilmentStatus: keyof typeof FULFILMENT_LABELS;
  createdAt: number;
  paidAt: number | null;
  customerEmail: string | null;
  customerName: string | null;
  itemCount: number;
  subtotalCents: number;
  discountCents: number;
  shippingCents: number;
  taxCents: number;
  totalCents: number;
  refundedCents: number;
  shippingMethodName: string | null;
}

export const ORDER_CSV_HEADER = [
  "order",
  "placed",
  "status",
  "shipping_state",
  "email",
  "name",
  "items",
  "subtotal",
  "discount",
  "shipping",
  "tax",
  "total",
  "refunded",
  "net",
  "shipping_method",
] as const;

export function ordersCsv(rows: readonly OrderCsvRow[], timeZone: string): string {
  return toCsv([
    ORDER_CSV_HEADER,
    ...rows.map((o) => [
      o.number,
      formatShopMinute(o.paidAt ?? o.createdAt, timeZone),
      ORDER_STATUS_LABELS[o.status],
      FULFILMENT_LABELS[o.fulfilmentStatus],
      o.customerEmail,
      o.customerName,
      o.itemCount,
      centsToDecimal(o.subtotalCents),
      centsToDecimal(o.discountCents),
      centsToDecimal(o.shippingCents),
      centsToDecimal(o.taxCents),
      centsToDecimal(o.totalCents),
      centsToDecimal(o.refundedCents),
      centsToDecimal(o.totalCents - o.refundedCents),
      o.shippingMethodName,
    ]),
  ]);
}
