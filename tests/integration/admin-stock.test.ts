// The stock pages of the back office, through their loaders and actions, on a
// fresh seeded database: levels, adjustments and "set to" (also racing a
// checkout in another process), the ledger, CSV export and import.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { action as importAction } from "~/routes/admin.stock.import";
import { loader as exportLoader } from "~/routes/admin.stock.export";
import { loader as ledgerLoader } from "~/routes/admin.stock.ledger";
import { action as skuAction, loader as skuLoader } from "~/routes/admin.stock.$sku";
import { loader as stockLoader } from "~/routes/admin.stock._index";
import { releaseExpiredHolds } from "~/services/payments.server";
import { auditLog, stockLedger, variants } from "../../db/schema";
import { catalogSnapshot, multipartRequest, payOrder, pendingOrder, signIn, staffAccounts } from "../helpers/admin";
import { db, setStock, sqlite, variantBySku } from "../helpers/db";
import { formRequest, getRequest, run } from "../helpers/remix";

let staffCookie = "";
let ownerCookie = "";
let staffId = 0;

beforeAll(async () => {
  staffId = (await staffAccounts()).staffId;
  [staffCookie, ownerCookie] = await Promise.all([signIn("staff"), signIn("owner")]);
});

type StockRow = { sku: string; onHand: number; held: number; available: number; lowStockThreshold: number; low: boolean };

async function stockPage(query = "", cookie = staffCookie) {
  const res = await run(stockLoader, getRequest(`/admin/stock${query}`, { cookie }));
  expect(res.status).toBe(200);
  return (await res.json()) as { items: StockRow[]; lowCount: number };
}

function post(sku: string, fields: Record<string, string>, cookie = staffCookie) {
  // Adding, removing and counting carry a one-time token and are sent confirmed (tests/integration/safe-actions.test.ts covers both steps).
  const sent = fields.intent === "adjust" || fields.intent === "set" ? { formToken: crypto.randomBytes(24).toString("base64url"), confirm: "yes", ...fields } : fields;
  return run(skuAction, formRequest(`/admin/stock/${encodeURIComponent(sku)}`, sent, { cookie }), { sku });
}

function lastLedger(sku: string) {
  return db.select().from(stockLedger).where(eq(stockLedger.variantId, variantBySku(sku).id)).orderBy(desc(stockLedger.id)).get()!;
}

function lastAudit() {
  return db.select().from(auditLog).orderBy(desc(auditLog.id)).get()!;
}

function csvFile(text: string, name = "count.csv") {
  return new File([text], name, { type: "text/csv" });
}

function importPost(fields: Record<string, string | Blob>, cookie = staffCookie) {
  return run(importAction, multipartRequest("/admin/stock/import", fields, { cookie }));
}

describe("/admin/stock", () => {
  it("lists every SKU with on hand, held, available and its threshold; low rows flagged and filterable", async () => {
    setStock("TOT-VCT-TAN", 10);
    await pendingOrder("TOT-VCT-TAN", 8);
    const all = await stockPage();
    const skus = sqlite.prepare("SELECT sku FROM variants").all() as { sku: string }[];
    expect(all.items.map((i) => i.sku).sort()).toEqual(skus.map((s) => s.sku).sort());
    const tan = all.items.find((i) => i.sku === "TOT-VCT-TAN")!;
    expect(tan).toMatchObject({ onHand: 10, held: 8, available: 2, lowStockThreshold: 3, low: true });
    expect(all.items.find((i) => i.sku === "MIC-SPH-CHROME")).toMatchObject({ onHand: 0, available: 0, low: true });

    const low = await stockPage("?low=1");
    expect(low.items.length).toBe(all.lowCount);
    expect(low.items.every((i) => i.low)).toBe(true);
    expect(low.items.map((i) => i.sku)).toContain("TOT-VCT-TAN");

    const search = await stockPage("?q=vct-tan");
    expect(search.items.map((i) => i.sku)).toEqual(["TOT-VCT-TAN"]);
    expect((await run(stockLoader, getRequest("/admin/stock?low=maybe", { cookie: staffCookie }))).status).toBe(400);
  });

  it("the threshold is editable per SKU (audited), and moves the SKU in or out of the low filter", async () => {
    setStock("TOT-CMK-NAVY", 5);
    const res = await post("TOT-CMK-NAVY", { intent: "threshold", lowStockThreshold: "6" });
    expect(res.status).toBe(303);
    expect(variantBySku("TOT-CMK-NAVY").lowStockThreshold).toBe(6);
    expect((await stockPage("?low=1")).items.map((i) => i.sku)).toContain("TOT-CMK-NAVY");
    expect(lastAudit()).toMatchObject({
      staffId,
      action: "stock.threshold",
      before: { sku: "TOT-CMK-NAVY", lowStockThreshold: 3 },
      after: { sku: "TOT-CMK-NAVY", lowStockThreshold: 6 },
    });
    await post("TOT-CMK-NAVY", { intent: "threshold", lowStockThreshold: "2" });
    expect((await stockPage("?low=1")).items.map((i) => i.sku)).not.toContain("TOT-CMK-NAVY");
  });
});

describe("stock adjustments", () => {
  it("adds received units as a delta: ledger (who, reason, delta, level after) and audit, in one go", async () => {
    setStock("MIC-FLP-SILVER", 4);
    const res = await post("MIC-FLP-SILVER", { intent: "adjust", quantity: "10", reason: "received", note: "Delivery 42", seenOnHand: "4" });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/admin/stock/MIC-FLP-SILVER");
    expect(variantBySku("MIC-FLP-SILVER").stockOnHand).toBe(14);
    expect(lastLedger("MIC-FLP-SILVER")).toMatchObject({ reason: "received", onHandDelta: 10, heldDelta: 0, onHandAfter: 14, staffId, note: "Delivery 42" });
    expect(lastAudit()).toMatchObject({
      staffId,
      action: "stock.adjust",
      entityType: "variant",
      before: { sku: "MIC-FLP-SILVER", onHand: 4 },
      after: { sku: "MIC-FLP-SILVER", onHand: 14, delta: 10, reason: "received" },
    });
  });

  it("records 'set to N' as the delta it implied; owners may adjust too", async () => {
    setStock("MIC-FLP-SILVER", 14);
    const res = await post("MIC-FLP-SILVER", { intent: "set", onHand: "9", reason: "counted" }, ownerCookie);
    expect(res.status).toBe(303);
    expect(variantBySku("MIC-FLP-SILVER").stockOnHand).toBe(9);
    expect(lastLedger("MIC-FLP-SILVER")).toMatchObject({ reason: "counted", onHandDelta: -5, onHandAfter: 9 });
    expect(lastAudit()).toMatchObject({ action: "stock.set", after: { delta: -5, onHand: 9 } });
  });

  it("refuses bad input with a field message and a 4xx, and changes nothing", async () => {
    setStock("MIC-FLP-SILVER", 3);
    const order = await pendingOrder("MIC-FLP-SILVER", 2);
    expect(order.status).toBe("pending");
    const before = catalogSnapshot();
    const cases: [string, Record<string, string>, number, string][] = [
      ["MIC-FLP-SILVER", { intent: "adjust", quantity: "-4", reason: "correction" }, 409, "quantity"],
      ["MIC-FLP-SILVER", { intent: "set", onHand: "1", reason: "counted" }, 409, "onHand"],
      ["MIC-FLP-SILVER", { intent: "set", onHand: "-1", reason: "counted" }, 400, "onHand"],
      ["MIC-FLP-SILVER", { intent: "adjust", quantity: "1.5", reason: "received" }, 400, "quantity"],
      ["MIC-FLP-SILVER", { intent: "adjust", quantity: "2", reason: "stolen" }, 400, "reason"],
      ["MIC-FLP-SILVER", { intent: "adjust", quantity: "-1", reason: "received" }, 409, "quantity"],
      ["MIC-FLP-SILVER", { intent: "threshold", lowStockThreshold: "lots" }, 400, "lowStockThreshold"],
      ["MIC-FLP-SILVER", { intent: "adjust", quantity: "1", reason: "received", stockOnHand: "99" }, 400, "_form"],
    ];
    for (const [sku, fields, status, field] of cases) {
      const res = await post(sku, fields);
      expect(res.status, JSON.stringify(fields)).toBe(status);
      const body = (await res.json()) as { fieldErrors: Record<string, string>; values: Record<string, string> };
      expect(Object.keys(body.fieldErrors), JSON.stringify(fields)).toContain(field);
    }
    // The form comes back with what was typed.
    const kept = (await (await post("MIC-FLP-SILVER", { intent: "set", onHand: "1", reason: "counted", note: "shelf" })).json()) as {
      values: Record<string, string>;
      message: string;
    };
    expect(kept.values).toEqual({ onHand: "1", reason: "counted", note: "shelf" });
    expect(kept.message).toBe("2 units are held by open checkouts, so on hand can't go below 2 (it would be 1).");

    const unknown = await post("NO-SUCH-SKU", { intent: "adjust", quantity: "1", reason: "received" });
    expect(unknown.status).toBe(404);
    expect((await run(skuLoader, getRequest("/admin/stock/NO-SUCH-SKU", { cookie: staffCookie }), { sku: "NO-SUCH-SKU" })).status).toBe(404);
    expect(catalogSnapshot()).toEqual(before);
  });
});

// Another process: takes the write lock, changes stock as a checkout would,
// says "locked", and commits a moment later.
const OTHER_PROCESS = `
const Database = require("better-sqlite3");
const [file, variantId, kind] = process.argv.slice(1);
const db = new Database(file);
db.pragma("busy_timeout = 5000");
db.exec("BEGIN IMMEDIATE");
const sql = kind === "hold"
  ? "UPDATE variants SET stock_held = stock_held + 2 WHERE id = ? AND stock_on_hand - stock_held >= 2 RETURNING stock_on_hand AS onHand, stock_held AS held"
  : "UPDATE variants SET stock_on_hand = stock_on_hand - 1 WHERE id = ? AND stock_on_hand - stock_held >= 1 RETURNING stock_on_hand AS onHand, stock_held AS held";
const after = db.prepare(sql).get(Number(variantId));
db.prepare("INSERT INTO stock_ledger (variant_id, reason, on_hand_delta, held_delta, on_hand_after, held_after, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
  .run(Number(variantId), kind, kind === "hold" ? 0 : -1, kind === "hold" ? 2 : 0, after.onHand, after.held, Date.now());
process.stdout.write("locked\\n");
setTimeout(() => { db.exec("COMMIT"); db.close(); process.stdout.write("committed\\n"); }, 500);
`;

/** Start the other process and resolve once it holds the write lock. */
function otherProcess(variantId: number, kind: "hold" | "sale") {
  const child = spawn(process.execPath, ["-e", OTHER_PROCESS, sqlite.name, String(variantId), kind], {
    cwd: path.resolve(__dirname, "../.."),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  const locked = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d) => {
      output += d;
      if (output.includes("locked")) resolve();
    });
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (code) => (output.includes("locked") ? undefined : reject(new Error(`other process failed (${code}): ${output}`))));
  });
  return { locked, exited, output: () => output };
}

describe("adjustments racing checkouts in another process", () => {
  it("'set to 10' while another process holds 2 for a checkout: the hold is kept (10 on hand, 2 held), no lost update", async () => {
    setStock("MIC-HRT-GOLD", 4);
    const variant = variantBySku("MIC-HRT-GOLD");
    expect(variant.stockHeld).toBe(0);
    const other = otherProcess(variant.id, "hold");
    await other.locked;
    // The page showed 4 on hand, 0 held; the other process's hold commits while this waits for the lock.
    const res = await post("MIC-HRT-GOLD", { intent: "set", onHand: "10", reason: "counted", seenOnHand: "4" });
    expect(await other.exited).toBe(0);
    expect(other.output()).toContain("committed");
    expect(res.status).toBe(303);
    expect(variantBySku("MIC-HRT-GOLD")).toMatchObject({ stockOnHand: 10, stockHeld: 2 });
    const rows = db.select().from(stockLedger).where(eq(stockLedger.variantId, variant.id)).orderBy(desc(stockLedger.id)).limit(2).all();
    expect(rows.map((r) => [r.reason, r.onHandDelta, r.heldDelta, r.onHandAfter, r.heldAfter])).toEqual([
      ["counted", 6, 0, 10, 2],
      ["hold", 0, 2, 4, 2],
    ]);
  });

  it("a delta while another process sells one: both count (4 − 1 + 5 = 8), and staff are told on hand moved", async () => {
    setStock("MIC-HRT-GOLD", 4);
    db.update(variants).set({ stockHeld: 0 }).where(eq(variants.sku, "MIC-HRT-GOLD")).run();
    const variant = variantBySku("MIC-HRT-GOLD");
    const other = otherProcess(variant.id, "sale");
    await other.locked;
    const res = await post("MIC-HRT-GOLD", { intent: "adjust", quantity: "5", reason: "received", seenOnHand: "4" });
    expect(await other.exited).toBe(0);
    expect(res.status).toBe(303);
    expect(variantBySku("MIC-HRT-GOLD").stockOnHand).toBe(8);
    expect(lastLedger("MIC-HRT-GOLD")).toMatchObject({ reason: "received", onHandDelta: 5, onHandAfter: 8 });
    const page = await run(skuLoader, getRequest("/admin/stock/MIC-HRT-GOLD", { cookie: `${staffCookie}; ${res.headers.get("Set-Cookie")!.split(";")[0]}` }), {
      sku: "MIC-HRT-GOLD",
    });
    const body = (await page.json()) as { notice: { message: string } };
    expect(body.notice.message).toMatch(/on hand had changed from 4 to 3 since you opened the page/);
  });
});

describe("the stock ledger", () => {
  it("shows every change — holds, releases, sales, adjustments — with who and the levels after, per SKU and overall", async () => {
    setStock("MIC-BOX-BLACK", 6);
    await post("MIC-BOX-BLACK", { intent: "adjust", quantity: "4", reason: "received" });
    const sold = await pendingOrder("MIC-BOX-BLACK", 2);
    expect(payOrder(sold)).toBe("fulfilled");
    const lapsed = await pendingOrder("MIC-BOX-BLACK", 1);
    expect(releaseExpiredHolds(lapsed.holdExpiresAt + 10 * 60_000)).toBeGreaterThanOrEqual(1);
    await post("MIC-BOX-BLACK", { intent: "adjust", quantity: "-1", reason: "damaged", note: "Torn lining" });

    type Row = { reason: string; onHandDelta: number; heldDelta: number; onHandAfter: number; heldAfter: number; who: string; orderNumber: string | null; note: string | null };
    const res = await run(skuLoader, getRequest("/admin/stock/MIC-BOX-BLACK", { cookie: staffCookie }), { sku: "MIC-BOX-BLACK" });
    const { ledger } = (await res.json()) as { ledger: Row[] };
    expect(ledger.slice(0, 6).map((r) => [r.reason, r.onHandDelta, r.heldDelta, r.onHandAfter, r.heldAfter, r.who])).toEqual([
      ["Damaged or lost", -1, 0, 7, 0, "Sam Staff"],
      ["Hold released", 0, -1, 8, 0, "Checkout"],
      ["Held by a checkout", 0, 1, 8, 1, "Checkout"],
      ["Sold", -2, -2, 8, 0, "Checkout"],
      ["Held by a checkout", 0, 2, 10, 2, "Checkout"],
      ["Received", 4, 0, 10, 0, "Sam Staff"],
    ]);
    expect(ledger[0]!.note).toBe("Torn lining");
    expect(ledger[3]!.orderNumber).toBe(sold.number);

    const overall = (await (await run(ledgerLoader, getRequest("/admin/stock/ledger?reason=sale", { cookie: staffCookie }))).json()) as {
      rows: (Row & { sku: string })[];
    };
    expect(overall.rows.length).toBeGreaterThan(0);
    expect(overall.rows.every((r) => r.reason === "Sold")).toBe(true);
    expect(overall.rows.map((r) => r.sku)).toContain("MIC-BOX-BLACK");
    expect((await run(ledgerLoader, getRequest("/admin/stock/ledger?reason=stolen", { cookie: staffCookie }))).status).toBe(400);
  });
});

describe("CSV export", () => {
  it("downloads every SKU (or the filtered ones) as CSV, never cached", async () => {
    setStock("TOT-VEW-NAVY", 7);
    const res = await run(exportLoader, getRequest("/admin/stock/export", { cookie: staffCookie }));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="stock-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    const bytes = new Uint8Array(await res.arrayBuffer());
    // A UTF-8 byte-order mark first, for spreadsheet apps.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith("sku,product,colour,on_hand,held,available,low_stock_threshold\r\n")).toBe(true);
    const lines = text.trim().split("\r\n");
    const count = (sqlite.prepare("SELECT count(*) AS n FROM variants").get() as { n: number }).n;
    expect(lines).toHaveLength(count + 1);
    const v = variantBySku("TOT-VEW-NAVY");
    expect(lines).toContain(`TOT-VEW-NAVY,Vegan Leather East-West Tote,Navy,7,${v.stockHeld},${7 - v.stockHeld},${v.lowStockThreshold}`);

    const low = await (await run(exportLoader, getRequest("/admin/stock/export?low=1", { cookie: staffCookie }))).text();
    expect(low).toContain("MIC-SPH-CHROME");
    expect(low).not.toContain("TOT-VEW-NAVY");
  });
});

describe("CSV import of a stock count", () => {
  it("a file with bad rows is refused with every problem and its line number; nothing is applied", async () => {
    setStock("TOT-CCL-BLACK", 3);
    const before = catalogSnapshot();
    const file = ["sku,on_hand,note", "TOT-CCL-BLACK,12,fine", "NO-SUCH-SKU,4,", "TOT-VEW-NAVY,-2,", "TOT-CMK-NAVY,lots,"].join("\r\n");
    const res = await importPost({ intent: "preview", file: csvFile(file) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { message: string; problems: { line: number; message: string }[] };
    expect(body.message).toMatch(/^Nothing was changed/);
    expect(body.problems).toEqual([
      { line: 3, message: "Line 3: there is no SKU NO-SUCH-SKU in the shop." },
      { line: 4, message: "Line 4: on hand can't be negative (-2)." },
      { line: 5, message: 'Line 5: on hand must be a whole number, not "lots".' },
    ]);
    const unknown = await importPost({ intent: "preview", file: csvFile("sku,on_hand\nTOT-CCL-BLACK,12\nNO-SUCH-SKU,4\n") });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { problems: unknown[] }).problems).toEqual([{ line: 3, message: "Line 3: there is no SKU NO-SUCH-SKU in the shop." }]);

    // The apply step checks the file again: a bad file never gets in that way either.
    const sneaky = await importPost({ intent: "apply", fileName: "x.csv", payload: Buffer.from("sku,on_hand\nTOT-CCL-BLACK,12\nNO-SUCH-SKU,4\n").toString("base64") });
    expect(sneaky.status).toBe(409);
    expect(catalogSnapshot()).toEqual(before);
    expect(variantBySku("TOT-CCL-BLACK").stockOnHand).toBe(3);
  });

  it("malformed, binary, empty and oversized uploads get a 4xx and change nothing", async () => {
    const before = catalogSnapshot();
    const cases: [Record<string, string | Blob>, number][] = [
      [{ intent: "preview", file: csvFile('sku,on_hand\n"TOT-CCL-BLACK,1\n') }, 400],
      [{ intent: "preview", file: new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1])], "photo.csv") }, 415],
      [{ intent: "preview", file: csvFile("") }, 400],
      [{ intent: "preview", file: csvFile("sku,on_hand\n" + "TOT-CCL-BLACK,1\n".repeat(40_000)) }, 413],
      [{ intent: "preview" }, 400],
      [{ intent: "apply", fileName: "x.csv", payload: "not base64!" }, 400],
      [{ intent: "explode", file: csvFile("sku,on_hand\n") }, 400],
    ];
    for (const [fields, status] of cases) {
      const res = await importPost(fields);
      expect(res.status, JSON.stringify(Object.keys(fields))).toBe(status);
      expect(((await res.json()) as { message: string }).message).toBeTruthy();
    }
    // A plain urlencoded post is not a file upload.
    expect((await run(importAction, formRequest("/admin/stock/import", { intent: "preview" }, { cookie: staffCookie }))).status).toBe(415);
    expect(catalogSnapshot()).toEqual(before);
  });

  it("a good file: the preview shows each change and writes nothing; apply sets them all (ledger, one audit row)", async () => {
    setStock("TOT-CCL-BLACK", 3);
    setStock("TOT-VEW-NAVY", 7);
    setStock("MIC-SPH-CHROME", 0);
    const text = "\uFEFFsku,on_hand,note\r\nTOT-CCL-BLACK,12,Shelf A\r\ntot-vew-navy,7,\r\nMIC-SPH-CHROME,5,\r\n";
    const before = catalogSnapshot();
    const preview = await importPost({ intent: "preview", file: csvFile(text, "count nov.csv") });
    expect(preview.status, await preview.clone().text()).toBe(200);
    const body = (await preview.json()) as { ok: true; fileName: string; payload: string; changed: number; unchanged: number; rows: { line: number; sku: string; before: number; after: number; delta: number }[] };
    expect(body).toMatchObject({ ok: true, fileName: "count nov.csv", changed: 2, unchanged: 1 });
    expect(body.rows.map((r) => [r.line, r.sku, r.before, r.after, r.delta])).toEqual([
      [2, "TOT-CCL-BLACK", 3, 12, 9],
      [3, "TOT-VEW-NAVY", 7, 7, 0],
      [4, "MIC-SPH-CHROME", 0, 5, 5],
    ]);
    expect(catalogSnapshot()).toEqual(before);

    const apply = await importPost({ intent: "apply", fileName: body.fileName, payload: body.payload });
    expect(apply.status).toBe(303);
    expect(apply.headers.get("Location")).toBe("/admin/stock");
    expect(variantBySku("TOT-CCL-BLACK").stockOnHand).toBe(12);
    expect(variantBySku("TOT-VEW-NAVY").stockOnHand).toBe(7);
    expect(variantBySku("MIC-SPH-CHROME").stockOnHand).toBe(5);
    expect(lastLedger("TOT-CCL-BLACK")).toMatchObject({ reason: "counted", onHandDelta: 9, onHandAfter: 12, staffId, note: "Shelf A" });
    expect(lastLedger("MIC-SPH-CHROME")).toMatchObject({ reason: "counted", onHandDelta: 5, onHandAfter: 5, note: "Stock count count nov.csv" });
    expect(lastAudit()).toMatchObject({
      staffId,
      action: "stock.import",
      before: { "TOT-CCL-BLACK": 3, "MIC-SPH-CHROME": 0 },
      after: { "TOT-CCL-BLACK": 12, "MIC-SPH-CHROME": 5 },
    });
  });

  it("all or nothing: if one row no longer fits when applied (a checkout held units meanwhile), no row is applied", async () => {
    setStock("TOT-CCL-BLACK", 3);
    setStock("MIC-FUR-CLOUD", 4);
    const text = "sku,on_hand\nTOT-CCL-BLACK,20\nMIC-FUR-CLOUD,1\n";
    const preview = (await (await importPost({ intent: "preview", file: csvFile(text) })).json()) as { payload: string; fileName: string };
    await pendingOrder("MIC-FUR-CLOUD", 3);
    const before = catalogSnapshot();
    const apply = await importPost({ intent: "apply", fileName: preview.fileName, payload: preview.payload });
    expect(apply.status).toBe(409);
    const body = (await apply.json()) as { problems: { line: number; message: string }[] };
    expect(body.problems).toEqual([
      { line: 3, message: "Line 3: MIC-FUR-CLOUD: 3 units are held by open checkouts, so on hand can't go below 3 (it would be 1)." },
    ]);
    expect(catalogSnapshot()).toEqual(before);
    expect(variantBySku("TOT-CCL-BLACK").stockOnHand).toBe(3);
  });
});
