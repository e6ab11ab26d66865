// The set-up every browser test shares: the shop started from the production
// build, staff accounts (and any other rows) written next to it, Chromium
// launched; and a staff sign-in through the real form.
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { hashPassword } from "~/utils/password.server";
import { launchBrowser } from "./browser";
import { startShop, type RunningShop } from "./server";

export type StaffAccount = { email: string; password: string; name: string; role: "owner" | "staff" };

export type E2e = { shop: RunningShop; browser: Browser };

export type E2eOptions = {
  env?: Record<string, string>;
  /** Accounts to create before the browser opens. */
  staff?: StaffAccount[];
  /** Rows to write next to the running shop (WAL lets both in); `staffIds` by email. */
  seed?: (sqlite: Database.Database, staffIds: Record<string, number>) => void;
};

/** Start the shop, write the staff accounts and seed rows, then launch Chromium. */
export async function startE2e(options: E2eOptions = {}): Promise<E2e> {
  const shop = await startShop({ env: options.env });
  try {
    if (options.staff?.length || options.seed) {
      const hashes = await Promise.all((options.staff ?? []).map((s) => hashPassword(s.password)));
      const sqlite = new Database(shop.databaseFile);
      try {
        sqlite.pragma("busy_timeout = 5000");
        const now = Date.now();
        const insert = sqlite.prepare("INSERT INTO staff (email, name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)");
        const staffIds: Record<string, number> = {};
        (options.staff ?? []).forEach((s, i) => {
          staffIds[s.email] = Number(insert.run(s.email, s.name, s.role, hashes[i], now, now).lastInsertRowid);
        });
        options.seed?.(sqlite, staffIds);
      } finally {
        sqlite.close();
      }
    }
    return { shop, browser: await launchBrowser() };
  } catch (error) {
    await shop.stop();
    throw error;
  }
}

/** For afterAll: safe when start-up failed half-way (either may be undefined). */
export async function stopE2e(e2e: Partial<E2e>) {
  await e2e.browser?.close();
  await e2e.shop?.stop();
}

/**
 * Sign in as `account` the way staff do: open `from` (an admin path, with its
 * query), get sent to the sign-in form, sign in, and land back on `from`
 * (on /admin when `from` is the sign-in page itself).
 */
export async function signIn(page: Page, shop: RunningShop, account: Pick<StaffAccount, "email" | "password">, options: { from?: string; javaScript?: boolean } = {}) {
  const from = options.from ?? "/admin";
  await page.goto(shop.url + from);
  if (from !== "/admin/login") {
    await page.waitForURL((url) => url.pathname === "/admin/login" && url.searchParams.get("returnTo") === from);
  }
  // With JavaScript, the form is used once hydrated (a click before that may be lost).
  if (options.javaScript ?? true) await page.waitForSelector("html[data-hydrated]");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const landing = from === "/admin/login" ? "/admin" : from;
  await page.waitForURL((url) => url.pathname + url.search === landing);
  // The URL changes before the new page is drawn: wait for the back office's own header.
  await page.locator("header.admin-bar a.admin-brand").waitFor();
}
