// A staff member ships an order in Chromium: opens "To ship", opens the
// packing slip (printed without the navigation), ships with a tracking number;
// the shopper's order page then shows the tracking link. With and without
// JavaScript.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newContext } from "../helpers/browser";
import { signIn as signInAs, startE2e, stopE2e, type StaffAccount } from "../helpers/e2e";
import { HttpShopper } from "../helpers/http-shopper";
import type { RunningShop } from "../helpers/server";

const STAFF: StaffAccount = { email: "packer@toteandcharm.test", password: "packing passphrase for e2e", name: "Pat Packer", role: "staff" };
const SKU = "MIC-BOX-EMERALD";

let shop: RunningShop;
let browser: Browser;

beforeAll(async () => {
  ({ shop, browser } = await startE2e({ staff: [STAFF] }));
});

afterAll(() => stopE2e({ shop, browser }));

/** A paid test-payment order bought over HTTP; returns its number and the order page link from the thank-you page. */
async function buy(): Promise<{ number: string; orderPage: string }> {
  const s = new HttpShopper(shop.url);
  expect((await s.post("/cart", { intent: "add", sku: SKU, quantity: "1" })).status).toBe(303);
  const started = await s.post("/checkout", {});
  const session = new URL(started.headers.get("Location") ?? "/", shop.url).searchParams.get("session_id")!;
  const pay = await s.post("/checkout/test-payment", {
    intent: "pay",
    session_id: session,
    email: "shopper@example.com",
    name: "Ada Shopper",
    line1: "1 Analytical Way",
    city: "London",
    postal_code: "N1 9GU",
    country: "GB",
  });
  expect(pay.status).toBe(303);
  const thanks = await (await s.get(new URL(pay.headers.get("Location")!, shop.url).pathname + new URL(pay.headers.get("Location")!, shop.url).search)).text();
  expect(thanks).toContain("A confirmation is on its way to shopper@example.com");
  const link = /href="(\/orders\/(TC-[A-Z0-9]{6})\?key=[A-Za-z0-9_-]+)"/.exec(thanks);
  expect(link).not.toBeNull();
  return { number: link![2]!, orderPage: link![1]! };
}

function signIn(page: Page, javaScript: boolean) {
  return signInAs(page, shop, STAFF, { from: "/admin/orders", javaScript });
}

async function shipFlow(javaScript: boolean) {
  const order = await buy();
  const context = await newContext(browser, { javaScriptEnabled: javaScript });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));

  // "To ship" is where the orders page opens, with the count in the navigation.
  await signIn(page, javaScript);
  await page.getByRole("heading", { name: "Orders" }).waitFor();
  const row = page.locator(`[data-testid="order-row"][data-number="${order.number}"]`);
  await row.waitFor();
  expect(Number(await page.getByTestId("nav-to-ship").innerText().then((t) => t.replace(/\D/g, "")))).toBeGreaterThan(0);

  // The packing slip, and how it prints: no navigation.
  await row.getByRole("link", { name: /Packing slip/ }).click();
  await page.waitForURL(`${shop.url}/admin/orders/${order.number}/packing-slip`);
  const slip = page.getByTestId("packing-slip");
  expect(await slip.innerText()).toContain("Ada Shopper");
  expect(await slip.locator(`[data-testid="slip-line"][data-sku="${SKU}"] [data-testid="slip-to-pack"]`).innerText()).toBe("1");
  expect(await page.locator(".admin-bar").isVisible()).toBe(true);
  await page.emulateMedia({ media: "print" });
  expect(await page.locator(".admin-bar").isVisible()).toBe(false);
  expect(await page.locator(".site-header").isVisible()).toBe(false);
  expect(await slip.isVisible()).toBe(true);
  await page.emulateMedia({ media: "screen" });

  // Ship it from the order's page.
  await page.getByRole("link", { name: `← Order ${order.number}` }).click();
  await page.waitForURL(`${shop.url}/admin/orders/${order.number}`);
  if (javaScript) await page.waitForSelector("html[data-hydrated]");
  const form = page.getByTestId("shipment-form");
  await form.getByLabel("Carrier").selectOption("royal_mail");
  await form.getByLabel("Tracking number").fill("AB 1234 5678 9GB");
  await form.getByRole("button", { name: "Create shipment" }).click();
  await page.getByTestId("admin-notice").filter({ hasText: "Shipment created" }).waitFor();
  expect(await page.getByTestId("fulfilment-status").innerText()).toBe("Shipped");
  expect(await page.getByTestId("shipment-tracking").innerText()).toBe("AB 1234 5678 9GB");

  // Off the To-ship list.
  await page.goto(`${shop.url}/admin/orders`);
  expect(await page.locator(`[data-testid="order-row"][data-number="${order.number}"]`).count()).toBe(0);

  // The shopper's order page shows the tracking link.
  const shopper = await context.newPage();
  const res = await shopper.goto(shop.url + order.orderPage);
  expect(res!.status()).toBe(200);
  expect(res!.headers()["referrer-policy"]).toBe("no-referrer");
  expect(res!.headers()["cache-control"]).toBe("private, no-store");
  expect(await shopper.getByTestId("order-state").innerText()).toContain("Shipped");
  expect(await shopper.getByTestId("tracking-link").getAttribute("href")).toBe(
    "https://www.royalmail.com/track-your-item#/tracking-results/AB%201234%205678%209GB",
  );
  expect(await shopper.getByText("Questions? Reply to your confirmation email.").count()).toBe(1);
  expect(await shopper.locator('meta[name="robots"]').getAttribute("content")).toBe("noindex");
  // A wrong key is the same 404 as an unknown order.
  const wrong = await shopper.goto(`${shop.url}/orders/${order.number}?key=wrong`);
  const wrongBody = await shopper.locator("main").innerText();
  const unknown = await shopper.goto(`${shop.url}/orders/TC-ZZZZZZ?key=wrong`);
  expect([wrong!.status(), unknown!.status()]).toEqual([404, 404]);
  expect(await shopper.locator("main").innerText()).toBe(wrongBody);

  expect(errors).toEqual([]);
  await context.close();
}

describe("shipping an order in Chromium", () => {
  it("staff open To ship, print a packing slip, ship with tracking; the shopper sees the tracking link", async () => {
    await shipFlow(true);
  });

  it("the same without JavaScript", async () => {
    await shipFlow(false);
  });

  it("the packing slip and pick list fit a 375 px screen", async () => {
    const order = await buy();
    const context = await newContext(browser, { width: 375 });
    const page = await context.newPage();
    await signIn(page, true);
    await page.locator(`#pick-${order.number}`).check();
    await page.getByRole("button", { name: "Pick list for the ticked orders" }).click();
    await page.waitForURL(`${shop.url}/admin/orders/pick-list?order=${order.number}`);
    expect(await page.locator(`[data-testid="pick-line"][data-sku="${SKU}"] [data-testid="pick-quantity"]`).innerText()).toBe("1");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    // Printed: the pick list and each slip on a page of their own.
    await page.emulateMedia({ media: "print" });
    expect(await page.getByTestId("pick-list").evaluate((el) => getComputedStyle(el).breakAfter)).toBe("page");
    await page.emulateMedia({ media: "screen" });
    await page.goto(`${shop.url}/admin/orders/${order.number}/packing-slip`);
    await page.getByTestId("packing-slip").waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await context.close();
  });
});
