// Cancelling an order that hasn't shipped: a page saying what will happen (the
// refund, the items going back in stock), then the confirmed form. Safe to
// send twice: the second finds the order cancelled and does nothing.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AdminNotices, fieldAria } from "~/components/AdminField";
import { Money } from "~/components/Money";
import { formFields, parseWith } from "~/web/forms";
import { cancelFormSchema } from "~/domain/fulfilment";
import { parseOrderNumber } from "~/domain/order-admin";
import { refundLimitProblem } from "~/domain/permissions";
import { getSupportRefundLimitCents } from "~/models/settings.server";
import { cancellationFor, cancelOrder } from "~/services/fulfilment.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, requirePermission } from "~/utils/auth.server";
import { done, failure, notFound } from "~/web/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => adminMeta(data ? `Cancel ${data.cancel.number}` : "Cancel an order");

const NOT_FOUND = "That order does not exist.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "orders.cancel");
  const number = parseOrderNumber(params.number);
  const cancel = number ? cancellationFor(number) : null;
  if (!cancel) throw notFound(NOT_FOUND);
  return json({ cancel }, { headers: ADMIN_HEADERS });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const me = await requirePermission(request, "orders.cancel");
  const number = parseOrderNumber(params.number);
  if (!number) throw notFound(NOT_FOUND);
  const form = formFields(await request.formData());
  if (!form.ok) return failure(400, form.message, { _form: form.message });
  const input = parseWith(cancelFormSchema, form.fields);
  if (!input.ok) return failure(400, input.message, input.fieldErrors);
  // A cancellation refunds: the support role's refund limit applies to it too.
  const planned = cancellationFor(number);
  const overLimit = planned && !planned.why ? refundLimitProblem(me.role, planned.refundCents, getSupportRefundLimitCents()) : null;
  if (overLimit) return failure(403, overLimit, { _form: overLimit });
  const outcome = await cancelOrder({ orderNumber: number, staffId: me.id });
  if (!outcome.ok) {
    if (outcome.status === 404) throw notFound(NOT_FOUND);
    return failure(outcome.status, outcome.message, outcome.fieldErrors);
  }
  return done(`/admin/orders/${number}`, outcome.message, outcome.duplicate ? "info" : "success");
}

export default function CancelPage() {
  const { cancel } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const error = result?.fieldErrors.confirm;
  return (
    <>
      <p className="admin-back">
        <Link to={`/admin/orders/${cancel.number}`}>← Order {cancel.number}</Link>
      </p>
      <h1>Cancel order {cancel.number}?</h1>
      <AdminNotices error={result && !result.ok ? result.message : null} />
      {cancel.why ? (
        <p className="admin-muted" data-testid="cancel-unavailable">
          {cancel.why}
        </p>
      ) : (
        <Form method="post" className="admin-form" data-testid="cancel-form">
          <p>Cancelling this order will:</p>
          <ul data-testid="cancel-effects">
            <li>
              refund <strong><Money cents={cancel.refundCents} /></strong>
              {cancel.paymentMode === "stripe" ? " through Stripe" : " (a test payment: recorded here, no money moves)"};
            </li>
            {cancel.items.length > 0 ? (
              <li>
                put back in stock:{" "}
                {cancel.items.map((i) => `${i.quantity} × ${i.productName} (${i.colourName}, ${i.sku})`).join(", ")};
              </li>
            ) : null}
            <li>email {cancel.email ?? "the customer"} that the order was cancelled.</li>
          </ul>
          <div className="field admin-check">
            <input id="confirm" name="confirm" type="checkbox" value="yes" required {...fieldAria("confirm", error)} />
            <label htmlFor="confirm">Yes, cancel this order and refund it</label>
            {error ? (
              <p className="field-error" id="confirm-error">
                {error}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button danger" disabled={busy}>
            Cancel order and refund <Money cents={cancel.refundCents} />
          </button>
        </Form>
      )}
    </>
  );
}
