// The local stand-in for Stripe when a micro bag is added after payment
// (no Stripe key set): pay, decline or abandon the add-on's short payment.
// Reached with the add-on order's own key, never by the session id alone.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Money } from "~/components/Money";
import { OrderSummary } from "~/components/OrderSummary";
import { AFTER_PAYMENT_MESSAGES } from "~/domain/after-payment";
import { formFields, parseWith } from "~/web/forms";
import { isPaidStatus } from "~/domain/order-status";
import { orderHoldsStillActive } from "~/models/inventory.server";
import { getOrder, getOrderByStripeSession } from "~/models/orders.server";
import { parentOfAddon } from "~/services/after-payment.server";
import { orderForShopper } from "~/services/order-view.server";
import { expireCheckout, failCheckout, fulfilCheckout } from "~/services/payments.server";
import { env } from "~/utils/env.server";
import { setNotice, type Notice } from "~/utils/flash.server";
import { isOrderPageKey, orderPagePath } from "~/utils/order-key.server";

export const meta: MetaFunction = () => [{ title: "Test payment · Tote & Charm" }, { name: "robots", content: "noindex" }];

const NO_STORE = { "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" } as const;
const sessionId = z.string().regex(/^test_cs_[A-Za-z0-9_-]{8,100}$/, "Unknown payment.");
const key = z.string().min(1).max(100);

/** The add-on order and the order it joins, or a 404 (unknown session, wrong key, Stripe mode). */
function findAddon(id: unknown, keyValue: unknown) {
  if (env().stripe) throw new Response("Not found", { status: 404 });
  const s = sessionId.safeParse(id);
  const k = key.safeParse(keyValue);
  const order = s.success ? getOrderByStripeSession(s.data) : undefined;
  const parent = order ? parentOfAddon(order.id) : undefined;
  if (!order || !parent || !k.success || order.paymentMode !== "test" || !isOrderPageKey(order.number, k.data)) {
    throw new Response("Not found", { status: 404 });
  }
  return { order, parent, sessionId: s.data! };
}

async function backToOrder(parentNumber: string, notice: Notice) {
  return redirect(orderPagePath(parentNumber), { status: 303, headers: { "Set-Cookie": await setNotice(notice) } });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const { order, parent, sessionId: id } = findAddon(url.searchParams.get("session_id"), url.searchParams.get("key"));
  if (isPaidStatus(order.status)) return redirect(orderPagePath(parent.number), 303);
  if (order.status !== "pending" || !orderHoldsStillActive(order.id, Date.now())) {
    return backToOrder(parent.number, { kind: "info", message: AFTER_PAYMENT_MESSAGES.closed });
  }
  return json(
    { sessionId: id, key: url.searchParams.get("key")!, parentNumber: parent.number, order: orderForShopper(order, false) },
    { headers: NO_STORE },
  );
}

const paymentSchema = z.strictObject({
  intent: z.enum(["pay", "decline", "abandon"], { error: "Choose pay, decline or abandon." }),
  session_id: sessionId,
  key,
});

export async function action({ request }: ActionFunctionArgs) {
  const fields = formFields(await request.formData());
  if (!fields.ok) return json({ message: fields.message }, { status: 400 });
  const parsed = parseWith(paymentSchema, fields.fields);
  if (!parsed.ok) return json({ message: parsed.message }, { status: 400 });
  const { order, parent } = findAddon(parsed.data.session_id, parsed.data.key);
  const now = Date.now();
  switch (parsed.data.intent) {
    case "pay": {
      // The amount is the add-on order's, priced on the server when it was started.
      const current = getOrder(order.id)!;
      const outcome = fulfilCheckout(
        {
          sessionId: parsed.data.session_id,
          paymentStatus: "paid",
          amountTotal: current.totalCents,
          currency: current.currency,
          shippingCents: null,
          taxCents: 0,
          customerEmail: null,
          customerName: null,
          shippingAddress: null,
          paymentIntentId: `test_pi_${current.id}`,
        },
        null,
        now,
        { onlyWhileHeld: true },
      );
      if (outcome === "fulfilled") return backToOrder(parent.number, { kind: "success", message: AFTER_PAYMENT_MESSAGES.paid });
      if (outcome === "already_paid") return redirect(orderPagePath(parent.number), 303);
      if (outcome === "refund_scheduled") {
        return backToOrder(parent.number, { kind: "info", message: "Your order changed before this payment arrived, so it has been refunded in full." });
      }
      return backToOrder(parent.number, { kind: "info", message: AFTER_PAYMENT_MESSAGES.closed });
    }
    case "decline":
      failCheckout(parsed.data.session_id, null, now);
      return backToOrder(parent.number, { kind: "error", message: AFTER_PAYMENT_MESSAGES.declined });
    case "abandon":
      expireCheckout(parsed.data.session_id, null, now, "Abandoned on the test-payment page");
      return backToOrder(parent.number, { kind: "info", message: AFTER_PAYMENT_MESSAGES.cancelled });
  }
}

export default function TestPaymentAddon() {
  const { sessionId: id, key: k, parentNumber, order } = useLoaderData<typeof loader>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="wrap" style={{ maxWidth: 760 }}>
      <p className="notice info" role="note" style={{ marginTop: "1.5rem" }}>
        <strong>Test payment.</strong> This shop runs without a Stripe key, so no real money moves here.
      </p>
      <h1>
        Pay <Money cents={order.totalCents} /> to add to order {parentNumber}
      </h1>
      <p>It ships in the same parcel as order {parentNumber}, to the same address.</p>
      <OrderSummary order={order} />
      <Form method="post" style={{ marginTop: "1.5rem", display: "flex", gap: "0.75rem", flexWrap: "wrap" }}>
        <input type="hidden" name="session_id" value={id} />
        <input type="hidden" name="key" value={k} />
        <button type="submit" name="intent" value="pay" className="button" disabled={busy}>
          Pay <Money cents={order.totalCents} />
        </button>
        <button type="submit" name="intent" value="decline" className="button secondary" disabled={busy}>
          Decline payment
        </button>
        <button type="submit" name="intent" value="abandon" className="link-button" disabled={busy}>
          Cancel
        </button>
      </Form>
    </div>
  );
}
