// A product's pictures, in the order the product page shows them: the front
// (a photo staff uploaded takes precedence over the drawing), a close-up, and
// the shop's idea in one picture: for a tote, a micro bag that fits clipped to
// its handle; for a micro bag, the bag on a tote it fits. Pure: the catalog is
// passed in, and the same catalog always gives the same gallery.
import type { CatalogProduct, CatalogVariant } from "~/domain/catalog";
import { charmFits } from "~/domain/fit";
import { paletteFor } from "./palette";
import { isArtStyle } from "./styles";
import { artDetailUrl, previewUrl } from "./url";

export type GalleryView = "front" | "photo" | "detail" | "with-micro-bag" | "on-a-tote";

export interface GalleryPicture {
  view: GalleryView;
  /** The thumbnail's words, e.g. "Close-up". */
  label: string;
  url: string;
  alt: string;
}

export const GALLERY_VIEWS: readonly GalleryView[] = ["front", "photo", "detail", "with-micro-bag", "on-a-tote"];

export function isGalleryView(value: unknown): value is GalleryView {
  return typeof value === "string" && (GALLERY_VIEWS as readonly string[]).includes(value);
}

type Pairing = { product: CatalogProduct; variant: CatalogVariant };

function contrast(a: CatalogVariant, b: CatalogVariant): number {
  return Math.abs(paletteFor(a.colourHex.replace(/^#/, "").toLowerCase()).lum - paletteFor(b.colourHex.replace(/^#/, "").toLowerCase()).lum);
}

/**
 * The partner a picture pairs this bag with: for a bag that can carry a charm,
 * the first micro bag (featured order) that fits it and is in stock, in its
 * colour that stands out best with the same metal; for a micro bag, the first
 * tote it fits, likewise. Null when nothing fits (the picture would mislead).
 */
export function galleryPartner(product: CatalogProduct, variant: CatalogVariant, products: readonly CatalogProduct[]): Pairing | null {
  const isMicro = product.kind === "micro";
  const candidates = products.filter((p) =>
    p.id !== product.id && isArtStyle(p.artStyle) && (isMicro ? p.kind === "tote" && charmFits(product, p).fits : p.kind === "micro" && p.available > 0 && charmFits(p, product).fits),
  );
  for (const partner of candidates) {
    const variants = partner.variants.filter((v) => isMicro || v.available > 0);
    if (variants.length === 0) continue;
    const best = [...variants].sort(
      (a, b) => Number(b.hardware === variant.hardware) - Number(a.hardware === variant.hardware) || contrast(b, variant) - contrast(a, variant) || a.position - b.position,
    )[0]!;
    return { product: partner, variant: best };
  }
  return null;
}

/**
 * The gallery for one colour of a product; `photos` are the product's own
 * photos staff uploaded (in their order, with the alt text staff wrote), shown
 * after the colour's picture.
 */
export function productGallery(
  product: CatalogProduct,
  variant: CatalogVariant,
  products: readonly CatalogProduct[],
  photos: readonly { url: string; alt: string }[] = [],
): GalleryPicture[] {
  const name = `${product.name} in ${variant.colourName}`;
  const drawn = isArtStyle(product.artStyle);
  const uploaded = !variant.imageUrl.startsWith("/art/");
  const pictures: GalleryPicture[] = [
    {
      view: uploaded ? "photo" : "front",
      label: uploaded ? "Photo" : "Front",
      url: variant.imageUrl,
      alt: uploaded ? `${name}, photo` : `${name}, front view`,
    },
  ];
  const first = uploaded ? 2 : 1;
  photos.forEach((photo, i) => pictures.push({ view: "photo", label: `Photo ${i + first}`, url: photo.url, alt: photo.alt }));
  if (!drawn) return pictures;
  pictures.push({
    view: "detail",
    label: "Close-up",
    url: artDetailUrl(product.artStyle, variant.colourHex, variant.hardware),
    alt: `Close-up of the ${name}: its ${product.material.toLowerCase()} and ${variant.hardware === "none" ? "stitching" : `${variant.hardware} hardware`}`,
  });
  const partner = galleryPartner(product, variant, products);
  if (partner && product.kind === "micro") {
    pictures.push({
      view: "on-a-tote",
      label: "On a tote",
      url: previewUrl(partner.variant.sku, variant.sku),
      alt: `The ${name} clipped to the handle of a ${partner.variant.colourName} ${partner.product.name}, to scale`,
    });
  } else if (partner) {
    pictures.push({
      view: "with-micro-bag",
      label: "With a charm",
      url: previewUrl(variant.sku, partner.variant.sku),
      alt: `The ${name} with a ${partner.variant.colourName} ${partner.product.name} clipped to its handle, to scale`,
    });
  }
  return pictures;
}
