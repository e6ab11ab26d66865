// The back-office layout: who is signed in, the sections, sign-out.
// Its loader does NOT protect the pages inside it (Remix runs child loaders in
// parallel with this one, and actions on their own): every admin route calls
// requireStaff itself.
import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, NavLink, Outlet, useLoaderData, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { ROLE_LABELS } from "~/domain/staff";
import { countEffectsByStatus } from "~/models/outbox.server";
import { countOrdersToShip } from "~/models/orders.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, requireStaff, type StaffMember } from "~/utils/auth.server";
import adminStyles from "~/styles/admin.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];

export const meta: MetaFunction = () => adminMeta("Back office");

// Inherited by every admin page that does not set its own headers.
export const headers: HeadersFunction = () => ADMIN_HEADERS;

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  return json({ staff, failedEffects: countEffectsByStatus().failed, toShip: countOrdersToShip() }, { headers: ADMIN_HEADERS });
}

const SECTIONS: { to: string; label: string; end?: boolean; ownerOnly?: boolean }[] = [
  { to: "/admin", label: "Dashboard", end: true },
  { to: "/admin/stock", label: "Stock" },
  { to: "/admin/products", label: "Products" },
  { to: "/admin/offers", label: "Offers" },
  { to: "/admin/orders", label: "Orders" },
  { to: "/admin/shipping", label: "Shipping" },
  { to: "/admin/staff", label: "Staff", ownerOnly: true },
  { to: "/admin/back-in-stock", label: "Back in stock" },
  { to: "/admin/outbox", label: "Outbox" },
  { to: "/admin/audit", label: "Audit log" },
];

function AdminShell({
  staff,
  failedEffects,
  toShip,
  children,
}: {
  staff: StaffMember;
  failedEffects: number;
  toShip: number;
  children: React.ReactNode;
}) {
  return (
    <div className="admin">
      <div className="admin-bar">
        <div className="wrap">
          <p className="admin-who">
            <span className="visually-hidden">Signed in as </span>
            <strong data-testid="admin-staff-name">{staff.name}</strong>{" "}
            <span className="admin-role" data-testid="admin-staff-role">
              {ROLE_LABELS[staff.role]}
            </span>
          </p>
          <nav className="admin-nav" aria-label="Back office">
            <ul>
              {SECTIONS.filter((s) => !s.ownerOnly || staff.role === "owner").map((s) => (
                <li key={s.to}>
                  <NavLink to={s.to} end={s.end} prefetch="none">
                    {s.label}
                    {s.to === "/admin/outbox" && failedEffects > 0 ? (
                      <span className="admin-flag low" data-testid="nav-outbox-failed">
                        {`${failedEffects} failed`}
                      </span>
                    ) : null}
                    {s.to === "/admin/orders" && toShip > 0 ? (
                      <span className="admin-nav-count" data-testid="nav-to-ship">
                        <span className="visually-hidden"> (</span>
                        {toShip}
                        <span className="visually-hidden"> to ship)</span>
                      </span>
                    ) : null}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <Form method="post" action="/admin/logout" className="admin-sign-out">
            <button type="submit" className="button small secondary">
              Sign out
            </button>
          </Form>
        </div>
      </div>
      <div className="wrap admin-page">{children}</div>
    </div>
  );
}

export default function AdminLayout() {
  const { staff, failedEffects, toShip } = useLoaderData<typeof loader>();
  return (
    <AdminShell staff={staff} failedEffects={failedEffects} toShip={toShip}>
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
    <AdminShell staff={data.staff} failedEffects={data.failedEffects} toShip={data.toShip}>
      {body}
    </AdminShell>
  ) : (
    <div className="wrap">{body}</div>
  );
}
