// The outbox's email handler in-process, without SMTP_URL: what it does with
// payloads it cannot act on, where its .eml files go and what is in them.
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { afterAll, describe, expect, it, vi } from "vitest";
import { effectsForOrder } from "~/models/outbox.server";
import { sendOrderEmail } from "~/services/mail.server";
import { PermanentEffectError } from "~/services/outbox.server";
import { payOrder, pendingOrder } from "../helpers/admin";
import { db } from "../helpers/db";
import * as schema from "../../db/schema";

const mailDir = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? "/tmp"}/shop-mail-service-${process.pid}-${Date.now()}`;
  process.env.MAIL_DIR = dir;
  delete process.env.SMTP_URL;
  return dir;
});

const TOTE = "TOT-CMK-BLACK";
const row = { id: 1, createdAt: 1_700_000_000_000 };

async function paidOrderWithEmail() {
  const order = await pendingOrder(TOTE, 1);
  expect(payOrder(order)).toBe("fulfilled");
  const [effect] = effectsForOrder(order.id).filter((e) => e.kind === "email");
  return { order: db.select().from(schema.orders).where(eq(schema.orders.id, order.id)).get()!, effect: effect! };
}

describe("the email handler", () => {
  it("queues one confirmation per paid order, in the payment's transaction", async () => {
    const { order, effect } = await paidOrderWithEmail();
    expect(effect).toMatchObject({ kind: "email", status: "pending", orderId: order.id, dedupeKey: `email:order_confirmation:${order.id}` });
    expect(effect.payload).toEqual({ template: "order_confirmation", orderId: order.id });
    expect(payOrder(order)).toBe("already_paid");
    expect(effectsForOrder(order.id).filter((e) => e.kind === "email")).toHaveLength(1);
  });

  it("fails for good (no retries) when the order, shipment or refund does not exist, or the payload is unreadable", async () => {
    const { order } = await paidOrderWithEmail();
    for (const payload of [
      { template: "order_confirmation", orderId: 99_999_999 },
      { template: "order_shipped", orderId: order.id, ref: "99999" },
      { template: "order_refunded", orderId: order.id, ref: "re_missing" },
      { template: "order_teleported", orderId: order.id },
      { orderId: "1" },
    ]) {
      await expect(sendOrderEmail(payload, row), JSON.stringify(payload)).rejects.toBeInstanceOf(PermanentEffectError);
    }
  });

  it("writes the message as <createdAt>-<template>-<order>.eml under MAIL_DIR; sending again rewrites the same file", async () => {
    const { order, effect } = await paidOrderWithEmail();
    // A name with a line break must not become a header of its own.
    db.update(schema.orders).set({ customerName: "Eve\r\nBcc: victim@example.com" }).where(eq(schema.orders.id, order.id)).run();
    await sendOrderEmail(effect.payload, effect);
    await sendOrderEmail(effect.payload, effect);
    const name = `${effect.createdAt}-order_confirmation-${order.number}.eml`;
    expect(fs.readdirSync(mailDir).filter((f) => f.includes(order.number))).toEqual([name]);
    const raw = fs.readFileSync(path.join(mailDir, name));
    const message = await simpleParser(raw);
    expect(message.subject).toBe(`Thank you! Order ${order.number} is confirmed`);
    expect(message.bcc).toBeUndefined();
    const headers = raw.toString("utf8").split("\r\n\r\n")[0]!;
    expect(headers).toMatch(/^To: /m);
    expect(headers).not.toMatch(/^Bcc:/im);
    expect(message.text).toContain("Hi Eve Bcc: victim@example.com,");
    expect((Array.isArray(message.to) ? message.to[0] : message.to)?.value[0]).toEqual({ name: "Eve Bcc: victim@example.com", address: "buyer@example.com" });
    expect(message.messageId).toMatch(new RegExp(`^<order_confirmation\\.${effect.id}\\.${order.number}@example\\.com>$`));
    expect(message.text).toContain(`/orders/${order.number}?key=`);
  });
});

afterAll(() => fs.rmSync(mailDir, { recursive: true, force: true }));
