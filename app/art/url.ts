// Where a bag's illustration lives: /art/<style>/<hex>-<hardware>.svg, drawn by
// the art.$style.$file resource route and cached forever (the URL says it all).
import type { Hardware } from "~/domain/catalog";

export function artUrl(style: string, colourHex: string, hardware: Hardware): string {
  return `/art/${style}/${colourHex.replace(/^#/, "").toLowerCase()}-${hardware}.svg`;
}
