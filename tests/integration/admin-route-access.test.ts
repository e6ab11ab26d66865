// Every admin route for anonymous visitors, staff and owners (found by walking app/routes), and requireStaff itself.
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { requireStaff } from "~/utils/auth.server";
import { formRequest, getRequest } from "../helpers/remix";
import { call, createStaffAccounts, OWNER, type RouteFn, signIn, snapshotDatabase, STAFF } from "../helpers/admin-auth";

// A loaded test machine can take seconds per hash: sign-ins here wait their
// turn rather than being refused as busy (tests/integration/sign-in-load.test.ts
// covers the refusal).
vi.hoisted(() => {
  process.env.SIGN_IN_QUEUE_WAIT_MS = "60000";
});
// Each full-cost hash takes 1–5 s on a shared 2-core machine; several sign-ins add up.
vi.setConfig({ testTimeout: 120_000 });

let staffId = 0;

beforeAll(async () => {
  ({ staffId } = await createStaffAccounts());
});

afterEach(() => {
  vi.useRealTimers();
});

const ROUTES_DIR = path.resolve(__dirname, "../../app/routes");
// Open to anyone: signing in and out, and a password reset link (the link itself is the key).
const PUBLIC_ADMIN_PATHS = new Set(["/admin/login", "/admin/logout", "/admin/reset-password/1"]);

type AdminRoute = { file: string; url: string; params: Record<string, string> };

/** Every admin route module in app/routes (flat files or folders with route.tsx). */
function adminRoutes(): AdminRoute[] {
  const routes: AdminRoute[] = [];
  for (const entry of fs.readdirSync(ROUTES_DIR, { withFileTypes: true })) {
    let file: string;
    let id: string;
    if (entry.isDirectory()) {
      const inner = ["route.tsx", "route.ts", "route.jsx", "route.js"].find((f) => fs.existsSync(path.join(ROUTES_DIR, entry.name, f)));
      if (!inner) continue;
      file = path.join(ROUTES_DIR, entry.name, inner);
      id = entry.name;
    } else {
      if (!/\.(tsx|ts|jsx|js)$/.test(entry.name) || /\.test\./.test(entry.name)) continue;
      file = path.join(ROUTES_DIR, entry.name);
      id = entry.name.replace(/\.(tsx|ts|jsx|js)$/, "");
    }
    const segments = id.split(".");
    if (segments[0]!.replace(/_$/, "") !== "admin") continue;
    const params: Record<string, string> = {};
    const urlSegments = segments.flatMap((raw) => {
      const segment = raw.replace(/^\((.*)\)$/, "$1").replace(/_$/, "");
      if (segment === "" || segment === "_index" || segment.startsWith("_")) return [];
      if (segment === "$") {
        params["*"] = "x";
        return ["x"];
      }
      if (segment.startsWith("$")) {
        params[segment.slice(1)] = "1";
        return ["1"];
      }
      return [segment];
    });
    const url = "/" + urlSegments.join("/");
    if (PUBLIC_ADMIN_PATHS.has(url)) continue;
    routes.push({ file, url, params });
  }
  return routes.sort((a, b) => a.url.localeCompare(b.url));
}

type RouteModule = {
  loader?: RouteFn;
  action?: RouteFn;
  handle?: { ownerOnly?: boolean };
  meta?: unknown;
};

describe("every admin route, for anonymous visitors, staff and owners", () => {
  const routes = adminRoutes();
  const modules = new Map<string, RouteModule>();
  let ownerCookie = "";
  let staffCookie = "";

  beforeAll(async () => {
    for (const route of routes) modules.set(route.file, (await import(route.file)) as RouteModule);
    [ownerCookie, staffCookie] = await Promise.all([signIn(OWNER.email, OWNER.password), signIn(STAFF.email, STAFF.password)]);
  });

  it("finds the admin routes, and the owner-only ones by handle.ownerOnly", () => {
    const urls = routes.map((r) => r.url);
    expect(urls).toEqual(
      expect.arrayContaining([
        "/admin",
        "/admin/audit",
        "/admin/staff",
        // Stock and catalog: every one of these goes through the checks below.
        "/admin/stock",
        "/admin/stock/1",
        "/admin/stock/ledger",
        "/admin/stock/import",
        "/admin/stock/export",
        "/admin/products",
        "/admin/products/new",
        "/admin/products/1",
        "/admin/offers",
        "/admin/offers/new",
        "/admin/offers/1",
        "/admin/orders",
        "/admin/orders/1",
      ]),
    );
    expect(urls).not.toContain("/admin/login");
    const ownerOnly = routes.filter((r) => modules.get(r.file)!.handle?.ownerOnly === true).map((r) => r.url);
    expect(ownerOnly).toContain("/admin/staff");
    expect(ownerOnly).not.toContain("/admin/audit");
  });

  it("every admin module has a loader", () => {
    for (const route of routes) expect(typeof modules.get(route.file)!.loader, route.file).toBe("function");
  });

  it("anonymous: every loader and action sends them to sign in, with a returnTo, and changes nothing", async () => {
    for (const route of routes) {
      const mod = modules.get(route.file)!;
      const res = await call(mod.loader!, getRequest(`${route.url}?from=test`), { params: route.params });
      expect(res.status, `GET ${route.url}`).toBe(302);
      const location = new URL(res.headers.get("Location")!, "http://shop.test");
      expect(location.pathname, route.url).toBe("/admin/login");
      expect(location.searchParams.get("returnTo"), route.url).toBe(`${route.url}?from=test`);

      if (mod.action) {
        const before = snapshotDatabase();
        const post = await call(mod.action, formRequest(route.url, {}), { params: route.params });
        expect(post.status, `POST ${route.url}`).toBe(303);
        expect(new URL(post.headers.get("Location")!, "http://shop.test").pathname, route.url).toBe("/admin/login");
        expect(snapshotDatabase(), `POST ${route.url}`).toEqual(before);
      }
    }
  });

  it("staff: owner-only loaders and actions answer 403 and change nothing; the rest let them in", async () => {
    for (const route of routes) {
      const mod = modules.get(route.file)!;
      const ownerOnly = mod.handle?.ownerOnly === true;
      const res = await call(mod.loader!, getRequest(route.url, { cookie: staffCookie }), { params: route.params });
      if (ownerOnly) {
        expect(res.status, `GET ${route.url}`).toBe(403);
      } else {
        expect(res.status, `GET ${route.url}`).not.toBe(403);
        expect(res.headers.get("Location") ?? "", `GET ${route.url}`).not.toMatch(/^\/admin\/login/);
      }
      if (mod.action) {
        const before = snapshotDatabase();
        const post = await call(mod.action, formRequest(route.url, {}, { cookie: staffCookie }), { params: route.params });
        if (ownerOnly) expect(post.status, `POST ${route.url}`).toBe(403);
        else expect(post.status, `POST ${route.url}`).toBeGreaterThanOrEqual(400);
        expect(post.status, `POST ${route.url}`).toBeLessThan(500);
        expect(snapshotDatabase(), `POST ${route.url}`).toEqual(before);
      }
    }
  });

  it("owners: every loader lets them in, never cached; an empty form is refused with a 4xx and changes nothing", async () => {
    for (const route of routes) {
      const mod = modules.get(route.file)!;
      const res = await call(mod.loader!, getRequest(route.url, { cookie: ownerCookie }), { params: route.params });
      expect(res.status, `GET ${route.url}`).not.toBe(403);
      expect(res.headers.get("Location") ?? "", `GET ${route.url}`).not.toMatch(/^\/admin\/login/);
      if (res.status === 200) expect(res.headers.get("Cache-Control"), `GET ${route.url}`).toBe("private, no-store");
      if (mod.action) {
        const before = snapshotDatabase();
        const post = await call(mod.action, formRequest(route.url, {}, { cookie: ownerCookie }), { params: route.params });
        expect(post.status, `POST ${route.url}`).toBeGreaterThanOrEqual(400);
        expect(post.status, `POST ${route.url}`).toBeLessThan(500);
        expect(snapshotDatabase(), `POST ${route.url}`).toEqual(before);
      }
    }
  });

  it("every admin page tells search engines to stay away", () => {
    for (const route of routes) {
      const { meta } = modules.get(route.file)!;
      // A route without meta inherits the admin layout's.
      if (meta === undefined) continue;
      const descriptors = (typeof meta === "function" ? meta({ data: undefined, params: route.params, matches: [], location: {} }) : meta) as {
        name?: string;
        content?: string;
      }[];
      expect(descriptors, route.file).toContainEqual({ name: "robots", content: "noindex" });
    }
    const layout = modules.get(routes.find((r) => r.url === "/admin" && /admin\.tsx$/.test(r.file))!.file)!;
    expect(layout.meta).toBeTypeOf("function");
  });
});

describe("requireStaff", () => {
  it("keeps the page the visitor wanted as a safe returnTo, without Remix's own parameters", async () => {
    const res = await call(
      (args) => requireStaff(args.request),
      getRequest("/admin/orders?status=paid&_data=routes%2Fadmin.orders"),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/admin/login?returnTo=%2Fadmin%2Forders%3Fstatus%3Dpaid");
  });

  it("answers 403 for a staff member on an owner-only check, and returns the member otherwise", async () => {
    const cookie = await signIn(STAFF.email, STAFF.password);
    const forbidden = await call((args) => requireStaff(args.request, { role: "owner" }), getRequest("/admin/x", { cookie }));
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get("Cache-Control")).toBe("private, no-store");
    const ok = await call((args) => requireStaff(args.request), getRequest("/admin/x", { cookie }));
    expect(await ok.json()).toEqual({ id: staffId, email: STAFF.email, name: STAFF.name, role: "staff" });
  });
});
