// The one SQLite connection of this process. Opening it applies any pending
// migrations, so every module that imports `db` sees the current schema.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";
import * as schema from "../../db/schema";
import { env } from "./env.server";

export type Db = BetterSQLite3Database<typeof schema>;

type StatementListener = (sql: string) => void;
let statementListener: StatementListener | null = null;

/**
 * Count or log the SQL each request runs (tests and benchmarks only). Returns
 * a function that stops listening.
 */
export function onStatement(listener: StatementListener): () => void {
  statementListener = listener;
  return () => {
    if (statementListener === listener) statementListener = null;
  };
}

export function openDatabase(file: string, options: { trace?: boolean } = {}) {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file, {
    verbose: options.trace ? (message) => statementListener?.(String(message)) : undefined,
  });
  sqlite.pragma("journal_mode = WAL");
  // Several processes share one file: wait for a writer instead of failing.
  sqlite.pragma("busy_timeout = 5000");
  // A committed payment must survive power loss, not only a process crash.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  applyMigrations(sqlite);
  const db = drizzle(sqlite, { schema, casing: "snake_case" });
  return { sqlite, db };
}

/**
 * drizzle's own migrator reads the applied list outside its transaction, so two
 * processes starting together can both try to apply a migration. This one takes
 * the write lock first.
 */
export function applyMigrations(sqlite: Database.Database) {
  const migrations = readMigrationFiles({
    migrationsFolder: path.resolve(process.cwd(), "db/migrations"),
  });
  const apply = sqlite.transaction(() => {
    sqlite.exec(
      "CREATE TABLE IF NOT EXISTS __drizzle_migrations (id INTEGER PRIMARY KEY, hash text NOT NULL, created_at numeric)",
    );
    const last = sqlite
      .prepare("SELECT created_at FROM __drizzle_migrations ORDER BY created_at DESC LIMIT 1")
      .get() as { created_at: number } | undefined;
    for (const migration of migrations) {
      if (last && Number(last.created_at) >= migration.folderMillis) continue;
      for (const statement of migration.sql) {
        if (statement.trim()) sqlite.exec(statement);
      }
      sqlite
        .prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)")
        .run(migration.hash, migration.folderMillis);
    }
  });
  apply.immediate();
}

function open() {
  const config = env();
  return openDatabase(config.databaseFile, {
    trace: config.nodeEnv === "test" || process.env.SHOP_TRACE_SQL === "1",
  });
}

// In development the module is re-evaluated on every rebuild: keep one connection.
const globalForDb = globalThis as unknown as { __shopDb?: ReturnType<typeof open> };
const connection =
  env().nodeEnv === "development" ? (globalForDb.__shopDb ??= open()) : open();

export const db: Db = connection.db;
export const sqlite: Database.Database = connection.sqlite;

export function closeDatabase() {
  if (sqlite.open) sqlite.close();
}

/**
 * A transaction that takes the write lock at BEGIN (IMMEDIATE), so two writers
 * queue instead of one failing with SQLITE_BUSY halfway. Synchronous: no await inside.
 */
export function writeTransaction<T>(fn: () => T): T {
  return db.transaction(fn, { behavior: "immediate" });
}
