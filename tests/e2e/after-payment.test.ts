// A shopper accepts the micro-bag offer after payment, in Chromium: the
// thank-you page offers it, the short second payment adds it to the order,
// and the order page shows both payments. Screenshots at 375 and 1280 px; axe.
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
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

function stock(sku: string) {
  const db = new Database(shop.databaseFile, { readonly: true });
  const row = db.prepare("SELECT stock_on_hand AS onHand, stock_held AS held FROM variants WHERE sku = ?").get(sku) as { onHand: number; held: number };
  db.close();
  return row;
}

describe("after-payment offer in Chromium", () => {
  for (const width of [375, 1280]) {
    it(`a shopper adds a micro bag to the order they just paid (${width} px)`, { timeout: 120_000 }, async () => {
      const context = await newContext(browser, { width });
      const page = await context.newPage();
      await page.goto(`${shop.url}/products/canvas-market-tote?colour=black`);
      await page.waitForSelector("html[data-hydrated]");
      await page.getByRole("button", { name: "Add to cart" }).click();
      await expect.poll(async () => Number(await page.getByTestId("cart-count").innerText())).toBe(1);
      await page.goto(`${shop.url}/cart`);
      await page.getByRole("button", { name: "Check out" }).click();
      await page.waitForURL(/\/checkout\/test-payment\?session_id=test_cs_/);
      await page.getByText("Test payment.").waitFor();
      await page.getByRole("button", { name: /^Pay/ }).click();
      await page.waitForURL(/\/checkout\/success\?session_id=/);

      const offer = page.getByTestId("after-payment-offer");
      await offer.waitFor();
      const items = offer.getByTestId("after-payment-item");
      expect(await items.count()).toBeGreaterThan(0);
      expect(await items.count()).toBeLessThanOrEqual(3);
      await page.screenshot({ path: path.join(screenshotDir(), `after-payment-offer-${width}.png`), fullPage: true });
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);

      const first = items.first();
      const price = (await first.getByTestId("after-payment-price").locator(".price-now").innerText()).trim();
      const label = (await first.getByRole("button", { name: /^Add to my order/ }).getAttribute("aria-label"))!;
      await first.getByRole("button", { name: /^Add to my order/ }).click();
      await page.waitForURL(/\/checkout\/test-payment-addon\?session_id=test_cs_/);
      await page.getByText("Test payment.").waitFor();
      expect(await page.getByTestId("order-total").innerText()).toBe(price);
      await page.getByRole("button", { name: new RegExp(`^Pay`) }).click();
      await page.waitForURL(/\/orders\/TC-[A-Z0-9]+\?key=/);

      expect(await page.getByTestId("order-notice").innerText()).toMatch(/now part of your order/);
      const added = page.getByTestId("addon-line");
      expect(await added.count()).toBe(1);
      expect(label).toContain(await added.first().locator("h3").innerText());
      expect(await page.getByTestId("payment").count()).toBe(2);
      expect(await page.getByTestId("order-payments").innerText()).toContain(price);
      await page.screenshot({ path: path.join(screenshotDir(), `after-payment-order-${width}.png`), fullPage: true });
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
      // The tote's stock left the shelf once; nothing is still held for the add-on.
      expect(stock("TOT-CMK-BLACK").held).toBe(0);
      await context.close();
    });
  }
});
