// Backups: `npm run db:backup` copies the live database while shoppers keep
// writing to it (checkouts and payments through a real server), and
// `npm run db:restore` puts a copy back: the copy passes integrity_check, its
// books agree (a copy of one moment, never half a checkout), restore refuses
// while the shop has the file open, and the restored file has the backup's
// row counts and serves the shop again.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { recordFigures } from "../helpers/figures";
import { HttpShopper } from "../helpers/http-shopper";
import { startShop, tempDatabaseFile, type RunningShop } from "../helpers/server";
import { checkStockBooks } from "../helpers/stock-invariants";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../..");
const SKUS = ["TOT-VCT-CREAM", "MIC-HRT-GOLD", "TOT-CRO-FOREST", "MIC-LTD-CHAMPAGNE"];

function script(name: string, args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, [path.join(ROOT, "db", name), ...args], { cwd: ROOT, env: { PATH: process.env.PATH, ...env } as unknown as NodeJS.ProcessEnv }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

function counts(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    return {
      integrity: db.pragma("integrity_check", { simple: true }),
      rows: Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number])),
      problems: checkStockBooks(db).problems,
    };
  } finally {
    db.close();
  }
}

/** Shoppers buying in a loop until told to stop; resolves with the number of paid checkouts. */
function writeLoad(url: string, stop: { now: boolean }) {
  const shopper = async (n: number) => {
    let paid = 0;
    while (!stop.now) {
      const s = new HttpShopper(url);
      await s.post("/cart", { intent: "add", sku: SKUS[n++ % SKUS.length]!, quantity: "1" });
      const res = await s.post("/checkout", {});
      const session = new URL(res.headers.get("Location") ?? "/", url).searchParams.get("session_id");
      if (!session) continue;
      const pay = await s.post("/checkout/test-payment", {
        intent: "pay",
        session_id: session,
        email: "load@example.com",
        name: "Load",
        line1: "1 Busy St",
        city: "Write",
        postal_code: "1",
        country: "US",
      });
      if (pay.status === 303) paid += 1;
    }
    return paid;
  };
  return Promise.all([0, 1, 2].map(shopper)).then((n) => n.reduce((a, b) => a + b, 0));
}

let shop: RunningShop | null = null;
afterAll(async () => {
  await shop?.stop();
});

describe("backup and restore", () => {
  it("backs up a live database under write load and restores it", async () => {
    const file = tempDatabaseFile("shop-backup-");
    shop = await startShop({ databaseFile: file });
    // Plenty of stock, so the load keeps writing for the whole test.
    const seed = new Database(file);
    seed.prepare("UPDATE variants SET stock_on_hand = stock_on_hand + 100000").run();
    seed.prepare("INSERT INTO stock_ledger (variant_id, reason, on_hand_delta, held_delta, on_hand_after, held_after) SELECT id, 'received', 100000, 0, stock_on_hand, stock_held FROM variants").run();
    seed.close();

    const stop = { now: false };
    const load = writeLoad(shop.url, stop);
    const ordersAt = () => counts(file).rows.orders!;
    // Let the shoppers get going, then back up twice while they write.
    while (ordersAt() < 5) await new Promise((r) => setTimeout(r, 50));
    const before = ordersAt();
    const dir = path.join(path.dirname(file), "backups");
    const first = await script("backup.mjs", ["--dir", dir], { DATABASE_URL: file });
    const second = await script("backup.mjs", ["--db", file, "--dir", dir, "--keep", "1"]);
    const after = ordersAt();
    stop.now = true;
    const paid = await load;

    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    const report = JSON.parse(second.stdout) as { backup: string; rows: Record<string, number>; removed: string[] };
    // --keep 1 kept only the newest.
    expect(report.removed).toEqual([JSON.parse(first.stdout).backup]);
    expect(fs.readdirSync(dir)).toEqual([path.basename(report.backup)]);

    const copy = counts(report.backup);
    expect(copy.integrity).toBe("ok");
    // One moment's database: every order whole, the stock books agreeing.
    expect(copy.problems).toEqual([]);
    expect(copy.rows).toEqual(report.rows);
    expect(copy.rows.orders).toBeGreaterThanOrEqual(before);
    expect(copy.rows.orders).toBeLessThanOrEqual(after);
    expect(paid).toBeGreaterThan(0);

    // Restoring over a running shop is refused, and nothing is touched.
    const live = counts(file).rows;
    const refused = await script("restore.mjs", [report.backup, "--db", file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/open in another process \(is the shop running\?\)/);
    expect(counts(file).rows).toEqual(live);

    expect(await shop.stop()).toBe(0);
    shop = null;
    const restored = await script("restore.mjs", [report.backup], { DATABASE_URL: file });
    expect(restored.code, restored.stderr).toBe(0);
    const result = JSON.parse(restored.stdout) as { keptAside: string };
    expect(fs.existsSync(result.keptAside)).toBe(true);
    const back = counts(file);
    expect(back.integrity).toBe("ok");
    expect(back.rows).toEqual(copy.rows);
    expect(back.problems).toEqual([]);
    // The previous database is kept aside whole.
    expect(counts(result.keptAside).rows.orders).toBe(live.orders);

    // The shop runs on the restored file.
    shop = await startShop({ databaseFile: file });
    expect((await new HttpShopper(shop.url).get("/healthz")).status).toBe(200);
    expect((await new HttpShopper(shop.url).get("/cart")).status).toBe(200);

    recordFigures("backup", {
      ordersWhenBackupStarted: before,
      ordersWhenBackupEnded: after,
      ordersInBackup: copy.rows.orders,
      paidCheckoutsDuringTest: paid,
      integrity: { backup: copy.integrity, restored: back.integrity },
      rowsInBackup: copy.rows,
      rowsAfterRestore: back.rows,
      restoreRefusedWhileRunning: true,
    });
  }, 90_000);
});
