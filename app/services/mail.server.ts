// Order emails: the outbox's "email" handler. It reads what the email needs,
// renders it (app/domain/emails.ts) and sends it with nodemailer: over SMTP when
// SMTP_URL is set, otherwise as an .eml file under MAIL_DIR.
//
// It runs in the background sender, never in a request. A missing order (or
// shipment, or refund) cannot get better and fails at once; an SMTP error is
// thrown, so the sender retries with backoff and marks the row failed after the
// last attempt. Delivery is at least once: a crash between sending and marking
// the row sent sends that one email again when the claim lapses, never more.
// (Its Message-ID stays the same, so mail programs may fold the two.)
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { z } from "zod";
import { cardLabel } from "~/domain/payment-card";
import { addressLines } from "~/domain/order-admin";
import { offerClosesText } from "~/domain/after-payment";
import { CARRIER_NAMES, renderEmail, type EmailAfterPaymentOffer, type EmailItem, type EmailOrder, type EmailView, type RenderedEmail } from "~/domain/emails";
import { getShipmentLines, getShipmentOfOrder, shippedQuantities } from "~/models/order-email-data.server";
import { getOrder, getOrderLines, getRefund, type OrderLineRow, type OrderRow } from "~/models/orders.server";
import type { OutboxRow } from "~/models/outbox.server";
import { afterPaymentOffer } from "~/services/after-payment.server";
import { backInStockEmail, isBackInStockPayload } from "~/services/back-in-stock-email.server";
import { EMAIL_EFFECT, ORDER_EMAIL_TEMPLATES } from "~/services/order-emails.server";
import { PermanentEffectError, registerEffectHandler } from "~/services/outbox.server";
import { env } from "~/utils/env.server";
import { orderPagePath } from "~/utils/order-key.server";

// Short, so a mail server that is down fails this attempt quickly and the sender moves on.
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000, dnsTimeout: 10_000 };

const payloadSchema = z.object({
  template: z.enum(ORDER_EMAIL_TEMPLATES),
  orderId: z.number().int().positive(),
  ref: z.string().min(1).max(200).optional(),
  // Refund emails: what the refund form chose.
  scope: z.string().max(20).optional(),
  // Unfulfillable: why ("addon_withdrawn": an add-on paid after its order shipped or was refunded).
  reason: z.string().max(40).optional(),
  items: z
    .array(z.object({ lineId: z.number().int().positive(), quantity: z.number().int().positive() }))
    .max(500)
    .optional(),
});
type EmailPayload = z.infer<typeof payloadSchema>;

/** The shop's public origin for links in emails; PUBLIC_URL in production (start warns without it). */
export function shopOrigin(): string {
  return env().publicUrl ?? `http://localhost:${env().port}`;
}

function orderView(order: OrderRow, lines: OrderLineRow[]): EmailOrder {
  return {
    number: order.number,
    customerName: order.customerName,
    lines: lines.map((l) => ({
      productName: l.productName,
      colourName: l.colourName,
      quantity: l.quantity,
      unitPriceCents: l.unitPriceCents,
      discountCents: l.discountCents,
      offerName: l.offerName,
      lineTotalCents: l.lineTotalCents,
    })),
    subtotalCents: order.subtotalCents,
    discountCents: order.discountCents,
    shippingName: order.shippingMethodName,
    shippingCents: order.shippingCents,
    taxCents: order.taxCents,
    totalCents: order.totalCents,
    address: addressLines(order.shippingAddress),
    card: cardLabel({ brand: order.cardBrand, last4: order.cardLast4 }),
    orderUrl: shopOrigin() + orderPagePath(order.number),
    delivery:
      order.deliveryMinDays !== null && order.deliveryMaxDays !== null ? { minDays: order.deliveryMinDays, maxDays: order.deliveryMaxDays } : null,
  };
}

function itemsOf(lines: OrderLineRow[], picked: { lineId: number; quantity: number }[]): EmailItem[] {
  const byId = new Map(lines.map((l) => [l.id, l]));
  return picked.flatMap((p) => {
    const line = byId.get(p.lineId);
    return line ? [{ productName: line.productName, colourName: line.colourName, quantity: p.quantity }] : [];
  });
}

function shipmentView(order: OrderRow, lines: OrderLineRow[], ref: string | undefined) {
  const id = ref && /^\d{1,12}$/.test(ref) ? Number(ref) : null;
  const shipment = id === null ? undefined : getShipmentOfOrder(id, order.id);
  if (!shipment) throw new PermanentEffectError(`Shipment ${ref ?? "(none)"} of order ${order.number} does not exist`);
  const carried = getShipmentLines(shipment.id).map((l) => ({ lineId: l.orderLineId, quantity: l.quantity }));
  const sent = shippedQuantities(order.id, shipment.id);
  return {
    carrierName: CARRIER_NAMES[shipment.carrier] ?? null,
    trackingNumber: shipment.trackingNumber,
    trackingUrl: shipment.trackingUrl,
    items: itemsOf(lines, carried),
    completesOrder: lines.every((l) => (sent.get(l.id) ?? 0) >= l.quantity),
  };
}

/** What an email says, read from the database now (so it shows the order as it is when sent). */
/** The after-payment offer as it stands when the email is sent (nothing once shipped, refunded or over). */
function emailOffer(order: OrderRow): EmailAfterPaymentOffer | null {
  const offer = afterPaymentOffer(order);
  if (!offer?.open) return null;
  return {
    items: offer.items.map((i) => ({ productName: i.productName, colourName: i.colourName, priceCents: i.priceCents, regularPriceCents: i.regularPriceCents })),
    url: `${shopOrigin()}${orderPagePath(order.number)}#add-on`,
    closes: offerClosesText(offer.closesAt),
  };
}

export function emailViewFor(payload: EmailPayload): { view: EmailView; order: OrderRow } {
  const order = getOrder(payload.orderId);
  if (!order) throw new PermanentEffectError(`Order ${payload.orderId} does not exist`);
  const lines = getOrderLines(order.id);
  const base = orderView(order, lines);
  switch (payload.template) {
    case "order_confirmation":
      return { order, view: { template: payload.template, order: base, afterPayment: emailOffer(order) } };
    case "order_shipped":
    case "order_delivered":
      return { order, view: { template: payload.template, order: base, shipment: shipmentView(order, lines, payload.ref) } };
    case "order_cancelled":
      return { order, view: { template: payload.template, order: base, refundedCents: order.refundedCents } };
    case "order_unfulfillable":
      return { order, view: { template: payload.template, order: base, refundCents: order.totalCents, addonWithdrawn: payload.reason === "addon_withdrawn" } };
    case "order_refunded": {
      const refund = payload.ref ? getRefund(payload.ref) : undefined;
      if (!refund || refund.orderId !== order.id) throw new PermanentEffectError(`Refund ${payload.ref ?? "(none)"} of order ${order.number} does not exist`);
      if (refund.status === "failed" || refund.status === "canceled") throw new PermanentEffectError(`Refund ${refund.id} was ${refund.status}: no money went back`);
      const items = payload.scope === "lines" ? itemsOf(lines, payload.items ?? []) : [];
      return {
        order,
        view: { template: payload.template, order: base, refund: { amountCents: refund.amountCents, items, wholeOrder: payload.scope === "full" } },
      };
    }
  }
}

// ---------------------------------------------------------------- sending

type Transport = ReturnType<typeof nodemailer.createTransport>;
let smtp: { url: string; transport: Transport } | null = null;

function smtpTransport(url: string): Transport {
  if (smtp?.url !== url) smtp = { url, transport: nodemailer.createTransport({ url, ...SMTP_TIMEOUTS }) };
  return smtp.transport;
}

const fileTransport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });

/** The address part of MAIL_FROM ("Tote & Charm <orders@example.com>" → orders@example.com). */
export function fromDomain(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return address.split("@")[1] ?? "localhost";
}

/** A header-safe display name (no line breaks or control characters). */
export function displayName(name: string | null): string {
  // eslint-disable-next-line no-control-regex -- a header must not carry control characters
  return (name ?? "").replace(/[\u0000-\u001f\u007f]+/g, " ").trim().slice(0, 100);
}

function safeFilePart(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]+/g, "_").slice(0, 60);
}

export interface OutgoingEmail {
  to: { name: string; address: string };
  rendered: RenderedEmail;
  messageId: string;
  /** For .eml files: <createdAt>-<template>-<orderNumber>[-<ref>].eml */
  fileName: string;
}

/** Send over SMTP, or write the message under MAIL_DIR when no SMTP server is configured. Returns where it went. */
export async function deliverEmail(email: OutgoingEmail): Promise<string> {
  const { mail } = env();
  const message = {
    from: mail.from,
    to: email.to,
    subject: email.rendered.subject,
    text: email.rendered.text,
    html: email.rendered.html,
    messageId: email.messageId,
  };
  if (mail.smtpUrl) {
    const info = await smtpTransport(mail.smtpUrl).sendMail(message);
    return `smtp ${info.messageId}`;
  }
  const info = await fileTransport.sendMail(message);
  await fs.mkdir(mail.dir, { recursive: true });
  const file = path.join(mail.dir, email.fileName);
  // Written beside and renamed into place, so a reader never sees half a file.
  const partial = `${file}.${process.pid}.partial`;
  await fs.writeFile(partial, info.message as Buffer);
  await fs.rename(partial, file);
  return file;
}

/** The outbox handler for kind "email". */
export async function sendOrderEmail(payload: Record<string, unknown>, row: Pick<OutboxRow, "id" | "createdAt">): Promise<void> {
  // The one email that is not about an order.
  if (isBackInStockPayload(payload)) {
    await deliverEmail(backInStockEmail(payload, row, shopOrigin(), fromDomain(env().mail.from)));
    return;
  }
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) throw new PermanentEffectError(`Unreadable email payload: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  const { view, order } = emailViewFor(parsed.data);
  if (!order.customerEmail) throw new PermanentEffectError(`Order ${order.number} has no email address`);
  const ref = parsed.data.ref ? `-${safeFilePart(parsed.data.ref)}` : "";
  await deliverEmail({
    to: { name: displayName(order.customerName), address: order.customerEmail },
    rendered: renderEmail(view),
    messageId: `<${parsed.data.template}.${row.id}.${safeFilePart(order.number)}@${fromDomain(env().mail.from)}>`,
    fileName: `${row.createdAt}-${parsed.data.template}-${safeFilePart(order.number)}${ref}.eml`,
  });
}

export function registerMailEffects() {
  registerEffectHandler(EMAIL_EFFECT, sendOrderEmail);
}
