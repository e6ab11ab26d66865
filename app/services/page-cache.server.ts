// Ready-to-send catalog pages for visitors without a cart (issue 15; see
// docs/decisions/0014-page-cache.md). A page is stored with what it was
// built from; before each use it is checked against the database's counters,
// one read, so a change made by any process shows on the very next request:
//   - catalog_version (staff edits: products, prices, pictures, offers,
//     settings, shipping) → every page is rebuilt;
//   - stock: the catalog snapshot's stockStateEpoch (some variant's sold out /
//     "only N left" / in stock state changed) → every page; and the exact
//     stock of the products a page declares (pageShowsStockOf) → that page;
//   - time: an offer starting or ending, and anything a page declares with
//     pageValidUntil (the co-purchase counts behind a tote's suggestions).
import { promisify } from "node:util";
import zlib from "node:zlib";
import type { AppLoadContext } from "@remix-run/node";
import type { CatalogSnapshot } from "~/domain/catalog";
import { ByteLru, etagsFor, inlineScriptHashes, type PageBudget, type PageKey } from "~/http/page-cache";
import { getCatalog } from "~/models/catalog.server";
import { getOffers } from "~/models/offers.server";
import { env } from "~/utils/env.server";
import { nextOfferChange } from "./suggestions.server";

/** What a page being rendered for the cache says it depends on (filled in by loaders). */
export interface PageDependencies {
  /** Products whose exact stock the page shows. */
  products: Set<number>;
  /** The page must not be used at or after this time (ms). */
  until: number;
  /** Run for each visitor the cached page is sent to (e.g. counting suggestion impressions). */
  onServe: ((visit: { userAgent: string; now: number }) => void)[];
  /** False: send this render but do not keep it (a search that found nothing). */
  keep: boolean;
}

export function newPageDependencies(): PageDependencies {
  return { products: new Set(), until: Number.POSITIVE_INFINITY, onServe: [], keep: true };
}

/** For a loader: this render is not worth a place in the cache (sent, then forgotten). */
export function pageNotKept(context: AppLoadContext) {
  if (context.pageCache) context.pageCache.keep = false;
}

/** For a loader: this page shows the exact stock of this product (no-op when not rendering for the cache). */
export function pageShowsStockOf(context: AppLoadContext, productId: number) {
  context.pageCache?.products.add(productId);
}

/** For a loader: this page may change at `at` (ms) with nothing else changing. */
export function pageValidUntil(context: AppLoadContext, at: number) {
  if (context.pageCache && at < context.pageCache.until) context.pageCache.until = at;
}

/** For a loader: run this again for each visitor the cached page is sent to. */
export function onCachedPageServed(context: AppLoadContext, fn: (visit: { userAgent: string; now: number }) => void) {
  context.pageCache?.onServe.push(fn);
}

export interface CachedPage {
  path: string;
  query: string;
  bytes: number;
  /** Headers the route gave the page (not cookies, not the security headers). */
  headers: [string, string][];
  scriptHashes: string[];
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
  etags: ReturnType<typeof etagsFor>;
  catalogVersion: number;
  stockStateEpoch: number;
  /** Product id → its variants' available units, as the page shows them. */
  stock: [number, string][];
  until: number;
  onServe: PageDependencies["onServe"];
}

const gzipAsync = promisify(zlib.gzip);
const brotliAsync = promisify(zlib.brotliCompress);

/** What the cache did, for tests and the bench (per process). */
export const pageCacheCounters = { hits: 0, misses: 0, stored: 0, invalidated: 0, refused: 0 };

/** The share of PAGE_CACHE_MB kept for search result pages (any number of queries compete only for it). */
export const SEARCH_SHARE = 1 / 8;

let lrus: Record<PageBudget, ByteLru<CachedPage>> | null = null;
function caches(): Record<PageBudget, ByteLru<CachedPage>> | null {
  const maxBytes = env().pageCache.maxBytes;
  if (maxBytes <= 0) return null;
  lrus ??= {
    catalog: new ByteLru<CachedPage>(Math.round(maxBytes * (1 - SEARCH_SHARE))),
    // Bounded by bytes alone: /search has as many variants as queries fit.
    search: new ByteLru<CachedPage>(Math.round(maxBytes * SEARCH_SHARE), Number.POSITIVE_INFINITY),
  };
  return lrus;
}

function pages(key: PageKey): ByteLru<CachedPage> | null {
  return caches()?.[key.budget] ?? null;
}

export function pageCacheEnabled(): boolean {
  return caches() !== null;
}

export function pageCacheStats() {
  const all = caches();
  const stats = (cache: ByteLru<CachedPage> | undefined) => ({ entries: cache?.size ?? 0, bytes: cache?.bytes ?? 0, evictions: cache?.evictions ?? 0 });
  const catalog = stats(all?.catalog);
  return { ...pageCacheCounters, ...catalog, search: stats(all?.search) };
}

function stockStamp(catalog: CatalogSnapshot, productId: number): string {
  const product = catalog.byId.get(productId);
  return product ? product.variants.map((v) => v.available).join(",") : "gone";
}

function isCurrent(page: CachedPage, catalog: CatalogSnapshot, now: number): boolean {
  if (page.catalogVersion !== catalog.version || page.stockStateEpoch !== catalog.stockStateEpoch || now >= page.until) return false;
  for (const [productId, stamp] of page.stock) if (stockStamp(catalog, productId) !== stamp) return false;
  return true;
}

/** The cached page for this key if it is still what a fresh render would give. */
export function currentPage(key: PageKey, now = Date.now()): CachedPage | null {
  const cache = pages(key);
  if (!cache) return null;
  const page = cache.get(key.key);
  if (!page) {
    pageCacheCounters.misses += 1;
    return null;
  }
  if (!isCurrent(page, getCatalog(), now)) {
    cache.delete(key.key);
    pageCacheCounters.invalidated += 1;
    pageCacheCounters.misses += 1;
    return null;
  }
  pageCacheCounters.hits += 1;
  return page;
}

/**
 * Keep a page just rendered for the cache. `before` is the catalog as it was
 * before the render began: the page is at least that current, and a change
 * during the render makes it look outdated at once (rendered again), never
 * the other way round. Null when the response is not a plain page.
 */
export async function storePage(
  key: PageKey,
  response: { status: number; headers: Headers; html: string },
  deps: PageDependencies,
  before: CatalogSnapshot,
  now = Date.now(),
): Promise<CachedPage | null> {
  const cache = pages(key);
  if (!cache) return null;
  const type = response.headers.get("Content-Type") ?? "";
  if (!deps.keep || response.status !== 200 || !type.startsWith("text/html") || response.headers.has("Set-Cookie")) {
    pageCacheCounters.refused += 1;
    return null;
  }
  const identity = Buffer.from(response.html, "utf8");
  // Made once per page, in libuv's thread pool: brotli of a page takes milliseconds the event loop spends on other requests.
  const [gzip, br] = await Promise.all([
    gzipAsync(identity, { level: 6 }),
    brotliAsync(identity, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: identity.length },
    }),
  ]);
  const headers: [string, string][] = [];
  for (const [name, value] of response.headers) {
    if (!KEPT_HEADERS.has(name)) continue;
    headers.push([name, value]);
  }
  const page: CachedPage = {
    path: key.path,
    query: key.query,
    bytes: identity.length + gzip.length + br.length + 1024,
    headers,
    scriptHashes: inlineScriptHashes(response.html),
    identity,
    gzip,
    br,
    etags: etagsFor(identity),
    catalogVersion: before.version,
    stockStateEpoch: before.stockStateEpoch,
    stock: [...deps.products].map((id) => [id, stockStamp(before, id)]),
    until: Math.min(deps.until, nextOfferChange(getOffers(before.version), now)),
    onServe: deps.onServe,
  };
  if (cache.set(key.key, page)) pageCacheCounters.stored += 1;
  return page;
}

// What a route's headers may add to a cached page; security headers are made per response.
const KEPT_HEADERS = new Set(["content-type", "content-language", "link"]);

/** Forget every page (tests). */
export function clearPageCache() {
  const all = caches();
  all?.catalog.clear();
  all?.search.clear();
}
