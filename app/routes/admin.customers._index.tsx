// Customers: everyone who has paid for an order, gathered from the orders by
// email (name, orders, total spent net of refunds, first and last order),
// latest first, searched by any part of the name or email. A GET form.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { AdminNotices, fieldAria } from "~/components/AdminField";
import { AdminPager } from "~/components/AdminPager";
import { Money } from "~/components/Money";
import { listCustomers } from "~/models/customers.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, requirePermission } from "~/utils/auth.server";
import { formatAdminTime } from "~/utils/shop-time.server";

export const meta: MetaFunction = () => adminMeta("Customers");

const PAGE_SIZE = 50;

const querySchema = z.strictObject({
  q: z
    .string()
    .max(100, "Search for at most 100 characters.")
    // eslint-disable-next-line no-control-regex -- control characters are refused
    .refine((s) => !/[\u0000-\u001f]/.test(s), "Search for a name or an email.")
    .optional(),
  page: z.string().regex(/^[1-9]\d{0,4}$/, "That page does not exist.").optional(),
});

function customerHref(email: string): string {
  return `/admin/customers/${encodeURIComponent(email)}`;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "customers.view");
  const fields: Record<string, string> = {};
  for (const [key, value] of new URL(request.url).searchParams) fields[key] = value;
  const parsed = querySchema.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const message = issue.code === "unrecognized_keys" ? "Use the form to search the customers." : issue.message;
    return json(
      { ok: false as const, message, search: (fields.q ?? "").slice(0, 100), field: String(issue.path[0] ?? "q") },
      { status: 400, headers: ADMIN_HEADERS },
    );
  }
  const search = (parsed.data.q ?? "").trim();
  const page = Number(parsed.data.page ?? "1");
  const { customers, total } = listCustomers({ search, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  return json(
    {
      ok: true as const,
      search,
      page,
      pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
      total,
      customers: customers.map((c) => ({
        ...c,
        href: customerHref(c.email),
        firstOrder: formatAdminTime(c.firstOrderAt),
        lastOrder: formatAdminTime(c.lastOrderAt),
      })),
    },
    { headers: ADMIN_HEADERS },
  );
}

export default function CustomersPage() {
  const data = useLoaderData<typeof loader>();
  const error = data.ok ? undefined : data.message;
  const pageLink = (n: number) => `?${new URLSearchParams({ ...(data.search ? { q: data.search } : {}), ...(n > 1 ? { page: String(n) } : {}) })}`;
  return (
    <>
      <h1>Customers</h1>
      <p className="admin-lede">Everyone who has paid for an order, by email. Totals are what they paid, less refunds.</p>
      <Form method="get" className="admin-filter" role="search" aria-label="Customers">
        <div className="field">
          <label htmlFor="q">Name or email</label>
          <input id="q" name="q" type="search" defaultValue={data.search} maxLength={100} autoComplete="off" spellCheck={false} placeholder="Ada or @example.com" {...fieldAria("q", error)} />
          {error ? (
            <p className="field-error" id="q-error">
              {error}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button small secondary">
          Search
        </button>
        {data.search ? (
          <Link to="/admin/customers" className="admin-muted">
            Show all
          </Link>
        ) : null}
      </Form>
      {!data.ok ? (
        <AdminNotices error={data.message} />
      ) : data.customers.length === 0 ? (
        <p>{data.search ? "No customers match. Try part of a name or an email." : "No paid orders yet, so no customers."}</p>
      ) : (
        <>
          <p className="admin-muted" role="status" data-testid="customer-count">
            {data.total} {data.total === 1 ? "customer" : "customers"}
            {data.search ? " match" : ""}
          </p>
          <div className="admin-table-wrap" role="region" aria-label="Customers" tabIndex={0}>
            <table className="admin-table">
              <caption className="visually-hidden">Customers, latest order first</caption>
              <thead>
                <tr>
                  <th scope="col">Customer</th>
                  <th scope="col" className="num">
                    Orders
                  </th>
                  <th scope="col" className="num">
                    Spent
                  </th>
                  <th scope="col">First order</th>
                  <th scope="col">Last order</th>
                </tr>
              </thead>
              <tbody>
                {data.customers.map((c) => (
                  <tr key={c.email} data-testid="customer-row" data-email={c.email}>
                    <th scope="row">
                      <Link to={c.href}>{c.name ?? c.email}</Link>
                      {c.name ? <span className="admin-muted admin-block">{c.email}</span> : null}
                    </th>
                    <td className="num">{c.orders}</td>
                    <td className="num">
                      <Money cents={c.spentCents} />
                    </td>
                    <td className="admin-nowrap">{c.firstOrder}</td>
                    <td className="admin-nowrap">{c.lastOrder}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <AdminPager label="Customer pages" page={data.page} pages={data.pages} total={data.total} hrefFor={pageLink} />
        </>
      )}
    </>
  );
}
