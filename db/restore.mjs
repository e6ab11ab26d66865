#!/usr/bin/env node
// Put a backup made by `npm run db:backup` back in place of the shop's database.
//
//   npm run db:restore -- data/backups/shop-20260101T030000Z.sqlite
//   npm run db:restore -- <backup> --db /srv/shop/data/shop.sqlite
//
// Stop the shop first: restoring refuses while any process has the database
// open (it asks SQLite for an exclusive lock, which a running server's open
// connection prevents). The backup is checked (integrity_check) before
// anything is touched; the current database is kept beside it as
// <name>.before-restore-<UTC time>.sqlite; the copy is written under a
// temporary name and renamed into place, so the shop never sees half a file.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

function rowCounts(db) {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all();
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t.replaceAll('"', '""')}"`).pluck().get()]));
}

function stamp(date = new Date()) {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

/** Whether another process has the database open (a running shop). */
function inUse(file) {
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE");
    db.exec("ROLLBACK");
    return false;
  } catch (error) {
    if (error && (error.code === "SQLITE_BUSY" || error.code === "SQLITE_LOCKED")) return true;
    throw error;
  } finally {
    db.close();
  }
}

function fsyncFile(file) {
  const fd = fs.openSync(file, "r+");
  fs.fsyncSync(fd);
  fs.closeSync(fd);
}

function main() {
  const argv = process.argv.slice(2);
  const dbAt = argv.indexOf("--db");
  const target = path.resolve(
    dbAt >= 0 ? argv[dbAt + 1] : (process.env.DATABASE_URL ?? "data/shop.sqlite").replace(/^file:/, ""),
  );
  const backup = argv.filter((_, i) => dbAt < 0 || (i !== dbAt && i !== dbAt + 1))[0];
  if (!backup) throw new Error("usage: npm run db:restore -- <backup file> [--db <database file>]");
  const source = path.resolve(backup);
  if (!fs.existsSync(source)) throw new Error(`no backup at ${source}`);

  const check = new Database(source, { readonly: true, fileMustExist: true });
  let counts;
  try {
    const integrity = check.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new Error(`the backup failed its integrity check: ${integrity}`);
    counts = rowCounts(check);
  } finally {
    check.close();
  }

  let keptAside = null;
  if (fs.existsSync(target)) {
    if (inUse(target)) {
      throw new Error(`${target} is open in another process (is the shop running?). Stop it, then restore.`);
    }
    // Closing the lock check above checkpointed any WAL into the file; keep it all aside.
    keptAside = target.replace(/(\.sqlite)?$/, `.before-restore-${stamp()}.sqlite`);
    fs.renameSync(target, keptAside);
    for (const suffix of ["-wal", "-shm"]) {
      if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, keptAside + suffix);
    }
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.restoring`;
  fs.copyFileSync(source, partial);
  fsyncFile(partial);
  fs.renameSync(partial, target);

  const restored = new Database(target, { fileMustExist: true });
  try {
    const integrity = restored.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new Error(`the restored database failed its integrity check: ${integrity}`);
    restored.pragma("journal_mode = WAL");
  } finally {
    restored.close();
  }
  console.log(JSON.stringify({ restored: target, from: source, keptAside, integrity: "ok", rows: counts }));
}

try {
  main();
} catch (error) {
  console.error(`db:restore failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
