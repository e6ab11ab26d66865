// A staff member signs in, in Chromium, and reads the dashboard for three
// weeks of seeded history: the figures, and the weekly attach-rate chart as an
// SVG with one point per week; then refunds part of an order with JavaScript off.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HISTORY_RANGE, HISTORY_WEEKS, seedUpsellHistory } from "../fixtures/upsell-history";
import { newContext } from "../helpers/browser";
import { signIn as signInAs, startE2e, stopE2e, type StaffAccount } from "../helpers/e2e";
import type { RunningShop } from "../helpers/server";

const STAFF: StaffAccount = { email: "sam@toteandcharm.test", password: "staff passphrase for e2e", name: "Sam Staff", role: "staff" };

let shop: RunningShop;
let browser: Browser;

beforeAll(async () => {
  ({ shop, browser } = await startE2e({
    env: { ADMIN_EMAIL: "owner@toteandcharm.test", ADMIN_PASSWORD: "owner passphrase for e2e" },
    staff: [STAFF],
    seed: (sqlite) => seedUpsellHistory(sqlite),
  }));
});

afterAll(() => stopE2e({ shop, browser }));

async function signIn(page: Page, javaScript: boolean) {
  await signInAs(page, shop, STAFF, { javaScript });
  expect(await page.getByTestId("admin-staff-role").textContent()).toBe("Staff");
}

const stat = (page: Page, id: string) => page.getByTestId(id).locator("dd").innerText();

describe("the back-office dashboard in Chromium", () => {
  it("staff sign in, choose the dates and see the figures and the weekly attach-rate chart, with no console errors", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await signIn(page, true);

    const nav = page.getByRole("navigation", { name: "Back office" });
    expect(await nav.getByRole("link", { name: "Offers" }).count()).toBe(1);
    expect(await nav.getByRole("link", { name: "Orders" }).count()).toBe(1);
    expect(await nav.getByRole("link", { name: "Staff", exact: true }).count()).toBe(0);
    // The default range (the last 30 days) renders the chart too, empty.
    expect(await page.getByTestId("attach-chart").count()).toBe(1);

    await page.getByLabel("From").fill(HISTORY_RANGE.from);
    await page.getByLabel("To (included)").fill(HISTORY_RANGE.to);
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(`${shop.url}/admin?from=${HISTORY_RANGE.from}&to=${HISTORY_RANGE.to}`);
    await expect.poll(() => page.getByTestId("chart-point").count()).toBe(3);

    const chart = page.locator('svg[data-testid="attach-chart"]');
    expect(await chart.getAttribute("role")).toBe("img");
    expect(await chart.locator("title").first().textContent()).toBe("Attach rate by week");
    expect(await chart.locator("desc").textContent()).toContain("3 of 3 weeks had paid tote orders");
    expect(await chart.locator("path.chart-line").count()).toBe(1);
    const weeks = await page.getByTestId("chart-point").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-week"))));
    expect(weeks).toEqual(HISTORY_WEEKS);
    // Higher rate, higher point: 50 %, 66.7 %, 100 %.
    const ys = await page.getByTestId("chart-point").evaluateAll((els) => els.map((e) => Number(e.getAttribute("cy"))));
    expect(ys[0]).toBeGreaterThan(ys[1]!);
    expect(ys[1]).toBeGreaterThan(ys[2]!);
    expect(await page.getByTestId("chart-point").first().locator("title").textContent()).toBe(
      "Week of Jan 5: 50.0 % (1 of 2 tote orders with a micro bag)",
    );
    const table = await page.getByTestId("weekly-table").locator("tbody tr").allInnerTexts();
    expect(table.map((r) => r.split("\t").map((c) => c.trim()))).toEqual([
      ["Jan 5", "2", "1", "50.0 %"],
      ["Jan 12", "3", "2", "66.7 %"],
      ["Jan 19", "1", "1", "100.0 %"],
    ]);

    expect(await stat(page, "stat-impressions")).toBe("12");
    expect(await stat(page, "stat-adds")).toBe("4");
    expect(await stat(page, "stat-add-rate")).toBe("33.3 %");
    expect(await stat(page, "stat-attach-rate")).toContain("66.7 %");
    expect(await stat(page, "stat-aov-with")).toContain("$176.19");
    expect(await stat(page, "stat-aov-without")).toContain("$197.50");
    expect(await stat(page, "stat-addon-revenue")).toContain("$194.75");
    expect(await page.getByTestId("holdout-difference").innerText()).toContain("$51.05 less");
    expect(await stat(page, "stat-holdout-held")).toContain("average of 2 orders");
    const placements = await page.locator('[data-testid="rate-row"][data-key="cart"]').innerText();
    expect(placements.split("\t").map((c) => c.trim())).toEqual(["Cart", "4", "2", "50.0 %"]);

    expect(errors).toEqual([]);
    await context.close();
  });

  it("works without JavaScript: the date form, and a partial refund from an order's page", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, false);
    await page.getByLabel("From").fill(HISTORY_RANGE.from);
    await page.getByLabel("To (included)").fill(HISTORY_RANGE.to);
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/from=2026-01-05/);
    expect(await page.getByTestId("chart-point").count()).toBe(3);

    await page.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Orders" }).click();
    await page.getByLabel("Order number, email or name").fill("history1@");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/q=history1%40/);
    const rows = page.getByTestId("order-row");
    expect(await rows.count()).toBe(1);
    await rows.getByRole("link").click();
    await page.waitForURL(/\/admin\/orders\/TC-/);
    expect(await page.getByTestId("order-total").innerText()).toBe("$185.00");

    await page.getByLabel("An amount:").check();
    await page.getByLabel("Amount ($)").fill("10");
    await page.getByLabel("Note (optional)").fill("Late delivery");
    await page.getByRole("button", { name: "Refund" }).click();
    // The confirmation step, then the refund.
    expect(await page.getByTestId("confirm-question").innerText()).toBe("Refund $10.00 (a test payment: recorded here, no money moves)?");
    expect(await page.getByTestId("order-refunded").innerText()).toBe("$0.00");
    await page.getByRole("button", { name: "Yes, refund $10.00" }).click();
    await page.waitForURL(/\/admin\/orders\/TC-/);
    expect(await page.getByTestId("admin-notice").innerText()).toBe("Refunded $10.00.");
    expect(await page.getByTestId("order-status").innerText()).toBe("Partly refunded");
    expect(await page.getByTestId("order-refunded").innerText()).toBe("$10.00");
    expect(await page.getByTestId("refund-remaining").innerText()).toBe("$175.00");
    expect(await page.getByTestId("refund-row").innerText()).toContain("Sam Staff");

    // Too much: a message next to the amount, nothing refunded.
    await page.getByLabel("An amount:").check();
    await page.getByLabel("Amount ($)").fill("175.01");
    await page.getByRole("button", { name: "Refund" }).click();
    expect(await page.locator("#amount-error").innerText()).toBe("You can refund at most $175.00.");
    expect(await page.getByTestId("order-refunded").innerText()).toBe("$10.00");
    await context.close();
  });

  it("with JavaScript, the refund form is empty again after a refund, so a second click cannot repeat it", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, true);
    await page.goto(`${shop.url}/admin/orders?q=history3%40`);
    await page.getByTestId("order-row").getByRole("link").first().click();
    await page.waitForURL(/\/admin\/orders\/TC-/);
    await page.waitForSelector("html[data-hydrated]");
    await page.getByLabel("An amount:").check();
    await page.getByLabel("Amount ($)").fill("20");
    await page.getByLabel("Note (optional)").fill("Scuffed");
    await page.getByRole("button", { name: "Refund" }).click();
    await page.getByRole("button", { name: "Yes, refund $20.00" }).click();
    await expect.poll(() => page.getByTestId("admin-notice").innerText()).toBe("Refunded $20.00.");
    expect(await page.getByTestId("order-refunded").innerText()).toBe("$20.00");
    // The form is the page's new, empty one: no amount, no note, the default choice.
    expect(await page.getByLabel("Amount ($)").inputValue()).toBe("");
    expect(await page.getByLabel("Note (optional)").inputValue()).toBe("");
    expect(await page.getByLabel("An amount:").isChecked()).toBe(false);
    await context.close();
  });
});
