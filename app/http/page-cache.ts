// The page cache's plain parts (no database): which requests may be served
// from it and under which key, the byte-bounded LRU that holds the pages, and
// the HTTP details of a cached page (script hashes for its CSP, ETag, 304).
// Which pages are still current is decided in services/page-cache.server.ts.
import crypto from "node:crypto";
import { normaliseQuery } from "~/domain/search";

/**
 * The pages that may be cached, by path. `query` says whether an address's
 * search parameters may be cached (null: rendered per request); the key is
 * the path, the query string as sent, and whatever `query` returns, or only
 * what `query` returns when `keyIsQuery` (the page's HTML depends on nothing
 * else in the address). `budget` names the share of the cache it is kept in.
 */
export interface PageCacheRule {
  name: string;
  path: RegExp;
  query: (params: URLSearchParams) => string | null;
  keyIsQuery?: boolean;
  budget?: PageBudget;
}

/**
 * "search": result pages have a small share of their own, so that any number
 * of typed queries can only evict other queries, never a catalog page.
 */
export type PageBudget = "catalog" | "search";

const noQuery = (params: URLSearchParams) => (params.size === 0 ? "" : null);

/**
 * Only the named parameters (else not cached). The key holds the query as
 * sent (pageKeyFor): the page's HTML repeats it (a GET form's action is the
 * current address), so two spellings of the same filters are two pages.
 */
const onlyParams =
  (...names: string[]) =>
  (params: URLSearchParams) => {
    for (const key of params.keys()) if (!names.includes(key)) return null;
    return "";
  };

/**
 * A search's key is its query as the page shows it (normaliseQuery: one
 * spelling of " Lime  " and "lime"'s whitespace, cut to the longest query),
 * so the spellings of one search are one page. Other parameters: not cached.
 */
const searchQuery = (params: URLSearchParams) => {
  for (const key of params.keys()) if (key !== "q") return null;
  return normaliseQuery(params.get("q"));
};

export const PAGE_CACHE_RULES: PageCacheRule[] = [
  { name: "home", path: /^\/$/, query: noQuery },
  { name: "collection", path: /^\/collections\/[a-z0-9-]{1,64}$/, query: onlyParams("colour", "material", "occasion", "min", "max", "sort") },
  { name: "product", path: /^\/products\/[a-z0-9-]{1,96}$/, query: onlyParams("colour", "charm") },
  { name: "search", path: /^\/search$/, query: searchQuery, keyIsQuery: true, budget: "search" },
  // Content pages: their words are in the code, shipping prices under the catalog's version.
  { name: "content", path: /^\/(?:about|faq|shipping-returns|contact)$/, query: noQuery },
];

/** At most this many addresses with a query string per path: filter URLs cannot grow the cache. */
export const MAX_QUERY_VARIANTS_PER_PATH = 32;

/**
 * Cookies that do not change a page. Any other cookie (a cart, a staff
 * session, a flash notice, or one this list does not know yet) makes the
 * request personal: rendered for it alone. A cookie that selects a variant of
 * the page (an experiment arm) belongs in the key instead (pageKeyFor).
 */
export const IMPERSONAL_COOKIES: string[] = [];

export interface CacheableRequest {
  method: string;
  url: URL;
  cookie: string | undefined;
  authorization: string | undefined;
}

export interface PageKey {
  rule: string;
  path: string;
  /** The query's part of the key ("" when none). */
  query: string;
  /** The whole key: path, query, and the visitor's variant (experiment arm, if any). */
  key: string;
  /** Which share of the cache keeps it. */
  budget: PageBudget;
}

function hasPersonalCookie(header: string | undefined): boolean {
  if (!header) return false;
  for (const part of header.split(";")) {
    const name = part.split("=", 1)[0]!.trim();
    if (name !== "" && !IMPERSONAL_COOKIES.includes(name)) return true;
  }
  return false;
}

/**
 * The key a request's page is cached under, or null when it must be rendered
 * for this request alone: not a GET/HEAD, a data request, a shopper with a
 * cart or a signed-in person, or an address no rule takes.
 * `visitorVariant`: whatever else the page's HTML depends on for this visitor
 * (an experiment arm); "" today, as cartless visitors all see the same page.
 */
export function pageKeyFor(request: CacheableRequest, visitorVariant = ""): PageKey | null {
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  if (request.authorization || hasPersonalCookie(request.cookie)) return null;
  const { pathname, searchParams } = request.url;
  if (searchParams.has("_data")) return null;
  for (const rule of PAGE_CACHE_RULES) {
    if (!rule.path.test(pathname)) continue;
    const extra = rule.query(searchParams);
    if (extra === null) return null;
    const query = rule.keyIsQuery ? extra : request.url.search.slice(1) + (extra ? `\u0000${extra}` : "");
    if (query.length > 512) return null;
    // The origin too: without PUBLIC_URL, canonical and sharing links are built from the request's host.
    return {
      rule: rule.name,
      path: pathname,
      query,
      key: `${visitorVariant}\u0000${request.url.origin}\u0000${pathname}\u0000${query}`,
      budget: rule.budget ?? "catalog",
    };
  }
  return null;
}

/** The inline scripts' hashes, for a CSP that allows exactly them (a cached page can carry no per-response nonce). */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(match[1]!)) continue;
    hashes.add(`'sha256-${crypto.createHash("sha256").update(match[2]!, "utf8").digest("base64")}'`);
  }
  return [...hashes];
}

export type Encoding = "br" | "gzip" | "identity";

/** The encoding to send: brotli, then gzip, when the client takes them (q=0 refuses). */
export function pickEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return "identity";
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    accepted.set(name!.trim(), q ? Number(q.slice(2)) : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get("*") ?? 0) > 0;
  if (ok("br")) return "br";
  if (ok("gzip")) return "gzip";
  return "identity";
}

/** One strong ETag per encoding of the same page. */
export function etagsFor(identity: Buffer): Record<Encoding, string> {
  const hash = crypto.createHash("sha256").update(identity).digest("base64url").slice(0, 27);
  return { identity: `"${hash}"`, gzip: `"${hash}-gz"`, br: `"${hash}-br"` };
}

/** If-None-Match against a page's tags (weak comparison, as RFC 9110 asks for this header). */
export function notModified(ifNoneMatch: string | undefined, etags: Record<Encoding, string>): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const mine = new Set(Object.values(etags));
  return ifNoneMatch.split(",").some((tag) => mine.has(tag.trim().replace(/^W\//, "")));
}

/** A least-recently-used map bounded by the bytes its values take, and by query variants per path. */
export class ByteLru<V extends { bytes: number; path: string; query: string }> {
  private readonly entries = new Map<string, V>();
  private readonly variantsByPath = new Map<string, Set<string>>();
  bytes = 0;
  evictions = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly maxVariantsPerPath = MAX_QUERY_VARIANTS_PER_PATH,
  ) {}

  get size() {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value) {
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  /** Store a value; false when it cannot fit at all. */
  set(key: string, value: V): boolean {
    this.delete(key);
    if (value.bytes > this.maxBytes) return false;
    if (value.query !== "") {
      const variants = this.variantsByPath.get(value.path);
      if (variants && variants.size >= this.maxVariantsPerPath) {
        // The path's least recently used variant makes room (a Set keeps insertion order; get() does not move it, so find the oldest in the LRU order).
        for (const k of this.entries.keys()) {
          if (variants.has(k)) {
            this.delete(k);
            this.evictions += 1;
            break;
          }
        }
      }
    }
    while (this.bytes + value.bytes > this.maxBytes) {
      const oldest = this.entries.keys().next().value as string;
      this.delete(oldest);
      this.evictions += 1;
    }
    this.entries.set(key, value);
    this.bytes += value.bytes;
    if (value.query !== "") {
      let variants = this.variantsByPath.get(value.path);
      if (!variants) this.variantsByPath.set(value.path, (variants = new Set()));
      variants.add(key);
    }
    return true;
  }

  delete(key: string) {
    const value = this.entries.get(key);
    if (!value) return;
    this.entries.delete(key);
    this.bytes -= value.bytes;
    const variants = this.variantsByPath.get(value.path);
    if (variants) {
      variants.delete(key);
      if (variants.size === 0) this.variantsByPath.delete(value.path);
    }
  }

  clear() {
    this.entries.clear();
    this.variantsByPath.clear();
    this.bytes = 0;
  }

  variantsOf(path: string): number {
    return this.variantsByPath.get(path)?.size ?? 0;
  }
}
