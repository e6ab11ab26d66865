// /previews/<tote SKU>/<charm SKU>.svg: a micro bag hanging on a tote, drawn
// to scale from both products' dimensions. Short-lived cache: staff can change
// a product's colours or size.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isArtStyle, renderCharmOnToteSvg } from "~/art/bags";
import { getCatalog } from "~/models/catalog.server";

function notFound() {
  return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" } });
}

export function loader({ params }: LoaderFunctionArgs) {
  const charmSku = /^([A-Z0-9-]{1,64})\.svg$/.exec(params.charm ?? "")?.[1];
  const catalog = getCatalog();
  const toteVariant = catalog.variantsBySku.get(params.tote ?? "");
  const charmVariant = charmSku ? catalog.variantsBySku.get(charmSku) : undefined;
  if (!toteVariant || !charmVariant) return notFound();
  const tote = catalog.byId.get(toteVariant.productId)!;
  const charm = catalog.byId.get(charmVariant.productId)!;
  if (charm.kind !== "micro" || tote.kind === "micro" || !isArtStyle(tote.artStyle) || !isArtStyle(charm.artStyle)) return notFound();
  const svg = renderCharmOnToteSvg({
    tote: { style: tote.artStyle, colourHex: toteVariant.colourHex, hardware: toteVariant.hardware, widthCm: tote.widthCm, heightCm: tote.heightCm },
    charm: { style: charm.artStyle, colourHex: charmVariant.colourHex, hardware: charmVariant.hardware, widthCm: charm.widthCm, heightCm: charm.heightCm },
    label: `${charmVariant.colourName} ${charm.name} on the ${toteVariant.colourName} ${tote.name}, to scale`,
  });
  return new Response(svg, {
    headers: {
      "Content-Type": "image/svg+xml",
      "Cache-Control": "public, max-age=300",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    },
  });
}
