// Order emails end to end: the real shop process sends through the outbox to a
// real SMTP server on loopback (smtp-server), and what arrived is read back with
// mailparser. Background work is waited on with `eventually`, never a sleep.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { ParsedMail } from "mailparser";
import { simpleParser } from "mailparser";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCents } from "~/domain/money";
import { HttpShopper } from "../helpers/http-shopper";
import { startShop, tempDatabaseFile, type RunningShop } from "../helpers/server";
import { freePort, startMailServer, type TestMailServer } from "../helpers/smtp";
import { startStripeStandIn, stripeEvent, type StripeStandIn } from "../helpers/stripe-stand-in";

const TOTE = "TOT-CMK-BLACK";
const PUBLIC_URL = "https://shop.example";
const SESSION_SECRET = "e2e-session-secret-at-least-32-characters";
const MAIL_FROM = "Tote & Charm <hello@toteandcharm.test>";
const OWNER = { email: "owner@shop.test", password: "a long owner passphrase" };
const FAST_OUTBOX = { OUTBOX_POLL_MS: "100", OUTBOX_RETRY_BASE_MS: "50" };

type OutboxRow = { id: number; status: string; attempts: number; last_error: string | null; payload: string };
type OrderRow = { id: number; number: string; total_cents: number };
type LineRow = { id: number; product_name: string; colour_name: string; quantity: number; line_total_cents: number };

function query<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

function write(file: string, fn: (db: Database.Database) => void) {
  const db = new Database(file);
  db.pragma("busy_timeout = 5000");
  try {
    db.transaction(() => fn(db)).immediate();
  } finally {
    db.close();
  }
}

/** Wait for something the shop does in the background; fails with the last value if it never happens. */
async function eventually<T>(read: () => T | Promise<T>, done: (value: T) => boolean, what: string, limitMs = 20_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  if (!done(value)) throw new Error(`${what} did not happen; last seen: ${JSON.stringify(value)}`);
  return value;
}

function orderPageUrl(number: string): string {
  const key = crypto.createHmac("sha256", SESSION_SECRET).update(`order-page:${number}`).digest("base64url");
  return `${PUBLIC_URL}/orders/${number}?key=${key}`;
}

function orderBySession(file: string, sessionId: string): OrderRow {
  return query<OrderRow>(file, "SELECT id, number, total_cents FROM orders WHERE stripe_session_id = ?", sessionId)[0]!;
}

function emailRows(file: string, orderId: number, template: string): OutboxRow[] {
  return query<OutboxRow>(
    file,
    "SELECT id, status, attempts, last_error, payload FROM outbox WHERE kind = 'email' AND order_id = ? AND json_extract(payload, '$.template') = ?",
    orderId,
    template,
  );
}

const about = (mail: ParsedMail, number: string) => (mail.subject ?? "").includes(number);
const toAddress = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address;

/** Add a tote to a new cart and pay for it on the test-payment page; returns the order. */
async function payWithTestPayment(shop: RunningShop, email: string, name: string): Promise<OrderRow> {
  const shopper = new HttpShopper(shop.url);
  expect((await shopper.post("/cart", { intent: "add", sku: TOTE, quantity: "1" })).status).toBe(303);
  const started = await shopper.post("/checkout", {});
  const sessionId = new URL(started.headers.get("Location")!, shop.url).searchParams.get("session_id")!;
  expect(sessionId).toMatch(/^test_cs_/);
  const paid = await shopper.post("/checkout/test-payment", {
    intent: "pay",
    session_id: sessionId,
    email,
    name,
    line1: "1 Market Street",
    city: "Springfield",
    postal_code: "12345",
    country: "US",
  });
  expect(paid.headers.get("Location")).toBe(`/checkout/success?session_id=${sessionId}`);
  return orderBySession(shop.databaseFile, sessionId);
}

async function signedInOwner(shop: RunningShop): Promise<HttpShopper> {
  const owner = new HttpShopper(shop.url);
  // No Origin header: behind PUBLIC_URL the Host would match it; here it is the loopback address.
  const res = await owner.request("/admin/login", { form: OWNER });
  expect(res.status, shop.output().slice(-3000)).toBe(303);
  return owner;
}

describe("emails through a real SMTP server", () => {
  let mail: TestMailServer;
  let shop: RunningShop;

  beforeAll(async () => {
    mail = await startMailServer();
    shop = await startShop({
      databaseFile: tempDatabaseFile("shop-emails-"),
      env: {
        SMTP_URL: mail.url,
        MAIL_FROM,
        PUBLIC_URL,
        ADMIN_EMAIL: OWNER.email,
        ADMIN_PASSWORD: OWNER.password,
        ...FAST_OUTBOX,
      },
    });
  });
  afterAll(async () => {
    await shop?.stop();
    await mail?.close();
  });

  const arrivedFor = (number: string) => eventually(() => mail.received.filter((m) => about(m, number)), (m) => m.length > 0, `an email for ${number}`);

  it("sends the confirmation after a test payment: To, From, subject, lines, total and the order page link", async () => {
    const order = await payWithTestPayment(shop, "Ada.Buyer@Example.com", "Ada Buyer");
    const [message] = await arrivedFor(order.number);
    expect(toAddress(message!)).toBe("ada.buyer@example.com");
    expect(message!.from?.value[0]).toEqual({ name: "Tote & Charm", address: "hello@toteandcharm.test" });
    expect(message!.subject).toBe(`Thank you! Order ${order.number} is confirmed`);
    const [line] = query<LineRow>(shop.databaseFile, "SELECT * FROM order_lines WHERE order_id = ?", order.id);
    const text = message!.text ?? "";
    expect(text).toContain("Hi Ada Buyer,");
    expect(text).toContain(`1 × ${line!.product_name}, ${line!.colour_name}   ${formatCents(line!.line_total_cents)}`);
    expect(text).toContain(`Total: ${formatCents(order.total_cents)}`);
    expect(text).toContain("1 Market Street");
    expect(text).toContain(`See your order: ${orderPageUrl(order.number)}`);
    expect(message!.html).toContain(`href="${orderPageUrl(order.number).replace(/&/g, "&amp;")}"`);
    expect(message!.html).toContain("Questions? Reply to this email.");

    const [row] = await eventually(() => emailRows(shop.databaseFile, order.id, "order_confirmation"), (r) => r[0]?.status === "sent", "marking it sent");
    expect(row!.attempts).toBe(1);
    expect(mail.received.filter((m) => about(m, order.number))).toHaveLength(1);
  });

  it("sends a shipped email with the parcel's items and the tracking link", async () => {
    const order = await payWithTestPayment(shop, "parcel@example.com", "Pat Parcel");
    await arrivedFor(order.number);
    const [line] = query<LineRow>(shop.databaseFile, "SELECT * FROM order_lines WHERE order_id = ?", order.id);
    const trackingUrl = "https://www.ups.com/track?tracknum=1Z999AA10123456784&lang=en";
    write(shop.databaseFile, (db) => {
      const now = Date.now();
      const shipment = db
        .prepare(
          "INSERT INTO shipments (order_id, carrier, tracking_number, tracking_url, shipped_at, created_at, updated_at) VALUES (?, 'ups', '1Z999AA10123456784', ?, ?, ?, ?)",
        )
        .run(order.id, trackingUrl, now, now, now);
      db.prepare("INSERT INTO shipment_lines (shipment_id, order_line_id, quantity) VALUES (?, ?, 1)").run(shipment.lastInsertRowid, line!.id);
      // The row enqueueOrderEmail("order_shipped", order.id, now, shipmentId) writes.
      db.prepare(
        "INSERT INTO outbox (kind, dedupe_key, payload, status, attempts, next_attempt_at, order_id, created_at) VALUES ('email', ?, ?, 'pending', 0, ?, ?, ?)",
      ).run(
        `email:order_shipped:${order.id}:${shipment.lastInsertRowid}`,
        JSON.stringify({ template: "order_shipped", orderId: order.id, ref: String(shipment.lastInsertRowid) }),
        now,
        order.id,
        now,
      );
    });
    const shipped = await eventually(
      () => mail.received.filter((m) => m.subject === `Order ${order.number} is on its way`),
      (m) => m.length > 0,
      "the shipped email",
    );
    const text = shipped[0]!.text ?? "";
    expect(text).toContain(`1 × ${line!.product_name}, ${line!.colour_name}`);
    expect(text).toContain("UPS, tracking number 1Z999AA10123456784");
    expect(text).toContain(`Track your parcel: ${trackingUrl}`);
    expect(shipped[0]!.html).toContain(`href="${trackingUrl.replace(/&/g, "&amp;")}"`);
    expect(toAddress(shipped[0]!)).toBe("parcel@example.com");
  });

  it("retries while the mail server says 'try again later': the email arrives exactly once", async () => {
    mail.refuseNext(2);
    const refusedBefore = mail.refused;
    const order = await payWithTestPayment(shop, "patient@example.com", "Pat Ient");
    const [row] = await eventually(() => emailRows(shop.databaseFile, order.id, "order_confirmation"), (r) => r[0]?.status === "sent", "sending after refusals");
    expect(mail.refused - refusedBefore).toBe(2);
    expect(row!.attempts).toBeGreaterThanOrEqual(3);
    expect(row!.last_error).toBeNull();
    // Sent is marked after the server accepted, so everything that will arrive has arrived.
    expect(mail.received.filter((m) => about(m, order.number))).toHaveLength(1);
    expect(emailRows(shop.databaseFile, order.id, "order_confirmation")).toHaveLength(1);
  });

  it("lists the outbox for staff; 'Send again' on a failed email sends it once, and a second submit changes nothing", async () => {
    mail.refuseNext(Infinity);
    const order = await payWithTestPayment(shop, "unlucky@example.com", "Una Lucky");
    const [failed] = await eventually(
      () => emailRows(shop.databaseFile, order.id, "order_confirmation"),
      (r) => r[0]?.status === "failed",
      "failing after the last attempt",
      60_000,
    );
    expect(failed!.attempts).toBe(8);
    expect(failed!.last_error).toMatch(/451/);
    mail.refuseNext(0);

    const owner = await signedInOwner(shop);
    const page = await owner.get("/admin/outbox?status=failed");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`data-id="${failed!.id}"`);
    expect(html).toContain(`/admin/orders/${order.number}`);
    expect(html).toContain("Send again");
    expect(html).toMatch(/data-testid="nav-outbox-failed">1 failed</);
    const everything = await (await owner.get("/admin/outbox")).text();
    expect(everything).toContain("Email: order confirmation");

    // A malformed request: 400, nothing changes.
    const bad = await owner.request("/admin/outbox", { form: { intent: "send_again", id: "one" } });
    expect(bad.status).toBe(400);
    expect(emailRows(shop.databaseFile, order.id, "order_confirmation")[0]!.status).toBe("failed");

    const form = { intent: "send_again", id: String(failed!.id), status: "failed" };
    const first = await owner.request("/admin/outbox", { form });
    expect(first.status).toBe(303);
    expect(first.headers.get("Location")).toBe("/admin/outbox?status=failed");
    const [sent] = await eventually(() => emailRows(shop.databaseFile, order.id, "order_confirmation"), (r) => r[0]?.status === "sent", "sending again");
    expect(sent!.attempts).toBe(1);
    expect(mail.received.filter((m) => about(m, order.number))).toHaveLength(1);

    const second = await owner.request("/admin/outbox", { form });
    expect(second.status).toBe(303);
    const notice = await (await owner.get("/admin/outbox?status=failed")).text();
    expect(notice).toContain("is not failed any more, so nothing changed");
    expect(emailRows(shop.databaseFile, order.id, "order_confirmation")[0]).toMatchObject({ status: "sent", attempts: 1 });
    expect(mail.received.filter((m) => about(m, order.number))).toHaveLength(1);
    const audit = query<{ action: string; entity_id: string }>(shop.databaseFile, "SELECT action, entity_id FROM audit_log WHERE entity_type = 'outbox'");
    expect(audit).toEqual([{ action: "outbox.send_again", entity_id: String(failed!.id) }]);
  }, 90_000);

  it("a refund from the back office sends the refund email", async () => {
    const order = await payWithTestPayment(shop, "refund@example.com", "Rae Fund");
    await arrivedFor(order.number);
    const owner = await signedInOwner(shop);
    const res = await owner.request(`/admin/orders/${order.number}`, {
      form: { confirm: "yes", scope: "amount", amount: "10.00", reason: "Scuffed corner", requestKey: crypto.randomBytes(12).toString("hex") },
    });
    expect(res.status, await res.clone().text()).toBe(303);
    const refunds = await eventually(
      () => mail.received.filter((m) => m.subject === `Your refund of $10.00 for order ${order.number}`),
      (m) => m.length > 0,
      "the refund email",
    );
    expect(refunds[0]!.text).toContain("We've refunded $10.00 of order");
    expect(toAddress(refunds[0]!)).toBe("refund@example.com");
  });
});

describe("shipping and cancelling from the back office, over SMTP", () => {
  let mail: TestMailServer;
  let shop: RunningShop;

  beforeAll(async () => {
    mail = await startMailServer();
    shop = await startShop({
      databaseFile: tempDatabaseFile("shop-emails-flow-"),
      env: { SMTP_URL: mail.url, MAIL_FROM, PUBLIC_URL, ADMIN_EMAIL: OWNER.email, ADMIN_PASSWORD: OWNER.password, ...FAST_OUTBOX },
    });
  });
  afterAll(async () => {
    await shop?.stop();
    await mail?.close();
  });

  /** The hidden one-time key of a form on a back-office page. */
  async function formKeyOn(owner: HttpShopper, path: string): Promise<string> {
    const html = await (await owner.get(path)).text();
    const key = /name="formKey" value="([^"]+)"/.exec(html)?.[1];
    if (!key) throw new Error(`no form key on ${path}`);
    return key;
  }

  it("a shipment made with the admin form sends one shipped email with the tracking link", async () => {
    const order = await payWithTestPayment(shop, "ship.flow@example.com", "Sam Shipper");
    const owner = await signedInOwner(shop);
    const lines = query<LineRow>(shop.databaseFile, "SELECT * FROM order_lines WHERE order_id = ?", order.id);
    const form: Record<string, string> = { formKey: await formKeyOn(owner, `/admin/orders/${order.number}`), carrier: "ups", trackingNumber: "1Z999AA10123456784" };
    for (const line of lines) form[`ship-${line.id}`] = String(line.quantity);
    const res = await owner.post(`/admin/orders/${order.number}/ship`, form);
    expect(res.status, await res.clone().text()).toBe(303);
    // The same form again makes no second shipment and no second email.
    await owner.post(`/admin/orders/${order.number}/ship`, form);

    const shipped = await eventually(
      () => mail.received.filter((m) => m.subject === `Order ${order.number} is on its way`),
      (m) => m.length > 0,
      "the shipped email",
    );
    const text = shipped[0]!.text ?? "";
    expect(text).toContain("1Z999AA10123456784");
    expect(text).toContain("https://www.ups.com/track?tracknum=1Z999AA10123456784");
    expect(toAddress(shipped[0]!)).toBe("ship.flow@example.com");
    await eventually(() => emailRows(shop.databaseFile, order.id, "order_shipped"), (r) => r.length === 1 && r[0]!.status === "sent", "marking it sent");
    expect(mail.received.filter((m) => m.subject === `Order ${order.number} is on its way`)).toHaveLength(1);
    expect(query(shop.databaseFile, "SELECT id FROM shipments WHERE order_id = ?", order.id)).toHaveLength(1);
  });

  it("cancelling an unshipped order sends one cancellation email naming the refund", async () => {
    const order = await payWithTestPayment(shop, "cancel.flow@example.com", "Cass Cancel");
    const owner = await signedInOwner(shop);
    const res = await owner.post(`/admin/orders/${order.number}/cancel`, { confirm: "yes" });
    expect(res.status, await res.clone().text()).toBe(303);
    const cancelled = await eventually(
      () => mail.received.filter((m) => about(m, order.number) && /cancel/i.test(m.subject ?? "")),
      (m) => m.length > 0,
      "the cancellation email",
    );
    expect(cancelled[0]!.text).toContain(formatCents(order.total_cents));
    expect(toAddress(cancelled[0]!)).toBe("cancel.flow@example.com");
    await eventually(() => emailRows(shop.databaseFile, order.id, "order_cancelled"), (r) => r[0]?.status === "sent", "marking it sent");
    // One email for the cancellation: not also a refund email.
    expect(emailRows(shop.databaseFile, order.id, "order_refunded")).toEqual([]);
  });
});

describe("the confirmation after a Stripe payment", () => {
  const WEBHOOK_SECRET = "whsec_order_emails";
  let mail: TestMailServer;
  let standIn: StripeStandIn;
  let shop: RunningShop;

  beforeAll(async () => {
    mail = await startMailServer();
    standIn = await startStripeStandIn();
    shop = await startShop({
      databaseFile: tempDatabaseFile("shop-emails-stripe-"),
      env: {
        STRIPE_SECRET_KEY: "sk_test_standin",
        STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
        STRIPE_API_BASE: standIn.url,
        PUBLIC_URL,
        SMTP_URL: mail.url,
        ...FAST_OUTBOX,
      },
    });
  });
  afterAll(async () => {
    await shop?.stop();
    await standIn?.close();
    await mail?.close();
  });

  it("is sent once when checkout.session.completed arrives, and not again for a replay", async () => {
    const shopper = new HttpShopper(shop.url);
    await shopper.post("/cart", { intent: "add", sku: TOTE, quantity: "1" });
    const started = await shopper.post("/checkout", {});
    const sessionId = started.headers.get("Location")!.split("/").pop()!;
    expect(sessionId).toMatch(/^cs_test_/);
    const session = standIn.sessions.get(sessionId)!;
    const completed = {
      ...session,
      status: "complete",
      payment_status: "paid",
      payment_intent: "pi_order_emails",
      customer_details: { ...session.customer_details, email: "stripe.buyer@example.com", name: "Stripe Buyer" },
      collected_information: {
        shipping_details: {
          name: "Stripe Buyer",
          address: { line1: "2 Harbour Road", line2: null, city: "Bristol", state: null, postal_code: "BS1 4QA", country: "GB" },
        },
      },
    };
    const stripe = new Stripe("sk_test_signing_only");
    const deliver = async () => {
      const payload = JSON.stringify(stripeEvent("checkout.session.completed", completed, "evt_order_emails_1"));
      const header = stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
      const res = await fetch(`${shop.url}/webhooks/stripe`, { method: "POST", body: payload, headers: { "Content-Type": "application/json", "Stripe-Signature": header } });
      expect(res.status).toBe(200);
    };
    await deliver();
    const order = orderBySession(shop.databaseFile, sessionId);
    const [message] = await eventually(() => mail.received.filter((m) => about(m, order.number)), (m) => m.length > 0, "the confirmation");
    expect(toAddress(message!)).toBe("stripe.buyer@example.com");
    expect(message!.from?.value[0]).toEqual({ name: "Tote & Charm", address: "orders@example.com" });
    expect(message!.subject).toBe(`Thank you! Order ${order.number} is confirmed`);
    expect(message!.text).toContain(`Total: ${formatCents(order.total_cents)}`);
    expect(message!.text).toContain("2 Harbour Road");
    expect(message!.text).toContain(orderPageUrl(order.number));

    await deliver();
    await eventually(() => emailRows(shop.databaseFile, order.id, "order_confirmation"), (r) => r[0]?.status === "sent", "marking it sent");
    expect(emailRows(shop.databaseFile, order.id, "order_confirmation")).toHaveLength(1);
    expect(mail.received.filter((m) => about(m, order.number))).toHaveLength(1);
  });
});

describe("the outbox across a crash", () => {
  let mail: TestMailServer | null = null;
  let shop: RunningShop | null = null;
  afterAll(async () => {
    await shop?.stop();
    await mail?.close();
  });

  it("an email not yet sent when the process is killed goes out once after the restart", async () => {
    const port = await freePort();
    const databaseFile = tempDatabaseFile("shop-emails-restart-");
    const smtpUrl = `smtp://127.0.0.1:${port}`;
    // Nothing listens on the mail port yet: the first attempt fails, the next is 5 s away.
    shop = await startShop({ databaseFile, env: { SMTP_URL: smtpUrl, PUBLIC_URL, OUTBOX_POLL_MS: "100", OUTBOX_RETRY_BASE_MS: "5000" } });
    const order = await payWithTestPayment(shop, "survivor@example.com", "Sur Vivor");
    await eventually(
      () => emailRows(databaseFile, order.id, "order_confirmation"),
      (r) => r[0]?.status === "pending" && r[0].attempts >= 1,
      "a failed first attempt",
    );
    await shop.stop("SIGKILL");

    mail = await startMailServer(port);
    shop = await startShop({ databaseFile, env: { SMTP_URL: smtpUrl, PUBLIC_URL, ...FAST_OUTBOX } });
    const [row] = await eventually(() => emailRows(databaseFile, order.id, "order_confirmation"), (r) => r[0]?.status === "sent", "sending after the restart");
    expect(row!.attempts).toBeGreaterThanOrEqual(2);
    const arrived = mail.received.filter((m) => about(m, order.number));
    expect(arrived).toHaveLength(1);
    expect(toAddress(arrived[0]!)).toBe("survivor@example.com");
  }, 90_000);
});

describe("without SMTP_URL", () => {
  let shop: RunningShop;
  const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), "shop-mail-dir-"));

  beforeAll(async () => {
    shop = await startShop({ databaseFile: tempDatabaseFile("shop-emails-files-"), env: { MAIL_DIR: mailDir, PUBLIC_URL, ...FAST_OUTBOX } });
  });
  afterAll(() => shop?.stop());

  it("warns at start that emails are not delivered, and writes each email as an .eml file under MAIL_DIR", async () => {
    expect(shop.output()).toContain("WARNING: EMAILS ARE NOT BEING DELIVERED");
    expect(shop.output()).toContain(mailDir);
    const order = await payWithTestPayment(shop, "files@example.com", "Fi Les");
    const [file] = await eventually(
      () => fs.readdirSync(mailDir).filter((f) => f.endsWith(".eml")),
      (files) => files.length > 0,
      "an .eml file",
    );
    expect(file).toMatch(new RegExp(`^\\d+-order_confirmation-${order.number}\\.eml$`));
    expect(fs.readdirSync(mailDir)).toEqual([file]);
    const message = await simpleParser(fs.readFileSync(path.join(mailDir, file!)));
    expect(message.subject).toBe(`Thank you! Order ${order.number} is confirmed`);
    expect(toAddress(message)).toBe("files@example.com");
    expect(message.text).toContain(orderPageUrl(order.number));
    await eventually(() => emailRows(shop.databaseFile, order.id, "order_confirmation"), (r) => r[0]?.status === "sent", "marking it sent");
  });
});
