// Database work per page: how many SQL statements the loaders of a product
// page and the cart page run, counted around the database client. A bigger
// catalog must not mean more statements (no query per product, variant or
// order on the request path). `npm run bench` reads these counts from
// BENCH_STATEMENTS_OUT.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { loader as rootLoader } from "~/root";
import { action as cartAction, loader as cartLoader } from "~/routes/cart";
import { loader as productLoader } from "~/routes/products.$slug";
import { resetCoPurchaseCache } from "~/models/co-purchase.server";
import { onStatement } from "~/utils/db.server";
import { sqlite } from "../helpers/db";
import { cookieFrom, formRequest, getRequest, run } from "../helpers/remix";
import { growCatalog } from "../../bench/grow-catalog.mjs";

const TOTE = "vegan-leather-city-tote";

// The most statements a page may run once the catalog is cached: the catalog
// version check, and the shopper's cart lines where there is a cart.
const MAX_STATEMENTS = { productPage: 1, productPageWithCart: 2, cartPage: 2 };

type Page = keyof typeof MAX_STATEMENTS;

/**
 * Run a document request's loaders together, as Remix does (root and page,
 * one request and one load context), and count the statements they run.
 */
async function countStatements(page: Page, cookie: string | null): Promise<{ count: number; statements: string[] }> {
  const statements: string[] = [];
  const stop = onStatement((sql) => statements.push(sql));
  try {
    const request =
      page === "cartPage" ? getRequest("/cart", { cookie }) : getRequest(`/products/${TOTE}`, { cookie: page === "productPage" ? null : cookie });
    const context = { nonce: "test", clientAddress: "127.0.0.1" };
    const args = (params: Record<string, string>) => ({ request, context, params });
    const results = await Promise.all([
      rootLoader(args({})),
      page === "cartPage" ? cartLoader(args({})) : productLoader(args({ slug: TOTE })),
    ]);
    for (const result of results) expect(result instanceof Response ? result.status : 200).toBe(200);
  } finally {
    stop();
  }
  return { count: statements.length, statements };
}

async function countAll(cookie: string) {
  const counts = {} as Record<Page, number>;
  for (const page of Object.keys(MAX_STATEMENTS) as Page[]) {
    await countStatements(page, cookie); // the first request after a catalog change rebuilds the cache
    const { count, statements } = await countStatements(page, cookie);
    expect(count, `${page} ran:\n${statements.join("\n")}`).toBeLessThanOrEqual(MAX_STATEMENTS[page]);
    counts[page] = count;
  }
  return counts;
}

describe("SQL statements per page", () => {
  it("stay few, and the same for a catalog ten times bigger", async () => {
    const added = await run(cartAction, formRequest("/cart", { intent: "add", sku: "TOT-VCT-BLACK", quantity: "1" }));
    const cookie = cookieFrom(added);
    expect(cookie).not.toBeNull();

    const normal = await countAll(cookie!);
    const productsBefore = (sqlite.prepare("SELECT count(*) AS n FROM products").get() as { n: number }).n;

    const grown = growCatalog(sqlite);
    expect(grown.products).toBe(productsBefore * 10);
    resetCoPurchaseCache(); // let the ranking see the grown order history now
    const tenfold = await countAll(cookie!);

    expect(tenfold).toEqual(normal);
    if (process.env.BENCH_STATEMENTS_OUT) {
      fs.writeFileSync(process.env.BENCH_STATEMENTS_OUT, JSON.stringify({ normal, tenfold, max: MAX_STATEMENTS, catalog: { normal: productsBefore, tenfold: grown.products } }));
    }
  });
});
