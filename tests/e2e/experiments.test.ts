// Staff create an experiment on the offers page in Chromium and read a finished
// one's result table on the dashboard (seeded with a known $12.00 lift per
// cart); the pages pass axe and do not scroll sideways at 375 px.
import AxeBuilder from "@axe-core/playwright";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedExperimentHistory } from "../fixtures/experiment-history";
import { newContext, screenshotDir } from "../helpers/browser";
import { signIn as signInAs, startE2e, stopE2e, type StaffAccount } from "../helpers/e2e";
import type { RunningShop } from "../helpers/server";

const STAFF: StaffAccount = { email: "erin@toteandcharm.test", password: "staff passphrase for experiments", name: "Erin Staff", role: "staff" };

let shop: RunningShop;
let browser: Browser;
let seededId = 0;

beforeAll(async () => {
  ({ shop, browser } = await startE2e({
    env: { ADMIN_EMAIL: "owner@toteandcharm.test", ADMIN_PASSWORD: "owner passphrase for e2e" },
    staff: [STAFF],
    seed: (sqlite) => {
      seededId = seedExperimentHistory(sqlite, { name: "Spring test", startsAt: Date.UTC(2025, 2, 3), cartsPerArm: 200, lift: true, prefix: "e2e" }).experimentId;
    },
  }));
});

afterAll(() => stopE2e({ shop, browser }));

function signIn(page: Page) {
  return signInAs(page, shop, STAFF, { from: "/admin/offers" });
}

async function noSideScroll(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}

describe("experiments in Chromium", () => {
  it("staff create an experiment, are refused a bad one, and read the result table", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.setDefaultTimeout(20_000);
    await signIn(page);

    const stop = new Date(Date.now() + 21 * 24 * 60 * 60 * 1000).toISOString().slice(0, 16);
    const form = page.getByRole("form", { name: "New experiment" });
    await form.getByLabel("Name", { exact: true }).fill("Ten against fifteen");
    await form.getByLabel("Stop (UTC time)").fill(stop);
    // Shares 20 + 40 + 30: refused, with the message, nothing saved.
    await form.getByLabel("Arm C share of carts (%)").fill("30");
    await form.getByRole("button", { name: "Save experiment" }).click();
    await expect.poll(() => page.getByTestId("experiment-error").textContent()).toContain("add up to 90 %");
    expect(await page.getByTestId("experiment-row").count()).toBe(1);

    await page.getByRole("form", { name: "New experiment" }).getByLabel("Arm C share of carts (%)").fill("40");
    await page.getByRole("form", { name: "New experiment" }).getByRole("button", { name: "Save experiment" }).click();
    await expect.poll(() => page.getByTestId("admin-notice").textContent()).toContain('"Ten against fifteen" is saved: 3 arms');
    expect(await page.getByTestId("experiment-row").count()).toBe(2);
    expect(await page.getByTestId("experiment-row").first().innerText()).toContain("Running");
    const axeOffers = await new AxeBuilder({ page }).analyze();
    expect(axeOffers.violations.map((v) => v.id)).toEqual([]);

    // The finished experiment's results on the dashboard.
    await page.goto(`${shop.url}/admin`);
    await page.waitForSelector("html[data-hydrated]");
    expect(await page.getByTestId("experiment-results").locator("h2").textContent()).toBe("Experiment: Ten against fifteen");
    await page.getByLabel("Experiment", { exact: true }).selectOption(String(seededId));
    await page.getByRole("form", { name: "Choose an experiment" }).getByRole("button", { name: "Show" }).click();
    await page.waitForURL(new RegExp(`experiment=${seededId}`));
    await expect.poll(() => page.getByTestId("experiment-results").locator("h2").textContent()).toBe("Experiment: Spring test");
    const rows = await page.getByTestId("experiment-arm-row").allInnerTexts();
    expect(rows.map((r) => r.split("\t").map((c) => c.trim().replace(/\s+/g, " ")))).toEqual([
      ["No suggestions (control) No suggestions", "200", "100", "50.0 %", "$100.00", "0.0 %", "$0.00", "$50.00"],
      ["Suggestions Suggestions, offers as set", "200", "100", "50.0 %", "$124.00", "60.0 %", "$2,400.00", "$62.00"],
    ]);
    expect(await page.getByTestId("experiment-verdict").innerText()).toMatch(/^Suggestions adds \$\d+\.\d\d–\$\d+\.\d\d per cart compared with No suggestions\.$/);
    expect(await page.getByTestId("revenue-difference").innerText()).toContain("+$12.00");
    expect(await page.getByTestId("attribution-explanation").innerText()).toContain("only it measures what the suggestions added");
    expect(await page.locator('[data-testid="experiment-chart"] [data-testid="experiment-band"]').count()).toBe(2);
    expect(await page.getByTestId("experiment-weekly-table").locator("tbody tr").count()).toBe(8);
    const axeDashboard = await new AxeBuilder({ page }).include('[data-testid="experiment-results"]').analyze();
    expect(axeDashboard.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    await page.screenshot({ path: path.join(screenshotDir(), "experiment-dashboard-1280.png"), fullPage: true });

    await page.setViewportSize({ width: 375, height: 800 });
    expect(await noSideScroll(page)).toBe(true);
    await page.screenshot({ path: path.join(screenshotDir(), "experiment-dashboard-375.png"), fullPage: true });
    await page.goto(`${shop.url}/admin/offers`);
    expect(await noSideScroll(page)).toBe(true);
    await page.screenshot({ path: path.join(screenshotDir(), "experiment-offers-375.png"), fullPage: true });

    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
