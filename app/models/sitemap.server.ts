// When each product last changed (itself or any of its variants), for sitemap.xml.
import { eq, sql } from "drizzle-orm";
import { db } from "~/utils/db.server";
import { products, variants } from "../../db/schema";

const updatedQuery = db
  .select({ id: products.id, productUpdatedAt: products.updatedAt, variantsUpdatedAt: sql<number | null>`max(${variants.updatedAt})` })
  .from(products)
  .leftJoin(variants, eq(variants.productId, products.id))
  .groupBy(products.id, products.updatedAt)
  .prepare();

export function productUpdatedTimes(): Map<number, number> {
  return new Map(updatedQuery.all().map((r) => [r.id, Math.max(r.productUpdatedAt, Number(r.variantsUpdatedAt ?? 0))]));
}
