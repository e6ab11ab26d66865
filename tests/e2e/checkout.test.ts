// Paying through the test-payment page, in Chromium: the bundle price reaches
// the order and the stock moves; a declined payment leaves the stock alone.
import Database from "better-sqlite3";
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

function stock(sku: string) {
  const db = new Database(shop.databaseFile, { readonly: true });
  const row = db.prepare("SELECT stock_on_hand AS onHand, stock_held AS held FROM variants WHERE sku = ?").get(sku) as { onHand: number; held: number };
  db.close();
  return row;
}

async function fillCartWithBundle(page: Page) {
  await page.goto(`${shop.url}/products/vegan-leather-city-tote?colour=black`);
  await page.waitForSelector("html[data-hydrated]");
  const charm = page.locator('[data-testid="charm-suggestion"][data-sku="MIC-DUF-LIME"]');
  await charm.getByRole("button", { name: /^Add both – \$/ }).click();
  await expect.poll(async () => Number(await page.getByTestId("cart-count").innerText())).toBe(2);
  await page.goto(`${shop.url}/cart`);
  expect(await page.getByTestId("cart-total").innerText()).toBe("$223.25");
  await page.getByRole("button", { name: "Check out" }).click();
  await page.waitForURL(/\/checkout\/test-payment\?session_id=test_cs_/);
  // The address changes before the new page has rendered; wait for the page itself.
  await page.getByText("Test payment.").waitFor();
}

describe("checkout in Chromium", () => {
  it("pays for a tote and a micro bag at the bundle price; stock goes down by one each", async () => {
    const before = { tote: stock("TOT-VCT-BLACK"), charm: stock("MIC-DUF-LIME") };
    const context = await newContext(browser);
    const page = await context.newPage();
    await fillCartWithBundle(page);
    expect(stock("TOT-VCT-BLACK").held).toBe(before.tote.held + 1);
    await page.getByRole("button", { name: /^Pay/ }).click();
    await page.waitForURL(/\/checkout\/success\?session_id=/);
    expect(await page.getByTestId("order-status").innerText()).toMatch(/paid/);
    expect(await page.getByTestId("order-discount").innerText()).toBe("−$6.75");
    expect(await page.getByTestId("order-total").innerText()).toBe("$223.25");
    expect(await page.getByTestId("order-line").count()).toBe(2);
    expect(stock("TOT-VCT-BLACK")).toEqual({ onHand: before.tote.onHand - 1, held: before.tote.held });
    expect(stock("MIC-DUF-LIME")).toEqual({ onHand: before.charm.onHand - 1, held: before.charm.held });
    expect(Number(await page.getByTestId("cart-count").innerText())).toBe(0);
    await context.close();
  });

  it("a declined payment goes back to the cart with a message; stock unchanged, cart intact", async () => {
    const before = { tote: stock("TOT-VCT-BLACK"), charm: stock("MIC-DUF-LIME") };
    const context = await newContext(browser);
    const page = await context.newPage();
    await fillCartWithBundle(page);
    await page.getByRole("button", { name: "Decline payment" }).click();
    await page.waitForURL(/\/cart$/);
    expect(await page.getByRole("alert").innerText()).toMatch(/declined/);
    expect(await page.getByTestId("cart-line").count()).toBe(2);
    expect(stock("TOT-VCT-BLACK")).toEqual(before.tote);
    expect(stock("MIC-DUF-LIME")).toEqual(before.charm);
    await context.close();
  });
});
