// The tote page's JavaScript budget (issue 19: at most 95 KB gzipped), counted
// as `npm run bench` counts it (bench/page-weight.mjs), so a change that grows
// the page past it fails here, not only in a bench run nobody looked at.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kb, weighPage } from "../../bench/page-weight.mjs";
import { startShop, type RunningShop } from "../helpers/server";

const TOTE_PAGE = "/products/vegan-leather-city-tote";
const BUDGET_KB = 95;

let shop: RunningShop;

beforeAll(async () => {
  shop = await startShop();
});

afterAll(async () => {
  await shop?.stop();
});

async function get(url: string) {
  const res = await fetch(url, { headers: { "accept-encoding": "identity" } });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}

describe("the tote page's JavaScript", () => {
  it(`stays within ${BUDGET_KB} KB gzipped, inline bootstrap included`, async () => {
    const page = await fetch(shop.url + TOTE_PAGE);
    expect(page.status).toBe(200);
    const html = await page.text();
    const weight = await weighPage(html, shop.url, get);
    const scripts = weight.files.filter((f) => f.kind === "js");
    const report = scripts.map((f) => `${f.path} ${f.gzipped} B`).join("\n");
    // Counted for real: the framework, the route's module and the bootstrap that names them.
    expect(scripts.some((f) => f.path.startsWith("/build/routes/products.$slug-")), report).toBe(true);
    expect(weight.inlineJsBytes).toBeGreaterThan(0);
    expect(kb(weight.jsBytes), report).toBeLessThanOrEqual(BUDGET_KB);
  });

  it("carries the routes of this page only; the others are discovered when a link needs them", async () => {
    const html = await (await fetch(shop.url + TOTE_PAGE)).text();
    // The whole-app route manifest (every admin route included) is not loaded.
    expect(/<link[^>]+href="\/build\/manifest-[^"]+\.js"/.test(html), "manifest file preloaded").toBe(false);
    expect(html.includes('"routes/products.$slug"'), "this page's route").toBe(true);
    expect(html.includes('"routes/admin'), "an admin route").toBe(false);
    // What a client-side navigation asks for before following a link (here: to the cart).
    const version = /"version":\s*"([^"]+)"/.exec(html)?.[1];
    expect(version).toBeTruthy();
    const res = await fetch(`${shop.url}/__manifest?p=${encodeURIComponent("/cart")}&version=${version}`);
    expect(res.status).toBe(200);
    const patches = (await res.json()) as Record<string, { path?: string }>;
    expect(patches["routes/cart"]?.path).toBe("cart");
  });
});
