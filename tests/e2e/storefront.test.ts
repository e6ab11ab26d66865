// The shopper's journey through the real production build in headless Chromium.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newContext } from "../helpers/browser";
import { startE2e, stopE2e } from "../helpers/e2e";
import { startShop, type RunningShop } from "../helpers/server";

let shop: RunningShop;
let browser: Browser;

beforeAll(async () => {
  ({ shop, browser } = await startE2e());
});

afterAll(() => stopE2e({ shop, browser }));

async function cartCount(page: Page) {
  return Number(await page.getByTestId("cart-count").innerText());
}

async function journey(page: Page, javaScript: boolean) {
  await page.goto(shop.url + "/");
  await page.getByRole("link", { name: "Shop totes" }).click();
  await page.waitForURL(/\/collections\/totes/);
  await page.getByRole("link", { name: /Vegan Leather City Tote/ }).first().click();
  await page.waitForURL(/\/products\/vegan-leather-city-tote/);
  await page.getByRole("link", { name: "Tan", exact: true }).click();
  await page.waitForURL(/colour=tan/);
  await expect.poll(() => page.locator("h2#colour-label").innerText()).toContain("Tan");
  if (javaScript) await page.waitForSelector("html[data-hydrated]");
  await page.getByLabel("Quantity").fill("2");
  await page.getByRole("button", { name: "Add to cart" }).click();
  if (javaScript) {
    // Stays on the product page; the header count updates without a reload.
    await expect.poll(() => cartCount(page)).toBe(2);
    expect(page.url()).toContain("/products/vegan-leather-city-tote");
    await page.getByRole("link", { name: "View cart" }).click();
  }
  await page.waitForURL(/\/cart$/);
  expect(await cartCount(page)).toBe(2);
  const line = page.getByTestId("cart-line");
  await expect.poll(() => line.count()).toBe(1);
  expect(await line.getAttribute("data-sku")).toBe("TOT-VCT-TAN");
  expect(await page.getByTestId("cart-subtotal").innerText()).toBe("$370.00");
  expect(await page.getByTestId("cart-total").innerText()).toBe("$370.00");
}

describe("storefront in Chromium", () => {
  it("home → tote → colour → add to cart → cart, with JavaScript", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await journey(page, true);
    expect(errors).toEqual([]);

    // The cart lives in SQLite: restart the server on the same file and port, and it is still there.
    const cookies = await context.cookies();
    const port = shop.port;
    await shop.stop();
    shop = await startShop({ databaseFile: shop.databaseFile, port });
    await page.goto(shop.url + "/cart");
    expect(await context.cookies()).toEqual(cookies);
    expect(await cartCount(page)).toBe(2);
    expect(await page.getByTestId("cart-subtotal").innerText()).toBe("$370.00");
    await context.close();
  });

  it("the same journey works with JavaScript disabled", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await journey(page, false);

    // Quantity change and removal also work as plain forms.
    await page.getByLabel("Quantity").fill("1");
    await page.getByRole("button", { name: "Update" }).click();
    await page.waitForLoadState();
    expect(await page.getByTestId("cart-subtotal").innerText()).toBe("$185.00");
    await page.getByRole("button", { name: /Remove/ }).click();
    await page.waitForLoadState();
    await expect.poll(() => page.getByText("Your cart is empty.").count()).toBe(1);
    expect(await cartCount(page)).toBe(0);
    await context.close();
  });

  it("shows a friendly 404 page for unknown products and collections", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    for (const path of ["/products/no-such-bag", "/collections/hats", "/nowhere"]) {
      const response = await page.goto(shop.url + path);
      expect(response?.status(), path).toBe(404);
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("We couldn't find that page");
    }
    await context.close();
  });

  it("has no accessibility violations on home, a product page and the cart (axe), at 375 and 1280 px", async () => {
    for (const width of [375, 1280]) {
      const context = await newContext(browser, { width });
      const page = await context.newPage();
      await page.goto(shop.url + "/products/canvas-market-tote");
      await page.waitForSelector("html[data-hydrated]");
      await page.getByRole("button", { name: "Add to cart" }).click();
      await expect.poll(() => cartCount(page)).toBeGreaterThan(0);
      for (const path of ["/", "/products/canvas-market-tote", "/collections/totes", "/cart"]) {
        await page.goto(shop.url + path);
        const results = await new AxeBuilder({ page }).analyze();
        const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
        expect(summary, `${path} at ${width}px`).toEqual([]);
        // Nothing wider than the screen.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0);
      }
      await context.close();
    }
    // Eight axe runs: generous, so a busy machine cannot fail it (speed belongs in the bench).
  }, 180_000);
});
