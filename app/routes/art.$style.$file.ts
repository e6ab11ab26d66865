// /art/<style>/<hex>-<hardware>.svg: a bag illustration (…-detail.svg: its close-up). The URL names every
// input and the drawing is deterministic, so responses are cached forever and
// rendered strings are kept in a small in-memory cache.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isArtStyle, parseArtFileName, renderBagSvg, type BagView } from "~/art/bags";

const MAX_CACHED = 2000;
const cache = new Map<string, string>();

function notFound(): Response {
  return new Response("Not found", {
    status: 404,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

function renderCached(style: string, colourHex: string, hardware: string, view: BagView): string {
  const key = `${style}/${colourHex}-${hardware}-${view}`;
  const hit = cache.get(key);
  if (hit !== undefined) {
    // Refresh recency: Map keeps insertion order, so the oldest entry is first.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const svg = renderBagSvg({ style, colourHex, hardware }, view);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, svg);
  return svg;
}

export function loader({ params }: LoaderFunctionArgs) {
  const style = params.style ?? "";
  const parsed = parseArtFileName(params.file ?? "");
  if (!isArtStyle(style) || !parsed) return notFound();
  const svg = renderCached(style, parsed.colourHex, parsed.hardware, parsed.view);
  return new Response(svg, {
    headers: {
      "Content-Type": "image/svg+xml",
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      // The image is a document in its own right if opened directly: no scripts, ever.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    },
  });
}

