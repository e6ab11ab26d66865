// Orders, newest first: filter by status, search by order number or email
// (the start of either), 25 a page. Two queries per page, however many orders.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AdminNotices, fieldAria } from "~/components/AdminField";
import { Money } from "~/components/Money";
import { formatUtcMinute } from "~/domain/offer-admin";
import { ORDER_STATUS_FILTERS, ORDERS_PER_PAGE, orderListHref, pageCount, parseOrderListQuery } from "~/domain/order-admin";
import { ORDER_STATUS_LABELS } from "~/domain/order-status";
import { listOrders } from "~/models/orders.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, requireStaff } from "~/utils/auth.server";

export const meta: MetaFunction = () => adminMeta("Orders");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const parsed = parseOrderListQuery(new URL(request.url).searchParams);
  const statuses = ORDER_STATUS_FILTERS.map((s) => ({ value: s, label: ORDER_STATUS_LABELS[s] }));
  if (!parsed.ok) {
    return json(
      { ok: false as const, message: parsed.message, errors: parsed.fieldErrors, status: parsed.values.status, search: parsed.values.q, statuses },
      { status: 400, headers: ADMIN_HEADERS },
    );
  }
  const { query } = parsed;
  const { orders, total } = listOrders({
    status: query.status,
    search: query.search,
    limit: ORDERS_PER_PAGE,
    offset: (query.page - 1) * ORDERS_PER_PAGE,
  });
  const pages = pageCount(total);
  return json(
    {
      ok: true as const,
      status: query.status ?? "",
      search: query.search,
      statuses,
      page: query.page,
      pages,
      total,
      previous: query.page > 1 ? orderListHref(query, Math.min(query.page - 1, pages)) : null,
      next: query.page < pages ? orderListHref(query, query.page + 1) : null,
      orders: orders.map((o) => ({
        number: o.number,
        status: o.status,
        statusLabel: ORDER_STATUS_LABELS[o.status],
        placed: formatUtcMinute(o.paidAt ?? o.createdAt),
        customerEmail: o.customerEmail,
        customerName: o.customerName,
        itemCount: o.itemCount,
        totalCents: o.totalCents,
        refundedCents: o.refundedCents,
        flagged: o.flag !== null,
      })),
    },
    { headers: ADMIN_HEADERS },
  );
}

export default function OrdersPage() {
  const data = useLoaderData<typeof loader>();
  const errors: Record<string, string> = data.ok ? {} : data.errors;
  const filtered = data.status !== "" || data.search !== "";

  return (
    <>
      <h1>Orders</h1>
      <AdminNotices error={data.ok ? null : data.message} />
      <Form method="get" className="admin-filter" role="search" aria-label="Orders">
        <div className="field">
          <label htmlFor="q">Order number or email</label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={data.search}
            maxLength={100}
            autoComplete="off"
            spellCheck={false}
            placeholder="TC-7K2M or ada@"
            {...fieldAria("q", errors.q)}
          />
          {errors.q ? (
            <p className="field-error" id="q-error">
              {errors.q}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={data.status} {...fieldAria("status", errors.status)}>
            <option value="">Any status</option>
            {data.statuses.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
          {errors.status ? (
            <p className="field-error" id="status-error">
              {errors.status}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button small secondary">
          Search
        </button>
        {filtered ? (
          <Link to="/admin/orders" className="admin-muted">
            Show all
          </Link>
        ) : null}
      </Form>

      {data.ok ? (
        <>
          <p className="admin-muted" role="status" data-testid="order-count">
            {data.total} {data.total === 1 ? "order" : "orders"}
            {filtered ? " match" : ""}
            {data.pages > 1 ? ` · page ${data.page} of ${data.pages}` : ""}
          </p>
          {data.orders.length === 0 ? (
            <p>{filtered ? "No orders match. Try another search, or show all." : "No orders yet."}</p>
          ) : (
            <div className="admin-table-wrap" role="region" aria-label="Orders" tabIndex={0}>
              <table className="admin-table">
                <caption className="visually-hidden">Orders, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Order</th>
                    <th scope="col">Placed (UTC)</th>
                    <th scope="col">Customer</th>
                    <th scope="col" className="num">
                      Items
                    </th>
                    <th scope="col" className="num">
                      Total
                    </th>
                    <th scope="col" className="num">
                      Refunded
                    </th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {data.orders.map((o) => (
                    <tr key={o.number} data-testid="order-row" data-number={o.number} className={o.flagged ? "is-problem" : undefined}>
                      <th scope="row">
                        <Link to={`/admin/orders/${o.number}`}>{o.number}</Link>
                      </th>
                      <td className="admin-nowrap">{o.placed}</td>
                      <td>
                        {o.customerEmail ?? <span className="admin-muted">Not known yet</span>}
                        {o.customerName ? <span className="admin-muted"> · {o.customerName}</span> : null}
                      </td>
                      <td className="num">{o.itemCount}</td>
                      <td className="num">
                        <Money cents={o.totalCents} />
                      </td>
                      <td className="num">{o.refundedCents > 0 ? <Money cents={o.refundedCents} /> : "—"}</td>
                      <td>
                        <span className={`admin-order-status status-${o.status}`}>{o.statusLabel}</span>
                        {o.flagged ? <span className="admin-flag low">Needs a look</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {data.previous || data.next ? (
            <nav className="admin-pager" aria-label="Pages">
              {data.previous ? <Link to={data.previous}>← Newer</Link> : <span />}
              {data.next ? <Link to={data.next}>Older →</Link> : null}
            </nav>
          ) : null}
        </>
      ) : null}
    </>
  );
}
