// /social/<SKU>.png: a 1200×630 picture of one colour of a bag, for link
// previews (Open Graph, Twitter cards), which do not show SVG. Drawn from the
// same illustration the shop shows; an uploaded photo is used as it is.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { isArtStyle, parseArtFileName, renderBagSvg } from "~/art/bags";
import { getCatalog } from "~/models/catalog.server";

const MAX_CACHED = 200;
const cache = new Map<string, Buffer>();

function notFound() {
  return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=300" } });
}

async function renderPng(svg: string): Promise<Buffer> {
  // Loaded on first use: libvips is large and most processes never draw a preview.
  const { default: sharp } = await import("sharp");
  const bag = await sharp(Buffer.from(svg)).resize(580, 580, { fit: "contain", background: { r: 0, g: 0, b: 0, alpha: 0 } }).png().toBuffer();
  return sharp({ create: { width: 1200, height: 630, channels: 3, background: "#f3ede3" } })
    .composite([{ input: bag, gravity: "center" }])
    .png({ compressionLevel: 9 })
    .toBuffer();
}

export async function loader({ params }: LoaderFunctionArgs) {
  const sku = /^([A-Za-z0-9_-]{1,64})\.png$/.exec(params.file ?? "")?.[1];
  const variant = sku ? getCatalog().variantsBySku.get(sku) : undefined;
  if (!variant) return notFound();
  const art = /^\/art\/([^/]+)\/([^/]+)$/.exec(variant.imageUrl);
  if (!art) return redirect(variant.imageUrl, 302);
  const [, style, file] = art;
  const parsed = parseArtFileName(file!);
  if (!isArtStyle(style) || !parsed) return notFound();
  const key = variant.imageUrl;
  let png = cache.get(key);
  if (!png) {
    png = await renderPng(renderBagSvg({ style, colourHex: parsed.colourHex, hardware: parsed.hardware }));
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(key, png);
  }
  return new Response(new Uint8Array(png), {
    headers: { "Content-Type": "image/png", "Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff" },
  });
}
