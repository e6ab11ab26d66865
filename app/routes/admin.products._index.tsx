// Products: every bag in the catalog, drafts included, with its colours, price
// range and stock on hand. Search by name, web address or SKU; filter by status.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AdminNotices } from "~/components/AdminField";
import { BulkTick, ProductBulkActions } from "~/components/ProductBulkActions";
import { Money } from "~/components/Money";
import { parseWith } from "~/web/forms";
import { KIND_LABELS } from "~/domain/catalog";
import { parseBulkForm } from "~/domain/product-bulk";
import { productFiltersSchema, STATUS_LABELS } from "~/domain/product-form";
import { bulkUpdateProducts, listProducts } from "~/models/products.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, requirePermission } from "~/utils/auth.server";
import { done, pendingNotice } from "~/web/responses.server";

export const meta: MetaFunction = () => adminMeta("Products");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "products.view");
  const params = new URL(request.url).searchParams;
  const fields: Record<string, string> = {};
  for (const key of ["q", "status"]) {
    const value = params.get(key);
    if (value !== null && value !== "") fields[key] = value;
  }
  const query = parseWith(productFiltersSchema, fields);
  if (!query.ok) throw json({ message: query.message }, { status: 400, headers: ADMIN_HEADERS });
  const search = (query.data.q ?? "").trim();
  const status = query.data.status ?? null;
  const { notice, headers } = await pendingNotice(request);
  const products = listProducts({ search, status }).map((p) => ({
    id: p.id,
    slug: p.slug,
    name: p.name,
    kind: KIND_LABELS[p.kind],
    status: p.status,
    variantCount: p.variantCount,
    minPriceCents: p.minPriceCents,
    maxPriceCents: p.maxPriceCents,
    onHand: p.onHand,
  }));
  return json({ search, status, notice, products }, { headers });
}

// Bulk actions: set the ticked products active or draft, add or remove a tag.
export async function action({ request }: ActionFunctionArgs) {
  const me = await requirePermission(request, "products.edit");
  const form = await request.formData();
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : null;
  };
  const parsed = parseBulkForm({ ids: form.getAll("ids").map(String), bulk: text("bulk"), tag: text("tag") });
  if (!parsed.ok) return json({ error: { message: parsed.message, field: parsed.field } }, { status: 400, headers: ADMIN_HEADERS });
  const result = bulkUpdateProducts(parsed.request.ids, parsed.request.change, { staffId: me.id });
  if (!result.ok) return json({ error: { message: result.message, field: "bulk" } }, { status: result.status, headers: ADMIN_HEADERS });
  const n = result.changed;
  return done(`/admin/products${new URL(request.url).search}`, `${n} ${n === 1 ? "product" : "products"} changed${result.unchanged > 0 ? `, ${result.unchanged} already so` : ""}${result.missing > 0 ? `, ${result.missing} no longer there` : ""}.`);
}

export default function ProductsPage() {
  const { search, status, notice, products } = useLoaderData<typeof loader>();
  const bulk = useActionData<typeof action>();
  const filtered = search !== "" || status !== null;
  return (
    <>
      <div className="admin-head">
        <h1>Products</h1>
        <Link className="button small" to="/admin/products/new">
          Add a product
        </Link>
        <a className="button small secondary" href="/admin/products/export">
          Download CSV
        </a>
        <Link className="button small secondary" to="/admin/products/import">
          Import CSV
        </Link>
      </div>
      <AdminNotices notice={notice} />

      <Form method="get" className="admin-filter" role="search" aria-label="Products">
        <div className="field">
          <label htmlFor="q">Search name, web address or SKU</label>
          <input id="q" name="q" type="search" defaultValue={search} maxLength={100} autoComplete="off" spellCheck={false} />
        </div>
        <div className="field">
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={status ?? ""}>
            <option value="">Any</option>
            <option value="active">Active</option>
            <option value="draft">Draft</option>
          </select>
        </div>
        <button type="submit" className="button small secondary">
          Filter
        </button>
        {filtered ? (
          <Link to="/admin/products" className="admin-muted">
            Show all
          </Link>
        ) : null}
      </Form>

      <p className="admin-muted" role="status">
        {products.length} {products.length === 1 ? "product" : "products"}
        {filtered ? " match" : ""}
      </p>

      {products.length > 0 ? <ProductBulkActions error={bulk?.error ?? null} /> : null}

      {products.length === 0 ? (
        <p>{filtered ? "No products match. Try another search, or show all." : "There are no products yet."}</p>
      ) : (
        <div className="admin-table-wrap" role="region" aria-label="Products" tabIndex={0}>
          <table className="admin-table">
            <caption className="visually-hidden">Products, featured first</caption>
            <thead>
              <tr>
                <th scope="col" className="admin-tick-cell">
                  <span className="visually-hidden">Select</span>
                </th>
                <th scope="col">Product</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Colours
                </th>
                <th scope="col" className="num">
                  Price
                </th>
                <th scope="col" className="num">
                  On hand
                </th>
              </tr>
            </thead>
            <tbody>
              {products.map((p) => (
                <tr key={p.id} data-testid="product-row" data-slug={p.slug}>
                  <td className="admin-tick-cell">
                    <BulkTick id={p.id} name={p.name} />
                  </td>
                  <th scope="row">
                    <Link to={`/admin/products/${p.id}`}>{p.name}</Link>
                    <div className="admin-muted">/products/{p.slug}</div>
                  </th>
                  <td>{p.kind}</td>
                  <td>
                    <span className={`admin-flag ${p.status}`}>{STATUS_LABELS[p.status]}</span>
                    {p.status === "active" && p.variantCount === 0 ? <div className="admin-muted">Hidden: no colours yet</div> : null}
                  </td>
                  <td className="num" data-label="Colours">{p.variantCount}</td>
                  <td className="num">
                    {p.minPriceCents === null ? (
                      <span className="admin-muted">—</span>
                    ) : p.minPriceCents === p.maxPriceCents ? (
                      <Money cents={p.minPriceCents} />
                    ) : (
                      <>
                        <Money cents={p.minPriceCents} />–<Money cents={p.maxPriceCents!} />
                      </>
                    )}
                  </td>
                  <td className="num" data-label="On hand">{p.onHand}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
