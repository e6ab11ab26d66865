// The emails an order sends, from plain view data to { subject, text, html }.
// Pure: the mail service (app/services/mail.server.ts) reads the database and
// sends; the look lives in ./email-layout.
import { renderMessage, type Block, type RenderedEmail } from "./email-layout";
import { formatCents } from "./money";

export type { RenderedEmail } from "./email-layout";

export interface EmailOrderLine {
  productName: string;
  colourName: string;
  quantity: number;
  unitPriceCents: number;
  /** Bundle discount on the whole line, and the offer that gave it. */
  discountCents: number;
  offerName: string | null;
  lineTotalCents: number;
}

export interface EmailOrder {
  number: string;
  customerName: string | null;
  lines: EmailOrderLine[];
  subtotalCents: number;
  /** Bundle savings over the whole order. */
  discountCents: number;
  shippingName: string | null;
  shippingCents: number;
  taxCents: number;
  totalCents: number;
  /** The address as label lines (name, street, town…); empty when not known. */
  address: string[];
  /** Absolute link to the shopper's order page. */
  orderUrl: string;
  delivery: { minDays: number; maxDays: number } | null;
  /** "Visa card ending 4242" when Stripe told us the card; refunds name it. */
  card?: string | null;
}

/** Where refunded money goes, in the shopper's words. */
function refundDestination(order: EmailOrder): string {
  return order.card ? `your ${order.card}` : "the card you paid with";
}

/** Some units of one order line (a parcel's contents, refunded items). */
export interface EmailItem {
  productName: string;
  colourName: string;
  quantity: number;
}

export interface EmailShipment {
  /** The carrier's name as shoppers know it ("UPS", "Royal Mail"), or null when staff chose "other". */
  carrierName: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  items: EmailItem[];
  /** Whether this parcel completes the order (nothing left to send). */
  completesOrder: boolean;
}

/** The micro-bag offer after payment, in the confirmation: a few micro bags and the link to add one. */
export interface EmailAfterPaymentOffer {
  items: { productName: string; colourName: string; priceCents: number; regularPriceCents: number }[];
  /** The order page's offer (the page carries the order's key). */
  url: string;
  /** E.g. "until 3 Dec, 14:05 UTC". */
  closes: string;
}

export type EmailView =
  | { template: "order_confirmation"; order: EmailOrder; afterPayment?: EmailAfterPaymentOffer | null }
  | { template: "order_shipped"; order: EmailOrder; shipment: EmailShipment }
  | { template: "order_delivered"; order: EmailOrder; shipment: EmailShipment }
  | { template: "order_cancelled"; order: EmailOrder; refundedCents: number }
  | { template: "order_refunded"; order: EmailOrder; refund: { amountCents: number; items: EmailItem[]; wholeOrder: boolean } }
  | { template: "order_unfulfillable"; order: EmailOrder; refundCents: number; addonWithdrawn?: boolean };

export type EmailTemplateName = EmailView["template"];

/** Carrier names as a shopper reads them; "other" says nothing. */
export const CARRIER_NAMES: Record<string, string | null> = {
  usps: "USPS",
  ups: "UPS",
  fedex: "FedEx",
  dhl: "DHL",
  royal_mail: "Royal Mail",
  other: null,
};

const money = formatCents;
const minus = (cents: number) => `−${formatCents(cents)}`;

export function deliveryEstimate(delivery: { minDays: number; maxDays: number }): string {
  const { minDays, maxDays } = delivery;
  if (minDays === maxDays) return `${minDays} business day${minDays === 1 ? "" : "s"}`;
  return `${minDays}–${maxDays} business days`;
}

function greeting(order: EmailOrder): string {
  const name = order.customerName?.replace(/\s+/g, " ").trim();
  return name ? `Hi ${name},` : "Hello,";
}

function itemLabel(item: EmailItem): string {
  return `${item.quantity} × ${item.productName}, ${item.colourName}`;
}

function lineBlocks(order: EmailOrder): Block[] {
  const rows: { label: string; amount: string; strong?: boolean }[] = [{ label: "Subtotal", amount: money(order.subtotalCents) }];
  if (order.discountCents > 0) rows.push({ label: "Bundle savings", amount: minus(order.discountCents) });
  if (order.shippingName !== null || order.shippingCents > 0) {
    const name = order.shippingName ? `Shipping (${order.shippingName})` : "Shipping";
    rows.push({ label: name, amount: order.shippingCents === 0 ? "Free" : money(order.shippingCents) });
  }
  if (order.taxCents > 0) rows.push({ label: "Tax", amount: money(order.taxCents) });
  rows.push({ label: "Total", amount: money(order.totalCents), strong: true });
  return [
    {
      kind: "lines",
      lines: order.lines.map((l) => ({
        label: itemLabel(l),
        amount: money(l.lineTotalCents),
        note: l.discountCents > 0 ? `${l.offerName ?? "Bundle price"}: ${minus(l.discountCents)}` : null,
      })),
    },
    { kind: "totals", rows },
  ];
}

function addressBlock(order: EmailOrder, title: string): Block[] {
  return order.address.length > 0 ? [{ kind: "address", title, lines: order.address }] : [];
}

function orderLink(order: EmailOrder): Block {
  return { kind: "link", label: "See your order", url: order.orderUrl };
}

function trackingBlocks(shipment: EmailShipment): Block[] {
  const blocks: Block[] = [];
  const carrier = shipment.carrierName ? `with ${shipment.carrierName}` : "with our carrier";
  if (shipment.trackingNumber) blocks.push({ kind: "p", text: `It's travelling ${carrier}, tracking number ${shipment.trackingNumber}.` });
  else blocks.push({ kind: "p", text: `It's travelling ${carrier}.` });
  if (shipment.trackingUrl) blocks.push({ kind: "link", label: "Track your parcel", url: shipment.trackingUrl });
  return blocks;
}

/** An order email's subject, plain text and HTML. */
export function renderEmail(view: EmailView): RenderedEmail {
  const { order } = view;
  const hello = greeting(order);
  switch (view.template) {
    case "order_confirmation": {
      const blocks: Block[] = [
        { kind: "p", text: `Thank you for your order! We've received your payment and are getting order ${order.number} ready.` },
        { kind: "heading", text: `Order ${order.number}` },
        ...lineBlocks(order),
        ...addressBlock(order, "Shipping to"),
      ];
      if (order.delivery) {
        blocks.push({ kind: "p", text: `It usually arrives within ${deliveryEstimate(order.delivery)} of leaving us; we'll email you when it's on its way.` });
      } else {
        blocks.push({ kind: "p", text: "We'll email you when it's on its way." });
      }
      blocks.push(orderLink(order));
      if (view.afterPayment && view.afterPayment.items.length > 0) {
        const offer = view.afterPayment;
        blocks.push(
          { kind: "heading", text: "Add a charm to this order" },
          {
            kind: "list",
            title: `At the bundle price, in the same parcel, ${offer.closes}`,
            items: offer.items.map((i) =>
              i.priceCents < i.regularPriceCents
                ? `${i.productName}, ${i.colourName}: ${money(i.priceCents)} (regular ${money(i.regularPriceCents)})`
                : `${i.productName}, ${i.colourName}: ${money(i.priceCents)}`,
            ),
          },
          { kind: "link", label: "Add to my order", url: offer.url },
        );
      }
      return renderMessage(`Thank you! Order ${order.number} is confirmed`, hello, blocks);
    }
    case "order_shipped": {
      const { shipment } = view;
      const some = !shipment.completesOrder;
      const blocks: Block[] = [
        { kind: "p", text: some ? `Part of order ${order.number} is on its way to you; we'll send the rest soon.` : `Good news: order ${order.number} is on its way to you.` },
        { kind: "list", title: "In this parcel", items: shipment.items.map(itemLabel) },
        ...trackingBlocks(shipment),
        ...addressBlock(order, "Shipping to"),
      ];
      if (order.delivery) blocks.push({ kind: "p", text: `It usually arrives within ${deliveryEstimate(order.delivery)}.` });
      blocks.push(orderLink(order));
      const subject = some ? `Part of order ${order.number} is on its way` : `Order ${order.number} is on its way`;
      return renderMessage(subject, hello, blocks);
    }
    case "order_delivered": {
      const { shipment } = view;
      const blocks: Block[] = [
        { kind: "p", text: `Your parcel for order ${order.number} has been delivered. We hope you love it!` },
        { kind: "list", title: "In this parcel", items: shipment.items.map(itemLabel) },
      ];
      if (shipment.trackingUrl) blocks.push({ kind: "link", label: "See the delivery details", url: shipment.trackingUrl });
      blocks.push({ kind: "p", text: "If anything is missing or not quite right, just reply and we'll put it right." }, orderLink(order));
      return renderMessage(`Order ${order.number} has been delivered`, hello, blocks);
    }
    case "order_cancelled": {
      const blocks: Block[] = [{ kind: "p", text: `We've cancelled order ${order.number}, so nothing more will be sent.` }];
      blocks.push({
        kind: "p",
        text:
          view.refundedCents > 0
            ? `We've refunded ${money(view.refundedCents)} to ${refundDestination(order)}; it can take 5–10 business days to show.`
            : `Anything you paid for it goes back to ${refundDestination(order)}.`,
      });
      blocks.push(orderLink(order));
      return renderMessage(`Order ${order.number} has been cancelled`, hello, blocks);
    }
    case "order_refunded": {
      const { refund } = view;
      const blocks: Block[] = [
        {
          kind: "p",
          text: `We've refunded ${money(refund.amountCents)} ${refund.wholeOrder ? `for order ${order.number}` : `of order ${order.number}`} to ${refundDestination(order)}. It can take 5–10 business days to show on your statement.`,
        },
      ];
      if (refund.items.length > 0) blocks.push({ kind: "list", title: "Refunded items", items: refund.items.map(itemLabel) });
      blocks.push({ kind: "totals", rows: [{ label: "Refund", amount: money(refund.amountCents), strong: true }] }, orderLink(order));
      return renderMessage(`Your refund of ${money(refund.amountCents)} for order ${order.number}`, hello, blocks);
    }
    case "order_unfulfillable": {
      const blocks: Block[] = [
        {
          kind: "p",
          text: view.addonWithdrawn
            ? `Your payment for order ${order.number}, a micro bag added after payment, reached us after the first order had shipped or been refunded, so we can't add it.`
            : `We're so sorry: by the time your payment for order ${order.number} reached us, some of what you ordered had sold out, so we can't send it.`,
        },
        { kind: "list", title: "Your order", items: order.lines.map(itemLabel) },
        {
          kind: "p",
          text: `We've refunded the full ${money(view.refundCents)} to ${refundDestination(order)}; it can take 5–10 business days to show.`,
        },
        orderLink(order),
      ];
      return renderMessage(`Sorry, we couldn't fill order ${order.number}: you've been refunded`, hello, blocks);
    }
  }
}

