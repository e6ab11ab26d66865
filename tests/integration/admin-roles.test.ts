/// <reference types="vite/client" />
// The role × route × method matrix: every admin route file (found by listing
// app/routes, so a new route without an entry here fails), each of the four
// roles, GET and POST. The route's loader and action must start by asking for
// the permission listed here, and a role without it gets a plain 403 (never a
// 500), which is written to the audit log.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { can, type Permission } from "~/domain/permissions";
import { STAFF_ROLE_OPTIONS } from "~/domain/staff";
import { signInAs, type SignedIn } from "../helpers/admin";
import { sqlite } from "../helpers/db";
import { formRequest, getRequest, run } from "../helpers/remix";

type Entry = { path: string; params?: Record<string, string>; loader: Permission; action?: Permission };

// Every admin route: where it answers, and the permission its loader and action ask for.
const ROUTES: Record<string, Entry> = {
  "admin.tsx": { path: "/admin", loader: "dashboard.view" },
  "admin._index.tsx": { path: "/admin", loader: "dashboard.view" },
  "admin.account.tsx": { path: "/admin/account", loader: "dashboard.view", action: "dashboard.view" },
  "admin.audit.tsx": { path: "/admin/audit", loader: "audit.view" },
  "admin.back-in-stock.tsx": { path: "/admin/back-in-stock", loader: "customers.view" },
  "admin.audit_.export.ts": { path: "/admin/audit/export", loader: "audit.view" },
  "admin.customers.$email.tsx": { path: "/admin/customers/ada%40example.com", params: { email: "ada@example.com" }, loader: "customers.view" },
  "admin.customers._index.tsx": { path: "/admin/customers", loader: "customers.view" },
  "admin.orders.export.ts": { path: "/admin/orders/export", loader: "orders.export" },
  "admin.products.export.ts": { path: "/admin/products/export", loader: "products.view" },
  "admin.products.import.tsx": { path: "/admin/products/import", loader: "products.edit", action: "products.edit" },
  "admin.sales.tsx": { path: "/admin/sales", loader: "sales.view" },
  "admin.offers.$id.tsx": { path: "/admin/offers/1", params: { id: "1" }, loader: "offers.view", action: "offers.edit" },
  "admin.offers._index.tsx": { path: "/admin/offers", loader: "offers.view", action: "offers.edit" },
  "admin.offers.new.tsx": { path: "/admin/offers/new", loader: "offers.edit", action: "offers.edit" },
  "admin.orders.$number.tsx": { path: "/admin/orders/TC-1", params: { number: "TC-1" }, loader: "orders.view", action: "orders.refund" },
  "admin.orders.$number_.cancel.tsx": { path: "/admin/orders/TC-1/cancel", params: { number: "TC-1" }, loader: "orders.cancel", action: "orders.cancel" },
  "admin.orders.$number_.packing-slip.tsx": { path: "/admin/orders/TC-1/packing-slip", params: { number: "TC-1" }, loader: "orders.ship" },
  "admin.orders.$number_.ship.tsx": { path: "/admin/orders/TC-1/ship", params: { number: "TC-1" }, loader: "orders.ship", action: "orders.ship" },
  "admin.orders.$number_.shipments.$id.tsx": {
    path: "/admin/orders/TC-1/shipments/1",
    params: { number: "TC-1", id: "1" },
    loader: "orders.ship",
    action: "orders.ship",
  },
  "admin.orders._index.tsx": { path: "/admin/orders", loader: "orders.view" },
  "admin.orders.pick-list.tsx": { path: "/admin/orders/pick-list", loader: "orders.ship" },
  "admin.outbox.tsx": { path: "/admin/outbox", loader: "outbox.view", action: "outbox.retry" },
  "admin.products.$id.tsx": { path: "/admin/products/1", params: { id: "1" }, loader: "products.view", action: "products.edit" },
  "admin.products._index.tsx": { path: "/admin/products", loader: "products.view", action: "products.edit" },
  "admin.products.new.tsx": { path: "/admin/products/new", loader: "products.edit", action: "products.edit" },
  "admin.shipping.$id.tsx": { path: "/admin/shipping/1", params: { id: "1" }, loader: "shipping.edit", action: "shipping.edit" },
  "admin.shipping._index.tsx": { path: "/admin/shipping", loader: "shipping.view", action: "shipping.edit" },
  "admin.staff.tsx": { path: "/admin/staff", loader: "staff.manage", action: "staff.manage" },
  "admin.stock.$sku.tsx": { path: "/admin/stock/TOT-CRO-BLACK", params: { sku: "TOT-CRO-BLACK" }, loader: "stock.view", action: "stock.adjust" },
  "admin.stock._index.tsx": { path: "/admin/stock", loader: "stock.view" },
  "admin.stock.export.ts": { path: "/admin/stock/export", loader: "stock.view" },
  "admin.stock.import.tsx": { path: "/admin/stock/import", loader: "stock.adjust", action: "stock.adjust" },
  "admin.stock.ledger.tsx": { path: "/admin/stock/ledger", loader: "stock.view" },
};

// Sign-in, sign-out and a password reset link are for anyone (not behind a permission).
const OPEN = new Set(["admin_.login.tsx", "admin_.logout.tsx", "admin_.reset-password.$token.tsx"]);

const ROUTES_DIR = path.resolve(__dirname, "../../app/routes");
const modules = import.meta.glob<{ loader?: (args: unknown) => unknown; action?: (args: unknown) => unknown }>("../../app/routes/admin*.{ts,tsx}");

function adminRouteFiles(): string[] {
  return fs
    .readdirSync(ROUTES_DIR)
    .filter((f) => f.startsWith("admin") && /\.tsx?$/.test(f) && !OPEN.has(f))
    .sort();
}

const signedIn = {} as Record<(typeof STAFF_ROLE_OPTIONS)[number], SignedIn>;

beforeAll(async () => {
  for (const role of STAFF_ROLE_OPTIONS) signedIn[role] = await signInAs(role, `Test ${role}`);
});

function deniedCount(): number {
  return (sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'permission.denied'").get() as { n: number }).n;
}

describe("every admin route is in the matrix", () => {
  it("lists exactly the admin route files", () => {
    expect(Object.keys(ROUTES).sort()).toEqual(adminRouteFiles());
  });

  it("each loader and action asks for its listed permission on its first line", () => {
    for (const file of adminRouteFiles()) {
      const source = fs.readFileSync(path.join(ROUTES_DIR, file), "utf8");
      const entry = ROUTES[file]!;
      for (const kind of ["loader", "action"] as const) {
        const match = new RegExp(`export async function ${kind}\\([^)]*\\)[^{]*\\{\\s*\\n\\s*(.*)`).exec(source);
        const expected = kind === "loader" ? entry.loader : entry.action;
        if (!expected) {
          expect(match, `${file} has an ${kind} but no permission listed for it`).toBeNull();
          continue;
        }
        expect(match, `${file} has no ${kind}`).not.toBeNull();
        expect(match![1], `${file} ${kind}`).toMatch(new RegExp(`^(const \\w+ = )?await requirePermission\\(request, "${expected.replace(".", "\\.")}"\\);`));
      }
    }
  });
});

describe("role × route × method", () => {
  for (const role of STAFF_ROLE_OPTIONS) {
    it(`${role}: allowed where the table says, a 403 page (audited) everywhere else`, async () => {
      const who = signedIn[role];
      for (const file of adminRouteFiles()) {
        const entry = ROUTES[file]!;
        const mod = await modules[`../../app/routes/${file}`]!();
        const cases: ["GET" | "POST", Permission, (args: unknown) => unknown][] = [["GET", entry.loader, mod.loader!]];
        if (entry.action) cases.push(["POST", entry.action, mod.action!]);
        for (const [method, permission, fn] of cases) {
          const request = method === "GET" ? getRequest(entry.path, { cookie: who.cookie }) : formRequest(entry.path, {}, { cookie: who.cookie });
          const denied = deniedCount();
          const res = await run(fn as never, request, entry.params ?? {});
          const label = `${role} ${method} ${entry.path} (${permission})`;
          expect(res.status, label).toBeLessThan(500);
          if (can(role, permission)) {
            expect(res.status, label).not.toBe(403);
            expect(deniedCount(), label).toBe(denied);
          } else {
            expect(res.status, label).toBe(403);
            const body = (await res.json()) as { message: string };
            expect(body.message, label).toMatch(/^Your role can't /);
            expect(deniedCount(), label).toBe(denied + 1);
          }
        }
      }
    });
  }

  it("the roles differ as the shop needs: fulfilment ships but can't refund, price or change offers; support refunds but can't price", () => {
    expect(can("fulfilment", "orders.ship") && can("fulfilment", "stock.adjust")).toBe(true);
    expect([can("fulfilment", "orders.refund"), can("fulfilment", "products.edit"), can("fulfilment", "offers.edit")]).toEqual([false, false, false]);
    expect(can("support", "orders.refund") && can("support", "orders.view")).toBe(true);
    expect([can("support", "products.edit"), can("support", "offers.edit"), can("support", "offers.view")]).toEqual([false, false, false]);
    expect([can("manager", "staff.manage"), can("manager", "settings.edit"), can("manager", "products.edit")]).toEqual([false, false, true]);
    // Accounts from before roles keep what they could do: a manager's permissions.
    expect(can("staff", "orders.refund") && !can("staff", "staff.manage")).toBe(true);
  });
});
