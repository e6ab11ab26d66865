// Stock: every SKU with what is on the shelf, what open checkouts hold and what
// can still be sold. Low rows stand out; search and "low stock only" narrow the
// list. One query, however many SKUs.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AdminNotices } from "~/components/AdminField";
import { parseStockFilters } from "~/domain/stock";
import { listStock } from "~/models/inventory.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, requirePermission } from "~/utils/auth.server";
import { pendingNotice } from "~/web/responses.server";

export const meta: MetaFunction = () => adminMeta("Stock");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "stock.view");
  const query = parseStockFilters(new URL(request.url).searchParams);
  if (!query.ok) throw json({ message: query.message }, { status: 400, headers: ADMIN_HEADERS });
  const { notice, headers } = await pendingNotice(request);
  const items = listStock({ search: query.search, lowOnly: query.lowOnly });
  return json(
    {
      search: query.search,
      lowOnly: query.lowOnly,
      notice,
      lowCount: items.filter((i) => i.low).length,
      items: items.map((i) => ({
        sku: i.sku,
        productId: i.productId,
        productName: i.productName,
        draft: i.productStatus === "draft",
        colourName: i.colourName,
        onHand: i.onHand,
        held: i.held,
        available: i.available,
        lowStockThreshold: i.lowStockThreshold,
        low: i.low,
      })),
    },
    { headers },
  );
}

export default function StockPage() {
  const { search, lowOnly, notice, items, lowCount } = useLoaderData<typeof loader>();
  const exportQuery = new URLSearchParams({ ...(search ? { q: search } : {}), ...(lowOnly ? { low: "1" } : {}) }).toString();
  const filtered = search !== "" || lowOnly;

  return (
    <>
      <h1>Stock</h1>
      <AdminNotices notice={notice} />
      <div className="admin-actions">
        <Link className="button small secondary" to="/admin/stock/import">
          Import a stock count
        </Link>
        {/* A file download: the browser fetches it, not the router. */}
        <a className="button small secondary" href={`/admin/stock/export${exportQuery ? `?${exportQuery}` : ""}`} download>
          Download CSV{filtered ? " (these rows)" : ""}
        </a>
        <Link className="button small secondary" to="/admin/stock/ledger">
          Stock ledger
        </Link>
      </div>

      <Form method="get" className="admin-filter" role="search" aria-label="Stock">
        <div className="field">
          <label htmlFor="q">Search SKU, bag or colour</label>
          <input id="q" name="q" type="search" defaultValue={search} maxLength={100} autoComplete="off" spellCheck={false} />
        </div>
        <label className="admin-check">
          <input type="checkbox" name="low" value="1" defaultChecked={lowOnly} />
          Low stock only
        </label>
        <button type="submit" className="button small secondary">
          Filter
        </button>
        {filtered ? (
          <Link to="/admin/stock" className="admin-muted">
            Show all
          </Link>
        ) : null}
      </Form>

      <p className="admin-muted" role="status">
        {items.length} {items.length === 1 ? "SKU" : "SKUs"}
        {filtered ? " match" : ""} · {lowCount} at or under their low-stock threshold
      </p>

      {items.length === 0 ? (
        <p>{filtered ? "No SKUs match. Try another search, or show all." : "There are no SKUs yet: add a product and its colours first."}</p>
      ) : (
        <div className="admin-table-wrap" role="region" aria-label="Stock levels" tabIndex={0}>
          <table className="admin-table">
            <caption className="visually-hidden">Stock levels per SKU; low-stock rows are marked “Low”.</caption>
            <thead>
              <tr>
                <th scope="col">SKU</th>
                <th scope="col">Bag</th>
                <th scope="col">Colour</th>
                <th scope="col" className="num">
                  On hand
                </th>
                <th scope="col" className="num">
                  Held
                </th>
                <th scope="col" className="num">
                  Available
                </th>
                <th scope="col" className="num">
                  Low at
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.sku} data-testid="stock-row" data-sku={i.sku} className={i.low ? "is-low" : undefined}>
                  <th scope="row">
                    <Link to={`/admin/stock/${encodeURIComponent(i.sku)}`}>{i.sku}</Link>
                  </th>
                  <td>
                    {i.productName}
                    {i.draft ? <span className="admin-flag draft">Draft</span> : null}
                  </td>
                  <td>{i.colourName}</td>
                  <td className="num" data-testid="on-hand" data-label="On hand">
                    {i.onHand}
                  </td>
                  <td className="num" data-testid="held" data-label="Held">
                    {i.held}
                  </td>
                  <td className="num" data-testid="available" data-label="Available">
                    {i.available}
                    {i.low ? <span className="admin-flag low">Low</span> : null}
                  </td>
                  <td className="num" data-label="Low at">{i.lowStockThreshold}</td>
                  <td>
                    <Link to={`/admin/stock/${encodeURIComponent(i.sku)}`} className="button small secondary">
                      Adjust<span className="visually-hidden"> {i.sku}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
