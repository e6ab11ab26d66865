// A refund in Chromium at phone (375 px) and desktop (1280 px) widths: the
// form asks for confirmation, saying exactly what will happen, before any
// money moves; "Yes" refunds once and the form is empty again. The page never
// scrolls sideways, and the confirmation step passes axe.
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUpsellHistory } from "../fixtures/upsell-history";
import { newContext, screenshotDir } from "../helpers/browser";
import { signIn, startE2e, stopE2e } from "../helpers/e2e";
import type { RunningShop } from "../helpers/server";

const OWNER = { email: "owner@toteandcharm.test", password: "owner passphrase for e2e" };

let shop: RunningShop;
let browser: Browser;

beforeAll(async () => {
  // The owner comes from ADMIN_EMAIL/ADMIN_PASSWORD, as on a fresh install.
  ({ shop, browser } = await startE2e({ env: { ADMIN_EMAIL: OWNER.email, ADMIN_PASSWORD: OWNER.password }, seed: (sqlite) => seedUpsellHistory(sqlite) }));
});

afterAll(() => stopE2e({ shop, browser }));

describe("a refund with confirmation in Chromium", () => {
  for (const [width, email] of [[375, "history2@"], [1280, "history4@"]] as const) {
    it(`at ${width} px: asks first, refunds once, and the form starts empty again`, async () => {
      const context = await newContext(browser, { width });
      const page = await context.newPage();
      await signIn(page, shop, OWNER, { from: `/admin/orders?q=${encodeURIComponent(email)}` });
      await page.getByTestId("order-row").getByRole("link").first().click();
      await page.waitForURL(/\/admin\/orders\/TC-/);
      await page.waitForSelector("html[data-hydrated]");

      await page.getByLabel("An amount:").check();
      await page.getByLabel("Amount ($)").fill("20");
      await page.getByRole("button", { name: "Refund", exact: true }).click();
      const question = page.getByTestId("confirm-question");
      await question.waitFor();
      expect(await question.innerText()).toBe("Refund $20.00 (a test payment: recorded here, no money moves)?");
      expect(await page.getByTestId("order-refunded").innerText()).toBe("$0.00");
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.screenshot({ path: path.join(screenshotDir(), `refund-confirm-${width}.png`), fullPage: false });
      const axe = await new AxeBuilder({ page }).analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

      await page.getByRole("button", { name: "Yes, refund $20.00" }).click();
      await expect.poll(() => page.getByTestId("admin-notice").innerText()).toBe("Refunded $20.00.");
      expect(await page.getByTestId("order-refunded").innerText()).toBe("$20.00");
      expect(await page.getByTestId("refund-row").count()).toBe(1);
      expect(await page.getByLabel("Amount ($)").inputValue()).toBe("");
      expect(await page.getByTestId("confirm-step").count()).toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await context.close();
    }, 120_000);
  }
});
