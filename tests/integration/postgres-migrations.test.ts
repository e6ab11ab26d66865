// db/migrations-pg on a real PostgreSQL: they build exactly the tables of
// db/schema.pg.ts, and servers starting together apply each one exactly once.
import Database from "better-sqlite3";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { readMigrationFiles } from "drizzle-orm/migrator";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { applyMigrations } from "~/utils/db.server";
import { migratePostgres } from "~/utils/migrate-pg.server";
import * as pgSchema from "../../db/schema.pg";
import { createTestDatabase, postgresDatabaseOfFile } from "../helpers/postgres";

const MIGRATIONS = readMigrationFiles({ migrationsFolder: "db/migrations-pg" });
const tables = Object.values(pgSchema as Record<string, unknown>)
  .filter((value): value is PgTable => value instanceof PgTable)
  .map((table) => getTableConfig(table));

const database = postgresDatabaseOfFile();

describe("PostgreSQL migrations", () => {
  it("build the tables, columns, indexes, keys and triggers of db/schema.pg.ts", async () => {
    const result = await migratePostgres(database.pool);
    expect(result.applied).toEqual(MIGRATIONS.map((m) => m.folderMillis));
    const { pool } = database;

    const columns = await pool.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string; column_default: string | null; is_identity: string }>(
      "SELECT table_name, column_name, data_type, is_nullable, column_default, is_identity FROM information_schema.columns WHERE table_schema = 'public'",
    );
    const actual = columns.rows.map((c) => `${c.table_name}.${c.column_name} ${c.data_type}${c.is_nullable === "NO" ? " not null" : ""}${c.column_default !== null || c.is_identity === "YES" ? " default" : ""}`);
    const expected = tables.flatMap((t) =>
      t.columns.map((c) => `${t.name}.${c.name} ${c.getSQLType()}${c.notNull ? " not null" : ""}${c.hasDefault || c.generatedIdentity ? " default" : ""}`),
    );
    expect(actual.sort()).toEqual(expected.sort());

    const indexes = await pool.query<{ indexname: string; indexdef: string }>("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%_pkey'");
    expect(indexes.rows.map((i) => `${i.indexname}${i.indexdef.startsWith("CREATE UNIQUE") ? " unique" : ""}`).sort()).toEqual(
      tables.flatMap((t) => t.indexes.map((i) => `${i.config.name}${i.config.unique ? " unique" : ""}`)).sort(),
    );

    const foreignKeys = await pool.query<{ table_name: string; constraint_name: string; delete_rule: string }>(
      `SELECT tc.table_name, tc.constraint_name, rc.delete_rule FROM information_schema.table_constraints tc
       JOIN information_schema.referential_constraints rc USING (constraint_schema, constraint_name)
       WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'`,
    );
    expect(foreignKeys.rows.map((f) => `${f.table_name}.${f.constraint_name} ${f.delete_rule.toLowerCase()}`).sort()).toEqual(
      tables.flatMap((t) => t.foreignKeys.map((f) => `${t.name}.${f.getName()} ${f.onDelete ?? "no action"}`)).sort(),
    );

    // The same triggers, by name, as SQLite's migrations make.
    const triggers = await pool.query<{ tgname: string }>("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal");
    const sqlite = new Database(":memory:");
    applyMigrations(sqlite);
    const sqliteTriggers = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[];
    sqlite.close();
    expect(triggers.rows.map((t) => t.tgname).sort()).toEqual(sqliteTriggers.map((t) => t.name).sort());
    const counters = await pool.query("SELECT (SELECT version FROM catalog_version WHERE id = 1) AS catalog, (SELECT version FROM stock_version WHERE id = 1) AS stock");
    expect(counters.rows[0]).toEqual({ catalog: 0, stock: 0 });

    // Starting again applies nothing.
    expect((await migratePostgres(database.pool)).applied).toEqual([]);
  });

  it("three servers migrating one fresh database at once apply each migration exactly once", async () => {
    const fresh = await createTestDatabase();
    const pools = [1, 2, 3].map(() => new pg.Pool({ connectionString: fresh.url, max: 2 }));
    try {
      const results = await Promise.all(pools.map((pool) => migratePostgres(pool)));
      expect(results.flatMap((r) => r.applied).sort()).toEqual(MIGRATIONS.map((m) => m.folderMillis).sort());
      const rows = await pools[0]!.query<{ hash: string; created_at: string }>("SELECT hash, created_at FROM drizzle.__drizzle_migrations ORDER BY id");
      expect(rows.rows.map((r) => [r.hash, Number(r.created_at)])).toEqual(MIGRATIONS.map((m) => [m.hash, m.folderMillis]));
      const counters = await pools[1]!.query("SELECT count(*)::int AS n FROM catalog_version");
      expect(counters.rows[0]).toEqual({ n: 1 });
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
      await fresh.drop();
    }
  });
});
