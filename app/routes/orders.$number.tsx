// The shopper's order page, linked from their emails and the thank-you page:
// /orders/<number>?key=<HMAC of the number>. Without the right key it is the
// same 404 as an order that does not exist. The key is in the address, so the
// page is never cached, indexed or sent on as a referrer.
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { AfterPaymentOffer } from "~/components/AfterPaymentOffer";
import { Money } from "~/components/Money";
import { OrderSummary } from "~/components/OrderSummary";
import { AFTER_PAYMENT_MESSAGES } from "~/domain/after-payment";
import { checkoutSessionSchema, sessionNews } from "~/domain/stripe-objects";
import { getOrderByStripeSession } from "~/models/orders.server";
import { cardImageUrl } from "~/domain/images";
import { noteOfferShown, parentOfAddon } from "~/services/after-payment.server";
import { orderPageFor } from "~/services/order-view.server";
import { paymentCardOf } from "~/services/payment-card.server";
import { fulfilCheckout } from "~/services/payments.server";
import { stripe } from "~/services/stripe.server";
import { pendingNotice } from "~/web/responses.server";
import { isOrderPageKey } from "~/utils/order-key.server";

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

const addonSessionSchema = z.string().regex(/^cs_[A-Za-z0-9_-]{8,250}$/);

/** Back from Stripe after paying for an add-on: the webhook may not have arrived yet, so ask Stripe. */
async function confirmAddonPayment(orderNumber: string | undefined, sessionParam: string | null) {
  const parsed = addonSessionSchema.safeParse(sessionParam);
  if (!parsed.success) return;
  const addon = getOrderByStripeSession(parsed.data);
  if (!addon || addon.status !== "pending" || addon.paymentMode !== "stripe" || parentOfAddon(addon.id)?.number !== orderNumber) return;
  try {
    const news = sessionNews(checkoutSessionSchema.parse(await stripe().checkout.sessions.retrieve(parsed.data)));
    const card = news.paymentStatus === "paid" ? await paymentCardOf(news.paymentIntentId) : null;
    fulfilCheckout({ ...news, card }, null);
  } catch (error) {
    console.error("Could not confirm an add-on session with Stripe:", error instanceof Error ? error.message : error);
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const key = url.searchParams.get("key");
  if (params.number && isOrderPageKey(params.number, key)) await confirmAddonPayment(params.number, url.searchParams.get("addon_session"));
  const order = orderPageFor(params.number, key);
  if (!order) throw new Response("Order not found", { status: 404, headers: ORDER_PAGE_HEADERS });
  const { notice, headers } = await pendingNotice(request, ORDER_PAGE_HEADERS);
  const cancelled = url.searchParams.get("addon") === "cancelled" ? { kind: "info" as const, message: AFTER_PAYMENT_MESSAGES.cancelled } : null;
  if (order.afterPayment?.open) noteOfferShown(request, order.number, order.afterPayment);
  return json(
    { ...order, notice: notice ?? cancelled },
    { headers },
  );
}

export default function OrderPage() {
  const order = useLoaderData<typeof loader>();
  return (
    <div className="wrap" style={{ maxWidth: 760 }}>
      <h1 style={{ marginTop: "1.5rem" }}>Order {order.number}</h1>
      <p className="card-meta">Placed {order.placed}</p>
      {order.notice ? (
        <p className={`notice ${order.notice.kind}`} role={order.notice.kind === "error" ? "alert" : "status"} data-testid="order-notice">
          {order.notice.message}
        </p>
      ) : null}
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

      {order.addons.length > 0 ? (
        <section aria-labelledby="addons-title" data-testid="order-addons" style={{ marginTop: "1.5rem" }}>
          <h2 id="addons-title">Added after payment</h2>
          <p className="card-meta">These travel in the same parcel; each was paid separately.</p>
          <ul className="cart-lines">
            {order.addons.flatMap((a) =>
              a.lines.map((line) => (
                <li key={line.id} className="cart-line" data-testid="addon-line">
                  <img src={cardImageUrl(line.imageUrl)} alt="" width={96} height={96} />
                  <div>
                    <h3 style={{ margin: 0 }}>{line.productName}</h3>
                    <p className="card-meta">
                      {line.colourName} · {line.offerName ?? "Bundle price"} · {a.statusLabel}
                    </p>
                  </div>
                  <div className="line-total">
                    <Money cents={line.lineTotalCents} />
                  </div>
                </li>
              )),
            )}
          </ul>
        </section>
      ) : null}

      {order.addons.length > 0 ? (
        <section aria-labelledby="payments-title" data-testid="order-payments" style={{ marginTop: "1.5rem" }}>
          <h2 id="payments-title">Payments</h2>
          <ul>
            <li data-testid="payment">
              Order payment: <Money cents={order.firstPayment.totalCents} /> ({order.firstPayment.statusLabel}
              {order.firstPayment.refundedCents > 0 ? <>, <Money cents={order.firstPayment.refundedCents} /> refunded</> : null})
            </li>
            {order.addons.map((a) => (
              <li key={a.number} data-testid="payment">
                Add-on payment {a.number}: <Money cents={a.totalCents} /> ({a.statusLabel}
                {a.refundedCents > 0 && !a.withdrawn ? <>, <Money cents={a.refundedCents} /> refunded</> : null})
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {order.afterPayment ? <AfterPaymentOffer offer={order.afterPayment} orderNumber={order.number} orderKey={order.orderKey} /> : null}

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
