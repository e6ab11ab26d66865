// A staff member restocks the sold-out micro bag through the back office in
// headless Chromium, and the shop sells it again. With and without JavaScript.
import AxeBuilder from "@axe-core/playwright";
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newContext } from "../helpers/browser";
import { signIn, startE2e, stopE2e, type StaffAccount } from "../helpers/e2e";
import type { RunningShop } from "../helpers/server";

const SKU = "MIC-SPH-CHROME";
const PRODUCT_PATH = "/products/sold-out-micro-sphere";
const STOCKIST: StaffAccount = { email: "stockist@shop.test", password: "stockroom passphrase 2026", name: "Stella Stockist", role: "staff" };

let shop: RunningShop;
let browser: Browser;

beforeAll(async () => {
  ({ shop, browser } = await startE2e({ staff: [STOCKIST] }));
});

afterAll(() => stopE2e({ shop, browser }));

function addToCart(page: Page) {
  return page.getByRole("button", { name: /Add to cart|Sold out/ });
}

async function onHand(): Promise<number> {
  const db = new Database(shop.databaseFile, { readonly: true });
  const row = db.prepare("SELECT stock_on_hand AS n FROM variants WHERE sku = ?").get(SKU) as { n: number };
  db.close();
  return row.n;
}

async function restock(page: Page, units: number, javaScript: boolean) {
  // The stock page asks for a sign-in first, then comes back.
  await signIn(page, shop, STOCKIST, { from: "/admin/stock", javaScript });
  expect(await page.getByTestId("admin-staff-name").innerText()).toBe("Stella Stockist");

  // Low stock only: the sold-out micro bag is there, flagged.
  await page.getByLabel("Low stock only").check();
  await page.getByRole("button", { name: "Filter" }).click();
  await page.waitForURL(/low=1/);
  const row = page.locator(`[data-testid="stock-row"][data-sku="${SKU}"]`);
  expect(await row.getAttribute("class")).toContain("is-low");
  const before = Number(await row.getByTestId("on-hand").innerText());

  await page.getByRole("link", { name: `Adjust ${SKU}` }).click();
  await page.waitForURL(new RegExp(`/admin/stock/${SKU}$`));
  if (javaScript) await page.waitForSelector("html[data-hydrated]");
  await page.getByLabel("Units", { exact: true }).fill(String(units));
  await page.locator("#adjust-reason").selectOption("received");
  await page.locator("#adjust-note").fill("Supplier delivery");
  await page.getByRole("button", { name: "Apply change" }).click();
  await expect.poll(() => page.getByTestId("on-hand").first().innerText()).toBe(String(before + units));
  expect(await page.getByRole("status").first().innerText()).toContain(`Received ${units} units of ${SKU}`);
  const latest = page.getByTestId("ledger-row").first();
  expect(await latest.innerText()).toMatch(new RegExp(`Received\\s+\\+${units}[\\s\\S]*Stella Stockist[\\s\\S]*Supplier delivery`));
  // The form is empty again: a second "Apply change" cannot receive the same units twice.
  expect(await page.getByLabel("Units", { exact: true }).inputValue()).toBe("");
  expect(await page.locator("#adjust-note").inputValue()).toBe("");
  return before + units;
}

describe("restocking in the back office, in Chromium", () => {
  it("staff sign in, receive 10 units of the sold-out micro bag, and the shop sells it again", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    await page.goto(shop.url + PRODUCT_PATH);
    await expect.poll(() => addToCart(page).innerText()).toBe("Sold out");
    expect(await addToCart(page).isDisabled()).toBe(true);

    expect(await restock(page, 10, true)).toBe(10);
    expect(await onHand()).toBe(10);

    // The stock and catalog pages pass axe.
    const productId = (() => {
      const db = new Database(shop.databaseFile, { readonly: true });
      const row = db.prepare("SELECT product_id AS id FROM variants WHERE sku = ?").get(SKU) as { id: number };
      db.close();
      return row.id;
    })();
    for (const path of ["/admin/stock", `/admin/stock/${SKU}`, "/admin/stock/ledger", "/admin/stock/import", "/admin/products", "/admin/products/new", `/admin/products/${productId}`]) {
      await page.goto(shop.url + path);
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), path).toEqual([]);
    }

    const shopper = await (await newContext(browser)).newPage();
    await shopper.goto(shop.url + PRODUCT_PATH);
    await shopper.waitForSelector("html[data-hydrated]");
    expect(await addToCart(shopper).innerText()).toBe("Add to cart");
    expect(await addToCart(shopper).isDisabled()).toBe(false);
    await addToCart(shopper).click();
    await expect.poll(async () => Number(await shopper.getByTestId("cart-count").innerText())).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it("works the same with JavaScript disabled", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    // Sold out again (the first test restocked it).
    const db = new Database(shop.databaseFile);
    db.prepare("UPDATE variants SET stock_on_hand = 0 WHERE sku = ?").run(SKU);
    db.close();
    expect(await restock(page, 3, false)).toBe(3);
    expect(await onHand()).toBe(3);
    await page.goto(shop.url + PRODUCT_PATH);
    expect(await addToCart(page).isDisabled()).toBe(false);
    await context.close();
  });
});
