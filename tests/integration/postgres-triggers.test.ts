// The PostgreSQL triggers (db/migrations-pg/0001, 0003) move catalog_version and
// stock_version exactly as the SQLite ones (db/migrations 0001, 0011, 0013, 0017):
// the same statements run on a fresh database of each engine, and the two
// counters are compared after every statement.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "~/utils/db.server";
import { migratePostgres } from "~/utils/migrate-pg.server";
import { postgresDatabaseOfFile } from "../helpers/postgres";

const postgres = postgresDatabaseOfFile();
let sqlite: Database.Database;

beforeAll(async () => {
  sqlite = new Database(":memory:");
  sqlite.pragma("foreign_keys = ON");
  applyMigrations(sqlite);
  await migratePostgres(postgres.pool);
});
afterAll(() => sqlite?.close());

const PRODUCT = (slug: string) =>
  `INSERT INTO products (slug, name, kind, material, width_cm, height_cm, depth_cm, art_style) VALUES ('${slug}', 'Bag ${slug}', 'micro', 'leather', 8, 6, 3, 'heart')`;

// Portable SQL only (no booleans or JSON literals, which the engines spell differently).
const STATEMENTS: string[] = [
  PRODUCT("heart"),
  PRODUCT("moon"),
  `INSERT INTO variants (product_id, sku, colour_name, colour_hex, hardware, price_cents, image_url)
   VALUES (1, 'HRT-G', 'Rose', '#f0c', 'gold', 2500, '/a.png'), (1, 'HRT-S', 'Rose', '#f0c', 'silver', 2500, '/b.png')`,
  "UPDATE variants SET price_cents = price_cents + 1",
  "UPDATE variants SET stock_on_hand = 5",
  "UPDATE variants SET stock_held = 1 WHERE sku = 'HRT-G'",
  "UPDATE variants SET stock_on_hand = stock_on_hand - 1, stock_held = stock_held - 1 WHERE sku = 'HRT-G'",
  // Same values, timestamps only, no row: no counter moves.
  "UPDATE variants SET stock_on_hand = stock_on_hand, price_cents = price_cents",
  "UPDATE variants SET updated_at = 123, created_at = 456",
  "UPDATE variants SET price_cents = 999 WHERE id = -1",
  // Each shown column of variants alone (from and to NULL too).
  "UPDATE variants SET product_id = 2 WHERE sku = 'HRT-S'",
  "UPDATE variants SET sku = 'HRT-S2' WHERE sku = 'HRT-S'",
  "UPDATE variants SET colour_name = 'Blush' WHERE sku = 'HRT-G'",
  "UPDATE variants SET colour_hex = '#fcc' WHERE sku = 'HRT-G'",
  "UPDATE variants SET hardware = 'none' WHERE sku = 'HRT-G'",
  "UPDATE variants SET price_cents = 3000 WHERE sku = 'HRT-G'",
  "UPDATE variants SET compare_at_cents = 3500 WHERE sku = 'HRT-G'",
  "UPDATE variants SET compare_at_cents = NULL WHERE sku = 'HRT-G'",
  "UPDATE variants SET low_stock_threshold = 2 WHERE sku = 'HRT-G'",
  "UPDATE variants SET image_url = '/c.png' WHERE sku = 'HRT-G'",
  "UPDATE variants SET position = 4 WHERE sku = 'HRT-G'",
  "UPDATE variants SET price_cents = 3100, stock_on_hand = 9 WHERE sku = 'HRT-G'",
  "UPDATE products SET name = name",
  "UPDATE products SET description = 'Soft' WHERE slug = 'moon'",
  `INSERT INTO bundle_offers (name, trigger_type, trigger_value, addon_type, addon_value, discount_type, discount_value)
   VALUES ('Tote and micro', 'kind', 'tote', 'kind', 'micro', 'percent', 10)`,
  "UPDATE bundle_offers SET discount_value = 15",
  "DELETE FROM bundle_offers",
  "INSERT INTO settings (key, value) VALUES ('holdout', '5')",
  "UPDATE settings SET value = '10'",
  "DELETE FROM settings",
  "INSERT INTO experiments (name, hash_salt, starts_at) VALUES ('Price test', 'salt', 1000)",
  `INSERT INTO experiment_arms (experiment_id, position, label, kind, share_basis_points)
   VALUES (1, 0, 'A', 'holdout', 5000), (1, 1, 'B', 'offers', 5000)`,
  "UPDATE experiment_arms SET label = 'Control' WHERE position = 0",
  "DELETE FROM experiment_arms WHERE position = 1",
  "UPDATE experiments SET ends_at = 2000",
  "INSERT INTO product_photos (product_id, image_url, alt, position) VALUES (2, '/p.png', 'Front', 0), (1, '/q.png', 'Side', 0)",
  "UPDATE product_photos SET alt = 'Close-up' WHERE product_id = 2",
  "DELETE FROM product_photos WHERE product_id = 2",
  // Cascades fire the child tables' triggers on both engines.
  "DELETE FROM experiments",
  "DELETE FROM products WHERE slug = 'heart'",
];

type Counters = { catalog: number; stock: number };
const COUNTERS = "SELECT (SELECT version FROM catalog_version WHERE id = 1) AS catalog, (SELECT version FROM stock_version WHERE id = 1) AS stock";

describe("catalog_version and stock_version triggers on PostgreSQL", () => {
  it("move as SQLite's do, statement by statement", async () => {
    // Counted from where each database's migrations left them (SQLite's data
    // migrations already moved catalog_version).
    const s0 = sqlite.prepare(COUNTERS).get() as Counters;
    const p0 = (await postgres.pool.query<Counters>(COUNTERS)).rows[0]!;
    const onSqlite: string[] = [];
    const onPostgres: string[] = [];
    for (const statement of STATEMENTS) {
      sqlite.exec(statement);
      const s = sqlite.prepare(COUNTERS).get() as Counters;
      onSqlite.push(`+${s.catalog - s0.catalog}/+${s.stock - s0.stock} after ${statement}`);
      await postgres.pool.query(statement);
      const p = (await postgres.pool.query<Counters>(COUNTERS)).rows[0]!;
      onPostgres.push(`+${p.catalog - p0.catalog}/+${p.stock - p0.stock} after ${statement}`);
    }
    expect(onPostgres).toEqual(onSqlite);
    // The run moved both counters in every way above (not a run of zeros).
    expect(onSqlite.at(-1)).toMatch(/^\+[34]\d\/\+[4-9] /);
  });

  it("name every column of variants but stock, timestamps and id (a new column must be added to the trigger)", async () => {
    const definition = (
      await postgres.pool.query<{ def: string }>(
        "SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgname = 'variants_bump_catalog_update'",
      )
    ).rows[0]!.def;
    const columns = (
      await postgres.pool.query<{ column_name: string }>(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'variants'",
      )
    ).rows.map((r) => r.column_name);
    const unwatched = ["id", "stock_on_hand", "stock_held", "created_at", "updated_at"];
    const missing = columns.filter((c) => !unwatched.includes(c) && !new RegExp(`old\\."?${c}"? IS DISTINCT FROM new\\."?${c}"?`).test(definition));
    expect(missing).toEqual([]);
    expect(columns.length).toBeGreaterThan(unwatched.length);
  });
});
