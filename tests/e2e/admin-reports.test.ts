// The sales, customers and audit pages (and the orders list's new filters) in
// Chromium at 375 and 1280 px: axe finds nothing, the page never scrolls
// sideways, the sales chart has a point per day, and the figures render as money.
import AxeBuilder from "@axe-core/playwright";
import type Database from "better-sqlite3";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newContext, screenshotDir } from "../helpers/browser";
import { signIn as signInAs, startE2e, stopE2e, type StaffAccount } from "../helpers/e2e";
import type { RunningShop } from "../helpers/server";

const OWNER: StaffAccount = { email: "olive@toteandcharm.test", password: "owner passphrase for reports e2e", name: "Olive Owner", role: "owner" };

let shop: RunningShop;
let browser: Browser;

beforeAll(async () => {
  ({ shop, browser } = await startE2e({ staff: [OWNER], seed }));
});

/** A dozen paid orders over three weeks, one partly refunded, and a price change in the audit log. */
function seed(sqlite: Database.Database, staffIds: Record<string, number>) {
  const now = Date.now();
  const variant = sqlite.prepare("SELECT v.id, v.sku, v.colour_name, v.image_url, p.id AS product_id, p.name, p.kind FROM variants v JOIN products p ON p.id = v.product_id LIMIT 1").get() as any;
  const insertOrder = sqlite.prepare(
    `INSERT INTO orders (number, status, currency, subtotal_cents, discount_cents, total_cents, refunded_cents, customer_email, customer_name, payment_mode, hold_expires_at, paid_at, shipping_cents, created_at, updated_at)
     VALUES (?, ?, 'usd', ?, ?, ?, ?, ?, ?, 'test', ?, ?, ?, ?, ?)`,
  );
  const insertLine = sqlite.prepare(
    `INSERT INTO order_lines (order_id, variant_id, product_id, product_kind, product_name, sku, colour_name, image_url, quantity, unit_price_cents, discount_cents, line_total_cents)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
  );
  const people = [
    ["ada.lovelace@example.com", "Ada Lovelace"],
    ["grace.hopper@example.org", "Grace Hopper"],
    ["a.very.long.email.address.for.testing@subdomain.example.com", "Maximiliana Wolkenstein-Trostberg"],
  ];
  for (let i = 0; i < 12; i += 1) {
    const paidAt = now - (i * 2 + 1) * 86_400_000;
    const [email, name] = people[i % people.length]!;
    const refunded = i === 3 ? 2000 : 0;
    const number = `TC-RPT${"23456789ABCDEFGH"[i]}2${"2345"[i % 4]}`;
    const o = insertOrder.run(number, refunded ? "partially_refunded" : "paid", 9000, 500, 9300, refunded, email, name, paidAt, paidAt, 800, paidAt - 60_000, paidAt);
    insertLine.run(o.lastInsertRowid, variant.id, variant.product_id, variant.kind, variant.name, variant.sku, variant.colour_name, variant.image_url, 2, 4500, 8500);
    if (refunded) sqlite.prepare("INSERT INTO refunds (id, order_id, amount_cents, status, created_at, updated_at) VALUES (?, ?, ?, 'succeeded', ?, ?)").run(`re_${i}`, o.lastInsertRowid, refunded, paidAt + 1000, paidAt + 1000);
  }
  sqlite
    .prepare("INSERT INTO audit_log (staff_id, action, entity_type, entity_id, before, after, created_at) VALUES (?, 'variant.update', 'variant', ?, ?, ?, ?)")
    .run(staffIds[OWNER.email], variant.id, JSON.stringify({ productId: variant.product_id, sku: variant.sku, colourName: variant.colour_name, priceCents: 4650 }), JSON.stringify({ productId: variant.product_id, sku: variant.sku, colourName: variant.colour_name, priceCents: 100 }), now - 1000);
}

afterAll(() => stopE2e({ shop, browser }));

function signIn(page: Page) {
  return signInAs(page, shop, OWNER, { from: "/admin/sales" });
}

describe("the report pages in Chromium", () => {
  // One test a width; eight axe runs each, generous so a busy machine cannot fail it (speed belongs in the bench).
  it.each([1280, 375])("pass axe and fit the screen at %i px", async (width) => {
    {
      const context = await newContext(browser, { width });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await signIn(page);
      await page.goto(`${shop.url}/admin/sales`);
      await page.waitForSelector('[data-testid="sales-chart"]');
      // The last 30 days by day: a point per day, money as money.
      expect(await page.getByTestId("sales-chart-point").count()).toBe(30);
      expect(await page.getByTestId("sales-orders").locator("dd").innerText()).toMatch(/^12\b/);
      expect(await page.getByTestId("sales-netCents").locator("dd").innerText()).toMatch(/^\$1,000\.00/); // 12 × $85.00 − $20.00
      for (const p of ["/admin/sales", "/admin/sales?grain=week", "/admin/customers", "/admin/customers?q=hopper", `/admin/customers/${encodeURIComponent("ada.lovelace@example.com")}`, "/admin/audit", "/admin/orders?q=lovelace&from=2020-01-01"]) {
        await page.goto(shop.url + p);
        const results = await new AxeBuilder({ page }).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), `${p} at ${width}`).toEqual([]);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${p} at ${width}`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: path.join(screenshotDir(), `reports-${p.replace(/[^a-z0-9]+/gi, "-")}-${width}.png`), fullPage: true });
      }
      await page.goto(`${shop.url}/admin/customers?q=hopper`);
      expect(await page.getByTestId("customer-row").count()).toBe(1);
      await page.goto(`${shop.url}/admin/audit`);
      expect(await page.getByTestId("audit-summary").first().innerText()).toMatch(/^Changed the price of .+ from \$46\.50 to \$1\.00\.$/);
      expect(errors).toEqual([]);
      await context.close();
    }
  }, 400_000);
});
