import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { ByteLru, etagsFor, inlineScriptHashes, MAX_QUERY_VARIANTS_PER_PATH, notModified, pageKeyFor, pickEncoding } from "~/http/page-cache";

const get = (path: string, extra: { method?: string; cookie?: string; authorization?: string } = {}) =>
  pageKeyFor({ method: extra.method ?? "GET", url: new URL(`http://shop.test${path}`), cookie: extra.cookie, authorization: extra.authorization });

describe("which requests the page cache answers", () => {
  it("catalog pages for a visitor without cookies, under a key of path and query as sent", () => {
    expect(get("/")?.rule).toBe("home");
    expect(get("/collections/totes")?.rule).toBe("collection");
    expect(get("/products/vegan-leather-city-tote?colour=black")?.rule).toBe("product");
    expect(get("/collections/totes?colour=black&sort=newest")!.key).not.toBe(get("/collections/totes?sort=newest&colour=black")!.key);
    expect(get("/products/a?colour=black")!.key).not.toBe(get("/products/a")!.key);
    expect(get("/", { method: "HEAD" })).not.toBeNull();
  });

  it("never a request with a cookie (a cart, a session, a notice), credentials, a data request, a form post, or an unknown address or parameter", () => {
    expect(get("/", { cookie: "cart=abc.def" })).toBeNull();
    expect(get("/", { cookie: "theme=dark; cart=x" })).toBeNull();
    expect(get("/", { cookie: "notice=x" })).toBeNull();
    expect(get("/", { authorization: "Basic eDp5" })).toBeNull();
    expect(get("/products/a?_data=routes%2Fproducts.%24slug")).toBeNull();
    expect(get("/collections/totes", { method: "POST" })).toBeNull();
    expect(get("/cart")).toBeNull();
    expect(get("/admin")).toBeNull();
    expect(get("/checkout/success?session_id=x")).toBeNull();
    expect(get("/?utm_source=x")).toBeNull();
    expect(get("/collections/totes?page=2")).toBeNull();
    expect(get(`/collections/totes?min=${"9".repeat(600)}`)).toBeNull();
  });

  it("search results under their query as the page shows it, in the search share; content pages without parameters", () => {
    const lime = get("/search?q=lime")!;
    expect(lime.rule).toBe("search");
    expect(lime.budget).toBe("search");
    expect(lime.query).toBe("lime");
    for (const spelling of ["/search?q=%20lime%20", "/search?q=lime&q=black", "/search?q=lime%0A"]) expect(get(spelling)!.key, spelling).toBe(lime.key);
    expect(get("/search?q=Lime")!.key).not.toBe(lime.key);
    // Cut to the longest query the page shows: a megabyte of query is one key of 100 characters.
    expect(get(`/search?q=${"a".repeat(5000)}`)!.query).toHaveLength(100);
    expect(get("/search")!.key).toBe(get("/search?q=")!.key);
    expect(get("/search?q=lime&utm_source=x")).toBeNull();
    expect(get("/search?q=lime", { cookie: "cart=x" })).toBeNull();
    for (const path of ["/about", "/faq", "/shipping-returns", "/contact"]) {
      expect(get(path)?.rule, path).toBe("content");
      expect(get(path)?.budget, path).toBe("catalog");
      expect(get(`${path}?x=1`), path).toBeNull();
    }
    expect(get("/")!.budget).toBe("catalog");
  });

  it("keys apart the variant a visitor sees (an experiment arm)", () => {
    const url = new URL("http://shop.test/products/a");
    expect(pageKeyFor({ method: "GET", url, cookie: undefined, authorization: undefined }, "arm-a")!.key).not.toBe(
      pageKeyFor({ method: "GET", url, cookie: undefined, authorization: undefined }, "arm-b")!.key,
    );
  });
});

describe("the byte-bounded LRU", () => {
  const page = (path: string, bytes: number, query = "") => ({ path, query, bytes });

  it("drops the least recently used pages to stay within its bytes", () => {
    const lru = new ByteLru<ReturnType<typeof page>>(100);
    lru.set("a", page("/a", 40));
    lru.set("b", page("/b", 40));
    lru.get("a");
    lru.set("c", page("/c", 40));
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")).toBeDefined();
    expect(lru.bytes).toBe(80);
    expect(lru.set("huge", page("/h", 101))).toBe(false);
    expect(lru.bytes).toBeLessThanOrEqual(100);
  });

  it("keeps at most so many query variants per path, whatever the byte room", () => {
    const lru = new ByteLru<ReturnType<typeof page>>(1e9);
    lru.set("plain", page("/collections/totes", 1));
    for (let i = 0; i < 1000; i++) lru.set(`q${i}`, page("/collections/totes", 1, `min=${i}`));
    expect(lru.variantsOf("/collections/totes")).toBe(MAX_QUERY_VARIANTS_PER_PATH);
    expect(lru.size).toBe(MAX_QUERY_VARIANTS_PER_PATH + 1);
    expect(lru.get("plain")).toBeDefined();
    expect(lru.get("q999")).toBeDefined();
    expect(lru.get("q0")).toBeUndefined();
  });
});

describe("HTTP details of a cached page", () => {
  it("hashes each inline script, not scripts loaded by address", () => {
    const html = `<script nonce="">a=1</script><script type="module" src="/x.js"></script><script type="module">import "/y.js";</script><script>a=1</script>`;
    const sha = (s: string) => `'sha256-${crypto.createHash("sha256").update(s).digest("base64")}'`;
    expect(inlineScriptHashes(html)).toEqual([sha("a=1"), sha('import "/y.js";')]);
  });

  it("picks brotli, then gzip, as the client allows", () => {
    expect(pickEncoding("gzip, deflate, br")).toBe("br");
    expect(pickEncoding("gzip")).toBe("gzip");
    expect(pickEncoding("br;q=0, gzip")).toBe("gzip");
    expect(pickEncoding("*")).toBe("br");
    expect(pickEncoding(undefined)).toBe("identity");
    expect(pickEncoding("identity")).toBe("identity");
  });

  it("gives each encoding its own strong ETag and answers If-None-Match by weak comparison", () => {
    const tags = etagsFor(Buffer.from("<p>page</p>"));
    expect(new Set(Object.values(tags)).size).toBe(3);
    for (const tag of Object.values(tags)) expect(tag).toMatch(/^"[^"]+"$/);
    expect(notModified(tags.gzip, tags)).toBe(true);
    expect(notModified(`"x", W/${tags.br}`, tags)).toBe(true);
    expect(notModified("*", tags)).toBe(true);
    expect(notModified('"x"', tags)).toBe(false);
    expect(notModified(undefined, tags)).toBe(false);
    expect(etagsFor(Buffer.from("<p>other</p>")).identity).not.toBe(tags.identity);
  });
});
