// For integration tests: the fresh database of this test file, seeded.
import { eq } from "drizzle-orm";
import { db, sqlite } from "~/utils/db.server";
import { seedIfEmpty } from "../../db/seed";
import { variants } from "../../db/schema";

seedIfEmpty(db);

export { db, sqlite };

export function variantBySku(sku: string) {
  const row = db.select().from(variants).where(eq(variants.sku, sku)).get();
  if (!row) throw new Error(`no variant ${sku}`);
  return row;
}

export function setStock(sku: string, stockOnHand: number) {
  db.update(variants).set({ stockOnHand }).where(eq(variants.sku, sku)).run();
}

/** Every row of every table, for "nothing changed" assertions. */
export function snapshotTables(tables: string[]): Record<string, unknown[]> {
  return Object.fromEntries(tables.map((t) => [t, sqlite.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
}
