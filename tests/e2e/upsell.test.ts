// A shopper takes the lime micro bag suggested on a black tote, in Chromium.
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

async function takeLimeCharm(page: Page, javaScript: boolean) {
  await page.goto(`${shop.url}/products/canvas-market-tote?colour=black`);
  if (javaScript) await page.waitForSelector("html[data-hydrated]");
  const section = page.getByRole("region", { name: "Complete it with a micro bag" });
  const lime = section.locator('[data-testid="charm-suggestion"][data-sku="MIC-DUF-LIME"]');
  expect(await lime.count()).toBe(1);
  expect(await lime.innerText()).toContain("Pops against black");
  expect(await lime.locator(".price-now").innerText()).toBe("$38.25");
  expect(await lime.locator(".price-was").innerText()).toContain("$45.00");
  // The preview shows a charm hanging on this tote.
  expect(await page.locator(".upsell-preview img").getAttribute("src")).toMatch(/^\/previews\/TOT-CMK-BLACK\//);
  await lime.getByRole("button", { name: /^Add both – \$/ }).click();
  if (javaScript) {
    await expect.poll(() => lime.locator(".charm-added").count()).toBe(1);
    await expect.poll(async () => Number(await page.getByTestId("cart-count").innerText())).toBe(2);
    await page.goto(`${shop.url}/cart`);
  } else {
    await page.waitForURL(/\/cart$/);
  }
}

async function checkCartThenRemoveTote(page: Page) {
  const skus = await page.getByTestId("cart-line").evaluateAll((els) => els.map((e) => e.getAttribute("data-sku")));
  expect(skus).toEqual(["TOT-CMK-BLACK", "MIC-DUF-LIME"]);
  expect(await page.getByTestId("bundle-discount").innerText()).toBe("−$6.75");
  expect(await page.getByText("Bundle: 15% off Lime Micro Duffle with Black Canvas Market Tote").count()).toBe(1);
  expect(await page.getByTestId("cart-subtotal").innerText()).toBe("$165.00");
  expect(await page.getByTestId("cart-total").innerText()).toBe("$158.25");

  await page.getByRole("button", { name: "Remove Canvas Market Tote (Black)" }).click();
  await expect.poll(() => page.getByTestId("cart-line").count()).toBe(1);
  await expect.poll(() => page.getByTestId("bundle-discount").count()).toBe(0);
  await expect.poll(() => page.getByTestId("cart-total").innerText()).toBe("$45.00");
}

describe("bundle upsell in Chromium", () => {
  it("black tote → lime micro bag suggestion → cart with the bundle line → remove the tote", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await takeLimeCharm(page, true);
    await checkCartThenRemoveTote(page);
    await context.close();
  });

  it("works the same with JavaScript disabled", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await takeLimeCharm(page, false);
    await checkCartThenRemoveTote(page);
    await context.close();
  });
});
