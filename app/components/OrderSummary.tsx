import { Money } from "~/components/Money";
import { cardImageUrl } from "~/domain/images";

export interface OrderSummaryData {
  subtotalCents: number;
  discountCents: number;
  /** Shown when non-zero (older orders and the test-payment page have none). */
  shippingCents?: number;
  shippingMethodName?: string | null;
  taxCents?: number;
  totalCents: number;
  lines: {
    id: number;
    productName: string;
    colourName: string;
    imageUrl: string;
    quantity: number;
    unitPriceCents: number;
    discountCents: number;
    offerName: string | null;
    lineTotalCents: number;
  }[];
}

export function OrderSummary({ order }: { order: OrderSummaryData }) {
  return (
    <section className="summary" style={{ position: "static" }} aria-labelledby="order-summary-title">
      <h2 id="order-summary-title">Your order</h2>
      <ul className="cart-lines" style={{ marginBottom: "1rem" }}>
        {order.lines.map((line) => (
          <li key={line.id} className="cart-line" data-testid="order-line">
            <img src={cardImageUrl(line.imageUrl)} alt="" width={96} height={96} />
            <div>
              <h3 style={{ margin: 0 }}>{line.productName}</h3>
              <p className="card-meta">
                {line.colourName} · {line.quantity} × <Money cents={line.unitPriceCents} />
              </p>
              {line.discountCents > 0 ? (
                <p className="discount card-meta">
                  {line.offerName ?? "Bundle price"}: −<Money cents={line.discountCents} />
                </p>
              ) : null}
            </div>
            <div className="line-total">
              <Money cents={line.lineTotalCents} />
            </div>
          </li>
        ))}
      </ul>
      <dl>
        <dt>Subtotal</dt>
        <dd>
          <Money cents={order.subtotalCents} />
        </dd>
        {order.discountCents > 0 ? (
          <>
            <dt className="discount">Bundle savings</dt>
            <dd className="discount" data-testid="order-discount">
              −<Money cents={order.discountCents} />
            </dd>
          </>
        ) : null}
        {order.shippingMethodName != null || (order.shippingCents ?? 0) > 0 ? (
          <>
            <dt>Shipping{order.shippingMethodName ? ` (${order.shippingMethodName})` : ""}</dt>
            <dd data-testid="order-shipping">{order.shippingCents ? <Money cents={order.shippingCents} /> : "Free"}</dd>
          </>
        ) : null}
        {(order.taxCents ?? 0) > 0 ? (
          <>
            <dt>Tax</dt>
            <dd data-testid="order-tax">
              <Money cents={order.taxCents!} />
            </dd>
          </>
        ) : null}
        <dt className="total">Total</dt>
        <dd className="total" data-testid="order-total">
          <Money cents={order.totalCents} />
        </dd>
      </dl>
    </section>
  );
}
