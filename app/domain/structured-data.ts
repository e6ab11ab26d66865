// Structured data for search engines (schema.org JSON-LD) and the text that
// goes into its <script> tag. Pure: built from the catalog and an origin.
import { colourSlug, stockStatus, type CatalogProduct, type CatalogVariant } from "./catalog";
import { centsToDecimal, CURRENCY as SHOP_CURRENCY } from "./money";
import { formatDimensions, SIZE_CLASS_LABELS } from "./size";

export const BRAND = "Tote & Charm";
export const CURRENCY = SHOP_CURRENCY.toUpperCase();

export interface Crumb {
  name: string;
  path: string;
}

function absolute(origin: string, path: string): string {
  return /^https?:\/\//.test(path) ? path : origin + path;
}

/** schema.org availability of one variant, from what can be sold now. */
export function availabilityOf(variant: Pick<CatalogVariant, "available" | "lowStockThreshold">): string {
  const status = stockStatus(variant);
  if (status.kind === "sold_out") return "https://schema.org/OutOfStock";
  if (status.kind === "low") return "https://schema.org/LimitedAvailability";
  return "https://schema.org/InStock";
}

/**
 * A Product for the colour on show, with an Offer at the database price and
 * availability from stock, and a BreadcrumbList, as one JSON-LD graph.
 */
export function productJsonLd(args: {
  product: CatalogProduct;
  variant: CatalogVariant;
  origin: string;
  imageUrl: string;
  crumbs: Crumb[];
}) {
  const { product, variant, origin } = args;
  const url = `${origin}/products/${product.slug}?colour=${colourSlug(variant.colourName)}`;
  return {
    "@context": "https://schema.org",
    "@graph": [
      {
        "@type": "Product",
        "@id": `${url}#product`,
        name: product.name,
        description: product.description,
        sku: variant.sku,
        url,
        image: [absolute(origin, args.imageUrl)],
        brand: { "@type": "Brand", name: BRAND },
        color: variant.colourName,
        material: product.material,
        size: `${SIZE_CLASS_LABELS[product.sizeClass]}, ${formatDimensions(product)}`,
        width: { "@type": "QuantitativeValue", value: product.widthCm, unitCode: "CMT" },
        height: { "@type": "QuantitativeValue", value: product.heightCm, unitCode: "CMT" },
        depth: { "@type": "QuantitativeValue", value: product.depthCm, unitCode: "CMT" },
        offers: {
          "@type": "Offer",
          url,
          sku: variant.sku,
          price: centsToDecimal(variant.priceCents),
          priceCurrency: CURRENCY,
          availability: availabilityOf(variant),
          itemCondition: "https://schema.org/NewCondition",
          seller: { "@type": "Organization", name: BRAND },
        },
      },
      {
        "@type": "BreadcrumbList",
        itemListElement: args.crumbs.map((c, i) => ({
          "@type": "ListItem",
          position: i + 1,
          name: c.name,
          item: absolute(origin, c.path),
        })),
      },
    ],
  };
}

/**
 * JSON for inside <script type="application/ld+json">: "<", ">" and "&" (and
 * the two JavaScript line separators) are written as \u escapes, so no text in
 * the data can close the tag or open a comment. JSON.parse reads it back unchanged.
 */
export function jsonForScript(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
