// The catalog as the storefront sees it: plain data, no database. The models
// layer builds a CatalogSnapshot; everything here filters and sorts it.
import { sizeClassFor, type SizeClass } from "./size";

export type ProductKind = "tote" | "micro" | "mini" | "crossbody" | "clutch";
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
  version: number;
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
export function buildCatalog(version: number, productRows: ProductRow[], variantRows: VariantRow[]): CatalogSnapshot {
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
    products,
    bySlug: new Map(products.map((p) => [p.slug, p])),
    byId: new Map(products.map((p) => [p.id, p])),
    variantsById,
    variantsBySku,
  };
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
