// Product photos in Chromium: staff upload two at once on the product's admin
// page (with JavaScript each file gets its own description field; without it
// one description serves), and the storefront gallery shows them after the
// colour's picture, chosen by click or keyboard, with the alt text staff wrote.
// axe finds nothing on either page at 375 and 1280 px; screenshots are kept.
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newContext, screenshotDir } from "../helpers/browser";
import { signIn, startE2e, stopE2e } from "../helpers/e2e";
import { phonePhoto, png } from "../helpers/pictures";
import type { RunningShop } from "../helpers/server";

const OWNER = { email: "photo-owner@shop.test", password: "photo owner passphrase", name: "Olive Owner" };
const SLUG = "calfskin-classic-tote";
const ALTS = ["The calfskin tote carried by its handles", "The calfskin tote from above, open"];

let shop: RunningShop;
let browser: Browser;
let productId = 0;

beforeAll(async () => {
  ({ shop, browser } = await startE2e({
    staff: [{ ...OWNER, role: "owner" }],
    seed: (sqlite) => {
      productId = (sqlite.prepare("SELECT id FROM products WHERE slug = ?").get(SLUG) as { id: number }).id;
    },
  }));
});

afterAll(() => stopE2e({ shop, browser }));

async function signedInPage(width: number, javaScript = true): Promise<Page> {
  const context = await newContext(browser, { width, javaScriptEnabled: javaScript });
  const page = await context.newPage();
  await signIn(page, shop, OWNER, { from: "/admin/login", javaScript });
  return page;
}

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe("product photos in Chromium", () => {
  it("staff upload two photos with a description each (JavaScript), and one more without JavaScript", async () => {
    const page = await signedInPage(1280);
    await page.goto(`${shop.url}/admin/products/${productId}`);
    await page.waitForSelector("html[data-hydrated]");
    await page.locator("#photos-files").setInputFiles([
      { name: "handles.jpg", mimeType: "image/jpeg", buffer: await phonePhoto(1200, 900) },
      { name: "above.png", mimeType: "image/png", buffer: await png(800, 800, "#6b4a2f") },
    ]);
    await page.getByLabel("Description of handles.jpg").fill(ALTS[0]!);
    await page.getByLabel("Description of above.png").fill(ALTS[1]!);
    await page.getByRole("button", { name: "Upload photos" }).click();
    await page.getByText("Added 2 photos.").waitFor();
    const photos = page.getByTestId("photo");
    expect(await photos.count()).toBe(2);
    expect(await page.getByLabel("Photo 1: description").inputValue()).toBe(ALTS[0]);
    expect(await page.getByLabel("Photo 2: description").inputValue()).toBe(ALTS[1]);
    await page.context().close();

    const plain = await signedInPage(375, false);
    await plain.goto(`${shop.url}/admin/products/${productId}`);
    await plain.locator("#photos-files").setInputFiles([{ name: "strap.png", mimeType: "image/png", buffer: await png(600, 600, "#2f4a6b") }]);
    await plain.getByLabel("Photo description", { exact: true }).fill("The strap, close up");
    await plain.getByRole("button", { name: "Upload photos" }).click();
    await plain.getByText("Added 1 photo.").waitFor();
    expect(await plain.getByTestId("photo").count()).toBe(3);
    await plain.context().close();
  }, 180_000);

  it("the admin photos section at 375 and 1280 px: no sideways scroll, axe finds nothing", async () => {
    for (const width of [375, 1280]) {
      const page = await signedInPage(width);
      await page.goto(`${shop.url}/admin/products/${productId}#photos`);
      await page.waitForSelector("html[data-hydrated]");
      expect(await sidewaysScroll(page), `${width}px`).toBeLessThanOrEqual(0);
      expect(await axeViolations(page), `admin at ${width}px`).toEqual([]);
      await page.getByTestId("photos").screenshot({ path: path.join(screenshotDir(), `admin-photos-${width}.png`) });
      await page.context().close();
    }
  }, 180_000);

  it("the product page gallery shows the colour's picture, then the photos in order with their alt text, by click and keyboard", async () => {
    for (const width of [375, 1280]) {
      const context = await newContext(browser, { width });
      const page = await context.newPage();
      await page.goto(`${shop.url}/products/${SLUG}`);
      await page.waitForSelector("html[data-hydrated]");
      const thumbs = page.locator(".gallery-thumbs a");
      const labels = await thumbs.allInnerTexts();
      expect(labels.slice(0, 4).map((l) => l.trim())).toEqual(["Front", "Photo 1", "Photo 2", "Photo 3"]);
      const main = page.locator(".product-image img");
      expect(await main.getAttribute("data-view")).toBe("front");

      await thumbs.nth(1).click();
      await expect.poll(() => main.getAttribute("alt")).toBe(ALTS[0]);
      expect(await main.getAttribute("srcset")).toMatch(/-600\.webp 600w, .*-1600\.webp 1600w$/);
      // Keyboard: the next thumbnail, focused and chosen with Enter.
      await thumbs.nth(2).focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => main.getAttribute("alt")).toBe(ALTS[1]);
      expect(await thumbs.nth(2).getAttribute("aria-current")).toBe("true");
      await main.evaluate((img: HTMLImageElement) => img.decode());

      expect(await sidewaysScroll(page), `${width}px`).toBeLessThanOrEqual(0);
      expect(await axeViolations(page), `product page at ${width}px`).toEqual([]);
      await page.screenshot({ path: path.join(screenshotDir(), `product-photos-${width}.png`) });
      await context.close();
    }
  }, 180_000);

  it("without JavaScript a photo's thumbnail link shows it, with its alt text", async () => {
    const context = await newContext(browser, { width: 375, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${shop.url}/products/${SLUG}`);
    await page.locator(".gallery-thumbs a", { hasText: "Photo 3" }).click();
    await page.waitForURL(/view=photo-3/);
    expect(await page.locator(".product-image img").getAttribute("alt")).toBe("The strap, close up");
    await context.close();
  });
});
