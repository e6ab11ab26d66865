#!/usr/bin/env node
// A consistent copy of the shop's SQLite database, taken while the shop runs.
//
//   npm run db:backup                         # data/shop.sqlite → data/backups/shop-<UTC time, ms>.sqlite
//   npm run db:backup -- --out /path/x.sqlite
//   npm run db:backup -- --dir /var/backups/shop --keep 14
//
// The database is DATABASE_URL (as the server reads it) or --db. The copy is
// made with VACUUM INTO: one read transaction, so it is the database as of one
// moment, while the shop keeps writing (WAL readers never block writers, and
// unlike the page-by-page backup API it never restarts under write load). It is
// written to a temporary name, checked (PRAGMA integrity_check), then renamed:
// a backup file that exists is complete. --keep N deletes all but the newest N
// backups in the directory. Prints one JSON line with the path and row counts.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

function args(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (!a.startsWith("--")) throw new Error(`unexpected argument ${a}`);
    const [key, inline] = a.slice(2).split("=", 2);
    out[key] = inline ?? argv[++i];
    if (out[key] === undefined) throw new Error(`--${key} needs a value`);
  }
  return out;
}

export function rowCounts(db) {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all();
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t.replaceAll('"', '""')}"`).pluck().get()]));
}

function stamp(date = new Date()) {
  return date.toISOString().replace(/[-:]/g, "").replace(".", "");
}

function main() {
  const opts = args(process.argv.slice(2));
  const source = path.resolve(opts.db ?? (process.env.DATABASE_URL ?? "data/shop.sqlite").replace(/^file:/, ""));
  if (!fs.existsSync(source)) throw new Error(`no database at ${source}`);
  const dir = path.resolve(opts.dir ?? path.join(path.dirname(source), "backups"));
  const target = path.resolve(opts.out ?? path.join(dir, `${path.basename(source, ".sqlite")}-${stamp()}.sqlite`));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (fs.existsSync(target)) throw new Error(`${target} already exists`);
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });

  const started = Date.now();
  const db = new Database(source, { fileMustExist: true, timeout: 10_000 });
  try {
    db.prepare("VACUUM INTO ?").run(partial);
  } finally {
    db.close();
  }

  const copy = new Database(partial, { fileMustExist: true });
  let counts;
  try {
    const integrity = copy.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new Error(`the copy failed its integrity check: ${integrity}`);
    counts = rowCounts(copy);
  } finally {
    copy.close();
  }
  // Durable before it gets its final name.
  const fd = fs.openSync(partial, "r+");
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(partial, target);

  let removed = [];
  if (opts.keep !== undefined) {
    const keep = Number(opts.keep);
    if (!Number.isInteger(keep) || keep < 1) throw new Error("--keep needs a whole number ≥ 1");
    const prefix = `${path.basename(source, ".sqlite")}-`;
    const backups = fs
      .readdirSync(path.dirname(target))
      .filter((f) => f.startsWith(prefix) && f.endsWith(".sqlite"))
      .sort()
      .reverse();
    removed = backups.slice(keep).map((f) => path.join(path.dirname(target), f));
    for (const f of removed) fs.rmSync(f);
  }
  console.log(
    JSON.stringify({ backup: target, source, bytes: fs.statSync(target).size, ms: Date.now() - started, integrity: "ok", rows: counts, removed }),
  );
}

try {
  main();
} catch (error) {
  console.error(`db:backup failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
