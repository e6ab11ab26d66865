import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { AfterPaymentOffer } from "~/components/AfterPaymentOffer";
import { OrderSummary } from "~/components/OrderSummary";
import { checkoutSessionSchema, sessionNews } from "~/domain/stripe-objects";
import { getOrderByStripeSession } from "~/models/orders.server";
import { afterPaymentOffer, noteOfferShown } from "~/services/after-payment.server";
import { orderForShopper } from "~/services/order-view.server";
import { paymentCardOf } from "~/services/payment-card.server";
import { fulfilCheckout } from "~/services/payments.server";
import { stripe } from "~/services/stripe.server";
import { orderPageKey } from "~/utils/order-key.server";
import { getCartId } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.status === "paid" ? "Thank you · Tote & Charm" : "Your order · Tote & Charm" },
  { name: "robots", content: "noindex" },
  // While the payment is being confirmed, look again every few seconds (works without JavaScript).
  ...(data?.status === "pending" ? [{ httpEquiv: "refresh", content: "5" }] : []),
];

const sessionIdSchema = z.string().regex(/^(cs|test_cs)_[A-Za-z0-9_-]{8,250}$/);

export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = sessionIdSchema.safeParse(new URL(request.url).searchParams.get("session_id"));
  if (!parsed.success) throw new Response("Order not found", { status: 404 });
  let order = getOrderByStripeSession(parsed.data);
  if (!order) throw new Response("Order not found", { status: 404 });

  if (order.status === "pending" && order.paymentMode === "stripe") {
    // The webhook may not have arrived yet: ask Stripe, and fulfil if it is paid.
    try {
      const news = sessionNews(checkoutSessionSchema.parse(await stripe().checkout.sessions.retrieve(parsed.data)));
      const card = news.paymentStatus === "paid" ? await paymentCardOf(news.paymentIntentId) : null;
      fulfilCheckout({ ...news, card }, null);
      order = getOrderByStripeSession(parsed.data)!;
    } catch (error) {
      console.error("Could not confirm a checkout session with Stripe:", error instanceof Error ? error.message : error);
    }
  }
  const sameShopper = order.cartId !== null && order.cartId === (await getCartId(request));
  // The micro-bag offer after payment, for the shopper who paid (it needs the order's key).
  const afterPayment = sameShopper ? afterPaymentOffer(order) : null;
  if (afterPayment?.open) noteOfferShown(request, order.number, afterPayment);
  return json(
    { ...orderForShopper(order, sameShopper), afterPayment, orderKey: afterPayment ? orderPageKey(order.number) : null },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function CheckoutSuccess() {
  const order = useLoaderData<typeof loader>();
  const paid = order.status === "paid";
  return (
    <div className="wrap" style={{ maxWidth: 760 }}>
      <h1 style={{ marginTop: "1.5rem" }}>{paid ? "Thank you for your order" : order.statusLabel}</h1>
      <p data-testid="order-status" className={`notice ${paid ? "success" : order.status === "pending" ? "info" : "error"}`}>
        Order <strong>{order.number}</strong>:{" "}
        {paid
          ? "paid."
          : order.status === "pending"
            ? "we're still confirming your payment. This page refreshes by itself."
            : order.statusLabel + "."}
      </p>
      {order.status === "pending" ? (
        <p>
          <Link to=".">Refresh now</Link>
        </p>
      ) : null}
      {paid && order.customer?.email ? (
        // Written to the outbox with the payment, so it is on its way whatever happens to this page.
        <p data-testid="confirmation-note">{`A confirmation is on its way to ${order.customer.email}.`}</p>
      ) : null}
      {paid && order.deliveryEstimate ? (
        <p data-testid="delivery-estimate">
          Delivery estimate{order.shippingMethodName ? ` (${order.shippingMethodName})` : ""}: {order.deliveryEstimate}.
        </p>
      ) : null}
      {order.orderPagePath ? (
        <p>
          <Link to={order.orderPagePath} data-testid="order-page-link">
            See your order
          </Link>{" "}
          (keep this link: it shows your order's status and tracking).
        </p>
      ) : null}
      {order.afterPayment && order.orderKey ? (
        <AfterPaymentOffer offer={order.afterPayment} orderNumber={order.number} orderKey={order.orderKey} />
      ) : null}
      <OrderSummary order={order} />
      <p>
        <Link className="button secondary" to="/collections/all">
          Keep shopping
        </Link>
      </p>
    </div>
  );
}
