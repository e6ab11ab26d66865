// The daily low-stock digest. In process: who it is queued for, what it lists,
// once per person per day however often the sweep runs. End to end: two real
// shop processes on one database both sweep at start, and the owner receives
// exactly one digest over SMTP (a real server on loopback) listing the SKUs
// at or under their threshold.
import Database from "better-sqlite3";
import type { ParsedMail } from "mailparser";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { digestDay, renderLowStockDigest } from "~/domain/low-stock";
import { createStaff } from "~/models/staff.server";
import { LOW_STOCK_DIGEST_EFFECT, lowStockLines, queueLowStockDigests } from "~/services/low-stock.server";
import { outbox, variants } from "../../db/schema";
import { staffAccounts } from "../helpers/admin";
import { db, setStock } from "../helpers/db";
import { startShop, tempDatabaseFile, type RunningShop } from "../helpers/server";
import { startMailServer, type TestMailServer } from "../helpers/smtp";

const DAY = Date.UTC(2026, 11, 2, 6, 0);

function digestRows() {
  return db.select().from(outbox).where(eq(outbox.kind, LOW_STOCK_DIGEST_EFFECT)).all();
}

describe("queueing the digest", () => {
  let ownerId = 0;
  let staffId = 0;
  beforeAll(async () => {
    ({ ownerId, staffId } = await staffAccounts());
  });

  it("lists exactly the SKUs whose sellable units are at or under their threshold, sold out first", () => {
    setStock("TOT-CMK-BLACK", 2);
    const all = db.select().from(variants).all();
    const expected = all.filter((v) => Math.max(0, v.stockOnHand - v.stockHeld) <= v.lowStockThreshold).map((v) => v.sku);
    const lines = lowStockLines();
    expect(lines.map((l) => l.sku).sort()).toEqual(expected.sort());
    expect(lines.map((l) => l.sku)).toContain("TOT-CMK-BLACK");
    expect(lines.find((l) => l.sku === "TOT-CMK-BLACK")).toMatchObject({ available: 2, threshold: 3 });
    const available = lines.map((l) => l.available);
    expect(available).toEqual([...available].sort((a, b) => a - b));
  });

  it("one per owner (not staff) per day, however often the sweep runs; a new day queues again; nothing low queues nothing", async () => {
    expect(queueLowStockDigests(DAY)).toBe(1);
    expect(queueLowStockDigests(DAY + 1000)).toBe(0);
    expect(queueLowStockDigests(DAY + 17 * 3600_000)).toBe(0);
    let rows = digestRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload).toMatchObject({ day: "2026-12-02", staffId: ownerId });
    expect(rows.some((r) => (r.payload as { staffId: number }).staffId === staffId)).toBe(false);

    // A second owner gets theirs on the same day; the first does not get a second one.
    const second = await createStaff({ email: "second@shop.test", name: "Second Owner", role: "owner", password: "another long passphrase" }, { staffId: null });
    if (!second.ok) throw new Error(second.message);
    expect(queueLowStockDigests(DAY + 2000)).toBe(1);
    expect(queueLowStockDigests(DAY + 24 * 3600_000)).toBe(2);
    rows = digestRows();
    expect(rows.map((r) => r.dedupeKey).sort()).toEqual(
      [`low-stock-digest:2026-12-02:${ownerId}`, `low-stock-digest:2026-12-02:${second.staff.id}`, `low-stock-digest:2026-12-03:${ownerId}`, `low-stock-digest:2026-12-03:${second.staff.id}`].sort(),
    );

    db.update(variants).set({ stockOnHand: 1000, stockHeld: 0 }).run();
    expect(lowStockLines()).toEqual([]);
    expect(queueLowStockDigests(DAY + 48 * 3600_000)).toBe(0);
    expect(digestDay(DAY + 48 * 3600_000)).toBe("2026-12-04");
  });

  it("the email says how many, names each SKU with what is left, links to the low-stock list, and escapes names", () => {
    const email = renderLowStockDigest({
      day: "2026-12-02",
      staffName: "Olive <Owner>",
      lines: [
        { sku: "MIC-HRT-GOLD", productName: "Micro Heart", colourName: "Gold", available: 0, threshold: 1 },
        { sku: "TOT-CMK-BLACK", productName: "Canvas <b>Market</b> Tote", colourName: "Black", available: 2, threshold: 3 },
      ],
      moreLines: 0,
      stockUrl: "https://shop.example/admin/stock?low=1",
    });
    expect(email.subject).toBe("Low stock on 2026-12-02: 2 SKUs, 1 sold out");
    expect(email.text).toContain("MIC-HRT-GOLD · Micro Heart, Gold: none left to sell (low at 1)");
    expect(email.text).toContain("TOT-CMK-BLACK · Canvas <b>Market</b> Tote, Black: 2 left to sell (low at 3)");
    expect(email.text).toContain("https://shop.example/admin/stock?low=1");
    expect(email.html).toContain("Canvas &lt;b&gt;Market&lt;/b&gt; Tote");
    expect(email.html).not.toContain("<b>Market");
    expect(email.html).toContain('href="https://shop.example/admin/stock?low=1"');
  });
});

describe("the digest over SMTP, from two server processes", () => {
  const OWNER = { email: "owner@shop.test", password: "a long owner passphrase" };
  let mail: TestMailServer;
  const shops: RunningShop[] = [];

  beforeAll(async () => {
    mail = await startMailServer();
  });
  afterAll(async () => {
    for (const shop of shops) await shop.stop();
    await mail?.close();
  });

  async function eventually<T>(read: () => T, done: (value: T) => boolean, what: string, limitMs = 20_000): Promise<T> {
    const deadline = Date.now() + limitMs;
    let value = read();
    while (!done(value) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      value = read();
    }
    if (!done(value)) throw new Error(`${what} did not happen; last seen: ${JSON.stringify(value)}`);
    return value;
  }

  it("each process sweeps at start; the owner gets one digest listing every low SKU", { timeout: 120_000 }, async () => {
    const file = tempDatabaseFile("shop-low-stock-");
    const env = {
      SMTP_URL: mail.url,
      MAIL_FROM: "Tote & Charm <hello@toteandcharm.test>",
      PUBLIC_URL: "https://shop.example",
      ADMIN_EMAIL: OWNER.email,
      ADMIN_PASSWORD: OWNER.password,
      OUTBOX_POLL_MS: "100",
      OUTBOX_RETRY_BASE_MS: "50",
    };
    shops.push(await startShop({ databaseFile: file, env }));
    shops.push(await startShop({ databaseFile: file, env }));
    const read = <T,>(sql: string) => {
      const conn = new Database(file, { readonly: true });
      try {
        return conn.prepare(sql).all() as T[];
      } finally {
        conn.close();
      }
    };
    const low = read<{ sku: string; available: number }>(
      "SELECT sku, stock_on_hand - stock_held AS available FROM variants WHERE stock_on_hand - stock_held <= low_stock_threshold",
    );
    expect(low.length).toBeGreaterThan(0);
    await eventually(
      () => read<{ status: string }>(`SELECT status FROM outbox WHERE kind = '${LOW_STOCK_DIGEST_EFFECT}'`),
      (rows) => rows.length > 0 && rows.every((r) => r.status === "sent"),
      "the digest being sent",
    );
    const digests = (m: ParsedMail) => (m.subject ?? "").startsWith("Low stock on ");
    const received = await eventually(() => mail.received.filter(digests), (m) => m.length > 0, "a digest arriving");
    expect(received).toHaveLength(1);
    const [email] = received;
    const to = (Array.isArray(email!.to) ? email!.to[0] : email!.to)?.value[0]?.address;
    expect(to).toBe(OWNER.email);
    expect(email!.subject).toMatch(new RegExp(`^Low stock on \\d{4}-\\d{2}-\\d{2}: ${low.length} SKUs?`));
    for (const { sku, available } of low) {
      expect(email!.text).toContain(`${sku} · `);
      expect(email!.text).toMatch(new RegExp(`${sku} · [^\\n]*: ${available === 0 ? "none" : available} left to sell`));
    }
    expect(email!.text).toContain("https://shop.example/admin/stock?low=1");
    expect(read(`SELECT id FROM outbox WHERE kind = '${LOW_STOCK_DIGEST_EFFECT}'`)).toHaveLength(1);
  });
});
