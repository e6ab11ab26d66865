// Where a bag's pictures live: /art/<style>/<hex>-<hardware>.svg (front) and
// /art/<style>/<hex>-<hardware>-detail.svg (close-up), drawn by the
// art.$style.$file resource route and cached forever (the URL says it all);
// /previews/<tote SKU>/<micro bag SKU>.svg, a micro bag on a tote to scale.
import type { Hardware } from "~/domain/catalog";

export function artUrl(style: string, colourHex: string, hardware: Hardware): string {
  return `/art/${style}/${colourHex.replace(/^#/, "").toLowerCase()}-${hardware}.svg`;
}

export function artDetailUrl(style: string, colourHex: string, hardware: Hardware): string {
  return `/art/${style}/${colourHex.replace(/^#/, "").toLowerCase()}-${hardware}-detail.svg`;
}

export function previewUrl(toteSku: string, microSku: string): string {
  return `/previews/${toteSku}/${microSku}.svg`;
}
