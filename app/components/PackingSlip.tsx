// A packing slip: what goes in one order's parcel, and where it goes. Printed
// one order per page (see .packing-slip in admin.css).
import type { PackingSlip as Slip } from "~/services/fulfilment.server";

export function PackingSlip({
  slip,
  headingLevel = 1,
}: {
  slip: Slip;
  headingLevel?: 1 | 2;
}) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const toPack = slip.items.filter((i) => i.toPack > 0);
  return (
    <article
      className="packing-slip"
      data-testid="packing-slip"
      data-number={slip.number}
    >
      <header className="packing-slip-head">
        <Heading>Packing slip · {slip.number}</Heading>
        <p>
          Tote &amp; Charm · placed {slip.placed}
          {slip.shippingMethod ? ` · ${slip.shippingMethod}` : ""}
        </p>
      </header>
      <section aria-label="Ship to">
        <h3>Ship to</h3>
        {slip.address.length > 0 ? (
          <address data-testid="slip-address">
            {slip.address.map((line, i) => (
              <span key={i}>
                {line}
                <br />
              </span>
            ))}
          </address>
        ) : (
          <p>{slip.customerName ?? "No address given"}</p>
        )}
      </section>
      {slip.cancelled ? (
        <p className="packing-slip-note">
          This order was cancelled: do not send it.
        </p>
      ) : null}
      {!slip.cancelled && !slip.paid ? <p className="packing-slip-note">This order isn't paid (or was refunded in full): do not send it.</p> : null}
      {!slip.cancelled && slip.paid && toPack.length === 0 ? <p className="packing-slip-note">Everything on this order has been shipped.</p> : null}
      <div
        className="admin-table-wrap"
        role="region"
        aria-label="Items"
        tabIndex={0}
      >
        <table className="admin-table packing-slip-items">
          <caption className="visually-hidden">
            Items to pack for {slip.number}
          </caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">SKU</th>
              <th scope="col" className="num">
                Ordered
              </th>
              <th scope="col" className="num">
                Shipped before
              </th>
              <th scope="col" className="num">
                Pack now
              </th>
              <th scope="col">
                <span className="visually-hidden">Packed</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {slip.items.map((i) => (
              <tr key={i.id} data-testid="slip-line" data-sku={i.sku}>
                <th scope="row">
                  {i.productName}{" "}
                  <span className="admin-muted">({i.colourName})</span>
                  {i.addedAfterPayment ? <span className="admin-muted"> · added after payment ({i.addedAfterPayment})</span> : null}
                </th>
                <td>
                  <code>{i.sku}</code>
                </td>
                <td className="num">{i.ordered}</td>
                <td className="num">{i.shipped}</td>
                <td className="num" data-testid="slip-to-pack">
                  <strong>{i.toPack}</strong>
                </td>
                <td aria-hidden="true" className="packing-slip-box">
                  ☐
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="packing-slip-foot">
        Thank you for shopping with Tote &amp; Charm. Questions? Reply to your
        confirmation email.
      </p>
    </article>
  );
}
