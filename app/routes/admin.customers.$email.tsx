// One customer: their name, email, what they have spent net of refunds, and
// every order placed with their email (any status), newest first.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Money } from "~/components/Money";
import { FULFILMENT_LABELS } from "~/domain/fulfilment";
import { ORDER_STATUS_LABELS } from "~/domain/order-status";
import { getCustomer, ordersOfCustomer } from "~/models/customers.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, requirePermission } from "~/utils/auth.server";
import { formatAdminTime } from "~/utils/shop-time.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => adminMeta(data && "customer" in data ? (data.customer.name ?? data.customer.email) : "Customer");

const emailParam = z.string().trim().toLowerCase().max(254).regex(/^[^\s@]+@[^\s@]+$/);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "customers.view");
  const parsed = emailParam.safeParse(params.email ?? "");
  const customer = parsed.success ? getCustomer(parsed.data) : null;
  if (!parsed.success || !customer) {
    throw json({ message: "No customer with that email has paid for an order." }, { status: 404, headers: ADMIN_HEADERS });
  }
  const orders = ordersOfCustomer(parsed.data);
  return json(
    {
      customer: {
        ...customer,
        firstOrder: formatAdminTime(customer.firstOrderAt),
        lastOrder: formatAdminTime(customer.lastOrderAt),
        averageCents: Math.round(customer.spentCents / customer.orders),
      },
      orders: orders.map((o) => ({
        number: o.number,
        placed: formatAdminTime(o.paidAt ?? o.createdAt),
        statusLabel: ORDER_STATUS_LABELS[o.status],
        status: o.status,
        fulfilmentLabel: FULFILMENT_LABELS[o.fulfilmentStatus],
        itemCount: o.itemCount,
        totalCents: o.totalCents,
        refundedCents: o.refundedCents,
      })),
    },
    { headers: ADMIN_HEADERS },
  );
}

export default function CustomerPage() {
  const { customer, orders } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/admin/customers">← Customers</Link>
      </p>
      <h1>{customer.name ?? customer.email}</h1>
      <p className="admin-lede">
        <a href={`mailto:${customer.email}`}>{customer.email}</a>
      </p>
      <dl className="admin-stats">
        <div className="admin-stat" data-testid="customer-orders">
          <dt>Paid orders</dt>
          <dd>{customer.orders}</dd>
        </div>
        <div className="admin-stat" data-testid="customer-spent">
          <dt>Spent</dt>
          <dd>
            <Money cents={customer.spentCents} />
            <span className="admin-hint admin-block">
              after <Money cents={customer.refundedCents} /> refunded
            </span>
          </dd>
        </div>
        <div className="admin-stat">
          <dt>Average order</dt>
          <dd>
            <Money cents={customer.averageCents} />
          </dd>
        </div>
        <div className="admin-stat">
          <dt>First order</dt>
          <dd className="admin-stat-small">{customer.firstOrder}</dd>
        </div>
        <div className="admin-stat">
          <dt>Last order</dt>
          <dd className="admin-stat-small">{customer.lastOrder}</dd>
        </div>
      </dl>
      <h2>Orders</h2>
      <div className="admin-table-wrap" role="region" aria-label="Their orders" tabIndex={0}>
        <table className="admin-table">
          <caption className="visually-hidden">Orders placed with {customer.email}, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Placed</th>
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
            {orders.map((o) => (
              <tr key={o.number} data-testid="customer-order" data-number={o.number}>
                <th scope="row">
                  <Link to={`/admin/orders/${o.number}`}>{o.number}</Link>
                </th>
                <td className="admin-nowrap">{o.placed}</td>
                <td className="num">{o.itemCount}</td>
                <td className="num">
                  <Money cents={o.totalCents} />
                </td>
                <td className="num">{o.refundedCents > 0 ? <Money cents={o.refundedCents} /> : "—"}</td>
                <td>
                  <span className={`admin-order-status status-${o.status}`}>{o.statusLabel}</span>
                  <span className="admin-muted admin-block">{o.fulfilmentLabel}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
