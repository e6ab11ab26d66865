// Compares the SQLite schema (db/schema.ts) with its PostgreSQL twin
// (db/schema.pg.ts) through drizzle's table configs: the same tables, columns,
// logical types, nullability, defaults, enums, primary keys, indexes (unique or
// not), checks and foreign keys. Returns the differences, one line each.
import { getTableName, is, SQL, type Column } from "drizzle-orm";
import { getTableConfig as pgConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteConfig, SQLiteTable } from "drizzle-orm/sqlite-core";

/**
 * Each engine's column types, as the types the shop means. SQLite's integer is
 * one type of 8 bytes; on PostgreSQL it is `integer` (4 bytes) except for times
 * in epoch milliseconds, which pass 2^31 and must be `bigint` (see isTimeColumn).
 */
export const LOGICAL_TYPES: Record<string, string> = {
  SQLiteInteger: "integer",
  SQLiteBoolean: "boolean",
  SQLiteText: "text",
  SQLiteTextJson: "json",
  SQLiteReal: "float",
  SQLiteBlobBuffer: "bytes",
  PgInteger: "integer",
  PgBigInt53: "bigint",
  PgBoolean: "boolean",
  PgText: "text",
  PgJson: "json",
  PgJsonb: "json",
  PgDoublePrecision: "float",
  "PgCustomColumn:bytea": "bytes",
};

/** Times are epoch milliseconds in columns named *_at, *_from or *_until. */
export function isTimeColumn(name: string): boolean {
  return /_(at|from|until)$/.test(name);
}

type ColumnShape = { type: string; notNull: boolean; primary: boolean; default: string | null; enumValues: string[] | null };
type TableShape = {
  columns: Map<string, ColumnShape>;
  primaryKey: string[];
  indexes: Map<string, string>;
  checks: string[];
  foreignKeys: Map<string, string>;
};

function logicalType(column: Column): string {
  const key = column.columnType === "PgCustomColumn" ? `PgCustomColumn:${column.getSQLType()}` : column.columnType;
  return LOGICAL_TYPES[key] ?? `unmapped ${key}`;
}

function columnShape(column: Column): ColumnShape {
  // SQL defaults differ by dialect (e.g. the current time): only their presence is compared.
  const value = column.default;
  const defaultValue = !column.hasDefault ? null : is(value, SQL) || value === undefined ? "(sql)" : JSON.stringify(value);
  return {
    type: logicalType(column),
    notNull: column.notNull,
    primary: column.primary,
    default: defaultValue,
    enumValues: column.enumValues ? [...column.enumValues] : null,
  };
}

type AnyConfig = ReturnType<typeof sqliteConfig> | ReturnType<typeof pgConfig>;

function tableShape(config: AnyConfig): TableShape {
  const columns = new Map(config.columns.map((c: Column) => [c.name, columnShape(c)]));
  const primaryKey = [
    ...config.columns.filter((c: Column) => c.primary).map((c: Column) => c.name),
    ...config.primaryKeys.flatMap((pk) => pk.columns.map((c: Column) => c.name)),
  ].sort();
  const indexes = new Map<string, string>();
  for (const index of config.indexes) {
    const on = index.config.columns.map((c) => (is(c, SQL) ? "(sql)" : (c as { name: string }).name)).join(",");
    indexes.set(index.config.name ?? `unnamed (${on})`, `${index.config.unique ? "unique " : ""}(${on})`);
  }
  for (const unique of config.uniqueConstraints) {
    indexes.set(unique.getName() ?? "unnamed", `unique (${unique.columns.map((c: Column) => c.name).join(",")})`);
  }
  for (const column of config.columns as Column[]) {
    if (column.isUnique) indexes.set(column.uniqueName ?? `${column.name} unique`, `unique (${column.name})`);
  }
  const foreignKeys = new Map<string, string>();
  for (const fk of config.foreignKeys) {
    const ref = fk.reference();
    const from = ref.columns.map((c: Column) => c.name).join(",");
    const to = `${getTableName(ref.foreignTable)}(${ref.foreignColumns.map((c: Column) => c.name).join(",")})`;
    foreignKeys.set(from, `${to} on delete ${fk.onDelete ?? "no action"} on update ${fk.onUpdate ?? "no action"}`);
  }
  return { columns, primaryKey, indexes, checks: config.checks.map((c) => c.name).sort(), foreignKeys };
}

/** The tables among a schema module's exports, by name. */
export function sqliteTables(module: Record<string, unknown>): Map<string, TableShape> {
  const configs = Object.values(module).filter((v) => is(v, SQLiteTable)).map((t) => sqliteConfig(t as SQLiteTable));
  return new Map(configs.map((c) => [c.name, tableShape(c)]));
}

export function pgTables(module: Record<string, unknown>): Map<string, TableShape> {
  const configs = Object.values(module).filter((v) => is(v, PgTable)).map((t) => pgConfig(t as PgTable));
  return new Map(configs.map((c) => [c.name, tableShape(c)]));
}

function typesMatch(column: string, sqlite: string, pg: string): string | null {
  if (sqlite === "integer") {
    if (isTimeColumn(column)) return pg === "bigint" ? null : `a time in milliseconds is bigint on PostgreSQL, not ${pg}`;
    return pg === "integer" ? null : `integer on SQLite, ${pg} on PostgreSQL`;
  }
  return sqlite === pg ? null : `${sqlite} on SQLite, ${pg} on PostgreSQL`;
}

function compareMaps(what: string, table: string, a: Map<string, string>, b: Map<string, string>, out: string[]) {
  for (const [key, value] of a) {
    if (!b.has(key)) out.push(`${table}: ${what} ${key} only on SQLite`);
    else if (b.get(key) !== value) out.push(`${table}: ${what} ${key} is ${value} on SQLite, ${b.get(key)} on PostgreSQL`);
  }
  for (const key of b.keys()) if (!a.has(key)) out.push(`${table}: ${what} ${key} only on PostgreSQL`);
}

/** Every way the two schemas differ; empty when they are twins. */
export function schemaDrift(sqlite: Map<string, TableShape>, pg: Map<string, TableShape>): string[] {
  const out: string[] = [];
  for (const name of sqlite.keys()) if (!pg.has(name)) out.push(`table ${name} only on SQLite`);
  for (const name of pg.keys()) if (!sqlite.has(name)) out.push(`table ${name} only on PostgreSQL`);
  for (const [name, s] of sqlite) {
    const p = pg.get(name);
    if (!p) continue;
    for (const [column, sc] of s.columns) {
      const pc = p.columns.get(column);
      if (!pc) {
        out.push(`${name}.${column} only on SQLite`);
        continue;
      }
      const where = `${name}.${column}`;
      const typeProblem = typesMatch(column, sc.type, pc.type);
      if (typeProblem) out.push(`${where}: ${typeProblem}`);
      if (sc.notNull !== pc.notNull) out.push(`${where}: ${sc.notNull ? "not null" : "nullable"} on SQLite, ${pc.notNull ? "not null" : "nullable"} on PostgreSQL`);
      // An integer primary key numbers itself on both engines (rowid, identity),
      // which drizzle reports as a default on one side only.
      const autoNumbered = sc.primary && sc.type === "integer";
      if (!autoNumbered && sc.default !== pc.default) out.push(`${where}: default ${sc.default} on SQLite, ${pc.default} on PostgreSQL`);
      if (JSON.stringify(sc.enumValues) !== JSON.stringify(pc.enumValues)) out.push(`${where}: enum values differ`);
    }
    for (const column of p.columns.keys()) if (!s.columns.has(column)) out.push(`${name}.${column} only on PostgreSQL`);
    if (s.primaryKey.join(",") !== p.primaryKey.join(",")) out.push(`${name}: primary key (${s.primaryKey}) on SQLite, (${p.primaryKey}) on PostgreSQL`);
    compareMaps("index", name, s.indexes, p.indexes, out);
    compareMaps("foreign key", name, s.foreignKeys, p.foreignKeys, out);
    if (s.checks.join(",") !== p.checks.join(",")) out.push(`${name}: checks (${s.checks}) on SQLite, (${p.checks}) on PostgreSQL`);
  }
  return out;
}
