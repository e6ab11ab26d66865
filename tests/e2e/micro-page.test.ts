// A micro bag's page in Chromium at 375 and 1280 px: its offer ("what a tote
// saves on it", the totes it fits) and "Add with a tote" are visible and work,
// the cart charges the bundle total the page showed (computed by the server),
// nothing is wider than the screen and axe finds nothing.
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newContext, screenshotDir } from "../helpers/browser";
import { startE2e, stopE2e } from "../helpers/e2e";
import type { RunningShop } from "../helpers/server";

let shop: RunningShop;
let browser: Browser;

beforeAll(async () => {
  ({ shop, browser } = await startE2e());
});

afterAll(() => stopE2e({ shop, browser }));

const MICRO_PAGE = "/products/micro-duffle?colour=blush";
const MICRO_SKU = "MIC-DUF-BLUSH";

const cents = (money: string) => Math.round(Number(money.replace(/[$,\s]/g, "")) * 100);

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

describe("a micro bag's page in Chromium", () => {
  for (const width of [375, 1280]) {
    it(`at ${width} px: the offer and 'Add with a tote' show, add both, and the cart charges the bundle total`, async () => {
      const context = await newContext(browser, { width });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(shop.url + MICRO_PAGE);
      await page.waitForSelector("html[data-hydrated]");

      // The offer block: its wording and the totes it fits, each a link.
      const offer = page.locator("section.micro-offer").filter({ has: page.locator("#micro-offer-title") });
      expect(await offer.isVisible()).toBe(true);
      expect(await page.locator("#micro-offer-title").innerText()).not.toBe("");
      expect(await offer.getByRole("link").count()).toBeGreaterThan(0);

      // "Add with a tote": up to three totes, each with the together price and a button.
      const withTote = page.getByRole("region", { name: "Add with a tote" });
      expect(await withTote.isVisible()).toBe(true);
      const rows = withTote.locator("li[data-tote-sku]");
      expect(await rows.count()).toBeGreaterThan(0);
      expect(await rows.count()).toBeLessThanOrEqual(3);
      const first = rows.first();
      const toteSku = (await first.getAttribute("data-tote-sku"))!;
      const together = cents(await first.locator(".card-meta .money").first().innerText());
      const regular = cents(await first.locator(".price-was .money").innerText());
      // The offer applies: together is below the two regular prices.
      expect(together).toBeLessThan(regular);
      const button = first.getByRole("button", { name: /^Add both:/ });
      expect(await button.isVisible()).toBe(true);

      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `micro page at ${width}px scrolls sideways`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(screenshotDir(), `micro-page-${width}.png`), fullPage: true });
      expect(await axeViolations(page), `micro page at ${width}px`).toEqual([]);

      await button.click();
      await page.waitForURL(/\/cart$/);
      const lines = page.getByTestId("cart-line");
      await expect.poll(() => lines.count()).toBe(2);
      const skus = (await lines.evaluateAll((els) => els.map((e) => e.getAttribute("data-sku")))).sort();
      expect(skus).toEqual([toteSku, MICRO_SKU].sort());
      // The total the server computes from the database is the one the page showed.
      expect(cents(await page.getByTestId("cart-total").innerText())).toBe(together);
      await page.screenshot({ path: path.join(screenshotDir(), `micro-page-cart-${width}.png`), fullPage: true });
      expect(await axeViolations(page), `cart after 'Add both' at ${width}px`).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
      // Two axe runs and a cart: generous, so a busy machine cannot fail it (speed belongs in the bench).
    }, 180_000);
  }
});
