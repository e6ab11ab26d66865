// A pick list for the orders ticked on the To-ship list: what to take from the
// shelves, summed by SKU, then each order's packing slip on its own page.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PackingSlip } from "~/components/PackingSlip";
import { parsePickListQuery } from "~/domain/order-admin";
import { pickListFor } from "~/services/fulfilment.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, requirePermission } from "~/utils/auth.server";

export const meta: MetaFunction = () => adminMeta("Pick list");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "orders.ship");
  const parsed = parsePickListQuery(new URL(request.url).searchParams);
  if (!parsed.ok)
    throw json(
      { message: parsed.message },
      { status: 400, headers: ADMIN_HEADERS }
    );
  const list = pickListFor(parsed.numbers);
  if (list.slips.length === 0)
    throw json(
      { message: "None of those orders exist." },
      { status: 404, headers: ADMIN_HEADERS }
    );
  return json({ numbers: parsed.numbers, ...list }, { headers: ADMIN_HEADERS });
}

export default function PickListPage() {
  const data = useLoaderData<typeof loader>();
  const units = data.lines.reduce((sum, l) => sum + l.quantity, 0);
  return (
    <>
      <p className="admin-back no-print">
        <Link to="/admin/orders">← To ship</Link> · use your browser's Print to
        print the list and the packing slips.
      </p>
      <section
        className="pick-list"
        aria-labelledby="pick-title"
        data-testid="pick-list"
      >
        <h1 id="pick-title">Pick list</h1>
        <p>
          {data.slips.length} {data.slips.length === 1 ? "order" : "orders"}:{" "}
          {data.slips.map((s) => s.number).join(", ")} · {units}{" "}
          {units === 1 ? "item" : "items"} to take from the shelves.
        </p>
        {data.unknown.length > 0 ? (
          <p className="notice error">Not found: {data.unknown.join(", ")}</p>
        ) : null}
        <div
          className="admin-table-wrap"
          role="region"
          aria-label="Items"
          tabIndex={0}
        >
          <table className="admin-table">
            <caption className="visually-hidden">Items to pick, by SKU</caption>
            <thead>
              <tr>
                <th scope="col">SKU</th>
                <th scope="col">Product</th>
                <th scope="col">Colour</th>
                <th scope="col" className="num">
                  Quantity
                </th>
                <th scope="col">
                  <span className="visually-hidden">Picked</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.lines.map((l) => (
                <tr key={l.sku} data-testid="pick-line" data-sku={l.sku}>
                  <th scope="row">
                    <code>{l.sku}</code>
                  </th>
                  <td>{l.productName}</td>
                  <td>{l.colourName}</td>
                  <td className="num" data-testid="pick-quantity">
                    <strong>{l.quantity}</strong>
                  </td>
                  <td aria-hidden="true" className="packing-slip-box">
                    ☐
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {data.slips.map((slip) => (
        <PackingSlip key={slip.number} slip={slip} headingLevel={2} />
      ))}
    </>
  );
}
