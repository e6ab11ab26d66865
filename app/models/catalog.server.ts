// Reads of products and variants. The storefront works from an in-memory
// snapshot that is rebuilt only when the catalog_version counter (bumped by
// triggers on every product, variant, offer or setting change, from any
// process) moves; checking it is one primary-key read per request.
import { eq, sql } from "drizzle-orm";
import { buildCatalog, type CatalogSnapshot, type ProductRow, type VariantRow } from "~/domain/catalog";
import { db } from "~/utils/db.server";
import { catalogVersion, products, variants } from "../../db/schema";

const versionQuery = db
  .select({ version: catalogVersion.version })
  .from(catalogVersion)
  .where(eq(catalogVersion.id, 1))
  .prepare();

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

/** The active catalog, current as of this call. */
export function getCatalog(): CatalogSnapshot {
  const version = currentCatalogVersion();
  if (snapshot && snapshot.version === version) return snapshot;
  // Read the counter and both tables in one read transaction so they agree.
  snapshot = db.transaction(() =>
    buildCatalog(
      currentCatalogVersion(),
      productRowsQuery.all() as ProductRow[],
      variantRowsQuery.all() as VariantRow[],
    ),
  );
  return snapshot;
}
