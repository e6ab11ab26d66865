// The back-office layout: who is signed in, the sections, sign-out.
// Its loader does NOT protect the pages inside it (Remix runs child loaders in
// parallel with this one, and actions on their own): every admin route calls
// requirePermission itself.
import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, NavLink, Outlet, useLoaderData, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { can, type Permission } from "~/domain/permissions";
import { ROLE_LABELS } from "~/domain/staff";
import { countEffectsByStatus } from "~/models/outbox.server";
import { countLowStock } from "~/models/inventory.server";
import { countOrdersToShip } from "~/models/orders.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, requirePermission, type StaffMember } from "~/utils/auth.server";
import adminStyles from "~/styles/admin.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];

export const meta: MetaFunction = () => adminMeta("Back office");

// Inherited by every admin page that does not set its own headers.
export const headers: HeadersFunction = () => ADMIN_HEADERS;

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requirePermission(request, "dashboard.view");
  return json({ staff, failedEffects: countEffectsByStatus().failed, toShip: countOrdersToShip(), lowStock: countLowStock() }, { headers: ADMIN_HEADERS });
}

const SECTIONS: { to: string; label: string; end?: boolean; ownerOnly?: boolean }[] = [
  { to: "/admin", label: "Dashboard", end: true },
  { to: "/admin/stock", label: "Stock" },
  { to: "/admin/products", label: "Products" },
  { to: "/admin/offers", label: "Offers" },
  { to: "/admin/orders", label: "Orders" },
  { to: "/admin/customers", label: "Customers" },
  { to: "/admin/sales", label: "Sales" },
  { to: "/admin/shipping", label: "Shipping" },
  { to: "/admin/staff", label: "Staff", ownerOnly: true },
  { to: "/admin/back-in-stock", label: "Back in stock" },
  { to: "/admin/outbox", label: "Outbox" },
  { to: "/admin/audit", label: "Audit log" },
];

// A section shows only to roles with its permission (domain/permissions.ts).
const SECTION_PERMISSIONS: Record<string, Permission> = {
  "/admin/stock": "stock.view",
  "/admin/products": "products.view",
  "/admin/offers": "offers.view",
  "/admin/orders": "orders.view",
  "/admin/customers": "customers.view",
  "/admin/back-in-stock": "customers.view",
  "/admin/sales": "sales.view",
  "/admin/shipping": "shipping.view",
  "/admin/staff": "staff.manage",
  "/admin/outbox": "outbox.view",
  "/admin/audit": "audit.view",
};

/** Whether a role may open a back-office section (unlisted sections are for everyone signed in). */
function canOpenSection(role: StaffMember["role"], to: string): boolean {
  const permission = SECTION_PERMISSIONS[to];
  return permission === undefined || can(role, permission);
}

function AdminShell({
  staff,
  failedEffects,
  toShip,
  lowStock = 0,
  children,
}: {
  staff: StaffMember;
  failedEffects: number;
  toShip: number;
  lowStock?: number;
  children: React.ReactNode;
}) {
  // Test ids only on the wide row, so each names one element.
  const links = (ids: boolean) => (
    <ul>
      {SECTIONS.filter((s) => canOpenSection(staff.role, s.to)).map((s) => (
        <li key={s.to}>
          <NavLink to={s.to} end={s.end} prefetch="none">
            {s.label}
            {s.to === "/admin/outbox" && failedEffects > 0 ? (
              <span className="admin-flag low" data-testid={ids ? "nav-outbox-failed" : undefined}>
                {`${failedEffects} failed`}
              </span>
            ) : null}
            {s.to === "/admin/stock" && lowStock > 0 ? (
              <span className="admin-nav-count low" data-testid={ids ? "nav-low-stock" : undefined}>
                <span className="visually-hidden"> (</span>
                {lowStock}
                <span className="visually-hidden"> low)</span>
              </span>
            ) : null}
            {s.to === "/admin/orders" && toShip > 0 ? (
              <span className="admin-nav-count" data-testid={ids ? "nav-to-ship" : undefined}>
                <span className="visually-hidden"> (</span>
                {toShip}
                <span className="visually-hidden"> to ship)</span>
              </span>
            ) : null}
          </NavLink>
        </li>
      ))}
    </ul>
  );
  return (
    <div className="admin">
      {/* The back office's own header: no shop navigation or cart. */}
      <header className="admin-bar">
        <div className="wrap">
          <a href="/admin" className="admin-brand">
            Tote <span>&amp;</span> Charm <span className="admin-brand-sub">back office</span>
          </a>
          <p className="admin-who">
            <span className="visually-hidden">Signed in as </span>
            <strong data-testid="admin-staff-name">{staff.name}</strong>{" "}
            <span className="admin-role" data-testid="admin-staff-role">
              {ROLE_LABELS[staff.role]}
            </span>
          </p>
          {/* Wide screens: the sections in a row. Phones: the same links in a menu that opens without JavaScript. */}
          <nav className="admin-nav admin-nav-wide" aria-label="Back office">
            {links(true)}
          </nav>
          <details className="admin-menu">
            <summary>Menu</summary>
            <nav className="admin-nav" aria-label="Back office menu">
              {links(false)}
            </nav>
          </details>
          <a href="/" className="admin-shop-link">
            View shop
          </a>
          <a href="/admin/account" className="admin-shop-link">
            Your account
          </a>
          <Form method="post" action="/admin/logout" className="admin-sign-out">
            <button type="submit" className="button small secondary">
              Sign out
            </button>
          </Form>
        </div>
      </header>
      <div className="wrap admin-page">{children}</div>
    </div>
  );
}

export default function AdminLayout() {
  const { staff, failedEffects, toShip, lowStock } = useLoaderData<typeof loader>();
  return (
    <AdminShell staff={staff} failedEffects={failedEffects} toShip={toShip} lowStock={lowStock}>
      <Outlet />
    </AdminShell>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("routes/admin");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const detail =
    isRouteErrorResponse(error) && status < 500 && error.data && typeof error.data === "object" && "message" in error.data
      ? String(error.data.message)
      : null;
  const title =
    status === 403 ? "Not for your role" : status === 404 ? "We couldn't find that page" : status < 500 ? "That didn't work" : "Something went wrong";
  const body = (
    <div className="error-page">
      <p className="code">{status}</p>
      <h1>{title}</h1>
      <p>
        {detail ??
          (status === 404
            ? "This back-office page doesn't exist."
            : "Sorry, something on our side didn't work. Please try again in a moment.")}
      </p>
      <p>
        <Link className="button secondary" to="/admin">
          Back to the dashboard
        </Link>
      </p>
    </div>
  );
  return data ? (
    <AdminShell staff={data.staff} failedEffects={data.failedEffects} toShip={data.toShip} lowStock={data.lowStock}>
      {body}
    </AdminShell>
  ) : (
    <div className="wrap">{body}</div>
  );
}
