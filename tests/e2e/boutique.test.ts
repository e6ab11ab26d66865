// The storefront on a phone (375 px) and a desktop (1280 px) in Chromium: nothing
// wider than the screen, page content lined up with the header, filters usable
// on a phone, search as you type, and axe on every kind of shopper page.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newContext } from "../helpers/browser";
import { startE2e, stopE2e } from "../helpers/e2e";
import type { RunningShop } from "../helpers/server";

let shop: RunningShop;
let browser: Browser;

beforeAll(async () => {
  ({ shop, browser } = await startE2e());
});

afterAll(() => stopE2e({ shop, browser }));

const PAGES = [
  "/",
  "/collections/totes",
  "/products/calfskin-classic-tote",
  "/search?q=lime",
  "/cart",
  "/shipping-returns",
  "/faq",
  "/about",
  "/contact",
];

/** Left edges of the header's brand and of the page's content blocks. */
async function edges(page: Page) {
  return page.evaluate(() => {
    const left = (el: Element | null) => (el ? Math.round(el.getBoundingClientRect().left) : null);
    // The collection's grid sits beside its filters, and a product's title beside its picture, on wide screens:
    // the layouts around them are what line up.
    const blocks = [...document.querySelectorAll("main h1, main .section-head, main .breadcrumbs, main .product-grid, main .collection-layout")].filter(
      (b) => (b.classList.contains("collection-layout") || !b.closest(".collection-layout")) && !b.closest(".product-info"),
    );
    return { brand: left(document.querySelector(".site-header .brand")), blocks: blocks.map((b) => ({ what: b.className || b.tagName, left: left(b) })) };
  });
}

describe("boutique storefront in Chromium", () => {
  it("at 375 and 1280 px: no sideways scroll, content lines up with the header, axe finds nothing", async () => {
    for (const width of [375, 1280]) {
      const context = await newContext(browser, { width });
      const page = await context.newPage();
      for (const path of PAGES) {
        await page.goto(shop.url + path);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0);
        const { brand, blocks } = await edges(page);
        expect(blocks.length, `${path} has content blocks`).toBeGreaterThan(0);
        for (const b of blocks) expect(b.left, `${path} at ${width}px: ${b.what} lines up with the header`).toBe(brand);
        expect(brand!, `${path} at ${width}px has side padding`).toBeGreaterThanOrEqual(16);
        const results = await new AxeBuilder({ page }).analyze();
        const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
        expect(summary, `${path} at ${width}px`).toEqual([]);
      }
      await context.close();
    }
    // Eighteen axe runs: generous, so a busy machine cannot fail it (speed belongs in the bench).
  }, 420_000);

  it("on a phone the filters sit above the results in a panel that counts what is ticked; cards show the colour", async () => {
    const context = await newContext(browser, { width: 375 });
    const page = await context.newPage();
    await page.goto(shop.url + "/collections/totes");
    await page.waitForSelector("html[data-hydrated]");
    const summary = page.locator(".filters-panel > summary");
    const firstCard = page.locator(".product-card").first();
    expect((await summary.boundingBox())!.y).toBeLessThan((await firstCard.boundingBox())!.y);
    expect(await page.getByRole("checkbox", { name: /Navy/ }).isVisible()).toBe(false);
    await summary.click();
    const navy = page.getByRole("checkbox", { name: /Navy/ });
    const box = (await navy.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(18);
    await navy.check();
    await page.waitForURL(/colour=navy/);
    await expect.poll(() => page.getByTestId("active-filter-count").innerText()).toBe("1 active");
    // Results updated below the panel, which stays open for the next choice.
    expect(await page.locator(".filters-panel").getAttribute("open")).not.toBeNull();
    const links = await page.locator(".product-card a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(links.length).toBeGreaterThan(0);
    for (const href of links) expect(href).toMatch(/\?colour=navy$/);
    const alts = await page.locator(".product-card img").evaluateAll((imgs) => imgs.map((i) => i.getAttribute("alt")));
    for (const alt of alts) expect(alt).toMatch(/in Navy$/);
    await context.close();
  });

  it("suggests bags as you type in the header's search, and the keyboard picks one", async () => {
    const context = await newContext(browser, { width: 1280 });
    const page = await context.newPage();
    await page.goto(shop.url + "/");
    await page.waitForSelector("html[data-hydrated]");
    const box = page.getByRole("combobox", { name: "Search bags" });
    await box.pressSequentially("lmie");
    const option = page.getByRole("option", { name: /Micro Duffle/ });
    await option.waitFor();
    expect(await box.getAttribute("aria-expanded")).toBe("true");
    const names = await page.getByRole("option").allInnerTexts();
    const index = names.findIndex((n) => n.includes("Micro Duffle"));
    for (let i = 0; i <= index; i++) await box.press("ArrowDown");
    await box.press("Enter");
    await page.waitForURL(/\/products\/micro-duffle\?colour=lime/);
    await context.close();
  });

  it("without JavaScript the search box is a plain form", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false, width: 375 });
    const page = await context.newPage();
    await page.goto(shop.url + "/about");
    await page.getByRole("combobox", { name: "Search bags" }).fill("calfskin");
    await page.getByRole("button", { name: "Search", exact: true }).first().click();
    await page.waitForURL(/\/search\?q=calfskin/);
    expect(await page.getByTestId("search-summary").innerText()).toMatch(/bags? match/);
    await context.close();
  });

  it("'Preview on the tote' brings the preview into view on a phone", async () => {
    const context = await newContext(browser, { width: 375 });
    const page = await context.newPage();
    await page.goto(shop.url + "/products/calfskin-classic-tote");
    await page.waitForSelector("html[data-hydrated]");
    const link = page.getByRole("link", { name: /Preview/ }).nth(1);
    await link.scrollIntoViewIfNeeded();
    await link.click();
    await page.waitForURL(/charm=/);
    await expect
      .poll(() => page.locator("#tote-preview").evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.top < window.innerHeight;
      }))
      .toBe(true);
    await context.close();
  });
});
