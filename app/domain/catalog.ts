// The catalog as the storefront sees it: plain data, no database. The models
// layer builds a CatalogSnapshot; everything here filters and sorts it.
import { sizeClassFor, type SizeClass } from "./size";

/** Every kind of bag the shop sells: the one list (the database column, the forms and the offers use it). */
export const PRODUCT_KINDS = ["tote", "micro", "mini", "crossbody", "clutch"] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];
export type Hardware = "gold" | "silver" | "none";
export type Attachment = "lobster_clasp" | "split_ring" | "chain_loop";
export type Occasion = "casual" | "business" | "evening";

export const OCCASIONS: Occasion[] = ["casual", "business", "evening"];

export const KIND_LABELS: Record<ProductKind, string> = {
  tote: "Tote",
  micro: "Micro bag",
  mini: "Mini bag",
  crossbody: "Crossbody",
  clutch: "Clutch",
};

export const HARDWARE_LABELS: Record<Hardware, string> = {
  gold: "Gold hardware",
  silver: "Silver hardware",
  none: "No hardware",
};

export const ATTACHMENT_LABELS: Record<Attachment, string> = {
  lobster_clasp: "Lobster clasp",
  split_ring: "Split ring",
  chain_loop: "Chain loop",
};

export interface CatalogVariant {
  id: number;
  productId: number;
  sku: string;
  colourName: string;
  colourHex: string;
  hardware: Hardware;
  priceCents: number;
  compareAtCents: number | null;
  stockOnHand: number;
  stockHeld: number;
  /** What can still be sold: on hand minus what open checkouts hold. */
  available: number;
  lowStockThreshold: number;
  imageUrl: string;
  position: number;
}

export interface CatalogProduct {
  id: number;
  slug: string;
  name: string;
  kind: ProductKind;
  status: "active" | "draft";
  description: string;
  material: string;
  widthCm: number;
  heightCm: number;
  depthCm: number;
  sizeClass: SizeClass;
  occasions: string[];
  tags: string[];
  isKids: boolean;
  isLimited: boolean;
  attachment: Attachment | null;
  handleWidthCm: number | null;
  hasStrapRing: boolean;
  artStyle: string;
  featuredRank: number;
  createdAt: number;
  /** Ordered by position. */
  variants: CatalogVariant[];
  minPriceCents: number;
  /** Sum of available units over all variants. */
  available: number;
}

export type ProductRow = Omit<CatalogProduct, "sizeClass" | "variants" | "minPriceCents" | "available">;
export type VariantRow = Omit<CatalogVariant, "available">;

export interface CatalogSnapshot {
  /** catalog_version: staff edits (products, variants other than stock, offers, settings). */
  version: number;
  /** stock_version: stock levels this snapshot shows. */
  stockVersion: number;
  /**
   * Moves (within one process) whenever some variant's shown stock state —
   * sold out, "only N left", in stock — changes. Listings, rankings and other
   * pages that show no exact count depend only on this, not on every sale.
   */
  stockStateEpoch: number;
  /** Active products only, in featured order. */
  products: CatalogProduct[];
  bySlug: Map<string, CatalogProduct>;
  byId: Map<number, CatalogProduct>;
  variantsById: Map<number, CatalogVariant>;
  variantsBySku: Map<string, CatalogVariant>;
}

export function byFeatured(a: CatalogProduct, b: CatalogProduct) {
  return a.featuredRank - b.featuredRank || a.id - b.id;
}

/** Assemble the storefront's view from table rows (drafts and variantless products are left out). */
export function buildCatalog(version: number, productRows: ProductRow[], variantRows: VariantRow[], stockVersion = 0): CatalogSnapshot {
  const variantsByProduct = new Map<number, CatalogVariant[]>();
  for (const row of variantRows) {
    const variant: CatalogVariant = { ...row, available: Math.max(0, row.stockOnHand - row.stockHeld) };
    const list = variantsByProduct.get(row.productId);
    if (list) list.push(variant);
    else variantsByProduct.set(row.productId, [variant]);
  }
  const products: CatalogProduct[] = [];
  for (const row of productRows) {
    const variants = (variantsByProduct.get(row.id) ?? []).sort((a, b) => a.position - b.position || a.id - b.id);
    if (row.status !== "active" || variants.length === 0) continue;
    products.push({
      ...row,
      sizeClass: sizeClassFor(row),
      variants,
      minPriceCents: Math.min(...variants.map((v) => v.priceCents)),
      available: variants.reduce((sum, v) => sum + v.available, 0),
    });
  }
  products.sort(byFeatured);
  const variantsById = new Map<number, CatalogVariant>();
  const variantsBySku = new Map<string, CatalogVariant>();
  for (const product of products) {
    for (const v of product.variants) {
      variantsById.set(v.id, v);
      variantsBySku.set(v.sku, v);
    }
  }
  return {
    version,
    stockVersion,
    stockStateEpoch: 0,
    products,
    bySlug: new Map(products.map((p) => [p.slug, p])),
    byId: new Map(products.map((p) => [p.id, p])),
    variantsById,
    variantsBySku,
  };
}

export interface StockRow {
  id: number;
  stockOnHand: number;
  stockHeld: number;
}

/**
 * The same catalog with new stock levels, without rereading or re-sorting
 * products: only the variants whose levels moved (and their products) are new
 * objects, everything else is shared with `snapshot`, which is left as it was.
 */
export function withStock(snapshot: CatalogSnapshot, stockVersion: number, rows: StockRow[]): CatalogSnapshot {
  const changed = new Map<number, CatalogVariant>();
  let stateChanged = false;
  for (const row of rows) {
    const old = snapshot.variantsById.get(row.id);
    if (!old || (old.stockOnHand === row.stockOnHand && old.stockHeld === row.stockHeld)) continue;
    const next: CatalogVariant = { ...old, stockOnHand: row.stockOnHand, stockHeld: row.stockHeld, available: Math.max(0, row.stockOnHand - row.stockHeld) };
    if (stockStatus(old).label !== stockStatus(next).label) stateChanged = true;
    changed.set(row.id, next);
  }
  const stockStateEpoch = snapshot.stockStateEpoch + (stateChanged ? 1 : 0);
  if (changed.size === 0) return { ...snapshot, stockVersion, stockStateEpoch };
  const replaced = new Map<number, CatalogProduct>();
  for (const variant of changed.values()) {
    if (replaced.has(variant.productId)) continue;
    const product = snapshot.byId.get(variant.productId)!;
    const variants = product.variants.map((v) => changed.get(v.id) ?? v);
    replaced.set(product.id, { ...product, variants, available: variants.reduce((sum, v) => sum + v.available, 0) });
  }
  const products = snapshot.products.map((p) => replaced.get(p.id) ?? p);
  const variantsById = new Map(snapshot.variantsById);
  const variantsBySku = new Map(snapshot.variantsBySku);
  for (const v of changed.values()) {
    variantsById.set(v.id, v);
    variantsBySku.set(v.sku, v);
  }
  const bySlug = new Map(snapshot.bySlug);
  const byId = new Map(snapshot.byId);
  for (const p of replaced.values()) {
    bySlug.set(p.slug, p);
    byId.set(p.id, p);
  }
  return { version: snapshot.version, stockVersion, stockStateEpoch, products, bySlug, byId, variantsById, variantsBySku };
}

/** The stock message a shopper sees for one variant. */
export function stockStatus(v: Pick<CatalogVariant, "available" | "lowStockThreshold">):
  | { kind: "sold_out"; label: string }
  | { kind: "low"; label: string }
  | { kind: "in_stock"; label: string } {
  if (v.available <= 0) return { kind: "sold_out", label: "Sold out" };
  if (v.available <= Math.max(v.lowStockThreshold, 3)) return { kind: "low", label: `Only ${v.available} left` };
  return { kind: "in_stock", label: "In stock" };
}

/** "Rose gold" → "rose-gold": how a colour appears in URLs. */
export function colourSlug(colourName: string): string {
  return colourName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/** The variant a product page opens on: the requested colour, else the first in stock. */
export function pickVariantByColour(product: CatalogProduct, colour: string | null | undefined): CatalogVariant {
  const requested = colour ? product.variants.find((v) => colourSlug(v.colourName) === colour) : undefined;
  return requested ?? product.variants.find((v) => v.available > 0) ?? product.variants[0]!;
}
