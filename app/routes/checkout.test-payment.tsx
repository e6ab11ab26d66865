import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Money } from "~/components/Money";
import { OrderSummary } from "~/components/OrderSummary";
import { formFields, parseWith } from "~/web/forms";
import { chooseShippingOption, deliveryEstimate, SHIPPING_COUNTRIES } from "~/domain/shipping";
import { isPaidStatus } from "~/domain/order-status";
import { orderHoldsStillActive } from "~/models/inventory.server";
import { getOrderByStripeSession } from "~/models/orders.server";
import { orderForShopper } from "~/services/order-view.server";
import { CHECKOUT_MESSAGES } from "~/services/checkout.server";
import { expireCheckout, failCheckout, fulfilCheckout } from "~/services/payments.server";
import { offeredShipping, shippingCountries } from "~/services/shipping.server";
import { env } from "~/utils/env.server";
import { setNotice } from "~/utils/flash.server";
import { getCartId } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Test payment · Tote & Charm" }, { name: "robots", content: "noindex" }];

const sessionId = z.string().regex(/^test_cs_[A-Za-z0-9_-]{8,100}$/, "Unknown checkout.");

/** The pending test-mode order this shopper's cart started, or a 404. */
async function findOrder(request: Request, id: string | null) {
  if (env().stripe) throw new Response("Not found", { status: 404 });
  const parsed = sessionId.safeParse(id);
  const order = parsed.success ? getOrderByStripeSession(parsed.data) : undefined;
  if (!order || order.paymentMode !== "test" || order.cartId !== (await getCartId(request))) {
    throw new Response("Not found", { status: 404 });
  }
  return order;
}

/**
 * Where a checkout that can no longer be paid sends the shopper: the page and
 * its form answer alike, so a replaced or expired checkout is never paid.
 */
async function closedCheckout(sessionId: string) {
  const order = getOrderByStripeSession(sessionId);
  if (order && isPaidStatus(order.status)) return redirect(`/checkout/success?session_id=${sessionId}`, 303);
  return redirect("/cart", {
    status: 303,
    headers: { "Set-Cookie": await setNotice({ kind: "info", message: CHECKOUT_MESSAGES.closed }) },
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const id = new URL(request.url).searchParams.get("session_id");
  const order = await findOrder(request, id);
  if (order.status !== "pending" || !orderHoldsStillActive(order.id, Date.now())) return closedCheckout(id!);
  const goodsCents = order.subtotalCents - order.discountCents;
  const shipping = offeredShipping(goodsCents).map((o) => ({
    methodId: o.methodId,
    name: o.name,
    amountCents: o.amountCents,
    estimate: deliveryEstimate(o.minDays, o.maxDays),
    countries: o.countries.join(", "),
  }));
  const countries = shippingCountries().map((code) => ({ code, name: SHIPPING_COUNTRIES[code] }));
  return json(
    { sessionId: id!, expiresAt: order.holdExpiresAt, order: orderForShopper(order, false), goodsCents, shipping, countries },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

const text = (label: string, max: number) =>
  z.string({ error: `${label} is required.` }).trim().min(1, `${label} is required.`).max(max, `${label} is too long.`);

const paymentSchema = z.discriminatedUnion(
  "intent",
  [
    z.strictObject({
      intent: z.literal("pay"),
      session_id: sessionId,
      email: z.email("Enter an email address like name@example.com.").max(254),
      name: text("Name", 100),
      line1: text("Address", 200),
      city: text("City", 100),
      postal_code: text("Postcode", 20),
      country: z.string().regex(/^[A-Z]{2}$/, "Choose a country."),
      // Left out (a form without the radios), the cheapest method for the country, as Stripe preselects the first.
      shipping_method: z
        .string()
        .regex(/^[1-9]\d{0,9}$/, "Choose a shipping method.")
        .transform(Number)
        .optional(),
    }),
    z.strictObject({ intent: z.literal("decline"), session_id: sessionId }),
    z.strictObject({ intent: z.literal("abandon"), session_id: sessionId }),
  ],
  { error: "Choose pay, decline or abandon." },
);

export async function action({ request }: ActionFunctionArgs) {
  const fields = formFields(await request.formData());
  if (!fields.ok) return json({ message: fields.message, fieldErrors: {} as Record<string, string> }, { status: 400 });
  // Only the buttons' intent decides; address fields sent with decline/abandon are dropped.
  const input =
    fields.fields.intent === "pay"
      ? fields.fields
      : { intent: fields.fields.intent ?? "", session_id: fields.fields.session_id ?? "" };
  const parsed = parseWith(paymentSchema, input);
  if (!parsed.ok) return json({ message: parsed.message, fieldErrors: parsed.fieldErrors }, { status: 400 });
  const order = await findOrder(request, parsed.data.session_id);

  switch (parsed.data.intent) {
    case "pay": {
      const p = parsed.data;
      if (order.status !== "pending") return closedCheckout(p.session_id);
      // The amount comes from the database; the form only names the method.
      const goodsCents = order.subtotalCents - order.discountCents;
      const choice = chooseShippingOption(offeredShipping(goodsCents), p.shipping_method ?? null, p.country);
      if (!choice.ok) return json({ message: choice.message, fieldErrors: { shipping_method: choice.message } as Record<string, string> }, { status: 400 });
      const outcome = fulfilCheckout(
        {
          sessionId: p.session_id,
          paymentStatus: "paid",
          amountTotal: goodsCents + choice.option.amountCents,
          shippingCents: choice.option.amountCents,
          shippingMethodId: choice.option.methodId,
          taxCents: 0,
          currency: order.currency,
          customerEmail: p.email,
          customerName: p.name,
          shippingAddress: { name: p.name, line1: p.line1, line2: null, city: p.city, state: null, postalCode: p.postal_code, country: p.country },
          paymentIntentId: `test_pi_${order.id}`,
          // This page takes no card, so there is no card to record.
          card: null,
        },
        null,
        Date.now(),
        { onlyWhileHeld: true },
      );
      if (outcome !== "fulfilled") return closedCheckout(p.session_id);
      return redirect(`/checkout/success?session_id=${p.session_id}`, 303);
    }
    case "decline":
      failCheckout(parsed.data.session_id, null);
      return redirect("/cart", {
        status: 303,
        headers: { "Set-Cookie": await setNotice({ kind: "error", message: "Your payment was declined. Nothing was charged and your cart is as it was." }) },
      });
    case "abandon":
      expireCheckout(parsed.data.session_id, null, Date.now(), "Abandoned on the test-payment page");
      return redirect("/cart", {
        status: 303,
        headers: { "Set-Cookie": await setNotice({ kind: "info", message: "Checkout cancelled. Your cart is as you left it." }) },
      });
  }
}

export default function TestPayment() {
  const { sessionId: id, order, goodsCents, shipping, countries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.fieldErrors ?? {};
  const busy = useNavigation().state !== "idle";
  return (
    <div className="wrap" style={{ maxWidth: 760 }}>
      <p className="notice info" role="note" style={{ marginTop: "1.5rem" }}>
        <strong>Test payment.</strong> This shop runs without a Stripe key, so no real money moves here. Choose what the payment
        does: pay, decline, or abandon checkout.
      </p>
      <h1>
        Pay <Money cents={order.totalCents} /> plus shipping
      </h1>
      {actionData ? (
        <p className="notice error" role="alert">
          {actionData.message}
        </p>
      ) : null}
      <OrderSummary order={order} />
      <Form method="post" style={{ marginTop: "1.5rem" }} noValidate>
        <input type="hidden" name="session_id" value={id} />
        <fieldset style={{ border: 0, padding: 0 }}>
          <legend className="eyebrow">Contact and shipping</legend>
          <Field name="email" label="Email" type="email" autoComplete="email" defaultValue="shopper@example.com" error={errors.email} />
          <Field name="name" label="Full name" autoComplete="name" defaultValue="Test Shopper" error={errors.name} />
          <Field name="line1" label="Address" autoComplete="address-line1" defaultValue="1 Market Street" error={errors.line1} />
          <Field name="city" label="City" autoComplete="address-level2" defaultValue="Springfield" error={errors.city} />
          <Field name="postal_code" label="Postcode" autoComplete="postal-code" defaultValue="12345" error={errors.postal_code} />
          <div className="field">
            <label htmlFor="country">Country</label>
            <select id="country" name="country" defaultValue="US">
              {countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
        <fieldset style={{ border: 0, padding: 0 }} aria-describedby={errors.shipping_method ? "shipping-error" : undefined}>
          <legend className="eyebrow">Shipping</legend>
          {shipping.map((o, i) => (
            <label key={o.methodId} className="field" style={{ display: "flex", gap: "0.5rem", alignItems: "baseline" }} data-testid="shipping-option">
              <input type="radio" name="shipping_method" value={o.methodId} defaultChecked={i === 0} />
              <span>
                <strong>{o.name}</strong>: {o.amountCents === 0 ? "Free" : <Money cents={o.amountCents} />}, {o.estimate}. Total{" "}
                <Money cents={goodsCents + o.amountCents} /> <span className="card-meta">(delivers to {o.countries})</span>
              </span>
            </label>
          ))}
          {errors.shipping_method ? (
            <span id="shipping-error" className="field-error">
              {errors.shipping_method}
            </span>
          ) : null}
        </fieldset>
        <div style={{ display: "flex", gap: "0.75rem", flexWrap: "wrap" }}>
          <button type="submit" name="intent" value="pay" className="button" disabled={busy}>
            Pay with the shipping chosen
          </button>
          <button type="submit" name="intent" value="decline" className="button secondary" disabled={busy}>
            Decline payment
          </button>
          <button type="submit" name="intent" value="abandon" className="link-button" disabled={busy}>
            Abandon checkout
          </button>
        </div>
      </Form>
    </div>
  );
}

function Field(props: { name: string; label: string; type?: string; autoComplete: string; defaultValue: string; error?: string }) {
  const id = `pay-${props.name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        autoComplete={props.autoComplete}
        defaultValue={props.defaultValue}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
      />
      {props.error ? (
        <span id={`${id}-error`} className="field-error">
          {props.error}
        </span>
      ) : null}
    </div>
  );
}
