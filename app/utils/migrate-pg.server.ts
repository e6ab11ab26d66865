// Applies db/migrations-pg to a PostgreSQL database, safely when several app
// servers start at once. drizzle's own migrator reads the applied list before
// its transaction, so two servers could both apply the same migration (and
// CREATE … IF NOT EXISTS itself races). Here one checked-out connection opens a
// transaction and first takes a transaction-level advisory lock: every other
// server waits on that lock, then finds the migrations already recorded. The
// lock ends with the transaction, so a crashed server never leaves it held.
// Applied migrations are recorded in drizzle.__drizzle_migrations, in the shape
// drizzle's migrator writes, so drizzle-kit's tools see the same history.
import path from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { Pool, PoolClient } from "pg";

/** The advisory lock every server takes to migrate; any fixed number unused elsewhere. */
export const MIGRATION_LOCK_KEY = 7_020_130_001;

export type PgMigrationResult = {
  /** folderMillis of each migration this call applied, in order. */
  applied: number[];
};

export async function migratePostgres(
  pool: Pool,
  options: { migrationsFolder?: string } = {},
): Promise<PgMigrationResult> {
  const migrations = readMigrationFiles({
    migrationsFolder: options.migrationsFolder ?? path.resolve(process.cwd(), "db/migrations-pg"),
  });
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    try {
      const applied = await applyPending(client, migrations);
      await client.query("COMMIT");
      return { applied };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {
        broken = true;
      });
      throw error;
    }
  } finally {
    // A connection whose rollback failed is not given back to the pool.
    client.release(broken);
  }
}

async function applyPending(client: PoolClient, migrations: ReturnType<typeof readMigrationFiles>): Promise<number[]> {
  await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
  await client.query("CREATE SCHEMA IF NOT EXISTS drizzle");
  await client.query(
    "CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)",
  );
  const last = await client.query<{ created_at: string }>(
    "SELECT created_at FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1",
  );
  const lastMillis = last.rows[0] ? Number(last.rows[0].created_at) : null;
  const applied: number[] = [];
  for (const migration of migrations) {
    if (lastMillis !== null && lastMillis >= migration.folderMillis) continue;
    for (const statement of migration.sql) {
      if (statement.trim()) await client.query(statement);
    }
    await client.query("INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, $2)", [
      migration.hash,
      migration.folderMillis,
    ]);
    applied.push(migration.folderMillis);
  }
  return applied;
}
