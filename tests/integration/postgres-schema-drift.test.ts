// db/schema.ts and db/schema.pg.ts must describe the same database: a table or
// column added to one and not the other, or a key, index or nullability that
// differs, fails here (see tests/helpers/schema-drift.ts for the type map).
import { sql } from "drizzle-orm";
import * as pg from "drizzle-orm/pg-core";
import * as sqlite from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as pgSchema from "../../db/schema.pg";
import * as sqliteSchema from "../../db/schema";
import { pgTables, schemaDrift, sqliteTables } from "../helpers/schema-drift";

describe("the SQLite and PostgreSQL schemas", () => {
  it("are twins: same tables, columns, types, nullability, defaults, keys, indexes and checks", () => {
    const s = sqliteTables(sqliteSchema);
    const p = pgTables(pgSchema);
    expect(s.size).toBeGreaterThan(30);
    expect([...p.keys()].sort()).toEqual([...s.keys()].sort());
    expect(schemaDrift(s, p)).toEqual([]);
  });
});

describe("the drift check", () => {
  // A tiny pair of tables, twins but for the drifts each test adds.
  const sqliteShelves = sqlite.sqliteTable("shelves", {
    id: sqlite.integer("id").primaryKey({ autoIncrement: true }),
  });
  const pgShelves = pg.pgTable("shelves", {
    id: pg.integer("id").primaryKey().generatedByDefaultAsIdentity(),
  });
  const sqliteBags = (extra: Record<string, sqlite.SQLiteColumnBuilderBase> = {}) =>
    sqlite.sqliteTable(
      "bags",
      {
        id: sqlite.integer("id").primaryKey({ autoIncrement: true }),
        shelfId: sqlite.integer("shelf_id").notNull().references(() => sqliteShelves.id, { onDelete: "cascade" }),
        sku: sqlite.text("sku").notNull(),
        priceCents: sqlite.integer("price_cents").notNull(),
        soldOut: sqlite.integer("sold_out", { mode: "boolean" }).notNull().default(false),
        createdAt: sqlite.integer("created_at").notNull().default(sql`(unixepoch())`),
        ...extra,
      },
      (t) => [sqlite.uniqueIndex("bags_sku_unique").on(t.sku)],
    );
  const pgBags = (
    columns: { priceCents?: pg.PgColumnBuilderBase; createdAt?: pg.PgColumnBuilderBase; sku?: pg.PgColumnBuilderBase } = {},
    options: { unique?: boolean; onDelete?: "cascade" | "set null" } = {},
  ) =>
    pg.pgTable(
      "bags",
      {
        id: pg.integer("id").primaryKey().generatedByDefaultAsIdentity(),
        shelfId: pg.integer("shelf_id").notNull().references(() => pgShelves.id, { onDelete: options.onDelete ?? "cascade" }),
        sku: columns.sku ?? pg.text("sku").notNull(),
        priceCents: columns.priceCents ?? pg.integer("price_cents").notNull(),
        soldOut: pg.boolean("sold_out").notNull().default(false),
        createdAt: columns.createdAt ?? pg.bigint("created_at", { mode: "number" }).notNull().default(sql`now()`),
      },
      (t) => (options.unique === false ? [pg.index("bags_sku_unique").on(t.sku)] : [pg.uniqueIndex("bags_sku_unique").on(t.sku)]),
    );
  const drift = (s: sqlite.SQLiteTable, p: pg.PgTable) =>
    schemaDrift(sqliteTables({ sqliteShelves, s }), pgTables({ pgShelves, p }));

  it("finds nothing between true twins", () => {
    expect(drift(sqliteBags(), pgBags())).toEqual([]);
  });

  it("finds a column only one side has", () => {
    expect(drift(sqliteBags({ note: sqlite.text("note") }), pgBags())).toEqual(["bags.note only on SQLite"]);
  });

  it("finds a difference of nullability", () => {
    expect(drift(sqliteBags(), pgBags({ sku: pg.text("sku") }))).toEqual(["bags.sku: not null on SQLite, nullable on PostgreSQL"]);
  });

  it("accepts bigint only for times, and demands it for them", () => {
    expect(drift(sqliteBags(), pgBags({ priceCents: pg.bigint("price_cents", { mode: "number" }).notNull() }))).toEqual([
      "bags.price_cents: integer on SQLite, bigint on PostgreSQL",
    ]);
    expect(drift(sqliteBags(), pgBags({ createdAt: pg.integer("created_at").notNull().default(sql`0`) }))).toEqual([
      "bags.created_at: a time in milliseconds is bigint on PostgreSQL, not integer",
    ]);
  });

  it("finds a unique index that is a plain index on the other side", () => {
    expect(drift(sqliteBags(), pgBags({}, { unique: false }))).toEqual([
      "bags: index bags_sku_unique is unique (sku) on SQLite, (sku) on PostgreSQL",
    ]);
  });

  it("finds a foreign key whose delete rule differs", () => {
    expect(drift(sqliteBags(), pgBags({}, { onDelete: "set null" }))).toEqual([
      "bags: foreign key shelf_id is shelves(id) on delete cascade on update no action on SQLite, shelves(id) on delete set null on update no action on PostgreSQL",
    ]);
  });

  it("finds a missing table", () => {
    expect(schemaDrift(sqliteTables({ sqliteShelves, b: sqliteBags() }), pgTables({ pgShelves }))).toEqual(["table bags only on SQLite"]);
  });
});
