// Chromium loads every page type with the real Content-Security-Policy and
// reports no violation: home, collections, a tote and a micro bag, the cart
// with items, the test-payment and success pages, a 404, the sign-in page and
// every back-office page signed in. Violations are caught both as
// securitypolicyviolation events in the page and as console messages.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newContext } from "../helpers/browser";
import { signIn, startE2e, stopE2e } from "../helpers/e2e";
import { recordFigures } from "../helpers/figures";
import { ADMIN_EMAIL, ADMIN_ENV, ADMIN_PAGES, ADMIN_PASSWORD, PUBLIC_PAGES } from "../helpers/page-tour";
import type { RunningShop } from "../helpers/server";

let shop: RunningShop;
let browser: Browser;
const visited: string[] = [];
const violations: string[] = [];

beforeAll(async () => {
  ({ shop, browser } = await startE2e({ env: ADMIN_ENV }));
}, 60_000);

afterAll(async () => {
  await stopE2e({ shop, browser });
  recordFigures("cspBrowser", { pagesLoaded: visited.length, violations: violations.length, pages: visited });
});

/** A context whose pages record every CSP violation. */
async function watchedContext(): Promise<{ context: BrowserContext; page: Page; seen: string[] }> {
  const context = await newContext(browser);
  const seen: string[] = [];
  // Playwright's init script is not subject to the page's CSP.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const list = ((window as unknown as { __csp?: string[] }).__csp ??= []);
      list.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(m.text())) seen.push(m.text());
  });
  return { context, page, seen };
}

async function visit(page: Page, seen: string[], name: string, path: string | null) {
  if (path !== null) await page.goto(`${shop.url}${path}`);
  // Hydrated: the app's own scripts ran under the nonce. Error pages have no
  // marker: there, wait until nothing more loads.
  if (name.startsWith("404")) await page.waitForLoadState("networkidle");
  else await page.waitForSelector("html[data-hydrated]", { timeout: 10_000 });
  const inPage = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
  const found = [...inPage, ...seen.splice(0)];
  violations.push(...found.map((v) => `${name}: ${v}`));
  visited.push(name);
  expect(found, name).toEqual([]);
}

describe("no CSP violations in Chromium", () => {
  it("on every shop page, the cart with items, test payment, success and 404", async () => {
    const { context, page, seen } = await watchedContext();
    for (const [name, path] of PUBLIC_PAGES) await visit(page, seen, name, path);

    // Cart with items, through the product page's own form (its scripts at work).
    await page.goto(`${shop.url}/products/vegan-leather-city-tote`);
    await page.waitForSelector("html[data-hydrated]");
    await page.getByRole("button", { name: /^Add to cart/ }).first().click();
    await expect.poll(async () => Number(await page.getByTestId("cart-count").innerText())).toBeGreaterThan(0);
    await visit(page, seen, "cart with items", "/cart");

    await page.getByRole("button", { name: "Check out" }).click();
    await page.waitForURL(/\/checkout\/test-payment\?session_id=test_cs_/);
    await page.getByText("Test payment.").waitFor();
    await visit(page, seen, "test payment", null);
    await page.getByRole("button", { name: /^Pay/ }).click();
    await page.waitForURL(/\/checkout\/success\?session_id=/);
    await page.getByTestId("order-status").waitFor();
    await visit(page, seen, "checkout success", null);
    await context.close();
  }, 90_000);

  it("on the back office, signed in", async () => {
    const { context, page, seen } = await watchedContext();
    await signIn(page, shop, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, { from: "/admin/login" });
    for (const [name, path] of ADMIN_PAGES) await visit(page, seen, name, path);
    await context.close();
  }, 90_000);
});
