// "Tell me when it's back" sign-ups: who waits for which colour, and who was emailed.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AdminPager } from "~/components/AdminPager";
import { listBackInStockRequests } from "~/models/back-in-stock.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, requirePermission } from "~/utils/auth.server";
import { formatAdminTime } from "~/utils/shop-time.server";

export const meta: MetaFunction = () => adminMeta("Back in stock");

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "customers.view");
  const raw = new URL(request.url).searchParams.get("page");
  const page = raw && /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : 1;
  const { rows, total, waiting } = listBackInStockRequests({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  // Times in the shop's time zone, formatted here (the server knows the zone).
  const listed = rows.map((row) => ({ ...row, createdAtText: formatAdminTime(row.createdAt), notifiedAtText: row.notifiedAt === null ? null : formatAdminTime(row.notifiedAt) }));
  return json({ rows: listed, total, waiting, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) }, { headers: ADMIN_HEADERS });
}

export default function BackInStockPage() {
  const { rows, total, waiting, page, pages } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Back in stock</h1>
      <p className="admin-lede">
        Shoppers who asked to hear when a sold-out colour returns. When stock for that colour is received (or counted, or
        comes back from a refund), each of them is emailed once, through the outbox. {waiting} waiting, {total - waiting} emailed.
      </p>
      {rows.length === 0 ? (
        <p className="admin-muted">{total === 0 ? "Nobody has signed up yet." : "No sign-ups on this page."}</p>
      ) : (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <caption className="visually-hidden">Back-in-stock sign-ups, waiting first</caption>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Bag</th>
                <th scope="col">Colour</th>
                <th scope="col">Signed up</th>
                <th scope="col">Emailed</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} data-testid="back-in-stock-row">
                  <th scope="row">{row.email}</th>
                  <td>
                    <Link to={`/admin/products/${row.productId}`}>{row.productName}</Link>
                  </td>
                  <td>{row.colour.replace(/-/g, " ")}</td>
                  <td className="admin-nowrap">{row.createdAtText}</td>
                  <td className="admin-nowrap">{row.notifiedAtText === null ? <span className="admin-muted">Waiting</span> : row.notifiedAtText}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AdminPager label="Back-in-stock pages" page={page} pages={pages} total={total} hrefFor={(n) => (n > 1 ? `/admin/back-in-stock?page=${n}` : "/admin/back-in-stock")} />
    </>
  );
}
