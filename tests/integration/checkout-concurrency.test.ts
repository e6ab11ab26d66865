// Many buyers racing for the last units of a limited micro bag, through two
// server processes on one SQLite file: never more held or sold than stock.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpShopper } from "../helpers/http-shopper";
import { startShop, tempDatabaseFile, type RunningShop } from "../helpers/server";

const SKU = "MIC-LTD-CHAMPAGNE";
const STOCK = 7;
const BUYERS = 40;

const shops: RunningShop[] = [];
let file: string;

beforeAll(async () => {
  file = tempDatabaseFile("shop-race-");
  // The first process migrates and seeds; the second joins the same file.
  shops.push(await startShop({ databaseFile: file }));
  shops.push(await startShop({ databaseFile: file }));
  const db = new Database(file);
  db.prepare("UPDATE variants SET stock_on_hand = ? WHERE sku = ?").run(STOCK, SKU);
  db.close();
});

afterAll(async () => {
  await Promise.all(shops.map((s) => s.stop()));
});

function stockRow() {
  const db = new Database(file, { readonly: true });
  const row = db.prepare("SELECT stock_on_hand AS onHand, stock_held AS held, id FROM variants WHERE sku = ?").get(SKU) as {
    onHand: number;
    held: number;
    id: number;
  };
  const activeHolds = db.prepare("SELECT coalesce(sum(quantity), 0) AS n FROM stock_holds WHERE variant_id = ? AND status = 'active'").get(row.id) as { n: number };
  db.close();
  return { ...row, activeHolds: activeHolds.n };
}

describe("the drop, across two processes", () => {
  it("holds and sells at most what is in stock; losers keep their carts and see sold out", async () => {
    const buyers = Array.from({ length: BUYERS }, (_, i) => new HttpShopper(shops[i % 2]!.url));
    // Everyone puts the limited bag in their cart while it is still available.
    for (const b of buyers) expect((await b.post("/cart", { intent: "add", sku: SKU, quantity: "1" })).status).toBe(303);

    // Then all check out at once, half through each process.
    const results = await Promise.all(buyers.map((b) => b.post("/checkout", {})));
    expect(results.every((r) => r.status === 303)).toBe(true);
    const winners = buyers.filter((_, i) => results[i]!.headers.get("Location")!.startsWith("/checkout/test-payment"));
    const losers = buyers.filter((_, i) => results[i]!.headers.get("Location") === "/cart");
    expect(winners).toHaveLength(STOCK);
    expect(losers).toHaveLength(BUYERS - STOCK);

    const held = stockRow();
    expect(held).toMatchObject({ onHand: STOCK, held: STOCK, activeHolds: STOCK });

    // Losers land on their cart with the sold-out message and the bag still in it.
    for (const loser of losers.slice(0, 5)) {
      const page = await (await loser.get("/cart")).text();
      expect(page).toMatch(/sold out|left/i);
      expect(page).toContain(SKU);
    }

    // Winners pay, concurrently, through both processes.
    const payments = await Promise.all(
      winners.map(async (w, i) => {
        const location = results[buyers.indexOf(w)]!.headers.get("Location")!;
        const sessionId = new URL(location, "http://x").searchParams.get("session_id")!;
        return w.post(location, {
          intent: "pay",
          session_id: sessionId,
          email: `buyer${i}@example.com`,
          name: "Buyer",
          line1: "1 Street",
          city: "Town",
          postal_code: "12345",
          country: "US",
        });
      }),
    );
    expect(payments.map((p) => p.status)).toEqual(Array(STOCK).fill(303));
    const sold = stockRow();
    expect(sold).toMatchObject({ onHand: 0, held: 0, activeHolds: 0 });

    const db = new Database(file, { readonly: true });
    const paid = db.prepare("SELECT count(*) AS n FROM orders WHERE status = 'paid'").get() as { n: number };
    const sales = db.prepare("SELECT coalesce(sum(-on_hand_delta), 0) AS n FROM stock_ledger WHERE reason = 'sale'").get() as { n: number };
    const integrity = db.pragma("integrity_check", { simple: true });
    db.close();
    expect(paid.n).toBe(STOCK);
    expect(sales.n).toBe(STOCK);
    expect(integrity).toBe("ok");
  });
});
