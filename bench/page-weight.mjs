// The JavaScript and CSS a page makes the browser load, gzipped (level 9): the
// one definition `npm run bench` reports against the budget and the page-weight
// test checks (tests/integration/page-weight.test.ts).
//
// Counted: every script file (src), every modulepreload, every module the inline
// entry script imports, the static imports inside those modules, and the inline
// module script itself (Remix's bootstrap, which carries the page's route
// manifest since route discovery is lazy: docs/decisions/0019-lazy-route-discovery.md).
// Not counted: inline data (the loader data handed to the client, JSON-LD).
import zlib from "node:zlib";

const gzipSize = (bytes) => zlib.gzipSync(bytes, { level: 9 }).length;

/**
 * `html`: the page as served; `get(url)`: resolves { status, body: Buffer } for
 * a same-origin asset (uncompressed). Returns bytes, gzipped, and the files.
 */
export async function weighPage(html, origin, get) {
  const js = new Set();
  const css = new Set();
  let inlineJs = 0;
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    const attr = (name) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
    if (tag.startsWith("<script") && attr("src")) js.add(attr("src"));
    if (tag.startsWith("<link") && attr("rel") === "modulepreload") js.add(attr("href"));
    if (tag.startsWith("<link") && attr("rel") === "stylesheet") css.add(attr("href"));
  }
  for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (!/\btype="module"/.test(attrs) || /\bsrc=/.test(attrs)) continue;
    inlineJs += gzipSize(Buffer.from(body, "utf8"));
    // Modules the inline entry script imports.
    for (const [, src] of body.matchAll(/import\s*(?:[\w*{}\s,$]+from\s*)?\(?"([^"]+\.js)"/g)) js.add(src);
  }
  const sizes = { js: inlineJs, css: 0 };
  const files = [];
  const seen = new Set();
  const queue = [...js].map((src) => ({ src, kind: "js" })).concat([...css].map((src) => ({ src, kind: "css" })));
  while (queue.length > 0) {
    const { src, kind } = queue.shift();
    const url = new URL(src, origin);
    if (url.origin !== new URL(origin).origin || seen.has(url.pathname)) continue;
    seen.add(url.pathname);
    const file = await get(url.href);
    if (file.status !== 200) throw new Error(`${url.pathname}: ${file.status}`);
    const gzipped = gzipSize(file.body);
    sizes[kind] += gzipped;
    files.push({ path: url.pathname, kind, gzipped });
    // Static imports inside a module load with it.
    if (kind === "js") for (const [, dep] of file.body.toString("utf8").matchAll(/(?:from|import)\s*"(\/[^"]+\.js)"/g)) queue.push({ src: dep, kind: "js" });
  }
  return { jsBytes: sizes.js, cssBytes: sizes.css, inlineJsBytes: inlineJs, files };
}

/** Kilobytes to one decimal, as the budget is stated. */
export const kb = (bytes) => Math.round(bytes / 102.4) / 10;
