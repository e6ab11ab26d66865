// Sending a page from the page cache: the stored bytes in the encoding the
// client takes, with this response's own headers (security headers, caching
// headers, no cookie). 304 when the client already has it.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CachedPage } from "~/services/page-cache.server";
import { notModified, pickEncoding } from "./page-cache";
import { documentSecurityHeaders } from "./security-headers";

export interface CachedPageOptions {
  production: boolean;
  development: boolean;
  checkoutOrigins: string[];
  cdnMaxAgeSeconds: number;
}

/** Cache-Control of a page any visitor without a cart gets: a CDN may keep it briefly. */
export function sharedPageCacheControl(cdnMaxAgeSeconds: number): string {
  return `public, max-age=0, s-maxage=${cdnMaxAgeSeconds}, stale-while-revalidate=${cdnMaxAgeSeconds * 5}`;
}

/** Cache-Control of every other page: it may hold a cart or a session. */
export const PRIVATE_PAGE_CACHE_CONTROL = "private, no-store";

// The headers every response of a page carries, worked out on its first use.
const pageHeaders = new WeakMap<CachedPage, [string, string][]>();

function headersOf(page: CachedPage, options: CachedPageOptions): [string, string][] {
  let headers = pageHeaders.get(page);
  if (!headers) {
    headers = [
      ...page.headers,
      ...Object.entries(documentSecurityHeaders({ hashes: page.scriptHashes }, options)),
      ["Cache-Control", sharedPageCacheControl(options.cdnMaxAgeSeconds)],
      // Pages differ with the encoding, and a visitor with a cookie (a cart) gets another page.
      ["Vary", "Accept-Encoding, Cookie"],
    ];
    pageHeaders.set(page, headers);
  }
  return headers;
}

export function sendCachedPage(req: IncomingMessage, res: ServerResponse, page: CachedPage, options: CachedPageOptions, source: "hit" | "miss") {
  const encoding = pickEncoding(req.headers["accept-encoding"] as string | undefined);
  const etag = page.etags[encoding];
  for (const [name, value] of headersOf(page, options)) res.setHeader(name, value);
  res.setHeader("ETag", etag);
  res.setHeader("X-Page-Cache", source);
  // The render already did these for the request that made the page.
  if (source === "hit" && req.method !== "HEAD") {
    const visit = { userAgent: String(req.headers["user-agent"] ?? ""), now: Date.now() };
    for (const served of page.onServe) served(visit);
  }
  if (notModified(req.headers["if-none-match"] as string | undefined, page.etags)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const body = encoding === "br" ? page.br : encoding === "gzip" ? page.gzip : page.identity;
  res.statusCode = 200;
  if (encoding !== "identity") res.setHeader("Content-Encoding", encoding);
  res.setHeader("Content-Length", body.length);
  if (req.method === "HEAD") res.end();
  else res.end(body);
}
