// The shopper's order page, linked from their emails and the thank-you page:
// /orders/<number>?key=<HMAC of the number>. Without the right key it is the
// same 404 as an order that does not exist. The key is in the address, so the
// page is never cached, indexed or sent on as a referrer.
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Money } from "~/components/Money";
import { OrderSummary } from "~/components/OrderSummary";
import { orderPageFor } from "~/services/order-view.server";

const ORDER_PAGE_HEADERS = {
  "Cache-Control": "private, no-store",
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex",
} as const;

export const headers: HeadersFunction = () => ORDER_PAGE_HEADERS;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Order ${data.number} · Tote & Charm` : "Order · Tote & Charm" },
  { name: "robots", content: "noindex" },
  { name: "referrer", content: "no-referrer" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const order = orderPageFor(params.number, new URL(request.url).searchParams.get("key"));
  if (!order) throw new Response("Order not found", { status: 404, headers: ORDER_PAGE_HEADERS });
  return json(order, { headers: ORDER_PAGE_HEADERS });
}

export default function OrderPage() {
  const order = useLoaderData<typeof loader>();
  return (
    <div className="wrap" style={{ maxWidth: 760 }}>
      <h1 style={{ marginTop: "1.5rem" }}>Order {order.number}</h1>
      <p className="card-meta">Placed {order.placed}</p>
      <div className={`notice ${order.state.key === "cancelled" || order.state.key === "refunded" ? "info" : "success"}`} data-testid="order-state">
        <strong>{order.state.headline}.</strong> {order.state.detail}
      </div>
      {order.refundedCents > 0 && order.state.key !== "cancelled" && order.state.key !== "refunded" ? (
        <p data-testid="order-refunded">
          Refunded so far: <Money cents={order.refundedCents} />.
        </p>
      ) : null}

      {order.shipments.length > 0 ? (
        <section aria-labelledby="shipments-title">
          <h2 id="shipments-title">Shipments</h2>
          <ul className="order-shipments">
            {order.shipments.map((s) => (
              <li key={s.id} data-testid="shipment">
                {s.items} {s.items === 1 ? "item" : "items"} shipped {s.shippedAt} with {s.carrierLabel}
                {s.trackingNumber ? <> · tracking number <code>{s.trackingNumber}</code></> : null}
                {s.trackingUrl ? (
                  <>
                    {" "}
                    ·{" "}
                    <a href={s.trackingUrl} rel="noreferrer noopener" target="_blank" data-testid="tracking-link">
                      Track this parcel
                    </a>
                  </>
                ) : null}
                {s.deliveredAt ? <> · delivered {s.deliveredAt}</> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <OrderSummary order={order} />

      <section aria-labelledby="delivery-title">
        <h2 id="delivery-title">Delivery</h2>
        {order.address.length > 0 ? (
          <address data-testid="shipping-address">
            {order.address.map((line, i) => (
              <span key={i}>
                {line}
                <br />
              </span>
            ))}
          </address>
        ) : null}
        {order.shippingMethodName ? <p>{order.shippingMethodName}</p> : null}
        {order.deliveryEstimate && order.state.key !== "cancelled" ? (
          <p data-testid="delivery-estimate">Delivery estimate: {order.deliveryEstimate}.</p>
        ) : null}
      </section>

      <p>Questions? Reply to your confirmation email.</p>
      <p>
        <Link className="button secondary" to="/collections/all">
          Keep shopping
        </Link>
      </p>
    </div>
  );
}
