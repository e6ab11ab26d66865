// The stock statements the shop will run on PostgreSQL never oversell: the
// check and the change are one conditional UPDATE (available = on hand - held,
// as app/models/inventory.server.ts decides it), and under READ COMMITTED a
// buyer who waited on another's row lock re-checks the condition against the
// committed row before changing it.
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { migratePostgres } from "~/utils/migrate-pg.server";
import { postgresDatabaseOfFile } from "../helpers/postgres";

const postgres = postgresDatabaseOfFile();
const BUYERS = 20;

// A sale from free stock (sellFreeStock) and a checkout's hold (holdStock).
const SELL_FREE =
  "UPDATE variants SET stock_on_hand = stock_on_hand - $1 WHERE id = $2 AND stock_on_hand - stock_held >= $1 RETURNING stock_on_hand, stock_held";
const HOLD =
  "UPDATE variants SET stock_held = stock_held + $1 WHERE id = $2 AND stock_on_hand - stock_held >= $1 RETURNING stock_on_hand, stock_held";

let variantId = 0;

beforeAll(async () => {
  await migratePostgres(postgres.pool);
  const product = await postgres.pool.query<{ id: number }>(
    "INSERT INTO products (slug, name, kind, material, width_cm, height_cm, depth_cm, art_style, is_limited) VALUES ('heart', 'Heart micro bag', 'micro', 'leather', 8, 6, 3, 'heart', true) RETURNING id",
  );
  const variant = await postgres.pool.query<{ id: number }>(
    "INSERT INTO variants (product_id, sku, colour_name, colour_hex, hardware, price_cents, image_url) VALUES ($1, 'HRT-G', 'Rose', '#f0c', 'gold', 2500, '/a.png') RETURNING id",
    [product.rows[0]!.id],
  );
  variantId = variant.rows[0]!.id;
});

/**
 * BUYERS transactions on their own connections, each wanting one unit: all
 * begin and touch the database, then all send the statement at once. Each
 * that gets a row writes its ledger line and commits.
 */
async function rush(statement: string, reason: "sale" | "hold"): Promise<{ sold: number; refused: number }> {
  const clients = await Promise.all(Array.from({ length: BUYERS }, () => postgres.pool.connect()));
  try {
    await Promise.all(clients.map((c) => c.query("BEGIN").then(() => c.query("SELECT 1"))));
    const outcomes = await Promise.all(
      clients.map(async (client) => {
        const result = await client.query<{ stock_on_hand: number; stock_held: number }>(statement, [1, variantId]);
        const after = result.rows[0];
        if (after) {
          await client.query(
            "INSERT INTO stock_ledger (variant_id, reason, on_hand_delta, held_delta, on_hand_after, held_after) VALUES ($1, $2, $3, $4, $5, $6)",
            [variantId, reason, reason === "sale" ? -1 : 0, reason === "hold" ? 1 : 0, after.stock_on_hand, after.stock_held],
          );
        }
        await client.query("COMMIT");
        return after ? "sold" : "refused";
      }),
    );
    return { sold: outcomes.filter((o) => o === "sold").length, refused: outcomes.filter((o) => o === "refused").length };
  } finally {
    for (const client of clients) client.release();
  }
}

async function levels(pool: pg.Pool) {
  const row = (await pool.query<{ on_hand: number; held: number; stock: number }>(
    "SELECT stock_on_hand AS on_hand, stock_held AS held, (SELECT version FROM stock_version WHERE id = 1) AS stock FROM variants WHERE id = $1",
    [variantId],
  )).rows[0]!;
  const ledger = (await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM stock_ledger WHERE variant_id = $1", [variantId])).rows[0]!.n;
  return { ...row, ledger };
}

describe("stock on PostgreSQL with 20 buyers for the last 3 units", () => {
  it("a sale from free stock sells exactly 3, never touching units held by checkouts", async () => {
    // 5 on the shelf, 2 of them held: 3 to sell.
    await postgres.pool.query("UPDATE variants SET stock_on_hand = 5, stock_held = 2 WHERE id = $1", [variantId]);
    await postgres.pool.query("DELETE FROM stock_ledger");
    const before = await levels(postgres.pool);

    expect(await rush(SELL_FREE, "sale")).toEqual({ sold: 3, refused: BUYERS - 3 });
    const after = await levels(postgres.pool);
    expect({ onHand: after.on_hand, held: after.held, ledger: after.ledger }).toEqual({ onHand: 2, held: 2, ledger: 3 });
    expect(after.stock - before.stock).toBe(3);
  });

  it("a checkout's hold holds exactly 3, round after round", async () => {
    for (let round = 0; round < 3; round++) {
      await postgres.pool.query("UPDATE variants SET stock_on_hand = 4, stock_held = 1 WHERE id = $1", [variantId]);
      await postgres.pool.query("DELETE FROM stock_ledger");
      expect(await rush(HOLD, "hold")).toEqual({ sold: 3, refused: BUYERS - 3 });
      const after = await levels(postgres.pool);
      expect({ onHand: after.on_hand, held: after.held, ledger: after.ledger }).toEqual({ onHand: 4, held: 4, ledger: 3 });
    }
  });
});
