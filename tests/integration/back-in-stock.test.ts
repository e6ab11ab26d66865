// "Tell me when it's back": the product page's form stores a sign-up once per
// product colour, answers the same whether or not the address was already
// there, and receiving stock for that colour queues one email in the outbox in
// the same transaction; the email handler sends it.
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { describe, expect, it, vi } from "vitest";
import { adjustStock } from "~/models/inventory.server";
import { listEffects } from "~/models/outbox.server";
import { action as productAction } from "~/routes/products.$slug";
import { sendOrderEmail } from "~/services/mail.server";
import { db, setStock, variantBySku } from "../helpers/db";
import { formRequest, run } from "../helpers/remix";
import * as schema from "../../db/schema";

const mailDir = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? "/tmp"}/shop-back-in-stock-${process.pid}-${Date.now()}`;
  process.env.MAIL_DIR = dir;
  delete process.env.SMTP_URL;
  return dir;
});

const SLUG = "micro-duffle";
const SKU = "MIC-DUF-LIME";

async function signUp(fields: Record<string, string>, slug = SLUG) {
  const res = await run(productAction, formRequest(`/products/${slug}?colour=lime`, fields), { slug });
  return { status: res.status, body: (await res.json()) as { ok: boolean; message: string } };
}

const requests = () => db.select().from(schema.backInStockRequests).all();
const backInStockEmails = () => listEffects({ kind: "email", limit: 100, offset: 0 }).filter((e) => (e.payload as { template?: string }).template === "back_in_stock");

describe("back in stock", () => {
  it("stores a sign-up once per product colour and never tells whether it was there already", async () => {
    expect(variantBySku(SKU)).toBeTruthy();
    setStock(SKU, 0);
    const first = await signUp({ intent: "notify", colour: "lime", email: "Ada@Example.com" });
    const again = await signUp({ intent: "notify", colour: "lime", email: " ada@example.com " });
    expect(first).toEqual({ status: 200, body: { ok: true, message: expect.stringContaining("once") } });
    expect(again).toEqual(first);
    await signUp({ intent: "notify", colour: "blush", email: "ada@example.com" });
    const rows = requests();
    expect(rows.map((r) => [r.colour, r.email]).sort()).toEqual([
      ["blush", "ada@example.com"],
      ["lime", "ada@example.com"],
    ]);
  });

  it("refuses a bad email, an unknown colour or extra fields with a 400 and stores nothing", async () => {
    const before = requests().length;
    const cases: Record<string, string>[] = [
      { intent: "notify", colour: "lime", email: "not-an-email" },
      { intent: "notify", colour: "lime", email: "" },
      { intent: "notify", colour: "lime", email: `${"a".repeat(250)}@example.com` },
      { intent: "notify", colour: "tartan", email: "bob@example.com" },
      { intent: "notify", colour: "<script>", email: "bob@example.com" },
      { intent: "notify", colour: "lime", email: "bob@example.com", priceCents: "1" },
      { intent: "other", colour: "lime", email: "bob@example.com" },
    ];
    for (const fields of cases) {
      const { status, body } = await signUp(fields);
      expect(status, JSON.stringify(fields)).toBe(400);
      expect(body.ok).toBe(false);
      expect(body.message.length).toBeGreaterThan(0);
    }
    expect(requests().length).toBe(before);
    const missing = await run(productAction, formRequest("/products/no-such-bag", { intent: "notify", colour: "lime", email: "a@b.co" }), { slug: "no-such-bag" });
    expect(missing.status).toBe(404);
  });

  it("queues one email per waiting sign-up when stock for that colour is received, and sends it", async () => {
    await signUp({ intent: "notify", colour: "lime", email: "bea@example.com" });
    const variant = variantBySku(SKU)!;
    // A change that adds nothing to sell (a write-off on an empty shelf is refused; a count to 0) queues nothing.
    adjustStock({ sku: SKU, change: { mode: "set", onHand: 0 }, reason: "counted", note: null, actor: { staffId: null } });
    expect(backInStockEmails()).toHaveLength(0);

    adjustStock({ sku: SKU, change: { mode: "delta", delta: 5 }, reason: "received", note: "Delivery", actor: { staffId: null } });
    const emails = backInStockEmails();
    expect(emails.map((e) => e.status)).toEqual(["pending", "pending"]);
    const limeRows = requests().filter((r) => r.colour === "lime");
    expect(limeRows.every((r) => r.notifiedAt !== null)).toBe(true);
    // Blush got no stock: still waiting.
    expect(requests().find((r) => r.colour === "blush")!.notifiedAt).toBeNull();

    // More stock later: nobody is emailed twice.
    adjustStock({ sku: SKU, change: { mode: "delta", delta: 2 }, reason: "received", note: null, actor: { staffId: null } });
    expect(backInStockEmails()).toHaveLength(2);

    const email = emails.find((e) => {
      const id = (e.payload as { requestId: number }).requestId;
      return db.select().from(schema.backInStockRequests).where(eq(schema.backInStockRequests.id, id)).get()!.email === "bea@example.com";
    })!;
    await sendOrderEmail(email.payload, email);
    const file = fs.readdirSync(mailDir).find((f) => f.includes("back_in_stock"))!;
    const mail = await simpleParser(fs.readFileSync(path.join(mailDir, file)));
    expect(mail.subject).toBe("Back in stock: Micro Duffle in Lime");
    expect((mail.to as { text: string }).text).toBe("bea@example.com");
    expect(mail.text).toContain("/products/micro-duffle?colour=lime");
    expect(variant.id).toBeGreaterThan(0);
  });

  it("a sign-up emailed before waits again after the colour sells out, and the stock change rolls back with its emails", async () => {
    setStock(SKU, 0);
    await signUp({ intent: "notify", colour: "lime", email: "ada@example.com" });
    expect(requests().find((r) => r.colour === "lime" && r.email === "ada@example.com")!.notifiedAt).toBeNull();
    const before = backInStockEmails().length;
    // A refused change (taking away more than there is) writes nothing, emails included.
    const refused = adjustStock({ sku: SKU, change: { mode: "delta", delta: -1 }, reason: "damaged", note: null, actor: { staffId: null } });
    expect(refused.ok).toBe(false);
    expect(backInStockEmails().length).toBe(before);
    adjustStock({ sku: SKU, change: { mode: "delta", delta: 1 }, reason: "received", note: null, actor: { staffId: null } });
    expect(backInStockEmails().length).toBe(before + 1);
  });
});
