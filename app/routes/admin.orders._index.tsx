// Orders. Opens on "To ship" (paid, not fully shipped, not cancelled; oldest
// first), with boxes to gather a pick list; otherwise newest first, filtered by
// payment status, shipping state and the days placed (shop time zone),
// searched by any part of the order number, email or name, 25 a page, with
// the same list as a CSV file. Two queries per page, however many orders.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AdminNotices, fieldAria } from "~/components/AdminField";
import { DateRangeFields } from "~/components/DateRangeFields";
import { Money } from "~/components/Money";
import { FULFILMENT_LABELS } from "~/domain/fulfilment";
import {
  FULFILMENT_FILTER_LABELS,
  FULFILMENT_FILTERS,
  ORDER_STATUS_FILTERS,
  ORDERS_PER_PAGE,
  orderListHref,
  pageCount,
  parseOrderListQuery,
} from "~/domain/order-admin";
import { ORDER_STATUS_LABELS } from "~/domain/order-status";
import { listOrders } from "~/models/orders.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, requirePermission } from "~/utils/auth.server";
import { formatAdminTime, shopTimeZone } from "~/utils/shop-time.server";

export const meta: MetaFunction = () => adminMeta("Orders");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "orders.view");
  const parsed = parseOrderListQuery(new URL(request.url).searchParams, Date.now(), shopTimeZone());
  const statuses = ORDER_STATUS_FILTERS.map((s) => ({ value: s, label: ORDER_STATUS_LABELS[s] }));
  // In the form, "Any" (no value) means To ship on its own, and all orders with a search or status.
  const fulfilments = FULFILMENT_FILTERS.map((f) => ({ value: f, label: f === "all" ? "All orders" : FULFILMENT_FILTER_LABELS[f] }));
  if (!parsed.ok) {
    return json(
      {
        ok: false as const,
        message: parsed.message,
        errors: parsed.fieldErrors,
        status: parsed.values.status,
        fulfilment: parsed.values.fulfilment,
        search: parsed.values.q,
        from: parsed.values.from,
        to: parsed.values.to,
        statuses,
        fulfilments,
      },
      { status: 400, headers: ADMIN_HEADERS },
    );
  }
  const { query } = parsed;
  const { orders, total } = listOrders({
    status: query.status,
    fulfilment: query.fulfilment === "all" ? null : query.fulfilment,
    search: query.search,
    placedFrom: query.placedFrom,
    placedTo: query.placedTo,
    limit: ORDERS_PER_PAGE,
    offset: (query.page - 1) * ORDERS_PER_PAGE,
  });
  const pages = pageCount(total);
  return json(
    {
      ok: true as const,
      status: query.status ?? "",
      fulfilment: query.fulfilment,
      // As given, for the form: a search from the To-ship list then covers all orders.
      fulfilmentChosen: new URL(request.url).searchParams.get("fulfilment") ?? "",
      search: query.search,
      from: query.from,
      to: query.to,
      exportHref: orderListHref({ ...query, fulfilment: query.fulfilment === "to_ship" ? "to_ship" : query.fulfilment }, 1, "/admin/orders/export"),
      statuses,
      fulfilments,
      page: query.page,
      pages,
      total,
      previous: query.page > 1 ? orderListHref(query, Math.min(query.page - 1, pages)) : null,
      next: query.page < pages ? orderListHref(query, query.page + 1) : null,
      orders: orders.map((o) => ({
        number: o.number,
        status: o.status,
        statusLabel: ORDER_STATUS_LABELS[o.status],
        placed: formatAdminTime(o.paidAt ?? o.createdAt),
        customerEmail: o.customerEmail,
        customerName: o.customerName,
        itemCount: o.itemCount,
        totalCents: o.totalCents,
        refundedCents: o.refundedCents,
        flagged: o.flag !== null,
        fulfilmentStatus: o.fulfilmentStatus,
        fulfilmentLabel: FULFILMENT_LABELS[o.fulfilmentStatus],
      })),
    },
    { headers: ADMIN_HEADERS },
  );
}

export default function OrdersPage() {
  const data = useLoaderData<typeof loader>();
  const errors: Record<string, string> = data.ok ? {} : data.errors;
  const toShip = data.fulfilment === "to_ship";
  const filtered = data.status !== "" || data.search !== "" || data.from !== "" || data.to !== "" || (data.fulfilment !== "all" && !toShip);

  return (
    <>
      <h1>Orders</h1>
      <nav className="admin-tabs" aria-label="Order lists">
        <Link to="/admin/orders" aria-current={toShip && !filtered ? "page" : undefined}>
          To ship
        </Link>
        <Link to="/admin/orders?fulfilment=all" aria-current={data.fulfilment === "all" && !filtered ? "page" : undefined}>
          All orders
        </Link>
      </nav>
      <AdminNotices error={data.ok ? null : data.message} />
      <Form method="get" className="admin-filter" role="search" aria-label="Orders">
        <div className="field">
          <label htmlFor="q">Order number, email or name</label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={data.search}
            maxLength={100}
            autoComplete="off"
            spellCheck={false}
            placeholder="7K2M, ada@ or Lovelace"
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
        <div className="field">
          <label htmlFor="fulfilment">Shipping</label>
          <select id="fulfilment" name="fulfilment" defaultValue={data.ok ? data.fulfilmentChosen : data.fulfilment} {...fieldAria("fulfilment", errors.fulfilment)}>
            <option value="">Any</option>
            {data.fulfilments.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
          {errors.fulfilment ? (
            <p className="field-error" id="fulfilment-error">
              {errors.fulfilment}
            </p>
          ) : null}
        </div>
        <DateRangeFields from={data.from} to={data.to} errors={errors} />
        <button type="submit" className="button small secondary">
          Search
        </button>
        {filtered ? (
          <Link to="/admin/orders?fulfilment=all" className="admin-muted">
            Show all
          </Link>
        ) : null}
      </Form>

      {data.ok ? (
        <>
          <p className="admin-muted" role="status" data-testid="order-count">
            {data.total} {data.total === 1 ? "order" : "orders"}
            {toShip ? " to ship, oldest first" : ""}
            {filtered ? " match" : ""}
            {data.pages > 1 ? ` · page ${data.page} of ${data.pages}` : ""}
            {data.total > 0 ? (
              <>
                {" · "}
                <a href={data.exportHref} download data-testid="orders-export">
                  Download as CSV
                </a>
              </>
            ) : null}
          </p>
          {data.orders.length === 0 ? (
            <p>{toShip ? "Nothing to ship. Well done." : filtered ? "No orders match. Try another search, or show all." : "No orders yet."}</p>
          ) : (
            // On "To ship", the boxes gather a pick list (a GET form: works without JavaScript).
            <form method="get" action="/admin/orders/pick-list" id="pick-list-form">
              <div className="admin-table-wrap" role="region" aria-label="Orders" tabIndex={0}>
                <table className="admin-table">
                  <caption className="visually-hidden">{toShip ? "Orders to ship, oldest first" : "Orders, newest first"}</caption>
                  <thead>
                    <tr>
                      {toShip ? (
                        <th scope="col">
                          <span className="visually-hidden">Pick</span>
                        </th>
                      ) : null}
                      <th scope="col">Order</th>
                      <th scope="col">Placed</th>
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
                      <th scope="col">Shipping</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.orders.map((o) => (
                      <tr key={o.number} data-testid="order-row" data-number={o.number} className={o.flagged ? "is-problem" : undefined}>
                        {toShip ? (
                          <td>
                            <input type="checkbox" name="order" value={o.number} id={`pick-${o.number}`} aria-label={`Pick ${o.number}`} />
                          </td>
                        ) : null}
                        <th scope="row">
                          <Link to={`/admin/orders/${o.number}`}>{o.number}</Link>
                        </th>
                        <td className="admin-nowrap">{o.placed}</td>
                        <td>
                          {o.customerEmail ?? <span className="admin-muted">Not known yet</span>}
                          {o.customerName ? <span className="admin-muted"> · {o.customerName}</span> : null}
                        </td>
                        <td className="num" data-label="Items">{o.itemCount}</td>
                        <td className="num" data-label="Total">
                          <Money cents={o.totalCents} />
                        </td>
                        <td className="num" data-label="Refunded">{o.refundedCents > 0 ? <Money cents={o.refundedCents} /> : "—"}</td>
                        <td>
                          <span className={`admin-order-status status-${o.status}`}>{o.statusLabel}</span>
                          {o.flagged ? <span className="admin-flag low">Needs a look</span> : null}
                        </td>
                        <td>
                          <span className={`admin-fulfilment fulfilment-${o.fulfilmentStatus}`} data-testid="fulfilment-status">
                            {o.fulfilmentLabel}
                          </span>
                          {toShip ? (
                            <>
                              {" "}
                              <Link to={`/admin/orders/${o.number}/packing-slip`} className="admin-block">
                                Packing slip<span className="visually-hidden"> for {o.number}</span>
                              </Link>
                            </>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {toShip ? (
                <p>
                  <button type="submit" className="button small">
                    Pick list for the ticked orders
                  </button>
                </p>
              ) : null}
            </form>
          )}
          {data.previous || data.next ? (
            <nav className="admin-pager" aria-label="Pages">
              {data.previous ? <Link to={data.previous}>{toShip ? "← Older" : "← Newer"}</Link> : <span />}
              {data.next ? <Link to={data.next}>{toShip ? "Newer →" : "Older →"}</Link> : null}
            </nav>
          ) : null}
        </>
      ) : null}
    </>
  );
}
