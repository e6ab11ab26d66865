// Staff passwords in Chromium at 375 and 1280 px: an owner makes a one-time
// reset link for a staff member, who opens it, sets a new password and signs in
// with it; a signed-in staff member changes their own password on their account
// page. axe finds nothing on either page, nothing is wider than the screen.
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OWNER } from "../helpers/admin";
import { newContext, screenshotDir } from "../helpers/browser";
import { startE2e, stopE2e } from "../helpers/e2e";
import type { RunningShop } from "../helpers/server";

let shop: RunningShop;
let browser: Browser;

beforeAll(async () => {
  // Password hashing waits for a turn on a busy machine rather than refusing.
  ({ shop, browser } = await startE2e({ env: { ADMIN_EMAIL: OWNER.email, ADMIN_PASSWORD: OWNER.password, SIGN_IN_QUEUE_WAIT_MS: "60000" } }));
});

afterAll(() => stopE2e({ shop, browser }));

async function signIn(page: Page, email: string, password: string) {
  await page.goto(shop.url + "/admin/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/admin") && url.pathname !== "/admin/login");
}

/** As the owner, on the staff page: a new staff member. */
async function addStaff(page: Page, name: string, email: string, password: string) {
  await page.goto(shop.url + "/admin/staff");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Initial password").fill(password);
  await page.getByRole("button", { name: "Add staff member" }).click();
  await page.getByTestId("staff-row").filter({ hasText: email }).waitFor();
}

/** axe, sideways scroll and a screenshot of the page as it is now. */
async function lookAt(page: Page, name: string, width: number) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(screenshotDir(), `${name}-${width}.png`), fullPage: true });
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `${name} at ${width}px`).toEqual([]);
}

describe("staff passwords in Chromium", () => {
  it("an owner's one-time reset link: the staff member sets a new password and signs in with it", async () => {
    const ownerContext = await newContext(browser);
    const owner = await ownerContext.newPage();
    await signIn(owner, OWNER.email, OWNER.password);
    await addStaff(owner, "Pat Packer", "pat@shop.test", "pat's first passphrase");

    const row = owner.getByTestId("staff-row").filter({ hasText: "pat@shop.test" });
    await row.getByRole("button", { name: "Make a password reset link for Pat Packer" }).click();
    await owner.getByTestId("confirm-question").waitFor();
    await owner.getByTestId("confirm-yes").click();
    const link = await owner.getByTestId("reset-link-url").inputValue();
    expect(new URL(link).pathname).toMatch(/^\/admin\/reset-password\/[A-Za-z0-9_-]{43}$/);
    await ownerContext.close();

    // Looked at on a phone and a desktop; set from the desktop (the link works once).
    for (const width of [375, 1280]) {
      const context = await newContext(browser, { width });
      const page = await context.newPage();
      await page.goto(shop.url + new URL(link).pathname);
      await page.waitForSelector("html[data-hydrated]");
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Choose a new password");
      await lookAt(page, "reset-password", width);
      if (width === 1280) {
        await page.getByLabel(/^New password \(at least/).fill("pat's second passphrase");
        await page.getByLabel("New password again").fill("pat's second passphrase");
        await page.getByRole("button", { name: "Set my new password" }).click();
        await page.waitForURL(/\/admin\/login$/);
        await page.getByText("Your new password is set. Sign in with it.").waitFor();
        await signIn(page, "pat@shop.test", "pat's second passphrase");
        expect(new URL(page.url()).pathname).not.toBe("/admin/login");
      }
      await context.close();
    }
  }, 300_000);

  it("a signed-in staff member changes their own password on their account page", async () => {
    const ownerContext = await newContext(browser);
    const owner = await ownerContext.newPage();
    await signIn(owner, OWNER.email, OWNER.password);
    await addStaff(owner, "Sue Support", "sue@shop.test", "sue's first passphrase");
    await ownerContext.close();

    for (const width of [375, 1280]) {
      const context = await newContext(browser, { width });
      const page = await context.newPage();
      await signIn(page, "sue@shop.test", width === 375 ? "sue's first passphrase" : "sue's second passphrase");
      await page.goto(shop.url + "/admin/account");
      await page.waitForSelector("html[data-hydrated]");
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Your account");
      await lookAt(page, "account", width);
      // The phone changes it; the desktop signs in with the new one and looks at the page again.
      if (width === 375) {
        await page.getByLabel("Current password").fill("sue's first passphrase");
        await page.getByLabel("New password", { exact: true }).fill("sue's second passphrase");
        await page.getByLabel("New password again").fill("sue's second passphrase");
        await page.getByRole("button", { name: "Change password" }).click();
        await page.getByText("Your password is changed.").waitFor();
        // The form does not keep the passwords once the change is made.
        await page.waitForFunction(() => {
          const fields = [...document.querySelectorAll<HTMLInputElement>("main input[type=password]")];
          return fields.length === 3 && fields.every((f) => f.value === "");
        });
        await lookAt(page, "account-changed", width);
      }
      await context.close();
    }
  }, 300_000);
});
