// Fills an empty database with the boutique's catalog and bundle offers.
// Safe to call on every start: it does nothing once products exist.
import { count, eq, sql } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { artUrl } from "../app/art/url";
import { DEFAULT_SHIPPING_METHODS } from "../app/domain/shipping";
import * as schema from "./schema";
import { SEED_OFFERS, SEED_PRODUCTS, type SeedProduct } from "./seed-data";

type Db = BetterSQLite3Database<typeof schema>;

export function skuFor(product: Pick<SeedProduct, "skuPrefix">, colourName: string) {
  return `${product.skuPrefix}-${colourName.toUpperCase().replace(/[^A-Z0-9]+/g, "-")}`;
}

// Seeded products get creation times a day apart, so "newest" has a stable order.
const SEED_EPOCH = Date.UTC(2026, 8, 1);
const DAY = 24 * 60 * 60 * 1000;

export function seedIfEmpty(db: Db): boolean {
  return db.transaction((tx) => {
    // Checked apart from the catalog: databases made before shipping methods existed get them too.
    seedShippingMethods(tx as unknown as Db);
    const [row] = tx.select({ n: count() }).from(schema.products).all();
    if ((row?.n ?? 0) > 0) return false;
    insertCatalog(tx as unknown as Db);
    return true;
  }, { behavior: "immediate" });
}

/** The two default shipping methods, when the table is empty (none was ever made). */
function seedShippingMethods(db: Db) {
  const [row] = db.select({ n: count() }).from(schema.shippingMethods).all();
  if ((row?.n ?? 0) > 0) return;
  const now = Date.now();
  for (const m of DEFAULT_SHIPPING_METHODS) {
    db.insert(schema.shippingMethods).values({ ...m, countries: [...m.countries], createdAt: now, updatedAt: now }).run();
  }
  // No trigger watches this table: move the counter so cached reads notice.
  db.update(schema.catalogVersion).set({ version: sql`${schema.catalogVersion.version} + 1` }).where(eq(schema.catalogVersion.id, 1)).run();
}

/** A seed product as its products row (without id), shared with the tests' catalog fixture. */
export function seedProductValues(p: SeedProduct, index: number) {
  const createdAt = SEED_EPOCH + index * DAY;
  return {
    slug: p.slug,
    name: p.name,
    kind: p.kind,
    description: p.description,
    material: p.material,
    widthCm: p.dimensions[0],
    heightCm: p.dimensions[1],
    depthCm: p.dimensions[2],
    occasions: p.occasions,
    tags: p.tags ?? [],
    isKids: p.isKids ?? false,
    isLimited: p.isLimited ?? false,
    attachment: p.attachment ?? null,
    handleWidthCm: p.handleWidthCm ?? null,
    hasStrapRing: p.hasStrapRing ?? false,
    artStyle: p.artStyle,
    featuredRank: (index + 1) * 10,
    createdAt,
    updatedAt: createdAt,
  };
}

/** One colour of a seed product as its variants row (without ids). */
export function seedVariantValues(p: SeedProduct, productIndex: number, position: number) {
  const v = p.variants[position]!;
  const createdAt = SEED_EPOCH + productIndex * DAY;
  return {
    sku: skuFor(p, v.colourName),
    colourName: v.colourName,
    colourHex: v.colourHex,
    hardware: v.hardware,
    priceCents: v.priceCents ?? p.priceCents,
    compareAtCents: v.compareAtCents ?? p.compareAtCents ?? null,
    stockOnHand: v.stock,
    lowStockThreshold: p.isLimited ? 1 : 3,
    imageUrl: artUrl(p.artStyle, v.colourHex, v.hardware),
    position,
    createdAt,
    updatedAt: createdAt,
  };
}

function insertCatalog(db: Db) {
  const idsBySlug = new Map<string, number>();
  SEED_PRODUCTS.forEach((p, index) => {
    const createdAt = SEED_EPOCH + index * DAY;
    const [product] = db
      .insert(schema.products)
      .values(seedProductValues(p, index))
      .returning({ id: schema.products.id })
      .all();
    idsBySlug.set(p.slug, product!.id);
    p.variants.forEach((v, position) => {
      const [variant] = db
        .insert(schema.variants)
        .values({ productId: product!.id, ...seedVariantValues(p, index, position) })
        .returning({ id: schema.variants.id })
        .all();
      if (v.stock > 0) {
        db.insert(schema.stockLedger)
          .values({
            variantId: variant!.id,
            reason: "initial",
            onHandDelta: v.stock,
            onHandAfter: v.stock,
            heldAfter: 0,
            note: "Opening stock",
            createdAt,
          })
          .run();
      }
    });
  });

  for (const offer of SEED_OFFERS) {
    const toIds = (slugs: string) =>
      slugs
        .split(",")
        .map((slug) => {
          const id = idsBySlug.get(slug.trim());
          if (id === undefined) throw new Error(`seed offer "${offer.name}" names unknown product ${slug}`);
          return String(id);
        })
        .join(",");
    db.insert(schema.bundleOffers)
      .values({
        ...offer,
        triggerValue: offer.triggerType === "product" ? toIds(offer.triggerValue) : offer.triggerValue,
        addonValue: offer.addonType === "products" ? toIds(offer.addonValue) : offer.addonValue,
        enabled: true,
      })
      .run();
  }
}
