// Reads of products and variants. The storefront works from an in-memory
// snapshot that is rebuilt only when the catalog_version counter (bumped by
// triggers on every product, offer or setting change and every variant change
// other than stock, from any process) moves. Stock levels have their own
// counter (stock_version, bumped by a trigger on the two stock columns): when
// only it moves, the snapshot takes the new levels (withStock) without being
// rebuilt. Checking both counters is one read per request.
import { eq, sql } from "drizzle-orm";
import { buildCatalog, withStock, type CatalogSnapshot, type ProductRow, type StockRow, type VariantRow } from "~/domain/catalog";
import { db } from "~/utils/db.server";
import { catalogVersion, products, stockVersion, variants } from "../../db/schema";

const versionQuery = db
  .select({ version: catalogVersion.version })
  .from(catalogVersion)
  .where(eq(catalogVersion.id, 1))
  .prepare();

const versionsQuery = db
  .select({ catalog: catalogVersion.version, stock: sql<number>`(SELECT ${stockVersion.version} FROM ${stockVersion} WHERE ${stockVersion.id} = 1)` })
  .from(catalogVersion)
  .where(eq(catalogVersion.id, 1))
  .prepare();

const stockRowsQuery = db.select({ id: variants.id, stockOnHand: variants.stockOnHand, stockHeld: variants.stockHeld }).from(variants).prepare();

const productRowsQuery = db
  .select({
    id: products.id,
    slug: products.slug,
    name: products.name,
    kind: products.kind,
    status: products.status,
    description: products.description,
    material: products.material,
    widthCm: products.widthCm,
    heightCm: products.heightCm,
    depthCm: products.depthCm,
    occasions: products.occasions,
    tags: products.tags,
    isKids: products.isKids,
    isLimited: products.isLimited,
    attachment: products.attachment,
    handleWidthCm: products.handleWidthCm,
    hasStrapRing: products.hasStrapRing,
    artStyle: products.artStyle,
    featuredRank: products.featuredRank,
    createdAt: products.createdAt,
  })
  .from(products)
  .prepare();

const variantRowsQuery = db
  .select({
    id: variants.id,
    productId: variants.productId,
    sku: variants.sku,
    colourName: variants.colourName,
    colourHex: variants.colourHex,
    hardware: variants.hardware,
    priceCents: variants.priceCents,
    compareAtCents: variants.compareAtCents,
    stockOnHand: variants.stockOnHand,
    stockHeld: variants.stockHeld,
    lowStockThreshold: variants.lowStockThreshold,
    imageUrl: variants.imageUrl,
    position: variants.position,
  })
  .from(variants)
  .prepare();

let snapshot: CatalogSnapshot | null = null;

/** How often this process rebuilt its catalog and took new stock levels (tests and the bench read them). */
export const catalogCounters = { rebuilds: 0, stockRefreshes: 0 };

export function currentCatalogVersion(): number {
  return versionQuery.get()?.version ?? 0;
}

/**
 * Move the counter for a table without a trigger of its own (shipping
 * methods), so every process drops its cached copy. Call inside the write.
 */
export function bumpCatalogVersion() {
  db.update(catalogVersion).set({ version: sql`${catalogVersion.version} + 1` }).where(eq(catalogVersion.id, 1)).run();
}

/** Both counters in one read: what the catalog and the stock levels are at. */
export function currentVersions(): { catalog: number; stock: number } {
  return versionsQuery.get() ?? { catalog: 0, stock: 0 };
}

/** The active catalog with its stock levels, current as of this call. */
export function getCatalog(): CatalogSnapshot {
  const { catalog, stock } = currentVersions();
  if (snapshot && snapshot.version === catalog && snapshot.stockVersion === stock) return snapshot;
  // Read the counters and the tables in one read transaction so they agree.
  snapshot = db.transaction(() => {
    const now = currentVersions();
    if (snapshot && snapshot.version === now.catalog) {
      catalogCounters.stockRefreshes += 1;
      return withStock(snapshot, now.stock, stockRowsQuery.all() as StockRow[]);
    }
    catalogCounters.rebuilds += 1;
    return buildCatalog(now.catalog, productRowsQuery.all() as ProductRow[], variantRowsQuery.all() as VariantRow[], now.stock);
  });
  return snapshot;
}
