// The back office on a phone (375 px) and a desktop (1280 px) in Chromium:
// its own header (no shop cart), the nav as a menu that opens without
// JavaScript, and the lists as cards: no sideways scrolling of the page, the
// key columns (order, total, status; SKU, on hand, available) on screen. Axe
// finds no violations on the pages this touches. Screenshots land in
// <tmp>/shop-screens.
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newContext, screenshotDir } from "../helpers/browser";
import { signIn, startE2e, stopE2e, type StaffAccount } from "../helpers/e2e";
import { HttpShopper } from "../helpers/http-shopper";
import type { RunningShop } from "../helpers/server";

const OWNER: StaffAccount = { email: "owner-phone@toteandcharm.test", password: "phone passphrase for e2e", name: "Olive Owner", role: "owner" };
const LISTS = ["/admin/stock", "/admin/stock/ledger", "/admin/orders?fulfilment=all", "/admin/products", "/admin/offers", "/admin/audit", "/admin/outbox", "/admin/products/import"];

let shop: RunningShop;
let browser: Browser;

async function buy(sku: string) {
  const s = new HttpShopper(shop.url);
  expect((await s.post("/cart", { intent: "add", sku, quantity: "1" })).status).toBe(303);
  const started = await s.post("/checkout", {});
  const session = new URL(started.headers.get("Location") ?? "/", shop.url).searchParams.get("session_id")!;
  const pay = await s.post("/checkout/test-payment", {
    intent: "pay",
    session_id: session,
    email: "a.very.long.shopper.address@example.com",
    name: "Ada Shopper",
    line1: "1 Analytical Way",
    city: "London",
    postal_code: "N1 9GU",
    country: "GB",
  });
  expect(pay.status).toBe(303);
}

beforeAll(async () => {
  ({ shop, browser } = await startE2e({ staff: [OWNER] }));
  await buy("MIC-BOX-EMERALD");
  await buy("TOT-CMK-BLACK");
});

afterAll(() => stopE2e({ shop, browser }));

async function signedInPage(width: number, javaScript = true): Promise<Page> {
  const context = await newContext(browser, { width, javaScriptEnabled: javaScript });
  const page = await context.newPage();
  await signIn(page, shop, OWNER, { from: "/admin/login", javaScript });
  return page;
}

/** How far the page itself scrolls sideways (0 when it fits). */
function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Is the element inside the viewport horizontally (visible without scrolling sideways)? */
async function onScreen(locator: Locator, width: number): Promise<boolean> {
  const box = await locator.boundingBox();
  return box !== null && box.width > 0 && box.x >= 0 && box.x + box.width <= width + 0.5;
}

async function expectNoAxeViolations(page: Page, where: string) {
  const result = await new AxeBuilder({ page }).analyze();
  expect(result.violations.map((v) => `${where}: ${v.id} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

describe.each([375, 1280])("the back office at %i px", (width) => {
  it("has its own header (no cart), and every list fits the screen with no axe violations", async () => {
    const page = await signedInPage(width);
    expect(await page.getByTestId("cart-count").count()).toBe(0);
    expect(await page.getByRole("link", { name: /^Cart/ }).count()).toBe(0);
    expect(await page.locator("header.admin-bar a.admin-brand").count()).toBe(1);
    for (const list of LISTS) {
      await page.goto(shop.url + list);
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      expect(await sidewaysScroll(page), `${list} scrolls sideways at ${width}px`).toBe(0);
      await expectNoAxeViolations(page, `${list} at ${width}px`);
      await page.screenshot({ path: path.join(screenshotDir(), `admin-${list.replace(/[^a-z]+/g, "-")}-${width}.png`), fullPage: true });
    }
    await page.context().close();
  }, 300_000);

  it("orders and stock lists keep their key columns on screen", { timeout: 120_000 }, async () => {
    const page = await signedInPage(width);
    await page.goto(`${shop.url}/admin/orders?fulfilment=all`);
    const order = page.getByTestId("order-row").first();
    await order.waitFor();
    for (const cell of [order.getByRole("rowheader"), order.locator('[data-label="Total"]'), order.locator(".admin-order-status"), order.getByTestId("fulfilment-status")]) {
      expect(await onScreen(cell, width)).toBe(true);
    }
    await page.goto(`${shop.url}/admin/stock`);
    const stock = page.locator('[data-testid="stock-row"][data-sku="TOT-CMK-BLACK"]');
    for (const cell of [stock.getByRole("rowheader"), stock.getByTestId("on-hand"), stock.getByTestId("available"), stock.getByRole("link", { name: /Adjust/ })]) {
      expect(await onScreen(cell, width)).toBe(true);
    }
    await page.context().close();
  });
});

describe("the phone menu", () => {
  it("opens without JavaScript and leads to every section", { timeout: 120_000 }, async () => {
    const page = await signedInPage(375, false);
    const wide = page.getByRole("navigation", { name: "Back office", exact: true });
    expect(await wide.isVisible()).toBe(false);
    await page.getByText("Menu", { exact: true }).click();
    const menu = page.getByRole("navigation", { name: "Back office menu" });
    for (const name of ["Stock", "Products", "Orders", "Staff", "Audit log"]) {
      expect(await onScreen(menu.getByRole("link", { name: new RegExp(`^${name}`) }), 375)).toBe(true);
    }
    expect(await sidewaysScroll(page)).toBe(0);
    await menu.getByRole("link", { name: /^Audit log/ }).click();
    await page.waitForURL(`${shop.url}/admin/audit`);
    await page.context().close();
  });
});
